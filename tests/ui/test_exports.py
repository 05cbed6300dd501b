"""Exports from the command palette land where the user says, and say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from tests.ui.helpers import record_notifications, type_text
from tui.app.returns_app import ReturnsApp

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
    monkeypatch.setattr("tui.app.screens.export_commands.export_folder", lambda: tmp_path)
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
