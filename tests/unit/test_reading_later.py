"""A sealed store reads the first screen's cases on opening and the rest later (`read_rest`)."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tests.benchmarks.generate import generate_store
from tui.domain.model import Case
from tui.store.case_store import CaseStore


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    """A store of 260 cases as the app leaves it: sealed, its 200 most urgent cases named."""
    return generate_store(tmp_path / "sealed.json", 260, seed=11)


def _read_whole(path: Path) -> list[Case]:
    """The cases as a store without a seal reads them (every row, on opening)."""
    unsealed = path.with_name("unsealed.json")
    unsealed.write_bytes(path.read_bytes())
    store = CaseStore.open(unsealed, exclusive=False)
    assert store.read_whole
    return store.cases()


def test_opening_reads_only_the_cases_the_first_screen_shows(sealed: Path) -> None:
    store = CaseStore.open(sealed, exclusive=False)
    urgent = store.urgency_order()
    assert urgent
    assert not store.read_whole
    assert store.count() == 260
    by_id = {case.id: case for case in _read_whole(sealed)}
    assert [store.find(case_id) for case_id in urgent] == [by_id[case_id] for case_id in urgent]
    assert not store.read_whole  # finding those needed nothing more
    assert store.cases() == _read_whole(sealed)  # the same cases, in the same order
    assert store.read_whole


def test_a_change_made_before_the_rest_is_read_is_kept(sealed: Path) -> None:
    store = CaseStore.open(sealed)
    first = store.find(store.urgency_order()[0])
    assert first is not None
    store.save(replace(first, notes="changed while the rest was unread"))
    assert store.read_rest()
    assert store.get(first.id).notes == "changed while the rest was unread"
    assert store.count() == 260
    store.close()
    again = CaseStore.open(sealed, exclusive=False)
    assert again.get(first.id).notes == "changed while the rest was unread"


def test_a_case_not_read_yet_is_changed_not_added(sealed: Path) -> None:
    everything = _read_whole(sealed)
    urgent = set(CaseStore.open(sealed, exclusive=False).urgency_order())
    later = next(case for case in everything if case.id not in urgent)
    store = CaseStore.open(sealed)
    store.save(replace(later, notes="edited"))
    assert store.count() == 260
    assert store.get(later.id).notes == "edited"
    store.close()
    assert CaseStore.open(sealed, exclusive=False).count() == 260


def test_closing_before_the_rest_is_read_writes_every_case_back(sealed: Path) -> None:
    before = _read_whole(sealed)
    store = CaseStore.open(sealed)
    first = store.find(store.urgency_order()[0])
    assert first is not None
    store.save(replace(first, notes="the only change"))
    store.close()  # rewrites the file whole, rows not read written as they were
    after = CaseStore.open(sealed, exclusive=False).cases()
    assert after == [
        replace(case, notes="the only change") if case.id == first.id else case for case in before
    ]


def test_reading_the_rest_can_be_stopped(sealed: Path) -> None:
    store = CaseStore.open(sealed, exclusive=False)
    stop = threading.Event()
    stop.set()
    assert not store.read_rest(stop)
    assert not store.read_whole
    assert store.read_rest()
    assert store.read_whole


class _StopAfter:
    """A stop signal that is set once asked `times` times (a reading stopped part way)."""

    def __init__(self, times: int) -> None:
        self.left = times

    def is_set(self) -> bool:
        self.left -= 1
        return self.left < 0


def test_text_handed_back_while_reading_is_never_needed_again(tmp_path: Path) -> None:
    """A big file's text is handed back to the system as its rows are read: stopping part way,
    then writing the file whole, then reading the rest, all find every row intact."""
    path = generate_store(tmp_path / "big.json", 2600, seed=4)
    assert path.stat().st_size >= 1 << 20  # read into pages that can be handed back
    before = _read_whole(path)
    store = CaseStore.open(path)
    assert not store.read_rest(_StopAfter(2))  # two chunks read, their text handed back
    first = store.find(store.urgency_order()[0])
    assert first is not None
    store.save(replace(first, notes="changed"))
    assert store.read_rest()
    expected = [replace(c, notes="changed") if c.id == first.id else c for c in before]
    assert store.cases() == expected
    store.close()
    assert CaseStore.open(path, exclusive=False).cases() == expected


def test_closing_part_way_through_reading_writes_every_row_intact(tmp_path: Path) -> None:
    path = generate_store(tmp_path / "big.json", 2600, seed=5)
    before = _read_whole(path)
    store = CaseStore.open(path)
    assert not store.read_rest(_StopAfter(2))
    first = store.find(store.urgency_order()[0])
    assert first is not None
    store.save(replace(first, notes="changed"))
    store.close()  # the rows not read yet are written from their text, as read
    expected = [replace(c, notes="changed") if c.id == first.id else c for c in before]
    assert CaseStore.open(path, exclusive=False).cases() == expected


def test_a_store_naming_the_urgent_cases_but_not_their_rows_finds_every_case(
    sealed: Path,
) -> None:
    """Metadata naming the most urgent cases without their document numbers (edited by hand):
    no row is known to read first, and every case is still found."""
    data = json.loads(sealed.read_text())
    del data["meta"]["1"]["urgent_rows"]
    # Written as returns-tui writes it (compact, UTF-8), so that every row stays exact.
    sealed.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    CaseStore.open(sealed).close()  # checks every row once, and seals the file as it is
    store = CaseStore.open(sealed, exclusive=False)
    assert all(store.find(case_id) for case_id in store.urgency_order())
    assert store.read_whole
