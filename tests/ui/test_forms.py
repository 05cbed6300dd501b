"""The one form dialog: the same keys in every form, errors as typed, dialogs kept and refilled."""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.export_screenshots import finish_work
from tests.ui.helpers import (
    dashboard,
    field_message,
    focused_pane,
    press_as_typed,
    record_notifications,
    type_text,
)
from tui.app.returns_app import ReturnsApp
from tui.app.screens.form_dialog import FormDialog
from tui.app.screens.question import QuestionDialog
from tui.app.widgets.case_list import CaseList

WIDE = (160, 48)


async def test_ctrl_s_saves_the_event_form_like_every_other(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("a")
        await type_text(pilot, "Asked for a refund")
        await pilot.press("ctrl+s")
        assert app.store.get(case.id).events[-1].text == "Asked for a refund"


async def test_enter_moves_on_in_the_long_case_form_instead_of_saving(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        await type_text(pilot, "81")
        await pilot.press("enter")
        assert pilot.app.screen is form
        assert pilot.app.focused is form.query_one("#item")


async def test_a_form_opened_again_starts_afresh_from_its_case(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        first = dashboard(pilot).selected_case
        assert first is not None
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#amount", Input).focus()
        await type_text(pilot, "x")
        assert "is not a number" in field_message(form, "amount")
        await pilot.press("escape", "y")
        await pilot.press("j")
        second = dashboard(pilot).selected_case
        assert second is not None
        assert second.id != first.id
        await pilot.press("e")
        again = pilot.app.screen
        assert isinstance(again, FormDialog)
        assert again.form.title == f"Edit {second.order_number}"
        assert again.query_one("#order_number", Input).value == second.order_number
        assert field_message(again, "amount") == ""
        assert not again.query_one("#amount").has_class("-invalid")
        assert not again.query_one("#summary").has_class("-shown")
        assert pilot.app.focused is again.query_one("#order_number")
        # Untouched, it closes at once; saved, it changes only its own case.
        await pilot.press("ctrl+s")
        assert app.store.get(first.id) == first


async def test_esc_on_changed_settings_asks_first(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("comma")
        pilot.app.screen.query_one("#currency", Input).focus()
        await type_text(pilot, "X")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, QuestionDialog)
        await pilot.press("y")
        assert app.store.settings().currency == "USD"


async def _typed_at_once(pilot: Pilot[None], *keys: str) -> None:
    """Keys sent in one burst, as a script or a fast typist sends them: none waits for the
    last to be handled (Pilot's press would)."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await finish_work(pilot.app)
    await pilot.pause()


async def test_a_key_straight_after_j_opens_the_case_under_the_cursor(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        second = app.store.get(pilot.app.screen.query_one(CaseList).case_ids[1])
        await _typed_at_once(pilot, "j", "e")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        assert form.form.title == f"Edit {second.order_number}"


async def test_keys_typed_while_a_dialog_opens_never_act_on_the_dashboard(
    app: ReturnsApp,
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("2")  # the timeline, where x deletes the highlighted event
        case = dashboard(pilot).selected_case
        assert case is not None
        await _typed_at_once(pilot, "a", "x", "tab")
        assert isinstance(pilot.app.screen, FormDialog)
        await pilot.press("escape")
        assert app.store.get(case.id) == case
        assert focused_pane(pilot) == "timeline"


async def test_saving_an_untouched_form_changes_nothing_and_undoes_nothing(
    app: ReturnsApp,
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        shown = record_notifications(app)
        await press_as_typed(pilot, "e", "ctrl+s")
        await pilot.press("2", "enter", "ctrl+s")
        assert shown == ["Nothing changed", "Nothing changed"]
        await pilot.press("u")
        assert shown[-1] == "Nothing to undo"
        assert app.store.get(case.id) == case


async def test_a_form_opened_again_shows_each_text_from_its_start(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = max(app.store.cases(), key=lambda case: len(case.dispute.reason))
        assert len(case.dispute.reason) > 40  # longer than the field is wide
        dashboard(pilot).select_case(case.id)
        for _ in range(2):
            await pilot.press("e")
            reason = pilot.app.screen.query_one("#dispute_reason", Input)
            assert reason.cursor_position == len(reason.value)
            assert reason.scroll_offset.x == 0
            reason.focus()
            await pilot.press("home", "end")  # scrolled to the text's end, nothing changed
            assert reason.scroll_offset.x > 0
            await pilot.press("escape")


async def test_undo_that_clears_a_kept_filter_takes_its_esc_out_of_the_footer(
    app: ReturnsApp,
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "space", "1", "slash")
        await type_text(pilot, "mouse")
        await pilot.press("enter", "u")
        footer_keys = [key.key for key in pilot.app.screen.query("FooterKey")]  # type: ignore[attr-defined]
        assert "escape" not in footer_keys


@pytest.mark.parametrize(
    ("keys", "field", "typed"),
    [
        (("s", "enter"), "when", "2026-11-25"),
        (("a",), "when", "2026-11-25 09:30"),
        (("comma",), "currency", "EUR"),
        (("e",), "amount", "12.50"),
    ],
)
async def test_typing_over_a_prefilled_field_replaces_its_text(
    app: ReturnsApp, keys: tuple[str, ...], field: str, typed: str
) -> None:
    """The text is selected when the field gets the focus, so what is typed replaces it."""
    async with app.run_test(size=WIDE) as pilot:
        await press_as_typed(pilot, *keys)
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        entry = form.query_one(f"#{field}", Input)
        assert entry.value  # prefilled
        burst = tuple(typed)
        if pilot.app.focused is not entry:  # reached with tab, typed straight after it
            while pilot.app.focused is not entry:
                await pilot.press("tab")
            burst = ("shift+tab", "tab", *burst)
        await _typed_at_once(pilot, *burst)
        assert entry.value == typed
