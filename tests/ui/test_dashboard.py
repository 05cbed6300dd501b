"""The dashboard driven by the keyboard, as a shopper would use it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Footer, Input

from tests.export_screenshots import finish_work
from tests.ui.helpers import (
    dashboard,
    focused_pane,
    listed_items,
    press_as_typed,
    record_notifications,
    type_text,
)
from tui.app.presenters import ago
from tui.app.returns_app import ReturnsApp
from tui.app.screens.form_dialog import FormDialog
from tui.app.screens.help_screen import HelpScreen
from tui.app.screens.question import QuestionDialog
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.reading_scroll import ReadingScroll
from tui.app.widgets.timeline_view import TimelineView
from tui.domain.clock import FixedClock
from tui.domain.deadlines import describe_days_left
from tui.domain.model import EventKind, Stage
from tui.store.case_store import CaseStore

WIDE = (160, 48)


async def test_opens_on_the_most_urgent_active_case(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        items = listed_items(pilot)
        assert items[0] == "Digital kitchen scale 5 kg"  # refund 6 days overdue
        assert len(items) == 11  # active cases only
        assert focused_pane(pilot) == "returns"
        assert dashboard(pilot).selected_case.item == items[0]


async def test_tab_and_number_keys_move_between_panes(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        visited = []
        for key in ("tab", "tab", "tab", "tab", "shift+tab", "2", "4", "1"):
            await pilot.press(key)
            visited.append(focused_pane(pilot))
        assert visited == [
            "timeline",
            "evidence",
            "deadlines",
            "returns",
            "deadlines",
            "timeline",
            "deadlines",
            "returns",
        ]


async def test_moving_the_cursor_selects_the_case_everywhere(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j")
        case = dashboard(pilot).selected_case
        assert case.item == listed_items(pilot)[2]
        timeline = pilot.app.screen.query_one(TimelineView)
        assert timeline.option_count == len(case.events)
        await pilot.press("k")
        assert dashboard(pilot).selected_case.item == listed_items(pilot)[1]


async def test_search_filters_as_you_type_and_escape_clears(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "xiaomi")
        assert listed_items(pilot) == ["Magnetic phone case for Pixel 9"]
        await pilot.press(*["backspace"] * len("xiaomi"))
        await type_text(pilot, "[global]")
        assert listed_items(pilot) == ["Magnetic phone case for Pixel 9"]
        await type_text(pilot, "x")
        assert listed_items(pilot) == []
        await pilot.press("escape")
        assert len(listed_items(pilot)) == 11
        assert not pilot.app.screen.query_one("#search", Input).display


async def test_search_finds_tracking_numbers(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "rb123456785")
        await pilot.press("enter")
        assert listed_items(pilot) == ["Smart watch, AMOLED, GPS"]
        assert focused_pane(pilot) == "returns"


async def test_scope_key_cycles_active_closed_all(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        assert sorted(listed_items(pilot)) == [
            "Engraved wooden phone stand",
            "Mechanical keyboard, 75%, hot-swap",
            "Over-ear Bluetooth headphones",
            "Vitamin C face cream 50 ml",
        ]
        await pilot.press("f")
        assert len(listed_items(pilot)) == 15


async def test_ticking_evidence_is_saved_to_disk(app: ReturnsApp, demo_path: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("3")
        checklist = pilot.app.screen.query_one(EvidenceList)
        first_open = next(
            index
            for index in range(checklist.option_count)
            if not checklist.get_option_at_index(index).disabled
            and "[ ]" in str(checklist.get_option_at_index(index).prompt)
        )
        key = checklist.get_option_at_index(first_open).id
        checklist.highlighted = first_open
        await pilot.press("space")
        assert app.store.get(case.id).evidence_entry(key).done
        await pilot.press("enter")
        assert not app.store.get(case.id).evidence_entry(key).done
        await pilot.press("space")
    app.store.close()
    reopened = CaseStore.open(demo_path)
    assert reopened.get(case.id).evidence_entry(key).done
    reopened.close()


async def test_adding_a_custom_evidence_item(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case_id = dashboard(pilot).selected_id
        await pilot.press("3", "plus")
        await type_text(pilot, "Customs [receipt]")
        await pilot.press("enter")
        labels = [entry.label for entry in app.store.get(case_id).evidence if entry.label]
        assert labels == ["Customs [receipt]"]
        # The new item is highlighted: r renames it, not the item the cursor was on.
        await pilot.pause()
        checklist = pilot.app.screen.query_one(EvidenceList)
        added = next(entry for entry in app.store.get(case_id).evidence if entry.label)
        assert checklist.highlighted == checklist.get_option_index(added.key)


async def test_adding_a_case_through_the_form(app: ReturnsApp, demo_path: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        assert isinstance(pilot.app.screen, FormDialog)
        assert pilot.app.screen.form.title == "New case"
        await type_text(pilot, "8100000000000099")
        await pilot.press("tab")
        await type_text(pilot, "Desk lamp")
        await pilot.press("tab")
        await type_text(pilot, "[bold]Shop[/]")
        await pilot.press("ctrl+s")
        assert dashboard(pilot).selected_case.store == "[bold]Shop[/]"
        assert "Desk lamp" in listed_items(pilot)
    app.store.close()
    reopened = CaseStore.open(demo_path)
    assert "Desk lamp" in [case.item for case in reopened.cases()]
    reopened.close()


async def test_a_new_case_like_a_known_one_asks_first(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        known = dashboard(pilot).selected_case
        assert known is not None
        count = len(app.store.cases())
        await press_as_typed(pilot, "n")
        await type_text(pilot, known.order_number)
        await pilot.press("tab")
        await type_text(pilot, known.item.upper())
        for answer in ("n", "y"):
            await press_as_typed(pilot, "ctrl+s")
            assert isinstance(pilot.app.screen, QuestionDialog)
            assert known.order_number in str(pilot.app.screen.text)
            await press_as_typed(pilot, answer)
            await pilot.pause()
            if answer == "n":  # back in the form, as typed
                assert isinstance(pilot.app.screen, FormDialog)
                assert len(app.store.cases()) == count
        assert len(app.store.cases()) == count + 1


async def test_the_form_names_bad_fields_and_keeps_them_open(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await press_as_typed(pilot, "n", "ctrl+s")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#order_number").has_class("-invalid")
        assert form.query_one("#item").has_class("-invalid")
        form.query_one("#amount", Input).focus()
        await type_text(pilot, "-5")
        assert form.query_one("#amount").has_class("-invalid")
        assert "must not be negative" in str(form.query_one("#amount").border_subtitle)
        summary = form.query_one("#summary")
        assert str(summary.render()).splitlines() == [
            "Order number: is required",
            "Item: is required",
            "Amount paid: must not be negative",
        ]
        # Fixing a field clears its error and its line in the summary at once.
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "5")
        assert not form.query_one("#amount").has_class("-invalid")
        assert str(form.query_one("#amount").border_subtitle) == ""
        assert str(summary.render()).splitlines() == [
            "Order number: is required",
            "Item: is required",
        ]
        form.query_one("#order_number", Input).focus()
        await type_text(pilot, "81")
        form.query_one("#item", Input).focus()
        await type_text(pilot, "Mug")
        assert not summary.display


async def test_escape_closes_an_untouched_form_at_once(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await press_as_typed(pilot, "e", "escape")
        assert focused_pane(pilot) == "returns"


async def test_escape_asks_before_throwing_typed_text_away(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        before = len(app.store.cases())
        await pilot.press("n")
        await type_text(pilot, "123")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, QuestionDialog)
        # No: back to the form, the typed text still there.
        await pilot.press("n")
        assert isinstance(pilot.app.screen, FormDialog)
        assert pilot.app.screen.query_one("#order_number", Input).value == "123"
        await pilot.press("escape", "y")
        assert len(app.store.cases()) == before
        assert focused_pane(pilot) == "returns"


async def test_editing_a_case_records_the_change(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#notes", Input).focus()
        await pilot.press("end")
        await type_text(pilot, " Seller stopped replying.")
        await pilot.press("ctrl+s")
        edited = app.store.get(case.id)
        assert edited.notes.endswith("Seller stopped replying.")
        assert edited.events[-1].text == "Changed Notes from (blank) to 'Seller stopped replying.'"


async def test_adding_an_event_to_the_timeline(app: ReturnsApp, demo_path: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("a")
        await type_text(pilot, "Called the bank")
        await pilot.press("enter")
        event = app.store.get(case.id).events[-1]
        assert (event.kind, event.text) == (EventKind.NOTE, "Called the bank")
        assert event.at == app.clock.now()
        timeline = pilot.app.screen.query_one(TimelineView)
        assert timeline.option_count == len(case.events) + 1


async def test_changing_stage_records_it_on_the_timeline(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        assert case.stage is Stage.REFUND_PENDING
        await press_as_typed(
            pilot, "s", "enter", "enter"
        )  # Refunded, then the stage form's defaults
        moved = app.store.get(case.id)
        assert moved.stage is Stage.REFUNDED
        assert moved.events[-1].text == "Refund pending → Refunded: USD 11.60 received"
        assert moved.events[-1].at == app.clock.now()
        # A refunded case is closed, so the active list no longer shows it.
        assert case.item not in listed_items(pilot)


async def test_enter_on_a_deadline_selects_its_case(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        first = dashboard(pilot).selected_id
        pane = pilot.app.screen.query_one(DeadlinesPane)
        await pilot.press("4")
        while (highlighted := pane.highlighted_deadline) and highlighted.case_id == first:
            await pilot.press("j")
        assert highlighted is not None
        assert pane.calendar.cursor == highlighted.due
        await pilot.press("enter")
        assert dashboard(pilot).selected_id == highlighted.case_id
        assert focused_pane(pilot) == "returns"


async def test_calendar_keys_move_by_day_week_and_month(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        calendar = pilot.app.screen.query_one("#calendar")
        await pilot.press("4", "right", "down")
        assert str(calendar.cursor) == "2026-12-04"
        await pilot.press("pageup")
        assert str(calendar.cursor) == "2026-11-04"
        await pilot.press("right_square_bracket", "right_square_bracket", "left")
        assert str(calendar.cursor) == "2027-01-03"
        await pilot.press("t")
        assert str(calendar.cursor) == "2026-11-26"


async def test_help_lists_every_key(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = " ".join(str(static.render()) for static in pilot.app.screen.query(".group"))
        for expected in (
            "Add a new return case",
            "Tick or untick",
            "Next deadline",
            "List every key",
        ):
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_the_palette_jumps_to_a_case_by_order_number(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "8192700011223344")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert dashboard(pilot).selected_case.item == "Smart watch, AMOLED, GPS"


async def test_narrow_terminals_show_one_pane_at_a_time(app: ReturnsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = dashboard(pilot)
        assert screen.has_class("-narrow")
        assert screen.query_one("#returns").display
        assert not screen.query_one("#details").display
        await pilot.press("3")
        assert screen.query_one("#evidence").display
        assert not screen.query_one("#returns").display
        assert not screen.query_one("#timeline").display


async def test_an_empty_list_says_what_to_do(tmp_path: Path, clock: FixedClock) -> None:
    store = CaseStore.open(tmp_path / "new.json")
    app = ReturnsApp(store, clock, store_label="new")
    async with app.run_test(size=WIDE) as pilot:
        screen = pilot.app.export_screenshot().replace("&#160;", " ")
        assert "No cases yet: n adds one" in screen
        assert "0 open" in screen
    store.close()
    assert not (tmp_path / "new.json").exists()  # nothing is written until the first change


async def test_a_filter_with_no_match_says_so(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "zzzz")
        screen = pilot.app.export_screenshot().replace("&#160;", " ")
        assert "No match among active cases: f shows closed cases, esc clears the filter" in screen
        await pilot.press("escape", "f", "f", "slash")
        await type_text(pilot, "zzzz")
        screen = pilot.app.export_screenshot().replace("&#160;", " ")
        assert "No case matches the filter (esc clears it)" in screen


async def test_the_header_counts_cases_and_undo_names_the_change(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = pilot.app.export_screenshot().replace("&#160;", " ")
        assert "5 cases overdue" in screen
        case = dashboard(pilot).selected_case
        messages = record_notifications(app)
        await pilot.press("3", "space", "u")
        await finish_work(pilot.app)
        # The first item of the demo's first case is ticked already: space unticks it.
        assert messages[-1] == f"Undone: unticked 'Order details screenshot' on {case.order_number}"


def test_recent_times_count_days_exactly() -> None:
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    assert ago(now - timedelta(days=17), now) == "17 days ago"
    assert ago(now - timedelta(days=1, hours=2), now) == "1 day ago"
    assert ago(now - timedelta(minutes=5), now) == "5 minutes ago"


async def test_the_palette_offers_the_most_urgent_cases_first(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = dashboard(pilot)
        first_three = [case.item for case in screen.most_urgent("", 3)]
        assert first_three == listed_items(pilot)[:3]
        assert [case.item for case in screen.most_urgent("STRIP", 5)] == [
            "RGB LED strip lights 10 m"
        ]


async def test_q_quits(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "q")
        await pilot.pause()
        assert not app.is_running


async def test_a_new_holidays_country_redraws_the_next_deadline(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        board = dashboard(pilot)
        case = next(
            c for c in app.store.cases() if c.item == "USB-C hub 8-in-1 with HDMI"
        )  # refund pending: business days
        before = board.workspace.deadlines_of(case.id)[0].due
        await pilot.press("H")
        await type_text(pilot, "IL")
        await pilot.press("enter")
        await pilot.pause()
        after = board.workspace.deadlines_of(case.id)[0].due
        assert after != before
        words = describe_days_left((after - app.clock.now().date()).days)
        row = next(
            line
            for line in pilot.app.export_screenshot().replace("&#160;", " ").splitlines()
            if "USB-C hub" in line
        )
        assert words in row


async def test_the_palette_offers_each_runnable_command_once(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        results = pilot.app.screen.query_one(CommandList)
        prompts = [
            str(results.get_option_at_index(index).prompt) for index in range(results.option_count)
        ]
        firsts = [prompt.splitlines()[0] for prompt in prompts]
        assert "Stage" in firsts
        assert "Move the selected case to another stage" in " ".join(prompts)
        assert len(firsts) == len(set(firsts))  # each entry once
        # A command shows its title and, under it, its help: never the same text twice.
        assert all(len(set(prompt.splitlines())) == len(prompt.splitlines()) for prompt in prompts)
        assert "Retry save" not in firsts  # nothing is unsaved
        jump = next(first for first in firsts if first.startswith("Jump to "))
        order_number = jump.removeprefix("Jump to ").split(":")[0]
        assert jump.count(order_number) == 1


async def test_a_keymap_in_the_settings_rebinds_a_command(
    store: CaseStore, clock: FixedClock
) -> None:
    store.stage_settings(replace(store.settings(), keymap={"everywhere.new_case": "N"}))
    store.flush()
    app = ReturnsApp(store, clock, store_label="test")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        assert not isinstance(pilot.app.screen, FormDialog)
        await pilot.press("N")
        assert isinstance(pilot.app.screen, FormDialog)


@pytest.mark.parametrize("key", ["question_mark", "S"])
async def test_help_and_statistics_scroll_from_the_keyboard(app: ReturnsApp, key: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        scroll = pilot.app.screen.query_one(ReadingScroll)
        assert scroll.has_focus
        assert scroll.max_scroll_y > 0  # more than a small terminal shows
        await pilot.press("end")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("home", "j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("k")
        assert scroll.scroll_y == 1


async def test_a_small_terminals_footer_shows_help_and_quit_first(app: ReturnsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for pane in ("1", "2", "3", "4"):
            await pilot.press(pane)
            footer = pilot.app.screen.query_one(Footer)
            keys = [key.key for key in footer.query("FooterKey")]  # type: ignore[attr-defined]
            assert keys[:2] == ["question_mark", "q"], pane
