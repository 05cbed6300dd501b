"""Nothing lost in the app: quitting with unsaved changes asks, a store moved or deleted while open
keeps everything and offers to save it back, edits another file lacks are offered again."""

from __future__ import annotations

import errno
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.builders import a_case
from tests.export_screenshots import finish_work
from tests.ui.helpers import dashboard, record_notifications, type_text
from tui.app.returns_app import ReturnsApp
from tui.app.screens.question import QuestionDialog
from tui.app.widgets.status_bar import StatusBar
from tui.cli import close_keeping_changes
from tui.store.case_store import CaseStore
from tui.store.errors import StoreError, StoreMissing

WIDE = (160, 48)


def disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def status_text(app: ReturnsApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def quit_with_a_change_the_full_disk_refused(pilot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tick an item while the disk is full (NOT SAVED), then press q."""
    monkeypatch.setattr("os.fsync", disk_full)
    await pilot.press("3", "space")
    await settle(pilot)
    await pilot.press("q")
    await pilot.pause()


async def settle(pilot) -> None:
    await finish_work(pilot.app)
    await pilot.pause()


async def test_quitting_with_unsaved_changes_asks_and_offers_a_copy(
    app: ReturnsApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        monkeypatch.setattr("os.fsync", disk_full)
        await pilot.press("3", "space")
        await settle(pilot)
        assert "NOT SAVED" in status_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)
        assert app.is_running
        await pilot.click("#save_copy")
        await pilot.pause()
        monkeypatch.undo()
        copy = tmp_path / "rescued.json"
        await pilot.press(*str(copy), "enter")
        await settle(pilot)
    assert not app.is_running
    rescued = CaseStore.open(copy, exclusive=False)
    assert rescued.get(case.id) == app.store.get(case.id)
    rescued.close()


async def test_a_try_that_fails_asks_again_and_a_copy_leaves_no_rescue_file(
    app: ReturnsApp, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await quit_with_a_change_the_full_disk_refused(pilot, monkeypatch)
        await pilot.click("#retry")  # the disk is still full
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, QuestionDialog)  # asked again, not left on the dashboard
        await pilot.click("#save_copy")
        await pilot.pause()
        monkeypatch.undo()
        await pilot.press(*str(tmp_path / "copy.json"), "enter")
        await settle(pilot)
    assert not app.is_running
    close_keeping_changes(app.store)  # as the command does once the app has ended
    assert not list(demo_path.parent.glob("*.unsaved-*"))  # everything is in the copy


async def test_quitting_with_unsaved_changes_can_be_cancelled(
    app: ReturnsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await quit_with_a_change_the_full_disk_refused(pilot, monkeypatch)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert "NOT SAVED" in status_text(app)
        monkeypatch.undo()
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#retry")
        await settle(pilot)
    assert not app.is_running
    assert not app.store.unsaved


async def test_quitting_with_everything_saved_does_not_ask(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "space")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_a_store_deleted_while_open_keeps_everything_and_is_saved_back(
    app: ReturnsApp, demo_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        count = len(app.store.cases())
        case = dashboard(pilot).selected_case
        demo_path.unlink()
        await pilot.press("3", "space")
        await settle(pilot)
        dashboard_screen = app.screen_stack[1]
        dashboard_screen.commands.saving.check_for_outside_changes()  # type: ignore[attr-defined]
        await settle(pilot)
        assert len(app.store.cases()) == count
        assert isinstance(app.screen, QuestionDialog)
        assert "moved or deleted" in str(app.screen.text)
        assert app.store.unsaved
        await pilot.click("#save_back")
        await settle(pilot)
        assert demo_path.exists()
        changed = app.store.get(case.id)
    app.store.close()
    reopened = CaseStore.open(demo_path, exclusive=False)
    assert len(reopened.cases()) == count
    assert reopened.get(case.id) == changed


async def test_a_store_moved_while_open_can_be_saved_elsewhere(
    app: ReturnsApp, demo_path: Path, tmp_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        count = len(app.store.cases())
        demo_path.rename(tmp_path / "moved.json")
        dashboard(pilot).commands.saving.check_for_outside_changes()
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)
        await pilot.click("#save_copy")
        await pilot.pause()
        await pilot.press(*str(tmp_path / "elsewhere.json"), "enter")
        await settle(pilot)
    elsewhere = CaseStore.open(tmp_path / "elsewhere.json", exclusive=False)
    assert len(elsewhere.cases()) == count
    with pytest.raises(StoreMissing):  # closing says the file was not written back
        app.store.close()
    app.store.abandon_unsaved()


async def test_edits_a_replaced_store_lacks_are_offered_again(
    app: ReturnsApp, demo_path: Path, tmp_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        app.store.save(replace(case, notes="my edit"))
        outside = json.loads(demo_path.read_text())
        for document in outside["cases"].values():
            if document["id"] == case.id:
                document["item"] = "Edited elsewhere"
        (tmp_path / "x.json").write_text(json.dumps(outside))
        os.replace(tmp_path / "x.json", demo_path)
        dashboard(pilot).commands.saving.check_for_outside_changes()
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)
        assert app.store.get(case.id).item == "Edited elsewhere"
        assert app.store.get(case.id).notes != "my edit"  # not replayed blindly
        await pilot.click("#apply")
        await settle(pilot)
        assert app.store.get(case.id).notes == "my edit"
    app.store.close()
    assert CaseStore.open(demo_path, exclusive=False).get(case.id).notes == "my edit"


async def test_a_copied_in_store_is_never_overwritten_by_the_journal(
    app: ReturnsApp, demo_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.json"
    theirs = CaseStore.open(other)
    theirs.save_all([a_case(id="t1", item="Their lamp")])
    theirs.close()
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        app.store.save(replace(case, notes="my edit"))
        shutil.copyfile(other, demo_path)
        dashboard(pilot).commands.saving.check_for_outside_changes()
        await settle(pilot)
        assert [c.item for c in app.store.cases()] == ["Their lamp"]
        await pilot.press("escape")  # keep the file as it is
        await settle(pilot)
    app.store.close()
    assert [c.item for c in CaseStore.open(demo_path, exclusive=False).cases()] == ["Their lamp"]


def test_changes_that_cannot_be_saved_on_close_are_rescued_to_a_copy(
    store: CaseStore, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.cli import close_keeping_changes
    from tui.store.errors import StoreError

    case = replace(store.cases()[0], notes="only in memory")
    store.stage([case])
    demo_path.unlink()
    with pytest.raises(StoreError, match="everything unsaved was written to") as raised:
        close_keeping_changes(store)
    rescued = Path(str(raised.value).rsplit(" ", 1)[1])
    assert CaseStore.open(rescued, exclusive=False).get(case.id).notes == "only in memory"


async def test_a_store_made_unreadable_while_open_is_a_failed_save_said_once(
    app: ReturnsApp, demo_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        board = dashboard(pilot)
        shown = record_notifications(app)
        with demo_path.open("ab") as file:
            file.write(b"garbage appended by another program")
        for _ in range(3):  # the check every 2 seconds
            board.commands.saving.check_for_outside_changes()
            await settle(pilot)
        assert len(shown) == 1  # said once, not every 2 seconds
        assert "NOT SAVED" in status_text(app)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "a note")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "saving" not in status_text(app)
        assert "NOT SAVED" in status_text(app)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuestionDialog)  # quitting asks
    app.store.abandon_unsaved()  # the test's own store is not rescued on closing


async def test_a_rescue_copy_from_an_earlier_session_is_named_at_the_next_start(
    store: CaseStore, demo_path: Path, clock
) -> None:
    rescued = demo_path.with_name(demo_path.name + ".unsaved-20261126-101500")
    shutil.copyfile(demo_path, rescued)
    app = ReturnsApp(store, clock, store_label="test store")
    shown = record_notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
    assert any(str(rescued) in message and "restore --backup" in message for message in shown)


def test_every_later_start_names_the_rescue_copy_and_the_backup(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    store = CaseStore.open(demo_path)
    store.save(replace(store.cases()[0], notes="before"))
    store.close()  # a backup is taken before the rewrite
    store = CaseStore.open(demo_path)
    store.stage([replace(store.cases()[0], notes="only in memory")])
    demo_path.write_bytes(b"truncated by another program")
    with pytest.raises(StoreError, match="everything unsaved was written to"):
        close_keeping_changes(store)
    for command in ([], ["due"]):
        assert main([*command, "--db", str(demo_path)]) == 2
        err = capsys.readouterr().err
        assert "unsaved-" in err
        assert "restore --backup" in err
        assert "newest backup" in err
