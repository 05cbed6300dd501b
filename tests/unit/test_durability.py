"""Nothing lost: migrations, failed saves, outside changes, backups, one writer, restore."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from tests.builders import a_case
from tui.cli import restore as restore_command
from tui.store import backups, journal
from tui.store.case_store import CaseStore, SaveFailed
from tui.store.errors import StoreChangedOnDisk, StoreLocked
from tui.store.migrations import SCHEMA_VERSION

VERSION_1 = {
    "meta": {"1": {"schema_version": 1}},
    "cases": {
        "1": {
            "id": "old",
            "order_number": "81",
            "item": "Old lamp",
            "created_at": "2025-01-02T10:00:00+00:00",
        }
    },
}


def disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_older_file_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "returns.json"
    original = json.dumps(VERSION_1).encode()
    path.write_bytes(original)
    reader = CaseStore.open(path, exclusive=False)
    assert reader.get("old").item == "Old lamp"
    reader.close()
    assert path.read_bytes() == original  # a reader never rewrites

    store = CaseStore.open(path)
    store.close()
    upgraded = json.loads(path.read_text())
    assert upgraded["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert upgraded["cases"]["1"]["extensions"] == []
    [kept] = backups.backups_of(path)
    assert kept.read_bytes() == original
    assert kept.name.endswith("-schema1.json")


def test_a_failed_save_keeps_the_change_and_a_retry_writes_it(
    store: CaseStore, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_path.read_bytes()
    case = store.cases()[0]
    monkeypatch.setattr("os.fsync", disk_full)
    with pytest.raises(SaveFailed, match="No space left on device"):
        store.save(replace(case, notes="kept in memory"))
    with pytest.raises(SaveFailed):
        store.save(a_case(id="new-one"))
    assert store.unsaved
    assert store.get(case.id).notes == "kept in memory"
    assert demo_path.read_bytes() == before
    assert not list(demo_path.parent.glob("*.tmp"))
    monkeypatch.undo()

    store.flush()  # everything held in memory, again
    store.save(a_case(id="new-one", item="Renamed"))  # updates, does not insert twice
    assert not store.unsaved
    store.close()
    reopened = CaseStore.open(demo_path)
    assert reopened.get(case.id).notes == "kept in memory"
    assert [c.item for c in reopened.cases() if c.id == "new-one"] == ["Renamed"]
    reopened.close()


def test_a_copy_can_be_saved_elsewhere_when_the_store_cannot_be_written(
    store: CaseStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.cases()[0]
    monkeypatch.setattr("os.fsync", disk_full)
    with pytest.raises(SaveFailed):
        store.save(replace(case, notes="rescued"))
    monkeypatch.undo()
    copy = tmp_path / "elsewhere" / "copy.json"
    copy.parent.mkdir()
    store.save_copy(copy)
    rescued = CaseStore.open(copy, exclusive=False)
    assert rescued.get(case.id).notes == "rescued"
    rescued.close()


def test_an_outside_change_is_never_overwritten(store: CaseStore, demo_path: Path) -> None:
    outside = json.loads(demo_path.read_text())
    first = next(iter(outside["cases"].values()))
    first["notes"] = "edited in a text editor"
    demo_path.write_text(json.dumps(outside))
    assert store.changed_on_disk()
    with pytest.raises(StoreChangedOnDisk):
        store.save(replace(store.cases()[1], notes="mine"))
    assert json.loads(demo_path.read_text()) == outside
    store.reload()
    assert store.get(first["id"]).notes == "edited in a text editor"
    assert not store.changed_on_disk()
    store.save(replace(store.get(first["id"]), notes="mine after reload"))
    reader = CaseStore.open(demo_path, exclusive=False)
    assert reader.get(first["id"]).notes == "mine after reload"
    reader.close()


def test_rolling_backups_keep_the_newest_few(tmp_path: Path) -> None:
    path = tmp_path / "returns.json"
    for version in range(backups.KEEP + 3):
        path.write_text(f'{{"version": {version}}}')
        backups.take_backup(path)
    kept = backups.backups_of(path)
    assert len(kept) == backups.KEEP
    assert kept[0].read_text() == f'{{"version": {backups.KEEP + 2}}}'


def test_each_session_backs_up_before_it_first_rewrites_the_file(
    store: CaseStore, demo_path: Path
) -> None:
    original = demo_path.read_bytes()
    store.save(replace(store.cases()[0], notes="first"))
    store.save(replace(store.cases()[0], notes="second"))
    store.close()  # folds the journal into the file, keeping the old one first
    [kept] = backups.backups_of(demo_path)
    assert kept.read_bytes() == original


def test_temporary_files_left_by_a_crash_are_removed(demo_path: Path) -> None:
    leftover = demo_path.parent / f".{demo_path.name}.abc123.tmp"
    leftover.write_text("half a write")
    CaseStore.open(demo_path).close()
    assert not leftover.exists()


def test_the_lock_names_its_process_and_dies_with_it(demo_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from tui.store.case_store import CaseStore
                store = CaseStore.open(Path({str(demo_path)!r}))
                print("open", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(
            StoreLocked, match=f"open in another returns-tui \\(process {holder.pid}\\)"
        ):
            CaseStore.open(demo_path)
        CaseStore.open(demo_path, exclusive=False).close()  # readers are welcome
    finally:
        holder.kill()  # SIGKILL: no chance to clean up
        holder.wait()
    CaseStore.open(demo_path).close()


def test_restore_asks_first_and_keeps_the_replaced_file(
    store: CaseStore,
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.save(replace(store.cases()[0], notes="after the backup"))
    store.close()
    demo_path.write_text("corrupted")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    questions = []

    def ask(question: str) -> str:
        questions.append(question)
        return "y"

    assert restore_command.restore(demo_path, None, list_only=False, assume_yes=False, ask=ask) == 0
    assert questions[0].startswith(f"Replace {demo_path} with ")
    assert CaseStore.open(demo_path, exclusive=False).cases()
    kept = list(demo_path.parent.glob("returns.json.replaced-*"))
    assert [path.read_text() for path in kept] == ["corrupted"]
    assert "Restored" in capsys.readouterr().out


def test_restore_refuses_without_a_terminal_or_consent(
    store: CaseStore, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(replace(store.cases()[0], notes="x"))
    store.close()
    before = demo_path.read_bytes()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    status = restore_command.restore(
        demo_path, None, list_only=False, assume_yes=False, ask=lambda _q: "n"
    )
    assert status == restore_command.NOTHING_DONE_EXIT
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    status = restore_command.restore(demo_path, None, list_only=False, assume_yes=False)
    assert status == restore_command.NOTHING_DONE_EXIT
    assert demo_path.read_bytes() == before


def test_the_store_file_and_its_journal_are_private(store: CaseStore, demo_path: Path) -> None:
    store.save(store.cases()[0])
    assert oct(os.stat(journal.journal_path(demo_path)).st_mode & 0o777) == "0o600"
    store.close()
    assert oct(os.stat(demo_path).st_mode & 0o777) == "0o600"


def test_a_crash_leaves_acknowledged_edits_in_the_journal(demo_path: Path) -> None:
    store = CaseStore.open(demo_path)
    case = store.cases()[0]
    store.save(replace(case, notes="acknowledged"))
    # Simulate kill -9: the process vanishes without closing; the OS drops its lock.
    store._lock.release()  # type: ignore[union-attr]
    with journal.journal_path(demo_path).open("ab") as torn:
        torn.write(b'{"cases": {"1": {"id"')  # a write cut short by the crash
    reopened = CaseStore.open(demo_path)
    assert reopened.get(case.id).notes == "acknowledged"
    assert not journal.journal_path(demo_path).exists()  # folded into the file at once
    reopened.close()


def test_restore_list_shows_each_backup_s_date_size_and_cases(
    store: CaseStore, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = store.count()
    store.save(replace(store.cases()[0], notes="after the backup"))  # a backup is taken first
    store.close()
    [backup] = backups.backups_of(demo_path)
    backup_bad = backup.with_name(backup.name.replace("-", "-0", 1))
    backup_bad.write_text("{not json")
    assert restore_command.restore(demo_path, None, list_only=True, assume_yes=False) == 0
    lines = capsys.readouterr().out.splitlines()
    taken = datetime.fromtimestamp(backup.stat().st_mtime)
    assert f"{taken:%Y-%m-%d %H:%M}" in lines[0] or f"{taken:%Y-%m-%d %H:%M}" in lines[1]
    good = next(line for line in lines if line.endswith(str(backup)))
    assert f"  {count} cases  " in good
    assert " kB " in good or " MB " in good
    bad = next(line for line in lines if line.endswith(str(backup_bad)))
    assert "unreadable: is not valid JSON" in bad
