"""A seller contacted and silent: the summary says to open a dispute now, and the stage picker
offers it first."""

from __future__ import annotations

from datetime import UTC, date

from textual.widgets import OptionList

from tests.ui.helpers import dashboard, press_as_typed
from tests.unit.test_silent_seller import SCALE
from tui.app.returns_app import ReturnsApp
from tui.app.widgets.case_summary import CaseSummary
from tui.domain.clock import FixedClock
from tui.domain.model import Stage
from tui.store.case_store import CaseStore

WIDE = (160, 48)


async def test_a_silent_seller_means_open_a_dispute_now(store: CaseStore) -> None:
    store.save(SCALE)
    app = ReturnsApp(store, FixedClock.on(date(2026, 12, 4), UTC), store_label="test store")
    async with app.run_test(size=WIDE) as pilot:
        dashboard(pilot).select_case(SCALE.id)
        await pilot.pause()
        summary = str(pilot.app.screen.query_one(CaseSummary).render())
        assert (
            "Seller silent since 2026-11-26: open a dispute (possible since 2026-11-16, "
            "last day 2026-12-09)"
        ) in summary
        assert "Dispute can be opened: open now" in summary
        await press_as_typed(pilot, "s")
        options = pilot.app.screen.query_one(OptionList)
        first = options.get_option_at_index(1)  # after the "Next steps" heading
        assert first.id == Stage.DISPUTE_OPEN.value
