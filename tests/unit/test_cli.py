"""The command line: version, help, and bad stores reported before any screen is drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui import __version__
from tui.cli import INTERNAL_ERROR_EXIT, main
from tui.store.locations import DB_ENVIRONMENT_VARIABLE, default_store_path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"returns-tui {__version__}"


def test_a_bad_store_exits_2_with_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "returns.json"
    path.write_text("{not json")
    assert main(["--db", str(path)]) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1
    assert message.startswith(f"returns-tui: {path}: is not valid JSON")
    assert path.read_text() == "{not json"


def test_the_environment_variable_chooses_the_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENVIRONMENT_VARIABLE, str(tmp_path / "mine.json"))
    assert default_store_path() == tmp_path / "mine.json"
    monkeypatch.delenv(DB_ENVIRONMENT_VARIABLE)
    assert default_store_path().name == "returns.json"
    assert "returns-tui" in default_store_path().parts


def test_an_app_that_ended_on_an_error_gives_a_failing_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a review: a traceback, then exit status 0."""
    from tui.app.returns_app import ReturnsApp

    def crash(app: ReturnsApp) -> None:
        app.exit(return_code=1)  # as Textual ends an app whose handler raised

    monkeypatch.setattr(ReturnsApp, "run", crash)
    assert main(["--db", str(tmp_path / "returns.json")]) == INTERNAL_ERROR_EXIT
