"""Reminders are never silent: `due`'s exit status on every kind of store, desktop
notifications, and the systemd sample units."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.builders import a_case
from tui.cli import main
from tui.store.case_store import CaseStore
from tui.store.locations import bundled_data_path


def due(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(["due", *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_case_store(path: Path) -> Path:
    store = CaseStore.open(path)
    store.save(a_case())  # return window closes 2026-11-25
    store.close()
    return path


@pytest.mark.parametrize(
    ("kind", "as_of", "status"),
    [
        ("good", "2026-11-01", 0),
        ("overdue", "2026-11-26", 1),
        ("bad", "2026-11-26", 2),
        ("missing", "2026-11-26", 2),
    ],
)
def test_exit_status_on_good_overdue_bad_and_missing_stores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, as_of: str, status: int
) -> None:
    path = tmp_path / "returns.json"
    if kind in ("good", "overdue"):
        one_case_store(path)
    elif kind == "bad":
        path.write_text("{not json")
    code, out, err = due(capsys, "--db", str(path), "--as-of", as_of)
    assert code == status
    if status == 2:
        assert out == ""
        assert err.startswith(f"returns-tui: {path}: ")
    else:
        assert err == ""


@pytest.fixture
def fake_notifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A notify-send that writes its arguments to a file."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "notified"
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{log}"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return log


def test_notify_sends_a_desktop_notification(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_notifier: Path
) -> None:
    path = one_case_store(tmp_path / "returns.json")
    status, out, err = due(capsys, "--db", str(path), "--as-of", "2026-11-26", "--notify")
    assert (status, err) == (1, "")
    arguments = fake_notifier.read_text().splitlines()
    assert arguments[:4] == [
        "--app-name=returns-tui",
        "-u",
        "critical",
        "Returns: 3 deadlines overdue",
    ]
    assert "Earbuds" in arguments[4]
    assert "no desktop notification" not in out


def test_notify_says_so_where_there_is_no_notifier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    path = one_case_store(tmp_path / "returns.json")
    status, out, err = due(capsys, "--db", str(path), "--as-of", "2026-11-26", "--notify", "--json")
    assert status == 1
    assert "no desktop notification: notify-send was not found" in err
    assert json.loads(out)  # stdout holds the list alone


def test_nothing_to_say_sends_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_notifier: Path
) -> None:
    path = one_case_store(tmp_path / "returns.json")
    status, _, _ = due(capsys, "--db", str(path), "--as-of", "2026-11-01", "--notify")
    assert status == 0
    assert not fake_notifier.exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_systemd_sample_units_verify(tmp_path: Path) -> None:
    folder = bundled_data_path("systemd")
    for unit in ("returns-tui-due.service", "returns-tui-due.timer"):
        text = (folder / unit).read_text()
        # verify checks that the program exists: point it at one that does.
        text = text.replace("%h/.local/bin/returns-tui", shutil.which("sh") or "/bin/sh")
        (tmp_path / unit).write_text(text)
    _assert_systemd_verifies(tmp_path)


def _assert_systemd_verifies(folder: Path) -> None:
    """`systemd-analyze verify` passes on the units in `folder`, with no warning about them."""
    done = subprocess.run(
        ["systemd-analyze", "verify", "returns-tui-due.service", "returns-tui-due.timer"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_COLOR": "0"},
        check=False,
    )
    if "Failed to initialize manager" in done.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    assert "returns-tui-due" not in done.stderr, done.stderr


def test_the_readme_s_cron_line_alerts_on_overdue_and_on_a_broken_store() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    [line] = [line for line in readme.splitlines() if line.startswith("0 9 * * *")]
    assert "/returns-tui due" in line  # an absolute path: cron's PATH is short
    assert "1)" in line
    assert "2)" in line
    assert "data/systemd/returns-tui-due.timer" in readme


def test_reminders_prints_the_units_running_this_returns_tui(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["reminders"]) == 0
    printed = capsys.readouterr().out
    [exec_start] = [line for line in printed.splitlines() if line.startswith("ExecStart=")]
    program = exec_start.removeprefix("ExecStart=").split(" ")[0]
    assert Path(program).is_absolute()
    assert Path(program).is_file()
    assert exec_start.endswith("due --within 3 --notify")
    assert "SuccessExitStatus=1" in printed
    assert "OnCalendar=*-*-* 09:00:00" in printed


def test_reminders_install_writes_units_systemd_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = one_case_store(tmp_path / "mine.json")
    assert main(["--db", str(store), "reminders", "--install"]) == 0
    folder = tmp_path / "config" / "systemd" / "user"
    service = (folder / "returns-tui-due.service").read_text()
    assert f"--db {store} due --within 3 --notify" in service
    assert "systemctl --user enable --now returns-tui-due.timer" in capsys.readouterr().out
    if shutil.which("systemd-analyze") is not None:
        _assert_systemd_verifies(folder)
