"""WCAG 2 contrast between two colours: the night theme must still be readable (AA: 4.5:1)."""

from __future__ import annotations

AA_NORMAL_TEXT = 4.5


def parse_hex(colour: str) -> tuple[int, int, int]:
    """'#ffb070' or 'ffb070' -> (255, 176, 112)."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"expected a colour like #ffb070, got {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1.0 to 21.0."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def blue_share(rgb: tuple[int, int, int]) -> float:
    """How much of a colour is blue (0..1): a night colour keeps this low."""
    total = sum(rgb)
    return rgb[2] / total if total else 0.0
