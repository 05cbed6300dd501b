"""Polish a new user sees: a header that keeps the store's name, an agenda that starts on an
entry, escape clearing a kept filter, archived cases said and marked, the order page and
evidence files opened, the tracking warning readable."""

from __future__ import annotations

from tui.app.returns_app import ReturnsApp
from tui.app.widgets.status_bar import StatusBar
from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore

NARROW = (80, 24)
WIDE = (160, 48)
DEMO_LABEL = "demo store: changes are thrown away on exit"


async def test_a_small_header_keeps_the_counts_and_the_store_name(
    store: CaseStore, clock: FixedClock
) -> None:
    app = ReturnsApp(store, clock, store_label=DEMO_LABEL)
    async with app.run_test(size=NARROW) as pilot:
        status = pilot.app.screen.query_one(StatusBar)
        shown = str(status.render())
        assert len(shown) <= status.content_size.width
        assert "5 overdue" in shown
        assert shown.endswith("demo store")
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        shown = str(status.render())
        assert "5 cases overdue" in shown
        assert shown.endswith(DEMO_LABEL)
