"""`--db` means the same before or after the subcommand; a named store that is missing is an
error for the commands that read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.builders import a_case
from tui.cli import main
from tui.store.case_store import CaseStore
from tui.store.locations import DB_ENVIRONMENT_VARIABLE


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(autouse=True)
def empty_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default store is another one: reading it by mistake shows."""
    default = tmp_path / "default" / "returns.json"
    default.parent.mkdir()
    store = CaseStore.open(default)
    store.save(a_case(item="Not this one"))
    store.close()
    monkeypatch.setenv(DB_ENVIRONMENT_VARIABLE, str(default))
    return default


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_db_before_or_after_due_reads_that_store(
    demo_path: Path, capsys: pytest.CaptureFixture[str], before: bool
) -> None:
    option = ["--db", str(demo_path)]
    rest = ["--as-of", "2026-11-26", "--json"]
    arguments = [*option, "due", *rest] if before else ["due", *option, *rest]
    status, out, _ = run(capsys, *arguments)
    assert status == 1
    assert any(item["item"] == "Digital kitchen scale 5 kg" for item in json.loads(out))


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_db_before_or_after_export_exports_that_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: bool
) -> None:
    path = tmp_path / "mine.json"
    store = CaseStore.open(path)
    store.save(a_case(item="My lamp"))
    store.close()
    option = ["--db", str(path)]
    arguments = [*option, "export", "csv"] if before else ["export", "csv", *option]
    status, out, _ = run(capsys, *arguments)
    assert status == 0
    assert "My lamp" in out
    assert "Not this one" not in out


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_db_before_or_after_import_writes_that_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: bool
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("order_number,item\n81,Lamp\n")
    path = tmp_path / "new.json"
    option = ["--db", str(path)]
    arguments = [*option, "import", str(source)] if before else ["import", str(source), *option]
    assert run(capsys, *arguments)[0] == 0
    reader = CaseStore.open(path, exclusive=False)
    assert [case.item for case in reader.cases()] == ["Lamp"]
    reader.close()


def test_the_option_after_the_subcommand_wins(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys,
        "--db",
        str(tmp_path / "typo.json"),
        "due",
        "--db",
        str(demo_path),
        "--as-of",
        "2026-11-26",
    )
    assert (status, err) == (1, "")


@pytest.mark.parametrize(
    "command",
    [["due"], ["export", "csv"], ["export", "json"], ["restore", "--list"], ["restore", "--yes"]],
)
@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_a_named_store_that_does_not_exist_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], before: bool
) -> None:
    missing = tmp_path / "typo.json"
    option = ["--db", str(missing)]
    status, out, err = run(capsys, *([*option, *command] if before else [*command, *option]))
    assert (status, out) == (2, "")
    assert err == f"returns-tui: {missing}: does not exist\n"
    assert not missing.exists()


def test_due_on_a_missing_default_store_is_an_error(
    empty_default_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty_default_store.unlink()
    status, out, err = run(capsys, "due")
    assert (status, out) == (2, "")
    assert "does not exist" in err
