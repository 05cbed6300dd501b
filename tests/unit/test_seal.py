"""The seal lets a start-up trust rows this version wrote, and nothing else (`tui.store.seal`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.builders import a_case
from tui.cli import main
from tui.store.case_store import CaseStore
from tui.store.errors import StoreError
from tui.store.file_identity import digest
from tui.store.seal import seal_path


def _store_of_two(path: Path) -> None:
    store = CaseStore.open(path)
    store.save_all([a_case(id="a", order_number="1"), a_case(id="b", order_number="2")])
    store.close()


def _edit_by_hand(path: Path, change) -> None:
    data = json.loads(path.read_text())
    for document in data["cases"].values():
        change(document)
    path.write_text(json.dumps(data))


def _touch_b(path: Path, notes: str) -> None:
    """Open the store, change case b only, close it (the file is rewritten whole and sealed)."""
    store = CaseStore.open(path)
    store.save(replace(store.get("b"), notes=notes))
    store.close()


def test_a_store_written_whole_is_sealed(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    _store_of_two(path)
    seal = json.loads(seal_path(path).read_text())
    assert seal["documents"] == []
    assert CaseStore.open(path, exclusive=False).get("a") == a_case(id="a", order_number="1")


def test_a_hand_edit_after_the_seal_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    _store_of_two(path)
    _edit_by_hand(path, lambda document: document.update(amount=12.5))
    with pytest.raises(StoreError, match=r"amount has the wrong type"):
        CaseStore.open(path, exclusive=False)


def test_unknown_fields_survive_rewrites_of_a_sealed_store(tmp_path: Path) -> None:
    """A row with fields this version does not know is sealed as a document, so the next
    start-up reads it as one and the rewrite after it keeps those fields."""
    path = tmp_path / "s.json"
    _store_of_two(path)

    def add_future_fields(document: dict) -> None:
        if document["id"] == "a":
            document["future_field"] = {"kept": True}
            document["shipment"]["future_detail"] = 7

    _edit_by_hand(path, add_future_fields)
    _touch_b(path, "first rewrite")
    assert json.loads(seal_path(path).read_text())["documents"] != []
    _touch_b(path, "second rewrite, after a sealed start-up")
    store = CaseStore.open(path)
    store.save(replace(store.get("a"), notes="a itself edited"))
    store.close()
    (stored,) = [d for d in json.loads(path.read_text())["cases"].values() if d["id"] == "a"]
    assert stored["future_field"] == {"kept": True}
    assert stored["shipment"]["future_detail"] == 7
    assert stored["notes"] == "a itself edited"


def test_a_seal_of_another_layout_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    _store_of_two(path)
    _edit_by_hand(path, lambda document: document.update(future_field=1))
    _touch_b(path, "rewritten")
    seal = json.loads(seal_path(path).read_text())
    # As a newer version would leave it: its own layout, no rows named as documents.
    seal_path(path).write_text(json.dumps({**seal, "layout": "newer", "documents": []}))
    _touch_b(path, "rewritten again")
    assert all(d["future_field"] == 1 for d in json.loads(path.read_text())["cases"].values())


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"amount": "-5.00"}, "amount"),
        ({"amount": 12.5}, "amount"),
        ({"amount": "1e5"}, "amount"),
        ({"received_on": "9999-12-31"}, "received_on"),
        ({"received_on": "0001-01-01"}, "received_on"),
        ({"return_window_days": 100000}, "return_window_days"),
    ],
)
def test_a_seal_recomputed_after_a_hand_edit_is_not_trusted(
    tmp_path: Path, change: dict, problem: str
) -> None:
    path = tmp_path / "s.json"
    _store_of_two(path)
    _edit_by_hand(path, lambda document: document.update(change))
    forged = json.loads(seal_path(path).read_text())
    forged["digest"] = digest(path.read_bytes())  # what the seal held: the file's digest
    seal_path(path).write_text(json.dumps(forged))
    with pytest.raises(StoreError, match=problem):
        CaseStore.open(path, exclusive=False)


def test_due_on_a_forged_seal_says_what_is_wrong_instead_of_crashing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.json"
    _store_of_two(path)
    _edit_by_hand(path, lambda document: document.update(received_on="9999-12-31"))
    forged = json.loads(seal_path(path).read_text())
    forged["digest"] = digest(path.read_bytes())
    seal_path(path).write_text(json.dumps(forged))
    assert main(["due", "--db", str(path)]) == 2
    assert "received_on" in capsys.readouterr().err
