"""Saving from the app: a failed save is kept and retried; an outside change is reloaded."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import pytest

from tests.ui.helpers import dashboard, record_notifications
from tui.app.returns_app import ReturnsApp
from tui.app.widgets.status_bar import StatusBar
from tui.store.case_store import CaseStore

WIDE = (160, 48)


def disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def status_text(app: ReturnsApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def test_a_failed_save_says_so_keeps_the_change_and_retries(
    app: ReturnsApp, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        case = dashboard(pilot).selected_case
        monkeypatch.setattr("os.fsync", disk_full)
        await pilot.press("3", "space")
        await pilot.pause()
        assert app.store.unsaved
        assert "NOT SAVED" in status_text(app)
        assert app.store.get(case.id) != case  # the tick is kept on screen and in memory
        assert any("No space left" in message for message in shown)
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.store.unsaved
        assert "NOT SAVED" not in status_text(app)
    app.store.close()
    reopened = CaseStore.open(demo_path)
    assert reopened.get(case.id) == app.store.get(case.id)
    reopened.close()


async def test_an_outside_change_is_reloaded_not_overwritten(
    app: ReturnsApp, demo_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        outside = json.loads(demo_path.read_text())
        first = next(iter(outside["cases"].values()))
        first["item"] = "Edited elsewhere"
        demo_path.write_text(json.dumps(outside))
        dashboard(pilot).commands.saving.check_for_outside_changes()
        await pilot.pause()
        assert app.store.get(first["id"]).item == "Edited elsewhere"
        assert any("reloaded" in message for message in shown)


async def test_a_keystroke_never_waits_for_the_disk(
    app: ReturnsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    release = threading.Event()

    def slow_disk(descriptor: int) -> None:
        release.wait(timeout=10)  # the disk takes as long as the test says
        real_fsync(descriptor)

    monkeypatch.setattr("os.fsync", slow_disk)
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        case = dashboard(pilot).selected_case
        await pilot.press("3", "space")
        await pilot.pause()
        # The tick is on screen and in memory while the write is still waiting for the disk.
        assert app.store.get(case.id) != case
        assert app.store.pending_writes
        assert "saving" in status_text(app)
        assert not any("saved" in message.lower() for message in shown)
        release.set()
        while app.store.pending_writes:
            await pilot.pause(0.01)
        await pilot.pause()
        assert "saving" not in status_text(app)


async def test_a_save_that_ends_while_the_app_closes_is_no_error(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = dashboard(pilot)
        await screen.query_one(StatusBar).remove()  # as when the app's widgets are gone
        screen.save()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.return_code is None  # the flush worker did not fail and end the app
