"""One limit on the length of any text, at every entrance (forms, CSV and JSON imports, the
store file), refused with the field's name: a megabyte pasted into a note never freezes the
app."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.builders import a_case, moment
from tui.cli import main
from tui.domain.actions import add_event, set_evidence_details
from tui.domain.form import FormErrors
from tui.domain.limits import TEXT_LIMIT
from tui.domain.model import EventKind
from tui.domain.timeline_edits import new_event_form
from tui.formats.json_file import write_json
from tui.store.case_store import CaseStore
from tui.store.errors import StoreError

TOO_LONG = "x" * (TEXT_LIMIT + 1)


def test_a_form_refuses_a_text_too_long_naming_the_field() -> None:
    form = new_event_form(a_case(), moment(date(2026, 11, 24)))
    with pytest.raises(FormErrors) as refused:
        form.parse({"kind": "note", "text": TOO_LONG})
    assert f"at most {TEXT_LIMIT:,}" in refused.value.errors["text"]
    assert form.parse({"kind": "note", "text": "x" * TEXT_LIMIT}).events[-1].text


def test_a_csv_import_refuses_a_text_too_long_naming_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mine.csv"
    source.write_text(f"order_number,item\n81,{TOO_LONG}\n")
    assert main(["import", str(source), "--db", str(tmp_path / "s.json")]) == 2
    assert "row 2, item: " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (lambda case: case, "notes"),
        (lambda case: case["events"][0], "text"),
        (lambda case: case["evidence"][0], "note"),
        (lambda case: case["evidence"][0], "path"),
    ],
)
def test_a_json_import_refuses_a_text_too_long_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where, field: str
) -> None:
    case = set_evidence_details(
        add_event(a_case(), EventKind.NOTE, "x", moment(date(2026, 11, 12))), "order", "", ""
    )
    export = json.loads(write_json([case]))
    where(export["cases"][0])[field] = TOO_LONG
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export))
    assert main(["import", str(source), "--db", str(tmp_path / "s.json")]) == 2
    assert f"{field} is {len(TOO_LONG):,} characters long" in capsys.readouterr().err


def test_a_store_file_with_a_text_too_long_is_refused_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = CaseStore.open(path)
    store.save(a_case())
    store.close()
    data = json.loads(path.read_text())
    next(iter(data["cases"].values()))["item"] = TOO_LONG
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="item"):
        CaseStore.open(path, exclusive=False)
