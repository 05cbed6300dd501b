"""Overriding the policy from the keyboard: extensions, store windows, holidays."""

from __future__ import annotations

from datetime import timedelta

from tests.ui.helpers import dashboard, field_message, type_text
from tui.app.returns_app import ReturnsApp
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.domain.model import DeadlineKind

WIDE = (160, 48)


async def test_extending_a_deadline_moves_it_and_logs_why(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = pilot.app.screen.query_one(DeadlinesPane)
        await pilot.press("4")
        before = pane.highlighted_deadline
        assert before is not None
        await pilot.press("x")
        await type_text(pilot, "7")
        await pilot.press("tab")
        await type_text(pilot, "holiday")
        await pilot.press("enter")
        case = app.store.get(before.case_id)
        assert case.extensions[-1].days == 7
        assert case.events[-1].text == f"{before.kind.label}: +7 days (holiday)"
        moved = [
            d for d in dashboard(pilot).workspace.deadlines_of(case.id) if d.kind is before.kind
        ]
        assert moved[0].due == before.due + timedelta(days=7)


async def test_extension_days_are_validated(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("4", "x")
        await type_text(pilot, "soon")
        await pilot.press("enter")
        assert pilot.app.screen.query_one("#days").has_class("-invalid")
        assert "'soon' is not a whole number of days" in field_message(pilot.app.screen, "days")


async def test_a_store_window_applies_to_every_case_of_that_store(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("w")
        await type_text(pilot, "45")
        await pilot.press("enter")
        assert app.store.settings().store_windows[case.store] == 45


async def test_setting_a_country_for_holidays(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("H")
        await type_text(pilot, "xx")
        await pilot.press("enter")
        assert pilot.app.screen.query_one("#country").has_class("-invalid")
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "de")
        await pilot.press("enter")
        assert app.store.settings().country == "DE"
        assert dashboard(pilot).workspace.book.settings.country == "DE"


async def test_the_selected_case_agenda_explains_each_date(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = pilot.app.screen.query_one(DeadlinesPane)
        await pilot.press("4", "v")
        assert not pane.all_cases
        selected = dashboard(pilot).selected_id
        deadline = pane.highlighted_deadline
        assert deadline is not None
        assert deadline.case_id == selected
        agenda_text = str(pane.agenda.get_option_at_index(0).prompt)
        assert deadline.explanation in agenda_text
        assert DeadlineKind(deadline.kind).label in agenda_text
