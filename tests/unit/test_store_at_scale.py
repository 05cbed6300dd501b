"""The store's fast paths read and write exactly what the checking paths do.

A row that is exactly its case's encoding is decoded by msgspec alone; any other is read by the
checking codec, which names the field that is wrong; TinyDB writes change only the documents
they touch.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec
import pytest
from tinydb import TinyDB

from tests.benchmarks.generate import generate_case, generate_store
from tui.store.case_store import CaseStore
from tui.store.codec import case_from_document, case_to_document, cases_from_rows, encode
from tui.store.errors import StoreError
from tui.store.storage import Database, InPlaceTable


def _documents(path: Path) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text())["cases"].values())


def _quickly(documents: list[Any], *, as_text: bool) -> list[Any]:
    """The cases the store's fast path reads from `documents`, given as JSON text (as read
    from the file) or as documents (as replayed from the journal)."""
    rows = {str(i + 1): document for i, document in enumerate(documents)}
    if as_text:
        rows = msgspec.json.decode(json.dumps(rows), type=dict[str, msgspec.Raw])
    return cases_from_rows(rows, lambda number: f"case {number}")[0]


def _both_ways(documents: list[Any]) -> None:
    checked = [
        case_from_document(document, f"case {i + 1}") for i, document in enumerate(documents)
    ]
    for as_text in (True, False):
        quick = _quickly(documents, as_text=as_text)
        assert quick == checked
        # The same values, not merely equal ones: the documents written back are the same too.
        assert [case_to_document(case) for case in quick] == [
            case_to_document(case) for case in checked
        ]


def test_cases_written_by_the_store_are_read_back_exactly(tmp_path: Path) -> None:
    path = generate_store(tmp_path / "generated.json", 50, seed=3)
    store = CaseStore.open(path, exclusive=False)
    content = path.read_bytes()
    # What the file holds is, byte for byte, the encoding of the cases read from it.
    assert all(encode(case) in content for case in store.cases())


def test_msgspec_decodes_the_demo_store_as_the_checking_codec_does(demo_path: Path) -> None:
    _both_ways(_documents(demo_path))


def test_msgspec_decodes_generated_stores_as_the_checking_codec_does(tmp_path: Path) -> None:
    path = generate_store(tmp_path / "generated.json", 300, seed=7)
    _both_ways(_documents(path))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(created_at="2026-01-05T10:00:00"),
            "case 1.created_at must be a date and time with a time zone",
        ),
        (
            lambda d: d["events"][0].update(at="2026-01-05T10:00:00"),
            "case 1.events[0].at must be a date and time with a time zone",
        ),
        (lambda d: d.update(amount=12.5), "case 1.amount has the wrong type (float)"),
        (lambda d: d.update(amount="-1"), "case 1.amount must not be negative"),
        (
            lambda d: d.update(shipment={**d["shipment"], "cost": 5}),
            "case 1.shipment.cost has the wrong type (int)",
        ),
        (
            lambda d: d.update(refund={**d["refund"], "received": 2.5}),
            "case 1.refund.received has the wrong type (float)",
        ),
        (
            lambda d: d.update(dispute={**d["dispute"], "claim_amount": "1e12"}),
            "case 1.dispute.claim_amount must be below 1,000,000,000",
        ),
        (lambda d: d.update(amount="NaN"), "case 1.amount must be a finite number"),
        (
            lambda d: d.update(ordered_on="1890-01-01"),
            "case 1.ordered_on 1890-01-01 is not between 1990 and 2100",
        ),
        (
            lambda d: d.update(return_window_days=4000),
            "case 1.return_window_days must be between 0 and 366 days",
        ),
        (lambda d: d.update(archived=1), "case 1.archived has the wrong type (int)"),
        (lambda d: d.update(return_window_days=True), "case 1.return_window_days has the wrong"),
        (lambda d: d.update(stage="lost"), "case 1.stage has an unknown value 'lost'"),
        (lambda d: d.pop("order_number"), "case 1.order_number is missing"),
    ],
)
def test_a_bad_document_is_refused_naming_the_field(
    demo_path: Path, change: Any, message: str
) -> None:
    data = json.loads(demo_path.read_text())
    first = next(iter(data["cases"]))
    change(data["cases"][first])
    demo_path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match=re.escape(message)):
        CaseStore.open(demo_path, exclusive=False)


def test_fields_a_newer_version_wrote_are_kept_through_an_edit(demo_path: Path) -> None:
    data = json.loads(demo_path.read_text())
    key = next(iter(data["cases"]))
    data["cases"][key]["colour"] = "teal"
    data["cases"][key]["shipment"]["insured"] = True
    data["cases"][key]["events"][0]["mood"] = "calm"
    demo_path.write_text(json.dumps(data))
    store = CaseStore.open(demo_path)
    case = store.get(data["cases"][key]["id"])
    store.save(replace(case, notes="edited"))
    store.close()
    document = TinyDB(demo_path).table("cases").get(doc_id=int(key))
    assert document is not None
    assert document["notes"] == "edited"
    assert document["colour"] == "teal"
    assert document["shipment"]["insured"] is True
    assert document["events"][0]["mood"] == "calm"


def test_one_edit_writes_that_document_and_no_other(tmp_path: Path) -> None:
    path = generate_store(tmp_path / "store.json", 50, seed=3)
    before = json.loads(path.read_text())["cases"]
    store = CaseStore.open(path)
    case = store.cases()[20]
    store.save(replace(case, notes="only this one"))
    store.close()
    after = json.loads(path.read_text())["cases"]
    assert after.keys() == before.keys()
    changed = [key for key in before if before[key] != after[key]]
    assert len(changed) == 1
    assert after[changed[0]] == {**before[changed[0]], "notes": "only this one"}
    assert after[changed[0]]["id"] == case.id


def test_plain_tinydb_reads_the_file_after_edits_inserts_and_deletes(tmp_path: Path) -> None:
    path = generate_store(tmp_path / "store.json", 30, seed=5)
    store = CaseStore.open(path)
    cases = store.cases()
    store.save(replace(cases[3], notes="changed"))
    store.save(generate_case(random.Random(1), 999))
    store.stage_delete(cases[4].id)
    store.flush()
    expected = {case.id: case_to_document(case)["notes"] for case in store.cases()}
    store.close()
    with TinyDB(path) as plain:
        documents = plain.table("cases").all()
        assert {document["id"]: document["notes"] for document in documents} == expected
        assert {document.doc_id for document in documents} == set(range(1, 32)) - {5}
        assert plain.table("meta").get(doc_id=1)["schema_version"] >= 1
    reopened = CaseStore.open(path, exclusive=False)
    assert {case.id: case.notes for case in reopened.cases()} == expected


def test_the_in_place_table_behaves_like_tinydb_s_own(tmp_path: Path) -> None:
    from tinydb.storages import MemoryStorage

    def exercise(database: TinyDB) -> dict:
        table = database.table("t")
        table.insert({"a": 1})
        table.insert_multiple([{"a": 2}, {"a": 3}])
        table.update({"b": True}, doc_ids=[2])
        table.update(lambda d: d.update(a=d["a"] * 10), lambda d: d["a"] > 1)
        table.remove(doc_ids=[1])
        table.upsert({"a": 30, "c": 1}, lambda d: d["a"] == 30)
        table.insert({"a": 4})
        return database.storage.read()

    assert Database.table_class is InPlaceTable
    assert exercise(Database(storage=MemoryStorage)) == exercise(TinyDB(storage=MemoryStorage))


_ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    400,
    2**70,
    1.5,
    "",
    "x",
    "NaN",
    "-3",
    "1e12",
    " 12.50 ",
    "2026-01-05",
    "1890-01-01",
    "2026-01-05T10:00:00",
    "2026-01-05T10:00:00+02:00",
    "2026-01-05T10:00:00Z",
    "2150-01-05T10:00:00+00:00",
    "refund",
    "note",
    "shipped_back",
    [],
    {},
    [{"kind": "return_window", "days": 400, "reason": ""}],
]


def _paths(document: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a document a value could be changed (keys of objects, items of lists)."""
    found = [prefix] if prefix else []
    if isinstance(document, dict):
        for name, value in document.items():
            found += _paths(value, (*prefix, name))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*prefix, index))
    return found


def _outcome(decode: Any) -> Any:
    try:
        return [case_to_document(case) for case in decode()]
    except ValueError as error:
        return f"refused: {error}"


def test_msgspec_and_the_checking_codec_agree_on_odd_documents(demo_path: Path) -> None:
    """Any value anywhere: both paths read the same case, or both refuse with the same message."""
    rng = random.Random(15)
    documents = _documents(demo_path)
    for _ in range(600):
        document = copy.deepcopy(rng.choice(documents))
        path = rng.choice(_paths(document))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if rng.random() < 0.1 and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(_ODD_VALUES))
        checked = _outcome(lambda d=document: [case_from_document(d, "case 1")])
        for as_text in (True, False):
            quick = _outcome(lambda d=document, t=as_text: _quickly([d], as_text=t))
            assert quick == checked, (path, document, as_text)


def test_a_big_store_file_is_read_as_a_small_one_is(tmp_path: Path) -> None:
    """A file of 700 cases (over 1 MiB): the same cases come out, a bad document is named the
    same way, and a journal is replayed onto it."""
    path = generate_store(tmp_path / "big.json", 700, seed=5)
    assert path.stat().st_size >= 1 << 20
    store = CaseStore.open(path)
    assert store.cases() == [case_from_document(document) for document in _documents(path)]
    edited = replace(store.cases()[-1], notes="edited after the big read")
    store.save(edited)
    store._lock.release()  # as a crash would leave it: the edit is only in the journal
    assert CaseStore.open(path, exclusive=False).get(edited.id) == edited
    data = json.loads(path.read_text())
    data["cases"]["650"]["events"][0]["at"] = "yesterday"
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match=r"case 650\.events\[0\]\.at is not valid"):
        CaseStore.open(path, exclusive=False)
