"""The night and day themes. Day is the app's usual look (Textual's dark theme); night is dim,
warm and low in blue, for a bedroom with the lights off. Text against the background stays at
WCAG AA or better (tests/ui/test_night_theme.py computes it from what the widgets show)."""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

NIGHT = Theme(
    name="coach-night",
    primary="#9a5a2a",
    secondary="#6e4526",
    warning="#d8963a",
    error="#e0664c",
    success="#b8a040",
    accent="#e0a050",
    foreground="#d8964e",  # amber: bright enough to read, with almost no blue
    background="#140c06",
    surface="#1c130d",
    panel="#2a1c12",
    boost="#3a2616",
    dark=True,
    variables={
        "text": "#d8964e",  # Textual's default is white at 87%: the instruction's colour
        "footer-key-foreground": "#f0b060",
        "footer-foreground": "#c08850",
        "footer-background": "#1c130d",
        "text-muted": "#a87a4c",
        "block-cursor-foreground": "#140c06",
        "block-cursor-background": "#c08040",
        "input-selection-background": "#6e4526 50%",
    },
)
THEME_NAMES = {"night": NIGHT.name, "day": "textual-dark"}


def register(app: App) -> None:
    if NIGHT.name not in app.available_themes:
        app.register_theme(NIGHT)


def set_look(app: App, look: str) -> None:
    """'night' or 'day'."""
    register(app)
    app.theme = THEME_NAMES[look]


def current_look(app: App) -> str:
    return "night" if app.theme == NIGHT.name else "day"
