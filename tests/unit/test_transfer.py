"""Import and export: CSV both ways, JSON, iCalendar feed, evidence pack."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.builders import a_case
from tui.cli import main
from tui.domain.actions import set_evidence_details
from tui.domain.interchange import COLUMNS
from tui.formats.evidence_pack import code
from tui.store.case_store import CaseStore

HEADER = "order_number,item,store,reason,amount,received_on,stage\n"


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def items(path: Path) -> list[str]:
    store = CaseStore.open(path, exclusive=False)
    try:
        return [case.item for case in store.cases()]
    finally:
        store.close()


def test_csv_export_import_export_gives_the_same_file(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, fresh = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "fresh.json"
    assert run(capsys, "export", "csv", "--db", str(demo_path), "-o", str(first))[0] == 0
    status, out, _ = run(capsys, "import", str(first), "--db", str(fresh))
    assert (status, out.strip()) == (0, f"Imported 15 cases into {fresh}.")
    assert run(capsys, "export", "csv", "--db", str(fresh), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    text = first.read_bytes()
    assert text.split(b"\r\n")[0] == ",".join(COLUMNS).encode()  # RFC 4180 line ends
    assert b'"TWS wireless earbuds, Bluetooth 5.3"' in text  # quoted because of the comma


def test_headers_in_any_case_and_order_and_tolerant_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "ITEM , Order_Number,Reason,Payment_Method,Stage,Return_Agreed_On\n"
        "Lamp,81,Not As Described,bank transfer,Return Agreed,2026-11-20\n"
    )
    store = tmp_path / "s.json"
    assert run(capsys, "import", str(source), "--db", str(store))[0] == 0
    reader = CaseStore.open(store, exclusive=False)
    [case] = reader.cases()
    reader.close()
    assert (case.item, case.order_number) == ("Lamp", "81")
    assert (case.reason.value, case.payment_method.value) == ("not_as_described", "bank_transfer")
    assert case.stage.value == "return_agreed"
    assert case.events[0].text == "Deciding → Return agreed: imported, return_agreed_on"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("81,Lamp,Shop,bored,1,2026-11-01,", "row 3, reason: must be one of damaged"),
        ("81,Lamp,Shop,defective,-1,2026-11-01,", "row 3, amount: must not be negative"),
        ("81,Lamp,Shop,defective,1,01/11/2026,", "row 3, received_on: '01/11/2026' is not a date"),
        (",Lamp,Shop,defective,1,2026-11-01,", "row 3, order_number: is required"),
        ("81,,Shop,defective,1,2026-11-01,", "row 3, item: is required"),
        ("81,Lamp,Shop,defective,1,2026-11-01,lost", "row 3, stage: must be one of deciding"),
        ("81,Lamp,Shop,defective,1,2026-11-01,,extra", "row 3: has more cells than the header"),
    ],
)
def test_a_bad_row_imports_nothing_and_names_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cells: str, expected: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "90,Good row,Shop,defective,1,2026-11-01,\n" + cells + "\n")
    store = tmp_path / "s.json"
    status, _, err = run(capsys, "import", str(source), "--db", str(store))
    assert status == 2
    assert expected in err
    assert "nothing imported" in err
    assert not store.exists() or items(store) == []


def test_every_bad_row_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "1,A,S,x,1,,\n2,B,S,defective,-2,,\n3,C,S,defective,2,bad,\n")
    _, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert "3 problems" in err
    # Numbered as a spreadsheet shows them: the header is row 1.
    rows = [line.split(",")[0].strip() for line in err.splitlines()[1:] if "hint:" not in line]
    assert rows == ["row 2", "row 3", "row 4"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("order_number,store\n", "header, item: column is missing"),
        ("order_number,item,Order ID\n", "header, Order ID: means order_number"),
    ],
)
def test_a_bad_header_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, expected: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(header + "1,2,3\n")
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert expected in err


def test_known_cases_are_skipped_never_duplicated(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "a.csv"
    run(capsys, "export", "csv", "--db", str(demo_path), "-o", str(export))
    with export.open("a", newline="") as extra:
        extra.write("999,New lamp,,,,,,,,,,,,,,,,,\r\n999,New lamp,,,,,,,,,,,,,,,,,\r\n")
    status, out, _ = run(capsys, "import", str(export), "--db", str(demo_path))
    assert status == 0
    assert out.count("already in the store") == 16  # 15 known cases, and the repeated row
    assert out.strip().endswith(f"Imported 1 case into {demo_path}.")
    assert items(demo_path).count("New lamp") == 1


def test_import_names_each_marketplace_without_a_policy_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "order_number,item,marketplace\n"
        "81,Lamp,AliExpress.com\n82,Mug,Temu\n83,Cup,Temu\n84,Pen,Corner shop\n"
    )
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 0
    assert err.splitlines() == [
        "returns-tui: no policy for the marketplace 'Corner shop': "
        "its cases follow the Generic online store policy",
        "returns-tui: no policy for the marketplace 'Temu': "
        "its cases follow the Generic online store policy",
    ]


def test_a_dry_run_writes_nothing(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "77,Kettle,Shop,damaged,19.99,2026-11-20,\n")
    before = demo_path.read_bytes()
    status, out, _ = run(capsys, "import", str(source), "--db", str(demo_path), "--dry-run")
    assert (status, out.strip()) == (0, "Would import 1 case.")
    assert demo_path.read_bytes() == before


def test_a_file_that_is_not_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"\xff\xfe\x00bad")
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert "is not UTF-8 text" in err


def test_json_export_reimports_whole_cases(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export, fresh = tmp_path / "all.json", tmp_path / "fresh.json"
    run(capsys, "export", "json", "--db", str(demo_path), "-o", str(export))
    assert json.loads(export.read_text())["format"] == "returns-tui export"
    assert run(capsys, "import", str(export), "--db", str(fresh))[0] == 0
    original, copy = (
        CaseStore.open(demo_path, exclusive=False),
        CaseStore.open(fresh, exclusive=False),
    )
    assert {c.id: c for c in copy.cases()} == {c.id: c for c in original.cases()}
    original.close()
    copy.close()
    status, out, _ = run(capsys, "import", str(export), "--db", str(fresh))
    assert status == 0
    assert out.count("already in the store") == 15


def test_the_calendar_feed_has_every_open_deadline_with_alarms_and_stable_uids(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run(capsys, "export", "ics", "--db", str(demo_path), "-o", str(first))
    run(capsys, "export", "ics", "--db", str(demo_path), "-o", str(second), "--alarm", "7")
    calendar = Calendar.from_ical(first.read_bytes())
    events = calendar.walk("VEVENT")
    _, due_json, _ = run(capsys, "due", "--db", str(demo_path), "--within", "99999", "--json")
    assert len(events) == len(json.loads(due_json))
    assert all(str(event["UID"]).endswith("@returns-tui") for event in events)
    triggers = {alarm["TRIGGER"].dt for alarm in events[0].walk("VALARM")}
    assert triggers == {timedelta(days=-3), timedelta(days=-1)}
    again = Calendar.from_ical(second.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]
    assert {a["TRIGGER"].dt for a in again[0].walk("VALARM")} == {timedelta(days=-7)}
    # A reminder reads naturally: "Refund expected by 2026-12-07 (in 7 days): Earbuds".
    event = again[0]
    label = str(event["SUMMARY"]).split(":")[0]
    day = event["DTSTART"].dt
    assert str(again[0].walk("VALARM")[0]["DESCRIPTION"]).startswith(f"{label} {day} (in 7 days): ")


def test_the_evidence_pack_of_a_demo_case(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, pack, _ = run(
        capsys, "export", "md", "--db", str(demo_path), "--case", "8192700011223344"
    )
    assert status == 0
    assert pack.startswith("# Return case: Smart watch, AMOLED, GPS\n")
    for expected in (
        "- Order number: 8192700011223344",
        "- Postage: the seller pays return postage (defective)",
        "- Return parcel: China Post, tracking RB123456785GB",
        "Message to seller: GPS never gets a fix; screen flickers.",
        "## Messages",
        "- [x] Shipping receipt (date, destination, tracking number) `~/Returns/watch/receipt.jpg`",
        "- [ ] Tracking screenshots of the return",
        "Files named above but left out:",
    ):
        assert expected in pack


def test_the_evidence_pack_escapes_markdown_and_zips_the_files_that_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "defect.jpg"
    photo.write_bytes(b"jpeg")
    case = set_evidence_details(
        a_case(item="*bold* [link](x) <b>"), "defect_photos", str(photo), ""
    )
    case = set_evidence_details(case, "order_details", str(tmp_path / "gone.png"), "")
    store = CaseStore.open(tmp_path / "s.json")
    store.save(case)
    store.close()
    _, pack, _ = run(capsys, "export", "md", "--db", str(tmp_path / "s.json"), "--case", case.id)
    assert "# Return case: \\*bold\\* \\[link\\](x) \\<b\\>" in pack
    assert code("a`b") == "``a`b``"
    target = tmp_path / "pack.zip"
    status, out, err = run(
        capsys,
        "export",
        "md",
        "--db",
        str(tmp_path / "s.json"),
        "--case",
        case.id,
        "--zip",
        "-o",
        str(target),
    )
    assert (status, out) == (0, "")  # messages go to stderr, data to stdout
    assert err.strip() == f"Wrote {target}; 1 file(s) left out are listed in the pack"
    names = zipfile.ZipFile(target).namelist()
    assert names[0] == "evidence-pack.md"
    assert [name for name in names if name.startswith("evidence/")] == ["evidence/02-defect.jpg"]


def test_an_evidence_pack_needs_one_case(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "export", "md", "--db", str(demo_path))
    assert status == 2
    assert "add --case ID" in err
    status, _, err = run(capsys, "export", "md", "--db", str(demo_path), "--case", "nope")
    assert "no case has the id or order number 'nope'" in err


STAGE_DATE_ROWS = [
    ("contacted_on", "seller_contacted"),
    ("dispute_opened_on", "dispute_open"),
    ("return_agreed_on", "return_agreed"),
    ("shipped_back_on", "shipped_back"),
    ("refund_started_on", "refund_pending"),
    ("refund_received_on", "refunded"),
]


@pytest.mark.parametrize(("column", "stage"), STAGE_DATE_ROWS)
def test_each_stage_date_column_dates_the_move_on_the_timeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str, stage: str
) -> None:
    source = tmp_path / "in.csv"
    amount = "5.00" if column == "refund_received_on" else ""  # a refund received needs it
    source.write_text(
        f"order_number,item,stage,{column},refund_amount\n81,Lamp,{stage},2026-09-01,{amount}\n"
    )
    store = tmp_path / "s.json"
    assert run(capsys, "import", str(source), "--db", str(store))[0] == 0
    reader = CaseStore.open(store, exclusive=False)
    [case] = reader.cases()
    reader.close()
    assert case.stage.value == stage
    [move] = [event for event in case.events if event.stage is not None]
    assert move.at.date() == date(2026, 9, 1)


@pytest.mark.parametrize(("column", "stage"), STAGE_DATE_ROWS)
def test_a_stage_without_its_date_is_an_error_naming_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str, stage: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"order_number,item,stage\n81,Lamp,{stage}\n")
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert f"row 2, {column}: is required for stage {stage}" in err


def test_a_dispute_opened_before_the_import_counts_from_its_own_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "order_number,item,received_on,stage,contacted_on,dispute_opened_on,promised_delivery_days\n"
        "81,Lamp,2026-08-20,dispute_open,2026-08-25,2026-09-01,20\n"
    )
    store = tmp_path / "s.json"
    assert run(capsys, "import", str(source), "--db", str(store))[0] == 0
    status, out, _ = run(capsys, "due", "--db", str(store), "--as-of", "2026-11-26", "--json")
    seller = next(item for item in json.loads(out) if item["kind"] == "seller_response")
    assert seller["date"] == "2026-09-06"
    assert "dispute opened 2026-09-01" in seller["explanation"]
    assert status == 1
    exported = tmp_path / "out.csv"
    assert run(capsys, "export", "csv", "--db", str(store), "-o", str(exported))[0] == 0
    row = next(csv.DictReader(exported.open()))
    assert (row["contacted_on"], row["dispute_opened_on"]) == ("2026-08-25", "2026-09-01")
    assert row["promised_delivery_days"] == "20"


def test_dates_out_of_order_or_after_today_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "order_number,item,stage,dispute_opened_on,refund_started_on\n"
        "81,Lamp,dispute_open,2026-09-05,2026-09-10\n"
        "82,Mug,refund_pending,2999-01-01,\n"
    )
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert "row 2, dispute_opened_on: must be the latest date for stage dispute_open" in err
    assert "row 3, refund_started_on: is required for stage refund_pending" in err


def test_the_whole_store_as_json_round_trips(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cases with every field and event, archived flags and the settings (own templates, store
    windows...): export, import into an empty store, export again: the same JSON."""
    from tui.domain.settings import Settings
    from tui.domain.templates import MessageTemplate

    store = CaseStore.open(demo_path)
    store.save(a_case(id="archived-one", item="Old lamp", archived=True))
    store.stage_settings(
        Settings(
            country="DE",
            store_windows={"Lamp Shop": 60},
            lead_times=(5, 2),
            currency="EUR",
            templates=(MessageTemplate("Polite nudge", "Any news about {order_number}?"),),
        )
    )
    store.flush()
    store.close()
    first, second, fresh = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "fresh.json"
    assert run(capsys, "export", "json", "--db", str(demo_path), "-o", str(first))[0] == 0
    document = json.loads(first.read_text())
    assert document["settings"]["templates"] == [
        {"name": "Polite nudge", "text": "Any news about {order_number}?"}
    ]
    assert document["settings"]["store_windows"] == {"Lamp Shop": 60}
    assert [case["archived"] for case in document["cases"]].count(True) >= 1
    status, out, _ = run(capsys, "import", str(first), "--db", str(fresh))
    assert status == 0
    assert "Took the settings" in out
    assert run(capsys, "export", "json", "--db", str(fresh), "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
    # A store with settings of its own keeps them.
    status, _, err = run(capsys, "import", str(first), "--db", str(demo_path))
    assert status == 0
    assert "settings were not imported" not in err  # the same settings: nothing to say


def test_csv_has_an_archived_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, fresh = tmp_path / "s.json", tmp_path / "fresh.json"
    store = CaseStore.open(path)
    store.save(a_case(id="a", item="Kept", archived=False))
    store.save(a_case(id="b", item="Gone", archived=True))
    store.close()
    _, out, _ = run(capsys, "export", "csv", "--db", str(path))
    rows = {row["item"]: row["archived"] for row in csv.DictReader(out.splitlines())}
    assert rows == {"Kept": "no", "Gone": "yes"}
    exported = tmp_path / "out.csv"
    exported.write_text(out)
    assert run(capsys, "import", str(exported), "--db", str(fresh))[0] == 0
    reader = CaseStore.open(fresh, exclusive=False)
    assert {case.item: case.archived for case in reader.cases()} == {"Kept": False, "Gone": True}
    reader.close()
