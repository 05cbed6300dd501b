"""Importing a shopper's own spreadsheet: header names and aliases, --map, delimiters, date
formats, decimal commas, spreadsheet row numbers and order numbers a spreadsheet rounded."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tui.cli import main
from tui.domain.interchange import spreadsheet_rounded
from tui.domain.model import Case
from tui.store.case_store import CaseStore


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *options: str
) -> tuple[list[Case], str]:
    source, store = tmp_path / "mine.csv", tmp_path / "store.json"
    source.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "import", str(source), "--db", str(store), *options)
    assert status == 0, err
    reader = CaseStore.open(store, exclusive=False)
    try:
        return reader.cases(), out + err
    finally:
        reader.close()


@pytest.mark.parametrize(
    ("header", "attribute", "value", "expected"),
    [
        ("Order ID", "order_number", "81", "81"),
        ("Order No.", "order_number", "81", "81"),
        ("ORDER_NUMBER", "order_number", "81", "81"),
        ("order-number", "order_number", "81", "81"),
        ("Order date", "ordered_on", "2026-11-01", "2026-11-01"),
        ("Ordered on", "ordered_on", "2026-11-01", "2026-11-01"),
        ("Price", "amount", "12.50", "12.50"),
        ("Total", "amount", "12.50", "12.50"),
        ("Amount paid", "amount", "12.50", "12.50"),
        ("Tracking number", "tracking_number", "RB123456785GB", "RB123456785GB"),
        ("Return tracking number", "tracking_number", "RB123456785GB", "RB123456785GB"),
        ("Seller", "store", "Lamp Shop", "Lamp Shop"),
        ("Shop", "store", "Lamp Shop", "Lamp Shop"),
        ("Seller's return window (days)", "return_window_days", "30", "30"),
        ("Wanted outcome", "outcome", "refund", "refund"),
    ],
)
def test_header_names_aliases_and_form_labels(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    header: str,
    attribute: str,
    value: str,
    expected: str,
) -> None:
    rest = "" if attribute == "order_number" else ",Order number"
    cells = "" if attribute == "order_number" else ",99"
    text = f'Item,"{header}"{rest}\nLamp,{value}{cells}\n'
    if attribute == "order_number":
        text = f'Item,"{header}"\nLamp,{value}\n'
    [case], _ = imported(tmp_path, capsys, text)
    found = getattr(case.shipment, attribute) if attribute == "tracking_number" else None
    found = found if found is not None else getattr(case, attribute)
    assert str(getattr(found, "value", found)) == expected


def test_map_reads_any_column_as_a_field_and_can_ignore_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Bestellnummer,Artikel,Kaufdatum,Total,Price\n81,Lamp,2026-11-01,12.50,10.00\n"
    [case], _ = imported(
        tmp_path,
        capsys,
        text,
        "--map",
        "Bestellnummer=order_number",
        "--map",
        "artikel=item",
        "--map",
        "KAUFDATUM=ordered_on",
        "--map",
        "Price=",
    )
    assert (case.order_number, case.item, str(case.ordered_on)) == ("81", "Lamp", "2026-11-01")
    assert case.amount == Decimal("12.50")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("Colour=hue", "header, Colour: --map to 'hue': not a column we know"),
        ("Size=notes", "header, Size: --map names a column the file does not have"),
    ],
)
def test_a_bad_map_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, message: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("order_number,item,Colour\n81,Lamp,red\n")
    status, _, err = run(
        capsys, "import", str(source), "--db", str(tmp_path / "s.json"), "--map", option
    )
    assert status == 2
    assert message in err


def test_unknown_columns_are_reported_on_stderr_and_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("order_number,item,Colour,Size\n81,Lamp,red,XL\n")
    status, out, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 0
    assert "ignored column 'Colour'" in err
    assert "ignored column 'Size'" in err
    assert "--map 'Colour=FIELD'" in err
    assert out.startswith("Imported 1 case")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_the_delimiter_is_sniffed_from_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delimiter: str
) -> None:
    rows = [["Order ID", "Item", "Notes"], ["81", "Lamp, white", "a;b\tc"]]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    [case], _ = imported(tmp_path, capsys, out.getvalue())
    assert (case.order_number, case.item, case.notes) == ("81", "Lamp, white", "a;b\tc")


def test_one_explicit_date_format_for_every_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "order_number,item,ordered_on,received_on,stage,return_agreed_on\n"
        "81,Lamp,01.11.2026,05.11.2026,return_agreed,12.11.2026\n"
    )
    [case], _ = imported(tmp_path, capsys, text, "--date-format", "%d.%m.%Y")
    assert (str(case.ordered_on), str(case.received_on)) == ("2026-11-01", "2026-11-05")
    [move] = [event for event in case.events if event.stage is not None]
    assert str(move.at.date()) == "2026-11-12"


def test_dates_are_never_guessed_row_by_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("order_number,item,ordered_on\n81,Lamp,01.11.2026\n82,Mug,2026-11-01\n")
    status, _, err = run(
        capsys,
        "import",
        str(source),
        "--db",
        str(tmp_path / "s.json"),
        "--date-format",
        "%d.%m.%Y",
    )
    assert status == 2
    assert (
        "row 3, ordered_on: '2026-11-01' is not a date in --date-format %d.%m.%Y (e.g. 20.11.2026)"
        in err
    )
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert "row 2, ordered_on: '01.11.2026' is not a date: use YYYY-MM-DD" in err


def test_a_date_format_without_day_month_and_year_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import", str(tmp_path / "x.csv"), "--date-format", "%d.%m"])
    assert exited.value.code == 2
    assert "does not give day, month and year" in capsys.readouterr().err


def test_decimal_commas_are_read_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "order_number;item;amount;refund_amount;refund_received_on\n"
        "81;Lamp;1.234,50;12,5;2026-11-20\n82;Mug;1,5;;\n"
    )
    source = tmp_path / "in.csv"
    source.write_text(text)
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert "row 2, amount: '1.234,50' is unclear: write 1234.50 or 123450" in err
    assert "row 3, amount: '1,5' is unclear: write 1.5 or 15" in err
    cases, _ = imported(tmp_path, capsys, text, "--decimal-comma")
    amounts = {case.order_number: (case.amount, case.refund.received) for case in cases}
    assert amounts == {"81": (Decimal("1234.50"), Decimal("12.5")), "82": (Decimal("1.5"), None)}


def test_spreadsheet_rounding_of_long_order_numbers() -> None:
    assert spreadsheet_rounded("8194736512093847") == "8194736512093850"
    assert spreadsheet_rounded("8194736512093850") == "8194736512093850"
    assert spreadsheet_rounded("819473651209384") is None  # 15 digits are kept
    assert spreadsheet_rounded("AB94736512093847") is None


def test_a_rounded_order_number_is_a_probable_duplicate_skipped_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.json"
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("order_number,item\n8194736512093847,Lamp\n")
    second.write_text("order_number,item\n8194736512093850,Lamp\n8194736512099999,Mug\n")
    assert run(capsys, "import", str(first), "--db", str(store))[0] == 0
    status, out, _ = run(capsys, "import", str(second), "--db", str(store))
    assert status == 0
    assert (
        "Skipped row 2: probably order 8194736512093847, already known, with its last digits "
        "rounded by a spreadsheet (--force imports it as it is)"
    ) in out
    assert "Imported 1 case" in out
    status, out, _ = run(capsys, "import", str(second), "--db", str(store), "--force")
    assert "Imported 1 case" in out  # the Mug is known now, the rounded Lamp is forced in
    reader = CaseStore.open(store, exclusive=False)
    numbers = sorted(case.order_number for case in reader.cases())
    reader.close()
    assert numbers == ["8194736512093847", "8194736512093850", "8194736512099999"]


def test_a_close_order_number_of_another_item_is_a_real_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.json"
    source = tmp_path / "in.csv"
    # Orders of one checkout have close numbers; only the same item counts as a rounded copy.
    source.write_text("order_number,item\n8194736512093847,Earbuds\n8194736512093850,Phone case\n")
    status, out, _ = run(capsys, "import", str(source), "--db", str(store))
    assert status == 0
    assert "Imported 2 cases" in out
    assert "probably" not in out


def test_an_order_number_in_scientific_notation_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("order_number,item\n8.19473651209385E+15,Lamp\n")
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert "row 2, order_number: '8.19473651209385E+15' is a number a spreadsheet rounded" in err


def test_a_new_user_s_libreoffice_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Saved by LibreOffice Calc in a German locale: `;`, decimal commas, day-first dates, a
    BOM, CRLF line ends, the shopper's own column names and a column of their own."""
    text = (
        "\ufeffOrder No.;Product;Shop;Order date;Received on;Price;Currency;Colour\r\n"
        "8194736512093847;Wasserkocher;Küchenwelt;03.11.2026;14.11.2026;1.234,50;EUR;rot\r\n"
        "8194736512093848;Tasse;Küchenwelt;04.11.2026;15.11.2026;12,99;EUR;\r\n"
        ";;;;;;;\r\n"
    )
    source, store = tmp_path / "calc.csv", tmp_path / "store.json"
    source.write_bytes(text.encode("utf-8"))
    status, out, err = run(
        capsys,
        "import",
        str(source),
        "--db",
        str(store),
        "--decimal-comma",
        "--date-format",
        "%d.%m.%Y",
    )
    assert (status, out.strip()) == (0, f"Imported 2 cases into {store}.")
    assert "ignored column 'Colour'" in err
    status, exported, _ = run(capsys, "export", "csv", "--db", str(store))
    rows = {row["order_number"]: row for row in csv.DictReader(io.StringIO(exported))}
    kettle = rows["8194736512093847"]
    assert (kettle["item"], kettle["store"], kettle["amount"]) == (
        "Wasserkocher",
        "Küchenwelt",
        "1234.50",
    )
    assert (kettle["ordered_on"], kettle["received_on"]) == ("2026-11-03", "2026-11-14")
    assert rows["8194736512093848"]["amount"] == "12.99"
    status, due, _ = run(
        capsys, "due", "--db", str(store), "--as-of", "2026-11-20", "--within", "999", "--json"
    )
    explained = [item["explanation"] for item in json.loads(due)]
    assert any("2026-11-14" in text for text in explained), explained


def test_a_failed_import_hints_at_the_options_that_read_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("order_number;item;amount;received_on\n81;Lamp;12,50;03.11.2026\n")
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert "hint: a file with decimal commas (12,50) imports with --decimal-comma" in err
    assert "hint: dates written another way import with --date-format, e.g. %d.%m.%Y" in err


def test_a_dash_imports_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"order_number,item\n81,Lamp\n")))
    status, out, err = run(capsys, "import", "-", "--db", str(tmp_path / "s.json"))
    assert status == 0, err
    assert "Imported 1 case" in out


def test_amounts_without_a_currency_column_are_read_in_the_settings_currency_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = CaseStore.open(tmp_path / "store.json")
    store.stage_settings(replace(store.settings(), currency="EUR"))
    store.flush()
    store.close()
    text = "Order ID,Product,Price\n8190000000000001,Lamp,12.50\n"
    [case], said = imported(tmp_path, capsys, text)
    assert case.currency == "EUR"
    assert "no currency column: amounts read as EUR" in said
    source = tmp_path / "mine.csv"
    status, _, err = run(
        capsys, "import", str(source), "--db", str(tmp_path / "b.json"), "--currency", "gbp"
    )
    assert status == 0
    assert "amounts read as GBP" in err


def test_a_file_naming_its_currency_is_not_told_about_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Order ID,Product,Price,Currency\n8190000000000001,Lamp,12.50,JPY\n"
    [case], said = imported(tmp_path, capsys, text.replace("12.50", "1250"))
    assert case.currency == "JPY"
    assert "currency" not in said


def test_received_is_the_day_received_and_the_carrier_is_guessed_as_in_the_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Order ID,Product,Received,Tracking number\n"
        "8190000000000001,Lamp,2026-11-20,RR123456785CN\n"
    )
    [case], _ = imported(tmp_path, capsys, text)
    assert str(case.received_on) == "2026-11-20"
    assert case.shipment.carrier == "CN post"
