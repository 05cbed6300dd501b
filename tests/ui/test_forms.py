"""The one form dialog: the same keys in every form, errors as typed, dialogs kept and refilled."""

from __future__ import annotations

from textual.widgets import Input

from tests.ui.helpers import dashboard, field_message, type_text
from tui.app.returns_app import ReturnsApp
from tui.app.screens.confirm import Confirm
from tui.app.screens.form_dialog import FormDialog

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
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("y")
        assert app.store.settings().currency == "USD"
