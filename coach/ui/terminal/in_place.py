"""Repaint one widget straight onto the terminal, without asking Textual for a frame.

An idle countdown changes a few cells a second. Textual's way to show them is a whole frame:
refresh(), an idle message, the screen's update timer, the compositor cutting every widget
that overlaps the dirty region into chops, then the write. On this project's machines that
frame cost about 0.7% of a core once a second, more than termdown spends on its whole countdown
(tests/bench/idle_cpu.py). Here the widget renders its own lines (the same `render_lines` the
compositor calls, so the cells are the ones a frame would draw) and they are written where the
compositor last placed it, through the app's own `_display`, so synchronized output and the
cursor are handled as for any frame.

Only when that is sure to be right; otherwise the caller falls back to refresh():
- a real terminal driver (Linux/macOS); not headless tests, not the web driver;
- the widget's screen is the one shown, no update batch is open, no text is selected;
- the widget is placed and wholly visible, nothing else (a toast, a tooltip) overlaps it;
- its size does not change (the caller knows: same number of digits, same bar width).
The widget's caches are dropped first, so any later frame draws the same new content. A
widget that draws itself by the Line API with plain styles (plain_styles()) gives its own
lines, in the styles of the last frame, skipping Textual's styling pass for each line. Several
widgets that changed together (the digits and the bar) go out in one write: one wake of
Textual's writer thread, not one each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from textual.geometry import Region
from textual.widget import Widget

try:  # private in Textual; without them every repaint simply goes through a frame
    from textual._compositor import CompositorUpdate, LayoutUpdate
    from textual.drivers.linux_driver import LinuxDriver
except ImportError:  # pragma: no cover - another Textual, or Windows
    CompositorUpdate = object  # type: ignore[assignment,misc]
    LayoutUpdate = None  # type: ignore[assignment,misc]


def repaint(widgets: Sequence[Widget]) -> None:
    """Show what changed in `widgets` (none of them changed size): in place, else by a frame."""
    if widgets and not paint_in_place(*widgets):
        for widget in widgets:
            widget.refresh()


def paint_in_place(*widgets: Widget) -> bool:
    """Draw `widgets` as they are now, where they already stand, in one write. False (nothing
    drawn) when that is not sure to be right for every one of them: refresh() them instead."""
    places = [_placement(widget) for widget in widgets]
    if not widgets or None in places:
        return False
    updates = []
    for widget, place in zip(widgets, places, strict=True):
        assert place is not None
        widget._set_dirty()  # drop the lines cached from the old content (for later frames too)
        own_lines = getattr(widget, "lines_in_place", None)
        strips = own_lines() if own_lines is not None else None
        if strips is None:
            strips = widget.render_lines(Region(0, 0, place.width, place.height))
        updates.append(LayoutUpdate([[strip] for strip in strips], place))
    app: Any = widgets[0].app
    app._display(widgets[0].screen, _Updates(updates))
    return True


def plain_styles(widget: Widget) -> bool:
    """True when Textual adds nothing to the widget's own lines (no padding, border, outline,
    tint, hatch or opacity): then a widget drawn by the Line API may hand its lines to
    paint_in_place itself (`lines_in_place()`), in the styles of the last frame, without
    Textual's styling pass; it works that out at each frame, when it renders."""
    styles = widget.styles
    return (
        not any(styles.padding)
        and not any(edge for edge, _color in styles.border)
        and not any(edge for edge, _color in styles.outline)
        and not styles.tint.a
        and styles.opacity == 1
        and styles.text_opacity == 1
        and (not styles.has_rule("hatch") or styles.hatch == "none")
    )


class _Updates(CompositorUpdate):
    """Several regions' updates written as one (the app's _display writes one update)."""

    def __init__(self, updates: list[Any]) -> None:
        self.updates = updates

    def render_segments(self, console: Console) -> str:
        return "".join(update.render_segments(console) for update in self.updates)


def _placement(widget: Widget) -> Region | None:
    """The widget's region on the terminal, when painting it in place is safe; else None."""
    if LayoutUpdate is None:
        return None
    app: Any = widget.app
    if not isinstance(getattr(app, "_driver", None), LinuxDriver):
        return None  # headless tests and the web driver (`coach serve`) take whole frames
    if not getattr(app, "_running", False) or getattr(app, "_closed", True):
        return None
    if getattr(app, "_batch_count", 1) or not widget.is_mounted or not widget.display:
        return None
    screen: Any = widget.screen
    if app.screen is not screen or getattr(screen, "selections", None):
        return None
    visible = screen._compositor.visible_widgets
    # Where it stands and what overlaps it change only with a new layout, which makes a new
    # visible map: worked out once per map, not once a second.
    checked = getattr(widget, "_in_place_checked", None)
    if checked is not None and checked[0] is visible:
        return checked[1]
    region = _unobstructed(widget, visible)
    widget._in_place_checked = (visible, region)  # type: ignore[attr-defined]
    return region


def _unobstructed(widget: Widget, visible: dict[Widget, tuple[Region, Region]]) -> Region | None:
    placed = visible.get(widget)
    if placed is None:
        return None
    region, clip = placed
    if not region or clip.intersection(region) != region or region.size != widget.outer_size:
        return None  # scrolled or clipped, or laid out for another size
    ancestors = set(widget.ancestors_with_self)
    for other, (other_region, _clip) in visible.items():
        if other not in ancestors and other_region.overlaps(region):
            return None  # a toast or anything else drawn over (or under) it
    return region
