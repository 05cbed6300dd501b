"""The statistics screen: money awaited and refunded, open cases by stage, stores compared."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Sparkline, Static

from tui.app.presenters import money
from tui.app.screens.dialog import Dialog
from tui.app.text import user_text
from tui.app.widgets.reading_scroll import ReadingScroll
from tui.domain.model import Case
from tui.domain.statistics import compute

_BAR_WIDTH = 30


def _amounts(amounts: dict) -> str:
    return (
        ", ".join(money(amount, currency) for currency, amount in sorted(amounts.items())) or "none"
    )


class StatisticsScreen(Dialog[None]):
    """Figures over every case, with a bar chart of open cases and a refunds sparkline."""

    BINDINGS = [Binding("S,q", "cancel", "Close", show=False)]

    DEFAULT_CSS = """
    StatisticsScreen > #dialog { width: 96; }
    StatisticsScreen ReadingScroll { height: auto; max-height: 1fr; }
    StatisticsScreen .section { margin-top: 1; height: auto; }
    StatisticsScreen Sparkline { height: 3; width: 84; margin: 0 1; }
    StatisticsScreen #months { margin: 0 1; color: $text-muted; }
    """

    def __init__(self, cases: list[Case], today: date, kept: str) -> None:
        """`kept`: how much the evidence vault holds."""
        super().__init__()
        self.figures = compute(cases, today)
        self.today = today
        self.kept = kept

    def compose(self) -> ComposeResult:
        figures = self.figures
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Statistics"
            dialog.border_subtitle = "j/k PgUp/PgDn scroll · esc close"
            with ReadingScroll():
                rows = (
                    ("Awaiting refund", _amounts(figures.awaiting)),
                    ("Refunded: month", _amounts(figures.refunded_this_month)),
                    ("          year", _amounts(figures.refunded_this_year)),
                    ("Evidence kept", self.kept),
                )
                lines = (Content.assemble((f"{label:<18}", "bold"), value) for label, value in rows)
                yield Static(Content("\n").join(lines))
                yield Static(self._stages(), classes="section")
                yield Label("Refunds received, last 12 months", classes="section")
                yield Sparkline(figures.monthly_refunds, summary_function=max)
                yield Static(_month_labels(self.today), id="months")
                yield Static(self._stores(), classes="section")

    def _stages(self) -> Content:
        rows = self.figures.open_by_stage
        most = max((count for _, count in rows), default=1)
        lines = [Content.styled("Open cases by stage", "bold")]
        for stage, count in rows:
            bar = "█" * max(1, round(_BAR_WIDTH * count / most))
            lines.append(Content.assemble(f"{stage.label:<20}", (bar, "$accent"), f" {count}"))
        if not rows:
            lines.append(Content.styled("No open cases", "dim"))
        return Content("\n").join(lines)

    def _stores(self) -> Content:
        lines = [
            Content.styled(f"{'Store':<32}{'finished':>9}{'success':>9}{'median days':>13}", "bold")
        ]
        for record in self.figures.stores:
            days = (
                "-"
                if record.median_days_to_refund is None
                else f"{record.median_days_to_refund:.0f}"
            )
            name = user_text(record.store).truncate(30, ellipsis=True, pad=True)
            lines.append(
                name + Content(f"  {record.finished:>7}{record.success_rate:>9.0%}{days:>13}")
            )
        if not self.figures.stores:
            lines.append(Content.styled("No finished cases yet", "dim"))
        return Content("\n").join(lines)


# The sparkline is 84 cells wide: 7 for each of the last twelve months.
_MONTH_CELLS = 7


def _month_labels(today: date) -> str:
    """The months under the refunds sparkline, oldest first, each over its own bars."""
    months = [(today.year * 12 + today.month - 1 - back) for back in range(11, -1, -1)]
    return "".join(
        f"{date(index // 12, index % 12 + 1, 1):%b}".ljust(_MONTH_CELLS) for index in months
    )
