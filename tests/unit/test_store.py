"""The store: round trips, atomic writes, one writer, and bad files left untouched."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import msgspec
import pytest

from tests.builders import a_case
from tui.domain.actions import add_event
from tui.domain.limits import TEXT_LIMIT
from tui.domain.model import Case, EventKind
from tui.domain.settings import Settings
from tui.store import journal
from tui.store.case_store import CaseStore
from tui.store.codec import case_from_document, case_to_document, cases_from_rows, encode
from tui.store.errors import StoreError, StoreLocked
from tui.store.migrations import SCHEMA_VERSION


def test_every_demo_case_survives_a_round_trip(store: CaseStore, demo_path: Path) -> None:
    before = {case.id: case for case in store.cases()}
    assert len(before) >= 12
    store.save_all(before.values())
    store.close()
    reopened = CaseStore.open(demo_path)
    try:
        assert {case.id: case for case in reopened.cases()} == before
    finally:
        reopened.close()


def test_codec_round_trip_keeps_every_field(store: CaseStore) -> None:
    for case in store.cases():
        assert case_from_document(case_to_document(case)) == case


def test_a_saved_change_is_on_disk_when_save_returns(store: CaseStore, demo_path: Path) -> None:
    case = store.cases()[0]
    store.save(replace(case, notes="changed [b]notes[/b]"))
    # The edit went to the journal; a reader (or a crash and reopen) finds it there.
    assert journal.journal_path(demo_path).exists()
    reader = CaseStore.open(demo_path, exclusive=False)
    assert reader.get(case.id).notes == "changed [b]notes[/b]"
    reader.close()
    store.close()
    # Closing folds the journal into the store file itself.
    assert not journal.journal_path(demo_path).exists()
    on_disk = json.loads(demo_path.read_text())
    assert "changed [b]notes[/b]" in [doc["notes"] for doc in on_disk["cases"].values()]
    assert not [name for name in os.listdir(demo_path.parent) if name.endswith(".tmp")]


def test_a_new_store_is_created_on_the_first_change(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "returns.json"
    store = CaseStore.open(path)
    assert not path.exists()
    store.save(a_case())
    store.close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    document = json.loads(path.read_text())
    assert document["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    reopened = CaseStore.open(path)
    assert [case.id for case in reopened.cases()] == ["case-1"]
    reopened.close()


def test_updating_a_case_does_not_duplicate_it(tmp_path: Path) -> None:
    store = CaseStore.open(tmp_path / "returns.json")
    store.save(a_case())
    store.save(a_case(item="Renamed"))
    assert [case.item for case in store.cases()] == ["Renamed"]
    store.close()


def test_a_second_writer_is_refused_until_the_first_closes(
    store: CaseStore, demo_path: Path
) -> None:
    with pytest.raises(StoreLocked, match="already open in another returns-tui"):
        CaseStore.open(demo_path)
    store.close()
    CaseStore.open(demo_path).close()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b'{"cases": {"1": {"id": ', "is not valid JSON"),
        (bytes(range(256)), "is not valid JSON"),
        (b"[1, 2, 3]", "not a returns-tui store"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "written by a newer returns-tui"),
        (b'{"cases": {"1": {"id": "x"}}}', "no schema_version"),
        (
            b'{"meta": {"1": {"schema_version": 1}}, '
            b'"cases": {"1": {"id": "x", "order_number": 5}}}',
            "case 1.order_number has the wrong type",
        ),
    ],
)
def test_a_bad_file_is_reported_and_left_untouched(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "returns.json"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=problem) as raised:
        CaseStore.open(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == content
    CaseStore.open(tmp_path / "other.json").close()  # the lock was released


def test_a_folder_in_place_of_the_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "returns.json"
    path.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        CaseStore.open(path)


def test_settings_are_kept_in_the_store(store: CaseStore, demo_path: Path) -> None:
    assert store.settings().store_windows == {"BrightHome Lighting": 30}
    store.stage_settings(Settings(country="DE", store_windows={"Shop": 20}))
    store.flush()
    store.close()
    reopened = CaseStore.open(demo_path)
    assert reopened.settings() == Settings(country="DE", store_windows={"Shop": 20})
    assert reopened.demo_as_of() is not None  # other metadata survives
    reopened.close()


def test_bad_settings_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "returns.json"
    path.write_text('{"meta": {"1": {"schema_version": 1, "settings": {"store_windows": [1]}}}}')
    with pytest.raises(StoreError, match=r"settings\.store_windows must map store names"):
        CaseStore.open(path)


def test_a_store_that_cannot_be_written_is_refused_at_once(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_path.read_bytes()
    # Tests may run as root, for whom every file is writable: ask os.access to say no.
    monkeypatch.setattr("tui.store.case_store.os.access", lambda path, mode: False)
    with pytest.raises(StoreError, match="is read-only"):
        CaseStore.open(demo_path)
    CaseStore.open(demo_path, exclusive=False).close()  # reading is still fine
    assert demo_path.read_bytes() == before


def test_a_partial_postage_reimbursement_is_kept(store: CaseStore, demo_path: Path) -> None:
    case = add_event(
        store.cases()[0],
        EventKind.POSTAGE_REIMBURSED,
        "part",
        datetime(2026, 11, 20, 12, tzinfo=UTC),
        Decimal("3.00"),
    )
    store.save(case)
    store.close()
    again = CaseStore.open(demo_path, exclusive=False)
    assert again.get(case.id).events == case.events
    again.close()


@dataclass(frozen=True, slots=True)
class _CaseWithColour(Case):
    """A case with a field `Case` does not have, as a new version would add one."""

    colour: str = ""


def test_a_field_added_to_case_is_read_and_written_with_no_codec_change() -> None:
    plain = a_case()
    fields = {name: getattr(plain, name) for name in Case.__dataclass_fields__}
    case = _CaseWithColour(**fields, colour="teal")
    encoded = encode(case)
    assert b'"colour":"teal"' in encoded
    # Read exactly (the row is its case's encoding) and read checked (as a document).
    rows = {"1": msgspec.Raw(encoded)}
    assert cases_from_rows(rows, str, kind=_CaseWithColour)[0] == [case]
    assert case_from_document(case_to_document(case), kind=_CaseWithColour) == case
    # The new field is held to the same limits as every other text, named when it is not.
    too_long = case_to_document(replace(case, colour="x" * (TEXT_LIMIT + 1)))
    with pytest.raises(ValueError, match=r"^case\.colour is 20,001 characters long"):
        case_from_document(too_long, kind=_CaseWithColour)
