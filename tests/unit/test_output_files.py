"""Where exports go: `-o -`, special files, symbolic links, missing folders, broken pipes,
spreadsheet-friendly CSV; data on stdout, messages on stderr."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.builders import a_case
from tui.cli import main
from tui.store.case_store import CaseStore


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_dash_is_standard_output(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", "csv", "--db", str(demo_path), "-o", "-")
    assert (status, err) == (0, "")
    assert out.startswith("order_number,item,")
    assert not Path("-").exists()


def test_a_special_file_is_written_to_not_replaced(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "export", "json", "--db", str(demo_path), "-o", os.devnull)
    assert (status, out, err.strip()) == (0, "", f"Wrote {os.devnull}")
    assert Path(os.devnull).is_char_device()


def test_a_symbolic_link_is_written_through(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real" / "cases.csv"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run(capsys, "export", "csv", "--db", str(demo_path), "-o", str(link))[0] == 0
    assert link.is_symlink()
    assert real.read_text().startswith("order_number,item,")


def test_a_missing_folder_is_an_error_and_never_created(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "cases.csv"
    for command in (["csv"], ["md", "--case", "8192700011223344", "--zip"]):
        status, out, err = run(
            capsys, "export", *command, "--db", str(demo_path), "-o", str(target)
        )
        assert (status, out) == (2, "")
        assert err == f"returns-tui: {target}: the folder {target.parent} does not exist\n"
    assert not (tmp_path / "no").exists()


def test_a_zip_to_standard_output(
    demo_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    status = main(
        ["export", "md", "--db", str(demo_path), "--case", "8192700011223344", "--zip", "-o", "-"]
    )
    captured = capsysbinary.readouterr()
    assert status == 0
    names = zipfile.ZipFile(io.BytesIO(captured.out)).namelist()
    assert names[0] == "evidence-pack.md"
    assert b"left out are listed in the pack" in captured.err


def test_excel_csv_keeps_every_digit_and_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, fresh = tmp_path / "s.json", tmp_path / "fresh.json"
    writer = CaseStore.open(store)
    writer.save(a_case(order_number="8194736512093847", item="Lamp"))
    writer.close()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run(capsys, "export", "csv", "--excel", "--db", str(store), "-o", str(first))[0] == 0
    raw = first.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbforder_number,")
    assert b'"=""8194736512093847""",Lamp' in raw
    assert run(capsys, "import", str(first), "--db", str(fresh))[0] == 0
    reader = CaseStore.open(fresh, exclusive=False)
    assert [case.order_number for case in reader.cases()] == ["8194736512093847"]
    reader.close()
    assert run(capsys, "export", "csv", "--excel", "--db", str(fresh), "-o", str(second))[0] == 0
    assert second.read_bytes() == raw
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["order_number"] == '="8194736512093847"'


def test_a_comma_decimal_spreadsheet_export_keeps_columns_and_amounts_and_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, fresh = tmp_path / "s.json", tmp_path / "fresh.json"
    writer = CaseStore.open(store)
    writer.save(
        a_case(order_number="8194736512093847", item="Lamp, red", amount=Decimal("1234.50"))
    )
    writer.close()
    german = ["--excel", "--delimiter", ";", "--decimal-comma"]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run(capsys, "export", "csv", *german, "--db", str(store), "-o", str(first))[0] == 0
    raw = first.read_bytes()
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert row["item"] == "Lamp, red"
    assert row["amount"] == "1234,50"
    assert run(capsys, "import", str(first), "--decimal-comma", "--db", str(fresh))[0] == 0
    assert run(capsys, "export", "csv", *german, "--db", str(fresh), "-o", str(second))[0] == 0
    assert second.read_bytes() == raw


def big_store(path: Path) -> None:
    """Enough overdue cases that `due` prints more than a pipe holds (64 KiB)."""
    store = CaseStore.open(path)
    store.save_all(
        a_case(id=f"case-{number}", order_number=str(1000 + number)) for number in range(800)
    )
    store.close()


@pytest.mark.skipif(shutil.which("head") is None, reason="needs head")
@pytest.mark.parametrize(("command", "status"), [("due --as-of 2026-12-31", 1), ("export csv", 0)])
def test_a_reader_that_stops_early_ends_the_output_quietly(
    tmp_path: Path, command: str, status: int
) -> None:
    path = tmp_path / "s.json"
    big_store(path)
    script = (
        f"{sys.executable} -m tui --db {path} {command} 2>{tmp_path / 'err'} | head -1; "
        'echo "${PIPESTATUS[0]}"'
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    first, code = done.stdout.splitlines()
    assert first
    assert int(code) == status
    assert (tmp_path / "err").read_text() == ""


def test_a_zip_pack_never_writes_over_the_store(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_path.read_bytes()
    status, out, err = run(
        capsys, "export", "md", "--db", str(demo_path), "--case", "8192700011223344", "--zip",
        "-o", str(demo_path),
    )  # fmt: skip
    assert (status, out) == (2, "")
    assert "is the store" in err
    assert demo_path.read_bytes() == before
