"""Every piece of text on the screen as drawn, with the colour it is drawn in and the colour
behind it: what a person actually sees, whatever widget, state or theme variable made it."""

from __future__ import annotations

from typing import Any

from coach.core.bedside.contrast import AA_NORMAL_TEXT, contrast_ratio

# Borders, bars and block glyphs are drawing, not text to read; so is a radio button's dot (off,
# it is meant to be nearly invisible: the label beside it is the text).
NOT_TEXT = set(" ▔▁▊▎▏▕▌▐█▀▄━─│┃╭╮╰╯┏┓┗┛┌┐└┘═║╔╗╚╝▪•·…▶◀▲▼⎯▇▆▅▃▂●")


def areas(app: Any) -> list[tuple[int, int, int, int]]:
    """(x, y, width, height) to read: the whole screen, or a dialog's own boxes (what a modal
    dims behind it is not there to be read)."""
    screen = app.screen
    if not screen.is_modal:
        return [(0, 0, screen.size.width, screen.size.height)]
    return [tuple(child.region) for child in screen.children if child.display]


def drawn_pairs(app: Any) -> list[tuple[str, tuple[int, int, int], tuple[int, int, int]]]:
    """(text, foreground, background) for each run of readable characters on the screen."""
    pairs = []
    strips = app.screen._compositor.render_strips()
    lines = [
        strips[y].crop(x, x + width)
        for x, top, width, height in areas(app)
        for y in range(top, min(top + height, len(strips)))
    ]
    for strip in lines:
        for segment in strip:
            text, style = segment.text, segment.style
            if style is None or not set(text) - NOT_TEXT:
                continue
            if style.color is None or style.bgcolor is None:
                continue
            fg = style.color.get_truecolor()
            bg = style.bgcolor.get_truecolor()
            if style.reverse:
                fg, bg = bg, fg
            pairs.append((text.strip(), tuple(fg), tuple(bg)))
    return pairs


def too_faint(app: Any, minimum: float = AA_NORMAL_TEXT) -> list[str]:
    """What is drawn below `minimum`, each as 'text: #fg on #bg = ratio'."""
    faint = []
    for text, fg, bg in drawn_pairs(app):
        ratio = contrast_ratio(fg, bg)
        if ratio < minimum:
            hex_fg = "#{:02x}{:02x}{:02x}".format(*fg)
            hex_bg = "#{:02x}{:02x}{:02x}".format(*bg)
            faint.append(f"{text!r}: {hex_fg} on {hex_bg} = {ratio:.2f}")
    return sorted(set(faint))
