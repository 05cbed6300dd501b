"""Nothing leaked by the command line: exports never overwrite the store, CSV is safe in a
spreadsheet, and every bad input or full disk is one line with exit status 2, never a traceback."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders import a_case
from tui.cli import main
from tui.domain.interchange import ImportPlan, cases_from_rows
from tui.domain.model import Shipment
from tui.formats.csv_file import neutralise, read_csv, restore_cell, write_csv
from tui.store.case_store import CaseStore
from tui.store.locations import DB_ENVIRONMENT_VARIABLE, default_store_path


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_line_refusal(status: int, err: str) -> bool:
    return status == 2 and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("name", ["returns.json", "returns.json.journal", "backup"])
def test_an_export_never_overwrites_the_store_its_journal_or_backups(
    demo_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    store = CaseStore.open(demo_path)
    store.save(store.cases()[0])  # a journal and a backup now exist
    store.flush()
    before = {path: path.read_bytes() for path in demo_path.parent.rglob("*") if path.is_file()}
    store.close()
    before = {path: path.read_bytes() for path in demo_path.parent.rglob("*") if path.is_file()}
    if name == "backup":
        target = next(demo_path.parent.glob("returns.json.backups/*"))
    else:
        target = demo_path.with_name(name)
    status, _, err = run(capsys, "export", "csv", "--db", str(demo_path), "-o", str(target))
    assert one_line_refusal(status, err), err
    assert "store" in err
    after = {path: path.read_bytes() for path in demo_path.parent.rglob("*") if path.is_file()}
    assert after == before


def test_an_export_through_another_name_for_the_store_is_refused(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = demo_path.with_name("alias.json")
    link.symlink_to(demo_path)
    before = demo_path.read_bytes()
    status, _, err = run(capsys, "export", "json", "--db", str(demo_path), "-o", str(link))
    assert one_line_refusal(status, err), err
    assert demo_path.read_bytes() == before


def test_an_export_to_a_folder_is_one_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "export", "csv", "--db", str(demo_path), "-o", str(tmp_path))
    assert one_line_refusal(status, err), err
    assert "folder" in err


@pytest.mark.parametrize("days", ["-1", "61", "100000000000"])
def test_an_alarm_out_of_range_is_one_line(
    demo_path: Path, capsys: pytest.CaptureFixture[str], days: str
) -> None:
    status, _, err = run(capsys, "export", "ics", "--db", str(demo_path), "--alarm", days)
    assert one_line_refusal(status, err), err
    assert "--alarm" in err


def disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_during_an_export_is_one_line_and_leaves_no_file(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setattr("os.fsync", disk_full)
    for arguments in (["csv"], ["md", "--case", "8194736512093847", "--zip"]):
        target = tmp_path / "out.file"
        status, _, err = run(
            capsys, "export", *arguments, "--db", str(demo_path), "-o", str(target)
        )
        assert one_line_refusal(status, err), err
        assert "No space left" in err
        assert not target.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_a_full_disk_during_an_import_is_one_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("order_number,item\n1,Lamp\n")
    before = demo_path.read_bytes()
    monkeypatch.setattr("os.fsync", disk_full)
    status, _, err = run(capsys, "import", str(source), "--db", str(demo_path))
    assert one_line_refusal(status, err), err
    assert "No space left" in err
    assert demo_path.read_bytes() == before
    monkeypatch.undo()
    reopened = CaseStore.open(demo_path)  # what was reported as failed did not happen
    assert "Lamp" not in [case.item for case in reopened.cases()]
    reopened.close()


NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
FORMULAS = ["=1+1", "+1", "-2", "@SUM(A1)", "'=already", "''+x", "'+", "'plain", "'", "a=b"]


def test_csv_cells_cannot_run_as_formulas_and_round_trip_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source.json"
    store = CaseStore.open(source)
    store.save_all(
        a_case(id=f"c{number}", order_number=f"{number}", item=text, notes=text, store=text)
        for number, text in enumerate(FORMULAS)
    )
    store.close()
    first, second, fresh = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "fresh.json"
    assert run(capsys, "export", "csv", "--db", str(source), "-o", str(first))[0] == 0
    import csv

    for row in list(csv.reader(first.read_text().splitlines()))[1:]:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", row
    assert run(capsys, "import", str(first), "--db", str(fresh))[0] == 0
    assert run(capsys, "export", "csv", "--db", str(fresh), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    imported = CaseStore.open(fresh, exclusive=False)
    assert sorted(case.notes for case in imported.cases()) == sorted(FORMULAS)
    assert sorted(case.item for case in imported.cases()) == sorted(FORMULAS)
    imported.close()


def test_tab_and_carriage_return_cells_are_neutralised_too() -> None:
    for value in ["\tx", "\rx", "'\t", "x"]:
        assert restore_cell(neutralise(value), "item") == value
    assert neutralise("\tx") == "'\tx"


def test_surrounding_whitespace_is_kept_behind_the_quote() -> None:
    for value in [" =3+3", "x ", "\n=1", "' x", "'x\t"]:
        assert neutralise(value) == "'" + value
        assert restore_cell(neutralise(value), "item") == value
    assert restore_cell("  a cell of a shopper's own  ", "item") == "a cell of a shopper's own"


def test_a_text_formula_is_read_as_digits_only_where_the_export_writes_one() -> None:
    assert restore_cell('="8194736512093847"', "order_number") == "8194736512093847"
    assert restore_cell('="123"', "item") == '="123"'


_PIECES = [
    *"=+-@'\",;|x7 \t\r\n\x0b\x0c\x1b\x1f\x7f\x85\xa0\u2028\u202e\u3000",
    '="123"',
    "=1+1",
    "\r\n",
    "cmd|' /C calc'!A0",
]
HOSTILE_TEXT = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join) | st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
)
# A number in scientific notation (0E0) is refused by an import on purpose: it is what a
# spreadsheet makes of a long order number.
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d+")
ORDER_NUMBERS = HOSTILE_TEXT.filter(
    lambda text: (
        text.strip()
        and len(text) <= 64
        and not any(c < " " or c == "\x7f" for c in text)
        and not _SCIENTIFIC.fullmatch(text.strip())
    )
)


@given(
    order_number=ORDER_NUMBERS,
    item=HOSTILE_TEXT.filter(str.strip),
    text=st.tuples(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT),
    excel=st.booleans(),
)
@settings(max_examples=400, deadline=None)
def test_export_import_export_gives_the_same_file_for_any_text(
    order_number: str, item: str, text: tuple[str, str, str], excel: bool
) -> None:
    store, carrier, notes = text
    case = a_case(
        order_number=order_number,
        item=item,
        store=store,
        notes=notes,
        shipment=Shipment(carrier=carrier),
    )
    first = write_csv([case], excel=excel)
    as_text = f'="{order_number}"' if excel else None  # the text formula --excel writes
    for row in csv.reader(io.StringIO(first, newline="")):
        formulas = [cell for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert formulas in ([], [as_text]), row
    read = read_csv(first)
    assert read.problems == []
    plan = cases_from_rows(read.rows, [], NOW)
    assert isinstance(plan, ImportPlan), plan
    assert [(c.order_number, c.item, c.store, c.notes) for c in plan.cases] == [
        (order_number, item, store, notes)
    ]
    assert write_csv(plan.cases, excel=excel) == first


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("order_number,item\n1," + "x" * 200_000 + "\n", "too long"),
        ("order_number,item\n1,a\x00b\n", "NUL"),
        ("order_number,item,item\n1,a,b\n", "twice"),
        ('order_number,item\n1,"never closed\n', "quote"),
    ],
    ids=["long", "nul", "twice", "quote"],
)
def test_a_malformed_csv_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, says: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(content)
    status, _, err = run(capsys, "import", str(source), "--db", str(tmp_path / "s.json"))
    assert status == 2
    assert "Traceback" not in err
    assert says in err, err
    assert not (tmp_path / "s.json").exists()


def test_an_evidence_zip_packs_only_regular_files_and_says_why_the_rest_are_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.domain.actions import add_custom_evidence, set_evidence_details

    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"jpeg")
    link = tmp_path / "link.jpg"
    link.symlink_to(secret)
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    paths = {
        "photo": photo,
        "link": link,
        "folder": folder,
        "fifo": fifo,
        "proc": Path("/proc/self/environ"),
        "gone": tmp_path / "gone.png",
    }
    case = a_case(id="z", order_number="77")
    for label, path in paths.items():
        case, key = add_custom_evidence(case, label)
        case = set_evidence_details(case, key, str(path), "")
    store = CaseStore.open(tmp_path / "s.json")
    store.save(case)
    store.close()
    target = tmp_path / "pack.zip"
    status, out, err = run(
        capsys,
        "export",
        "md",
        "--db",
        str(tmp_path / "s.json"),
        "--case",
        "z",
        "--zip",
        "-o",
        str(target),
    )
    assert (status, out) == (0, ""), err
    assert "5 file(s) left out" in err  # a message: stderr
    import zipfile

    archive = zipfile.ZipFile(target)
    packed = [name for name in archive.namelist() if name.startswith("evidence/")]
    assert [name.split("-", 1)[1] for name in packed] == ["photo.jpg"]
    assert b"password" not in target.read_bytes()
    pack = archive.read("evidence-pack.md").decode()
    assert "a symbolic link, not followed" in pack
    assert "a folder" in pack
    assert "not a regular file" in pack
    assert "special file system /proc" in pack
    assert "not found" in pack
    assert target.stat().st_mode & 0o777 == 0o600


def test_the_data_folder_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "returns.json"
    store = CaseStore.open(path)
    store.save(a_case())
    store.close()
    assert path.parent.stat().st_mode & 0o777 == 0o700


@pytest.fixture
def no_umask() -> Iterator[None]:
    """The most permissive umask, 000, restored afterwards."""
    before = os.umask(0)
    yield
    os.umask(before)


def test_every_folder_and_file_made_is_private_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_umask: None
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv(DB_ENVIRONMENT_VARIABLE, raising=False)
    store = CaseStore.open(default_store_path())
    store.save(a_case())
    store.close()
    store = CaseStore.open(default_store_path())
    store.save(a_case(item="Lamp"))  # a journal, then a backup on close

    def not_private() -> dict[str, int]:
        """Each folder not 0700 and each file not 0600 under HOME, with its mode."""
        return {
            str(path.relative_to(home)): mode
            for path in home.rglob("*")
            if (mode := path.stat().st_mode & 0o777) != (0o700 if path.is_dir() else 0o600)
        }

    def names() -> set[str]:
        return {path.name for path in default_store_path().parent.iterdir()}

    assert {"returns.json.lock", "returns.json.owner", "returns.json.journal"} <= names()
    assert not_private() == {}
    store.close()
    assert "returns.json.backups" in names()
    assert not_private() == {}


@pytest.mark.parametrize(
    "content",
    [b'{"meta": {"1": {"schema_version": 999}}}', b"[1, 2]", b'{"cases": {"1": {"id": 1}}}'],
    ids=["newer", "list", "bad case"],
)
def test_restore_refuses_a_backup_of_the_wrong_shape_before_replacing_anything(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    backup = tmp_path / "backup.json"
    backup.write_bytes(content)
    before = demo_path.read_bytes()
    status, _, err = run(
        capsys, "restore", "--db", str(demo_path), "--backup", str(backup), "--yes"
    )
    assert one_line_refusal(status, err), err
    assert str(backup) in err
    assert demo_path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "replaced" in p.name] == []


def test_restore_of_a_fifo_does_not_hang(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    status, _, err = run(capsys, "restore", "--db", str(demo_path), "--backup", str(fifo), "--yes")
    assert one_line_refusal(status, err), err
