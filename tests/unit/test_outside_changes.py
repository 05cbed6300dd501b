"""Another program changing the store at the wrong moment: while it is read, while it is
rewritten, or in place with its size and modification time put back. Its version is never
written over."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from tui.store import case_reading, journal
from tui.store.case_store import CaseStore
from tui.store.errors import StoreChangedOnDisk


def their_version(path: Path) -> bytes:
    """Replace the store as another program does (a sync tool writing a new file)."""
    data = json.loads(path.read_text())
    next(iter(data["cases"].values()))["notes"] = "written by another program"
    theirs = json.dumps(data).encode()
    temporary = path.with_name("theirs.tmp")
    temporary.write_bytes(theirs)
    os.replace(temporary, path)
    return theirs


def test_a_file_replaced_while_it_is_read_is_noticed(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = case_reading.read_store_file_and_digest
    theirs = b""

    def read_then_replaced(path: Path) -> case_reading.StoreFile:
        nonlocal theirs
        content = read(path)
        theirs = their_version(path)
        return content

    monkeypatch.setattr("tui.store.case_reading.read_store_file_and_digest", read_then_replaced)
    store = CaseStore.open(demo_path)
    monkeypatch.undo()
    assert store.changed_on_disk()
    with pytest.raises(StoreChangedOnDisk):
        store.save(replace(store.cases()[0], notes="mine"))
    store.abandon_unsaved()
    store.close()
    assert demo_path.read_bytes() == theirs


def test_a_file_replaced_during_the_rewrite_on_closing_is_kept(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CaseStore.open(demo_path)
    store.stage([replace(store.cases()[0], notes="mine")])
    sync = os.fsync
    theirs = b""

    def replaced_meanwhile(descriptor: int) -> None:
        nonlocal theirs
        sync(descriptor)
        if not theirs:  # the temporary file is written: now the other program strikes
            theirs = their_version(demo_path)

    monkeypatch.setattr("os.fsync", replaced_meanwhile)
    with pytest.raises(StoreChangedOnDisk):
        store.close()
    monkeypatch.undo()
    assert demo_path.read_bytes() == theirs


def test_an_edit_in_place_with_size_and_time_put_back_is_noticed(
    store: CaseStore, demo_path: Path
) -> None:
    before = demo_path.stat()
    text = demo_path.read_bytes()
    changed = text.replace(b"SoundPeak", b"SoundPeek", 1)
    assert len(changed) == len(text)
    with demo_path.open("r+b") as file:  # rsync --inplace -t
        file.write(changed)
    os.utime(demo_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert store.changed_on_disk()


def test_a_journal_whose_edits_are_all_in_the_file_is_removed_not_set_aside(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CaseStore.open(demo_path)
    edited = replace(store.cases()[0], notes="mine")
    store.save(edited)
    # Killed between the rewrite's rename and the journal's removal.
    monkeypatch.setattr("tui.store.journal.remove", lambda _store: None)
    store.close()
    monkeypatch.undo()
    assert journal.journal_path(demo_path).exists()
    again = CaseStore.open(demo_path)
    assert (again.unmatched, again.set_aside) == ([], None)
    assert again.get(edited.id).notes == "mine"
    again.close()
    left = [p.name for p in demo_path.parent.iterdir() if "journal" in p.name]
    assert left == []


def test_a_hard_link_to_the_store_is_no_change(store: CaseStore, demo_path: Path) -> None:
    os.link(demo_path, demo_path.parent / "linked-by-a-backup-tool.json")
    assert not store.changed_on_disk()
    store.save(replace(store.cases()[0], notes="mine"))
