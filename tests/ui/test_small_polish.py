"""Polish a new user sees: a header that keeps the store's name, an agenda that starts on an
entry, escape clearing a kept filter, archived cases said and marked, the order page and
evidence files opened, the tracking warning readable."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Input, OptionList

from tests.export_screenshots import finish_work
from tests.ui.helpers import (
    dashboard,
    listed_items,
    press_as_typed,
    record_notifications,
    type_text,
)
from tui.app import system_viewer
from tui.app.returns_app import ReturnsApp
from tui.app.widgets.case_list import CaseList
from tui.app.widgets.case_summary import CaseSummary
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


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
async def test_the_agenda_starts_on_an_entry_not_half_way_into_one(
    app: ReturnsApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await pilot.pause()
        agenda = pilot.app.screen.query_one("#agenda", OptionList)
        # An entry is its date line, then its kind and case, indented.
        first_line = agenda.render_line(0).text.strip()
        assert first_line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), first_line
        # Today's deadline, highlighted, is in view.
        shown = [agenda.render_line(y).text for y in range(agenda.size.height)]
        assert any("Thu 26 Nov" in line for line in shown)


async def test_escape_in_the_list_clears_a_kept_filter(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "xiaomi")
        await pilot.press("enter")  # back to the list, the filter kept
        assert listed_items(pilot) == ["Magnetic phone case for Pixel 9"]
        assert pilot.app.screen.focused is pilot.app.screen.query_one(CaseList)
        await pilot.press("escape")
        assert len(listed_items(pilot)) == 11
        assert not pilot.app.screen.query_one("#search", Input).display
        assert pilot.app.screen.focused is pilot.app.screen.query_one(CaseList)


async def test_o_opens_the_order_page_in_the_browser_and_says_where(
    store: CaseStore, clock: FixedClock
) -> None:
    elsewhere = replace(store.cases()[0], marketplace="Corner shop")
    store.save(elsewhere)
    app = ReturnsApp(store, clock, store_label="test store")
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        case = next(case for case in store.cases() if case.marketplace == "AliExpress")
        dashboard(pilot).select_case(case.id)
        shown = record_notifications(app)
        await pilot.press("O")
        page = f"https://www.aliexpress.com/p/order/detail.html?orderId={case.order_number}"
        assert opened == [page]
        assert shown == [f"Opening {page}"]  # the address, should no browser come up
        # A marketplace without a known order page says so and opens nothing.
        dashboard(pilot).select_case(elsewhere.id)
        shown.clear()
        await pilot.press("O")
        assert opened == [page]
        assert shown == ["No order page is known for Corner shop"]


class Launches:
    """Stands in for the programs the app starts: records each command line."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, installed: bool) -> None:
        self.commands: list[list[str]] = []
        monkeypatch.setattr(system_viewer.sys, "platform", "linux")
        monkeypatch.setattr(
            system_viewer.shutil, "which", lambda name: f"/usr/bin/{name}" if installed else None
        )
        monkeypatch.setattr(system_viewer.subprocess, "Popen", self.popen)

    def popen(self, command: list[str], **options: object) -> None:
        assert options["start_new_session"]  # never on the app's terminal
        self.commands.append(command)


@pytest.mark.parametrize("installed", [True, False], ids=["xdg-open", "no viewer"])
async def test_o_opens_the_kept_copy_of_an_evidence_file_with_the_system_viewer_or_says_where(
    app: ReturnsApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed: bool
) -> None:
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF")
    launches = Launches(monkeypatch, installed=installed)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        await pilot.press("3", "d")
        await type_text(pilot, str(receipt))
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        receipt.unlink()  # the shopper tidies the Downloads folder
        await pilot.press("o")
        kept = next(app.store.vault.folder.glob("*.pdf"))
        assert kept.read_bytes() == b"%PDF"
        assert opened == []  # never the web browser
        if installed:
            assert launches.commands == [["/usr/bin/xdg-open", str(kept)]]
            assert shown[-1] == "Opening receipt.pdf with xdg-open"
        else:
            assert launches.commands == []
            assert shown[-1] == f"Cannot open it here (xdg-open is not installed); it is {kept}"


async def test_d_says_what_it_archived_and_how_to_restore_it_and_the_palette_marks_it(
    app: ReturnsApp,
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        shown = record_notifications(app)
        await pilot.press("D")
        await finish_work(pilot.app)
        assert shown == [f"Archived {case.item}: f shows it among closed cases, R restores it"]
        await pilot.press("ctrl+p")
        await type_text(pilot, case.order_number)
        await finish_work(pilot.app)
        await pilot.pause()
        results = pilot.app.screen.query_one(CommandList)
        prompts = [
            str(results.get_option_at_index(index).prompt) for index in range(results.option_count)
        ]
        firsts = [prompt.splitlines()[0] for prompt in prompts]
        assert f"Jump to {case.order_number}: {case.item} (archived)" in firsts


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
async def test_the_tracking_warning_is_shown_whole_in_the_summary(
    store: CaseStore, clock: FixedClock, size: tuple[int, int]
) -> None:
    case = next(case for case in store.cases() if case.shipment.tracking_number)
    store.save(replace(case, shipment=replace(case.shipment, tracking_number="RB123456784GB")))
    app = ReturnsApp(store, clock, store_label="test store")
    async with app.run_test(size=size) as pilot:
        dashboard(pilot).select_case(case.id)
        await pilot.press("2")
        summary = pilot.app.screen.query_one(CaseSummary)
        lines = [summary.render_line(y).text.strip() for y in range(summary.size.height)]
        assert (
            "Tracking: RB123456784GB · GB post, UPU S10, check digit looks wrong · l copies "
            "the link" in " ".join(lines)
        ), lines


async def test_an_archived_case_says_so_in_its_summary_and_agenda(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await pilot.press("D")
        dashboard(pilot).select_case(case.id)
        await pilot.press("4", "v")
        summary = str(pilot.app.screen.query_one(CaseSummary).render())
        assert (
            summary.splitlines()[0]
            == "Archived: its deadlines are no longer followed; R restores it"
        )
        agenda = pilot.app.screen.query_one("#agenda", OptionList)
        assert str(agenda.get_option_at_index(0).prompt) == "Archived: nothing due (R restores it)"
        await pilot.press("R")
        summary = str(pilot.app.screen.query_one(CaseSummary).render())
        assert not summary.startswith("Archived")
        assert str(agenda.get_option_at_index(0).prompt) != "Archived: nothing due (R restores it)"


async def test_a_copied_tracking_link_is_shown_to_copy_by_hand(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = next(c for c in app.store.cases() if c.shipment.tracking_number == "RB123456785GB")
        dashboard(pilot).select_case(case.id)
        shown = record_notifications(app)
        await pilot.press("l")
        link = "https://t.17track.net/en#nums=RB123456785GB"
        assert app.clipboard == link
        # Some terminals ignore the clipboard sequence without a word: never claim it worked.
        assert shown == [f"Copied, if your terminal allows it; to copy by hand: {link}"]


async def test_each_action_says_what_it_did_once(app: ReturnsApp) -> None:
    steps = [
        ["D"],
        ["u"],
        ["U"],
        ["R"],
        ["f"],
        ["H", "ctrl+u", "D", "E", "enter"],
        ["w", "ctrl+u", "3", "0", "enter"],
        ["comma", "ctrl+s"],
        ["u"],
        ["s", "enter", "enter"],
        ["O"],
    ]
    app.open_url = lambda url, **_: None  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        for keys in steps:
            shown.clear()
            await press_as_typed(pilot, *keys)
            await finish_work(pilot.app)
            await pilot.pause()
            assert len(shown) == 1, (keys, shown)
