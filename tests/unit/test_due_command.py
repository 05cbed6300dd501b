"""`returns-tui due`: deadlines for scripts, with exit status 0, 1 or 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.builders import a_case
from tui.cli import main
from tui.store.case_store import CaseStore


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(["due", *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_overdue_deadlines_give_status_1_most_urgent_first(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--db", str(demo_path), "--as-of", "2026-11-26", "--json")
    found = json.loads(out)
    assert status == 1
    assert found[0]["item"] == "Digital kitchen scale 5 kg"
    assert found[0]["days_left"] == -6
    assert found[0]["kind"] == "refund_expected"
    assert "business days" in found[0]["explanation"]
    assert [item["date"] for item in found] == sorted(item["date"] for item in found)
    assert all(item["days_left"] <= 7 for item in found)
    assert {"case_id", "order_number", "kind", "date", "days_left", "explanation"} <= set(found[0])


def test_nothing_overdue_gives_status_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "returns.json"
    store = CaseStore.open(path)
    store.save(a_case())  # return window closes 2026-11-25
    store.close()
    status, out, _ = run(capsys, "--db", str(path), "--as-of", "2026-11-01", "--within", "3")
    assert (status, out.strip()) == (0, "Nothing overdue and nothing due within 3 days.")
    status, out, _ = run(capsys, "--db", str(path), "--as-of", "2026-11-24", "--within", "3")
    assert status == 0
    assert "Return window closes 2026-11-25" in out
    assert "tomorrow" in out


def test_a_store_open_in_the_app_can_still_be_read(
    store: CaseStore, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--db", str(demo_path), "--as-of", "2026-11-26")
    assert status == 1
    assert "Digital kitchen scale 5 kg" in out


def test_a_bad_store_gives_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "returns.json"
    path.write_bytes(b"\x00garbage")
    status, out, err = run(capsys, "--db", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"returns-tui: {path}: is not valid JSON")


@pytest.mark.parametrize("arguments", [["--as-of", "tomorrow"], ["--within", "-1"]])
def test_bad_arguments_give_status_2(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["due", *arguments])
    assert exited.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_control_characters_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "returns.json"
    store = CaseStore.open(path)
    store.save(a_case(item="evil\x1b[2Jitem"))
    store.close()
    _, out, _ = run(capsys, "--db", str(path), "--as-of", "2026-11-24")
    assert "\x1b" not in out
    assert "evil␛[2Jitem" in out


def test_the_command_itself_prints_everything_and_exits_with_the_status(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a timer runs it (`python -m tui`, the process ending with the command), to a pipe."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "tui", "due", "--db", str(demo_path), "--as-of", "2026-11-26"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    status, out, _ = run(capsys, "--db", str(demo_path), "--as-of", "2026-11-26")
    assert (done.returncode, done.stdout) == (status, out) == (1, out)
    assert out.count("\n") > 5
