"""The toolkit by keyboard: messages, tracking links, undo, delete, statistics, settings."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, TextArea

from tests.ui.helpers import (
    dashboard,
    field_message,
    listed_items,
    press_as_typed,
    record_notifications,
    type_text,
)
from tui.app.returns_app import ReturnsApp
from tui.app.screens.form_dialog import FormDialog
from tui.app.screens.statistics_screen import StatisticsScreen
from tui.app.widgets.evidence_list import EvidenceList
from tui.domain.model import USER_EVENT_KINDS, EventKind, Stage

WIDE = (160, 48)


async def test_a_message_from_a_template_is_copied_and_logged(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await press_as_typed(pilot, "m", "enter")  # the first template: damaged item
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.clipboard.startswith("Hello HomeChef Tools,")
        assert case.order_number in app.clipboard
        # Copied is not sent: nothing is logged until the shopper says it was sent.
        assert app.store.get(case.id) == case
        shown = str(pilot.app.screen.query_one("#text").render())
        assert "copy it by hand" in shown
        assert "Hello HomeChef Tools," in shown
        await pilot.press("enter")
        logged = app.store.get(case.id).events[-1]
        assert logged.kind is EventKind.MESSAGE_SENT
        assert logged.text == app.clipboard.strip()


async def test_a_template_of_ones_own_is_offered_next_time(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "message template of your own")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await type_text(pilot, "Nudge")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [mine] = app.store.settings().templates
        assert mine.name == "Nudge"
        await press_as_typed(pilot, "m", "end", "enter", "ctrl+s")
        await pilot.pause()
        assert app.clipboard.startswith("Hello HomeChef Tools,\n\nAbout order 8190987654321098")
        await pilot.press("escape")  # not sent yet: nothing logged


async def test_the_tracking_link_is_copied(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        dashboard(pilot).select_case(
            next(c.id for c in app.store.cases() if c.shipment.tracking_number == "RB123456785GB")
        )
        await pilot.press("l")
        assert app.clipboard == "https://t.17track.net/en#nums=RB123456785GB"
        opened: list[str] = []
        app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
        await pilot.press("L")
        assert opened == ["https://t.17track.net/en#nums=RB123456785GB"]


async def test_undo_takes_back_ticks_stage_changes_and_deletes(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("3", "space")
        assert app.store.get(case.id) != case
        await pilot.press("u")
        assert app.store.get(case.id) == case
        await pilot.press("1", "s", "enter", "enter")
        assert app.store.get(case.id).stage is Stage.REFUNDED
        await pilot.press("u")
        assert app.store.get(case.id) == case
        assert dashboard(pilot).selected_id == case.id
        await pilot.press("D")
        assert app.store.get(case.id).archived
        assert case.item not in listed_items(pilot)
        await pilot.press("u")
        assert app.store.get(case.id) == case
        assert case.item in listed_items(pilot)


async def test_undo_of_a_new_case_removes_it(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        before = len(app.store.cases())
        await pilot.press("n")
        await type_text(pilot, "555")
        await pilot.press("tab")
        await type_text(pilot, "Mug")
        await pilot.press("ctrl+s", "u")
        assert len(app.store.cases()) == before
        assert "Mug" not in listed_items(pilot)


async def test_statistics_open_and_close(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("S")
        assert isinstance(pilot.app.screen, StatisticsScreen)
        assert "USD 43.75" in pilot.app.export_screenshot().replace("&#160;", " ")
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, StatisticsScreen)


async def test_settings_are_saved_in_the_store_and_applied(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("comma")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        assert form.form.title == "Settings"
        form.query_one("#lead_times").focus()
        await pilot.press("end", *["backspace"] * len("3, 1"))  # clear the field
        await pilot.press(*"7, 2")
        form.query_one("#currency").focus()
        await pilot.press("end", "backspace", "backspace", "backspace", *"eur")
        await pilot.press("ctrl+s")
        await pilot.pause()
        settings = app.store.settings()
        assert (settings.lead_times, settings.currency) == ((7, 2), "EUR")


async def test_the_edit_form_warns_about_a_wrong_check_digit_and_saves_it_everywhere(
    app: ReturnsApp,
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = next(c for c in app.store.cases() if c.stage is Stage.SHIPPED_BACK)
        dashboard(pilot).select_case(case.id)
        await pilot.press("e")
        form = pilot.app.screen
        form.query_one("#tracking_number", Input).value = ""
        form.query_one("#tracking_number").focus()
        await type_text(pilot, "RB123456784GB")
        note = field_message(form, "tracking_number")
        assert note == "GB post, UPU S10, check digit looks wrong; kept as typed"
        await pilot.press("ctrl+s")
        corrected = app.store.get(case.id)
        assert corrected.shipment.tracking_number == "RB123456784GB"
        # The move's timeline entry names the parcel by its corrected number.
        move = next(e for e in reversed(corrected.events) if e.stage is Stage.SHIPPED_BACK)
        assert "RB123456784GB" in move.text
        assert case.shipment.tracking_number not in move.text


async def test_undo_covers_settings_and_redo_makes_it_again(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        before = app.store.settings().country
        await pilot.press("H")
        await type_text(pilot, "DE")
        await pilot.press("enter")
        assert app.store.settings().country == "DE"
        await pilot.press("u")
        assert app.store.settings().country == before
        await pilot.press("U")
        assert app.store.settings().country == "DE"


async def test_an_archived_case_is_marked_and_restored_directly(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("D")
        assert app.store.get(case.id).archived
        await pilot.press("f", "f")  # all cases
        dashboard(pilot).select_case(case.id)
        await pilot.pause()
        row = next(
            line
            for line in pilot.app.export_screenshot().replace("&#160;", " ").splitlines()
            if case.order_number in line and "Archived" in line
        )
        assert case.item in row
        await pilot.press("R")
        assert not app.store.get(case.id).archived
        assert app.store.get(case.id).events[-1].text == "Restored"


async def test_a_theme_chosen_anywhere_is_remembered(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pilot.app.theme = "nord"  # what the palette's Theme command does
        await pilot.pause()
        assert app.store.settings().theme == "nord"


async def test_own_evidence_items_are_renamed_and_removed(app: ReturnsApp) -> None:
    # Opening an item's file: tests/ui/test_small_polish.py.
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("3", "plus")
        await type_text(pilot, "Bank statement")
        await pilot.press("enter")
        [mine] = [e for e in app.store.get(case.id).evidence if e.label]
        items = pilot.app.screen.query_one(EvidenceList)
        items.highlighted = items.get_option_index(mine.key)
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Card statement")
        await pilot.press("enter")
        assert app.store.get(case.id).evidence_entry(mine.key).label == "Card statement"
        await pilot.press("x")
        assert all(e.key != mine.key for e in app.store.get(case.id).evidence)
        await pilot.press("u")
        assert app.store.get(case.id).evidence_entry(mine.key).label == "Card statement"


async def test_settings_list_and_remove_store_windows_and_rebind_keys(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        assert app.store.settings().store_windows == {"BrightHome Lighting": 30}
        await pilot.press("comma")
        form = pilot.app.screen
        windows = form.query_one("#store_windows", TextArea)
        assert windows.text == "30 BrightHome Lighting"
        windows.text = "20 Zeb Store"  # BrightHome's line deleted, Zeb's added
        form.query_one("#keymap", TextArea).text = "everywhere.new_case = N"
        await pilot.press("ctrl+s")
        await pilot.pause()
        settings = app.store.settings()
        assert settings.store_windows == {"Zeb Store": 20}
        assert settings.keymap == {"everywhere.new_case": "N"}
        await pilot.press("N")
        assert isinstance(pilot.app.screen, FormDialog)
        assert pilot.app.screen.form.title == "New case"


async def test_a_keymap_naming_no_binding_is_refused(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("comma")
        form = pilot.app.screen
        form.query_one("#keymap", TextArea).text = "everywhere.fly = F"
        await pilot.press("ctrl+s")
        assert pilot.app.screen is form
        error = field_message(form, "keymap")
        assert "'everywhere.fly' is not a binding" in error


async def test_the_refunds_sparkline_names_its_months(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("S")
        months = str(pilot.app.screen.query_one("#months").render())
        assert months.split() == [
            "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"
        ]  # fmt: skip


async def test_your_name_from_settings_signs_a_message(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await press_as_typed(pilot, "comma")
        while pilot.app.focused is not pilot.app.screen.query_one("#name"):
            await pilot.press("tab")
        await type_text(pilot, "Ada [Lovelace]")
        await pilot.press("ctrl+s")
        await press_as_typed(pilot, "m", "enter")
        message = pilot.app.screen.query_one("#text", TextArea).text
        assert message.rstrip().endswith("Thank you,\nAda [Lovelace]")


async def test_the_toast_and_undo_name_the_kind_of_event_added(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        assert case.events[-1].kind is not EventKind.TRACKING_UPDATE
        shown = record_notifications(app)
        await press_as_typed(pilot, "a")
        await pilot.press("shift+tab", "shift+tab", "enter")  # the kinds, opened
        down = USER_EVENT_KINDS.index(EventKind.TRACKING_UPDATE)
        await pilot.press(*["down"] * down, "enter", "tab")
        # Dated before the case's latest event, it does not end the timeline.
        await type_text(pilot, f"{case.events[-1].at - timedelta(hours=1):%Y-%m-%d %H:%M}")
        await pilot.press("tab")
        await type_text(pilot, "In the sorting centre")
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = app.store.get(case.id)
        assert any(event.kind is EventKind.TRACKING_UPDATE for event in added.events)
        await pilot.press("u")
        await pilot.pause()
        assert shown == [
            "Tracking update added",
            f"Undone: tracking update added on {case.order_number}",
        ]
