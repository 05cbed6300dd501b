"""Exports from the command palette land where the user says, and say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from textual.widgets import Input

from tests.ui.helpers import record_notifications, type_text
from tui.app.returns_app import ReturnsApp
from tui.app.screens.form_dialog import FormDialog
from tui.store.backups import backup_folder, take_backup
from tui.store.journal import journal_path
from tui.store.seal import seal_path

WIDE = (160, 48)


@pytest.mark.parametrize(
    ("command", "name", "check"),
    [
        ("Export every case as CSV", "returns-2026-11-26.csv", b"order_number,item"),
        ("Export the whole store as JSON", "returns-2026-11-26.json", b'"format"'),
        ("Export open deadlines", "returns-deadlines-2026-11-26.ics", b"BEGIN:VCALENDAR"),
        ("Markdown evidence pack", "evidence-8190987654321098-2026-11-26.md", b"# Return case"),
    ],
)
async def test_palette_exports_write_the_file_and_say_where(
    app: ReturnsApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    name: str,
    check: bytes,
) -> None:
    monkeypatch.setattr("tui.app.command_sets.exports.export_folder", lambda: tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        await pilot.press("ctrl+p")
        await type_text(pilot, command)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # accept the suggested file name
        await pilot.pause()
        written = tmp_path / name
        assert written.read_bytes().startswith(check) or check in written.read_bytes()
        assert any(str(written) in message for message in shown)
    if name.endswith(".ics"):
        assert Calendar.from_ical(written.read_bytes()).walk("VEVENT")


WRITERS = ("export_csv", "export_json", "export_calendar", "export_evidence_pack", "save_copy")


@pytest.mark.parametrize("action", WRITERS)
async def test_no_palette_writer_writes_over_the_store_or_its_files(
    app: ReturnsApp, demo_path: Path, action: str
) -> None:
    store = app.store
    store.save(store.cases()[0])  # a journal, a lock and an owner note now exist
    take_backup(demo_path)
    seal_path(demo_path).write_bytes(b"{}")
    link = demo_path.with_name("alias.json")
    link.symlink_to(demo_path)
    targets = [
        demo_path,
        journal_path(demo_path),
        demo_path.with_name(demo_path.name + ".lock"),
        demo_path.with_name(demo_path.name + ".owner"),
        seal_path(demo_path),
        next(backup_folder(demo_path).iterdir()),
        link,
        demo_path.parent / "." / demo_path.name,
    ]
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        # The palette runs the same action (see the test above).
        await app.screen.run_action(f"run({action!r})")
        await pilot.pause()
        for target in targets:
            before = {p: p.read_bytes() for p in demo_path.parent.rglob("*") if p.is_file()}
            app.screen.query_one("#path", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            after = {p: p.read_bytes() for p in demo_path.parent.rglob("*") if p.is_file()}
            assert after == before, target
            assert f"Not written: {target}: is the store" in shown[-1]
            # Asked again, with what was typed, to correct it.
            assert isinstance(app.screen, FormDialog)
            assert app.screen.query_one("#path", Input).value == str(target)
