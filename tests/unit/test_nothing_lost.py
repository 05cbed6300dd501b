"""Nothing lost in the store: a journal is only replayed on the file it was written against, a short
write is a failed save, symlinks are never replaced or followed, unknown fields survive, values
out of range are refused."""

from __future__ import annotations

import errno
import json
import os
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tests.builders import a_case
from tui.store import journal
from tui.store.case_store import CaseStore, SaveFailed
from tui.store.errors import StoreChangedOnDisk, StoreError


def crash(store: CaseStore) -> None:
    """What kill -9 leaves: no close; the OS drops the lock."""
    store._lock.release()  # type: ignore[union-attr]


def outside_write(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    tmp = path.with_name("outside.tmp")
    tmp.write_text(json.dumps(data))
    os.replace(tmp, path)


def test_a_journal_is_never_replayed_over_a_different_store_copied_in(
    demo_path: Path, tmp_path: Path
) -> None:
    store = CaseStore.open(demo_path)
    mine = store.cases()[0]
    store.save(replace(mine, notes="my edit"))
    other = tmp_path / "other.json"
    theirs = CaseStore.open(other)
    theirs.save_all([a_case(id="t1", item="Their lamp"), a_case(id="t2", item="Their chair")])
    theirs.close()
    before = {case.id: case for case in CaseStore.open(other, exclusive=False).cases()}
    shutil.copyfile(other, demo_path)
    assert store.changed_on_disk()
    store.reload()
    assert {case.id: case for case in store.cases()} == before  # nothing overwritten
    assert [case.notes for case in store.unmatched] == ["my edit"]  # offered, not replayed
    store.close()
    assert {case.id: case for case in CaseStore.open(demo_path, exclusive=False).cases()} == before


def test_an_outside_edit_to_the_same_case_is_kept_and_my_edit_is_offered(
    demo_path: Path,
) -> None:
    store = CaseStore.open(demo_path)
    mine = store.cases()[0]
    store.save(replace(mine, notes="my edit"))

    def edit(data: dict) -> None:
        for document in data["cases"].values():
            if document["id"] == mine.id:
                document["item"] = "Edited elsewhere"

    outside_write(demo_path, edit)
    store.reload()
    assert store.get(mine.id).item == "Edited elsewhere"
    assert store.get(mine.id).notes == mine.notes
    [offered] = store.unmatched
    assert offered.notes == "my edit"
    store.stage(store.unmatched)  # the user takes it again
    store.flush()
    store.close()
    reopened = CaseStore.open(demo_path, exclusive=False)
    assert reopened.get(mine.id).notes == "my edit"


def test_a_journal_left_against_another_file_is_set_aside_not_replayed(demo_path: Path) -> None:
    store = CaseStore.open(demo_path)
    mine = store.cases()[0]
    store.save(replace(mine, notes="my edit"))
    crash(store)

    def edit(data: dict) -> None:
        for document in data["cases"].values():
            if document["id"] == mine.id:
                document["item"] = "Edited elsewhere"

    outside_write(demo_path, edit)
    reopened = CaseStore.open(demo_path)
    assert reopened.get(mine.id).item == "Edited elsewhere"
    assert reopened.get(mine.id).notes == mine.notes
    assert [case.notes for case in reopened.unmatched] == ["my edit"]
    assert reopened.set_aside is not None
    assert reopened.set_aside.exists()
    assert not journal.journal_path(demo_path).exists()
    reopened.close()


def test_replay_matches_cases_by_id_not_document_number(demo_path: Path) -> None:
    store = CaseStore.open(demo_path)
    first, second = store.cases()[:2]
    store.stage_delete(first.id)
    store.flush()
    store.save(replace(second, notes="edited after a delete"))
    store.save(a_case(id="new", item="New one"))
    crash(store)
    reopened = CaseStore.open(demo_path)
    assert reopened.find(first.id) is None
    assert reopened.get(second.id).notes == "edited after a delete"
    assert reopened.get("new").item == "New one"
    reopened.close()


def short_write(descriptor: int, data: bytes) -> int:
    """A full disk: the first half goes down, then nothing more fits."""
    if short_write.calls == 0:
        short_write.calls += 1
        return os.__dict__["_real_write"](descriptor, data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_journal_line_cut_short_by_a_full_disk_is_a_failed_save(
    store: CaseStore, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.cases()[0]
    store.save(replace(case, notes="saved"))
    size = journal.journal_path(demo_path).stat().st_size
    short_write.calls = 0
    monkeypatch.setattr(os, "_real_write", os.write, raising=False)
    monkeypatch.setattr("os.write", short_write)
    with pytest.raises(SaveFailed):
        store.save(replace(case, notes="not saved"))
    assert store.unsaved
    monkeypatch.undo()
    assert journal.journal_path(demo_path).stat().st_size == size  # back to its last whole line
    crash(store)
    reopened = CaseStore.open(demo_path)
    assert reopened.get(case.id).notes == "saved"
    reopened.close()


def test_a_journal_that_fails_to_sync_is_taken_back(
    store: CaseStore, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.cases()[0]
    store.save(replace(case, notes="saved"))

    def no_sync(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("os.fsync", no_sync)
    with pytest.raises(SaveFailed):
        store.save(replace(case, notes="not saved"))
    monkeypatch.undo()
    crash(store)
    reopened = CaseStore.open(demo_path)
    assert reopened.get(case.id).notes == "saved"
    reopened.close()


def test_the_journal_never_outgrows_the_store(store: CaseStore, demo_path: Path) -> None:
    case = store.cases()[0]
    for number in range(60):
        store.save(replace(case, notes=f"edit {number} " + "x" * 2000))
        size = (
            journal.journal_path(demo_path).stat().st_size
            if journal.journal_path(demo_path).exists()
            else 0
        )
        assert size <= demo_path.stat().st_size


def test_a_store_reached_through_a_symlink_stays_a_symlink(tmp_path: Path, demo_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(demo_path)
    store = CaseStore.open(link)
    store.save(replace(store.cases()[0], notes="through the link"))
    store.close()
    assert link.is_symlink()
    assert CaseStore.open(demo_path, exclusive=False).get(store.cases()[0].id).notes == (
        "through the link"
    )
    # The lock is on the real file: opening it by its own name is refused while the link is open.
    store = CaseStore.open(link)
    with pytest.raises(StoreError, match="already open"):
        CaseStore.open(demo_path)
    store.close()


def test_a_symlink_planted_at_the_journal_is_never_followed(
    store: CaseStore, demo_path: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    journal.journal_path(demo_path).symlink_to(victim)
    with pytest.raises(SaveFailed):
        store.save(replace(store.cases()[0], notes="x"))
    assert victim.read_text() == "precious"
    journal.journal_path(demo_path).unlink()


def test_a_symlink_planted_at_a_backup_name_is_never_followed(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import backups

    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    folder = backups.backup_folder(demo_path)
    folder.mkdir()
    monkeypatch.setattr("os.link", lambda *_a: (_ for _ in ()).throw(OSError(errno.EXDEV, "x")))
    fixed = "returns-20260101-000000-000000.json"

    class Now:
        @staticmethod
        def now():
            from datetime import datetime

            return datetime(2026, 1, 1)

    monkeypatch.setattr(backups, "datetime", Now)
    (folder / fixed).symlink_to(victim)
    with pytest.raises(OSError):  # noqa: PT011
        backups.take_backup(demo_path)
    assert victim.read_text() == "precious"


def test_two_cases_with_the_same_id_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = CaseStore.open(path)
    store.save_all([a_case(id="a"), a_case(id="b")])
    store.close()
    data = json.loads(path.read_text())
    data["cases"]["2"]["id"] = "a"
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="same id"):
        CaseStore.open(path, exclusive=False)


def test_fields_this_version_does_not_know_survive_an_edit(tmp_path: Path) -> None:
    from tui.domain.actions import add_event
    from tui.domain.model import EventKind

    path = tmp_path / "s.json"
    store = CaseStore.open(path)
    from tui.domain.actions import add_custom_evidence

    case = add_event(a_case(id="a"), EventKind.NOTE, "first", a_case().created_at)
    case, _ = add_custom_evidence(case, "receipt")
    store.save(case)
    store.close()
    data = json.loads(path.read_text())
    document = data["cases"]["1"]
    document["future_field"] = {"nested": [1, 2]}
    document["shipment"]["insured"] = True
    document["events"][0]["attachment"] = "photo.jpg"
    document["evidence"][0]["checked_by"] = "me"
    data["meta"]["1"]["sync"] = {"device": "laptop"}
    data["meta"]["1"].setdefault("settings", {})["new_setting"] = 5
    path.write_text(json.dumps(data))

    store = CaseStore.open(path)
    edited = replace(store.get("a"), notes="edited by an older version")
    edited = add_event(edited, EventKind.NOTE, "second", a_case().created_at)
    store.save(edited)
    store.stage_settings(replace(store.settings(), country="DE"))
    store.flush()
    store.close()
    after = json.loads(path.read_text())
    document = after["cases"]["1"]
    assert document["notes"] == "edited by an older version"
    assert document["future_field"] == {"nested": [1, 2]}
    assert document["shipment"]["insured"] is True
    assert document["events"][0]["attachment"] == "photo.jpg"
    assert document["evidence"][0]["checked_by"] == "me"
    assert after["meta"]["1"]["sync"] == {"device": "laptop"}
    assert after["meta"]["1"]["settings"]["new_setting"] == 5
    assert after["meta"]["1"]["settings"]["country"] == "DE"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("received_on", "9999-01-01"),
        ("ordered_on", "1900-01-01"),
        ("created_at", "9999-12-31T00:00:00+00:00"),
        ("amount", "NaN"),
        ("amount", "sNaN"),
        ("amount", "Infinity"),
        ("amount", "1e9"),
        ("amount", "-5"),
        ("extensions", [{"kind": "return_window", "days": 10**9, "reason": ""}]),
        ("return_window_days", 10**9),
    ],
)
def test_values_out_of_range_are_refused_at_load_and_import_naming_the_field(
    tmp_path: Path, field: str, value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main
    from tui.formats.json_file import write_json
    from tui.store.codec import case_to_document

    document = case_to_document(a_case(id="a"))
    document[field] = value
    store_file = tmp_path / "s.json"
    store_file.write_text(
        json.dumps({"meta": {"1": {"schema_version": 2}}, "cases": {"1": document}})
    )
    with pytest.raises(StoreError, match=field):
        CaseStore.open(store_file, exclusive=False)
    export = json.loads(write_json([a_case(id="a")]))
    export["cases"][0][field] = value
    source = tmp_path / "in.json"
    source.write_text(json.dumps(export))
    status = main(["import", str(source), "--db", str(tmp_path / "fresh.json")])
    err = capsys.readouterr().err
    assert status == 2
    assert field in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("name", "raw"), [("amount", "1000000000"), ("received_on", "1989-12-31")])
def test_forms_refuse_values_out_of_range(name: str, raw: str) -> None:
    from datetime import date

    from tests.builders import field_error

    assert field_error(name, raw, date(2026, 1, 1))


def test_a_lock_held_by_another_returns_tui_names_its_process_and_how_to_end_it(
    store: CaseStore, demo_path: Path
) -> None:
    with pytest.raises(StoreError) as refused:
        CaseStore.open(demo_path)
    assert f"process {os.getpid()}" in str(refused.value)
    assert f"kill {os.getpid()}" in str(refused.value)


class DeadTerminal:
    """A terminal that was closed: every write fails with EIO."""

    def write(self, _text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")

    def flush(self) -> None:
        raise OSError(errno.EIO, "Input/output error")

    def fileno(self) -> int:
        return 1


def test_a_dead_terminal_never_blocks_the_writer() -> None:
    from tui.app.textual_compat import BoundedWriterThread

    writer = BoundedWriterThread(DeadTerminal())  # type: ignore[arg-type]
    writer.start()
    for number in range(1000):  # far more than the queue holds
        writer.write(f"frame {number}")
    writer.stop()
    assert writer.dead.is_set()
    writer.join()


def test_an_abandoned_terminal_is_never_written_again() -> None:
    from tui.app.textual_compat import BoundedWriterThread

    class Recording:
        def __init__(self) -> None:
            self.written: list[str] = []

        def write(self, text: str) -> int:
            self.written.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    terminal = Recording()
    writer = BoundedWriterThread(terminal)  # type: ignore[arg-type]
    writer.start()
    writer.abandon()
    for number in range(100):
        writer.write(f"frame {number}")
    writer.stop()
    writer.join()
    assert terminal.written == []


def test_an_edit_after_an_upgrade_is_replayed_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "meta": {"1": {"schema_version": 1}},
                "cases": {
                    "1": {
                        "id": "old",
                        "order_number": "81",
                        "item": "Old lamp",
                        "created_at": "2025-01-02T10:00:00+00:00",
                        "notes": "long enough for the journal " * 200,
                    }
                },
            }
        )
    )
    store = CaseStore.open(path)  # upgraded on disk
    store.save(replace(store.get("old"), notes="after the upgrade"))
    assert journal.journal_path(path).exists()
    crash(store)
    reopened = CaseStore.open(path)
    assert reopened.get("old").notes == "after the upgrade"
    assert reopened.unmatched == []
    reopened.close()


def _first_document(data: dict) -> dict:
    return next(iter(data["cases"].values()))


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        (lambda data: _first_document(data).update(amount=12.5), "amount has the wrong type"),
        (
            lambda data: data["cases"].update({"999": dict(_first_document(data))}),
            "have the same id",
        ),
    ],
)
def test_a_file_that_fails_to_reload_leaves_the_store_as_it_was(
    tmp_path: Path, spoil, said: str
) -> None:
    """Found by a review: a reload that failed on one case left the store half replaced (the
    app crashed, or wrote the bad file back and sealed it)."""
    path = tmp_path / "returns.json"
    store = CaseStore.open(path)
    store.save_all([a_case(id="a", amount=Decimal("5")), a_case(id="b", order_number="2")])
    before = store.cases()
    outside_write(path, spoil)
    spoiled = path.read_bytes()
    with pytest.raises(StoreError, match=said):
        store.reload()
    assert store.cases() == before
    assert store.count() == 2
    with pytest.raises(StoreChangedOnDisk):  # the other program's file is never overwritten
        store.save(replace(before[1], notes="after the failed reload"))
    assert path.read_bytes() == spoiled


def test_a_journal_that_names_no_file_is_set_aside_not_replayed(demo_path: Path) -> None:
    """A journal without the header naming the file it belongs to matches no file."""
    store = CaseStore.open(demo_path)
    mine = store.cases()[0]
    store.save(replace(mine, notes="my edit"))
    crash(store)
    path = journal.journal_path(demo_path)
    path.write_bytes(path.read_bytes().split(b"\n", 1)[1])  # the header line taken out
    reopened = CaseStore.open(demo_path)
    assert reopened.get(mine.id).notes == mine.notes
    assert [case.notes for case in reopened.unmatched] == ["my edit"]
    assert reopened.set_aside is not None
    assert not path.exists()
    reopened.close()
