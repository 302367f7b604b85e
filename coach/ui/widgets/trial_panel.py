"""History's trial panel: the report's words (coach/core/trial/report.py) and the weekly chart,
drawn by textual-plotext when there is room, else the chart's text form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from coach.core.safe_text import printable
from coach.core.screen_words import quote_commands
from coach.core.trial.chart import MIN_WIDTH, draw, text_form
from coach.core.trial.report import TrialReport

CHART_ROWS = 16
MIN_SCREEN_ROWS = 30  # below this the chart would push everything else out of sight


class TrialPanel(Vertical):
    DEFAULT_CSS = """
    TrialPanel { height: auto; margin-top: 1; }
    TrialPanel #trial-chart { height: 16; }
    TrialPanel #trial-text, TrialPanel #trial-weeks { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Your own trial: does the nightly routine help you?", classes="section")
        yield Static(id="trial-text")

    def show(self, report: TrialReport) -> None:
        text = "\n".join(printable(quote_commands(line)) for line in report.lines())
        self.query_one("#trial-text", Static).update(Content(text))
        if not report.weeks:
            return
        size = self.app.size
        if size.width >= MIN_WIDTH and size.height >= MIN_SCREEN_ROWS:
            from textual_plotext import PlotextPlot

            plot = PlotextPlot(id="trial-chart")
            self.mount(plot)
            draw(plot.plt, report.weeks)
        else:
            self.mount(Static(Content(text_form(report.weeks)), id="trial-weeks"))
