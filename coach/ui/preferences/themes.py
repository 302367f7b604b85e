"""The night and day themes. Day is the app's usual look (Textual's dark theme); night is dim,
warm and low in blue, for a bedroom with the lights off. Text against the background stays at
WCAG AA or better (tests/ui/test_night_theme.py computes it from what the widgets show)."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

NIGHT = Theme(
    name="coach-night",
    primary="#b87034",  # a primary button's dark label on it: 5:1
    secondary="#6e4526",
    warning="#d8963a",
    error="#ea7454",  # bright enough that its hovered shade keeps the dark label at 4.5:1
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
        "text-disabled": "#a08a70",  # an input's placeholder: Textual's 38% was 3.54:1
        # A coloured button's label: dark on the colour (amber on red-orange was 1.36:1).
        "button-color-foreground": "#140c06",
        "block-cursor-foreground": "#140c06",
        "block-cursor-background": "#c08040",
        "input-selection-background": "#6e4526 50%",
    },
)
# Day: Textual's dark theme, with its pairs under 4.5:1 mended: a coloured button's label white
# (light grey on the red of "I'm cramping now" was 4.26:1).
DAY = replace(
    BUILTIN_THEMES["textual-dark"],
    name="coach-day",
    variables={
        "button-color-foreground": "#ffffff",
        # The selected entry of a list: its light text on Textual's blue was 3.78:1.
        "block-cursor-background": "#0169b9",
        "text-disabled": "#9a9a9a",  # an input's placeholder: Textual's 38% was 3.52:1
    },
)
THEME_NAMES = {"night": NIGHT.name, "day": DAY.name}


def register(app: App) -> None:
    for theme in (NIGHT, DAY):
        if theme.name not in app.available_themes:
            app.register_theme(theme)


def set_look(app: App, look: str) -> None:
    """'night' or 'day'."""
    register(app)
    app.theme = THEME_NAMES[look]


def current_look(app: App) -> str:
    return "night" if app.theme == NIGHT.name else "day"
