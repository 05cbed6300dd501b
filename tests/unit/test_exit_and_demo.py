"""Exit statuses a script can trust, and a `--demo` that never touches the shopper's store."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import INTERNAL_ERROR_EXIT, INTERRUPTED_EXIT, main
from tui.store.locations import DB_ENVIRONMENT_VARIABLE, bundled_demo_path, default_store_path

# A function each command calls once it has begun its work.
COMMANDS_AT_WORK = {
    "due": ("tui.cli.due.due_items", ["due"]),
    "export": ("tui.cli.transfer.write_csv", ["export", "csv"]),
    "import": ("tui.cli.transfer.read_csv", ["import", "orders.csv"]),
    "restore": ("tui.cli.restore.restore", ["restore", "--list"]),
}


def _failing(error: BaseException):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


@pytest.fixture
def orders_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A spreadsheet to import, in the working folder."""
    monkeypatch.chdir(tmp_path)
    Path("orders.csv").write_text("order_number,item\n8190000000000001,Lamp\n")


@pytest.mark.parametrize("command", COMMANDS_AT_WORK)
@pytest.mark.usefixtures("orders_here")
def test_an_unexpected_error_exits_3_in_one_line_naming_a_private_log(
    command: str,
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 1 would read as "something is overdue" to cron and to the systemd unit.
    target, argv = COMMANDS_AT_WORK[command]
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(target, _failing(AttributeError("no attribute 'is_working_day'")))
    assert main(["--db", str(demo_path), *argv]) == INTERNAL_ERROR_EXIT
    said = capsys.readouterr().err
    assert said.count("\n") == 1
    assert said.startswith("returns-tui: internal error (AttributeError: no attribute")
    log = Path(said.rstrip().rstrip(")").rpartition("the details are in ")[2])
    assert "Traceback" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", COMMANDS_AT_WORK)
@pytest.mark.usefixtures("orders_here")
def test_ctrl_c_exits_130_in_one_line(
    command: str,
    demo_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target, argv = COMMANDS_AT_WORK[command]
    before = demo_path.read_bytes()
    monkeypatch.setattr(target, _failing(KeyboardInterrupt()))
    assert main(["--db", str(demo_path), *argv]) == INTERRUPTED_EXIT
    assert capsys.readouterr().err == "returns-tui: interrupted\n"
    assert demo_path.read_bytes() == before


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux's /proc")
def test_ctrl_c_while_an_import_waits_for_its_input_exits_130(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    reading = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(demo_path), "import", "-"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reading.stdin is not None
    reading.stdin.write("order_number,item\n")
    reading.stdin.flush()
    # Once it waits on standard input (which never ends), never while Python starts up.
    wchan = Path(f"/proc/{reading.pid}/wchan")
    for _ in range(3000):
        if "pipe" in wchan.read_text():
            break
        time.sleep(0.01)
    reading.send_signal(signal.SIGINT)
    _, said = reading.communicate(timeout=30)
    assert reading.returncode == INTERRUPTED_EXIT
    assert said == "returns-tui: interrupted\n"
    assert demo_path.read_bytes() == before


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own, where the shopper's store would be."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", DB_ENVIRONMENT_VARIABLE):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_store_path().is_relative_to(home)
    return home


def _store_files(home: Path) -> list[Path]:
    """The files of a store under `home`: the store, its journal, lock, seal, backups... (the
    user's seal key, kept in the same folder, is not the store)."""
    assert default_store_path().parent.is_relative_to(home)
    return list(home.rglob("returns.json*"))


DEMO_ORDER = json.loads(bundled_demo_path().read_text())["cases"]["1"]["order_number"]


@pytest.mark.parametrize(
    "argv",
    [
        ["due"],
        ["due", "--json"],
        ["export", "csv"],
        ["export", "json"],
        ["export", "ics"],
        ["export", "md", "--case", DEMO_ORDER],
        ["import", "orders.csv"],
        ["import", "--dry-run", "orders.csv"],
    ],
    ids=" ".join,
)
@pytest.mark.usefixtures("orders_here")
def test_every_command_with_demo_uses_a_throwaway_copy(
    argv: list[str], empty_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --demo goes before the command or after it, as --db does.
    for demo_too in (["--demo", *argv], [*argv, "--demo"]):
        assert main(demo_too) in (0, 1)  # 1: the demo has something overdue
        assert capsys.readouterr().out  # it did its work, on the demo's cases
        assert _store_files(empty_home) == []


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--demo", "restore"], "--demo is a throwaway store: restore is for your own"),
        (["--demo", "reminders"], "--demo is a throwaway store: reminders is for your own"),
        (["--demo", "due", "--db", "mine.json"], "--demo and --db name two stores"),
    ],
)
def test_what_demo_cannot_do_is_refused_before_anything_is_read(
    argv: list[str], said: str, empty_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith(f"returns-tui: {said}")
    assert list(empty_home.rglob("*")) == []
    assert not Path("mine.json").exists()


def test_a_crash_log_is_private_even_with_an_open_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("tui.cli._run", _failing(RuntimeError("boom")))
    old = os.umask(0)
    try:
        assert main(["due"]) == INTERNAL_ERROR_EXIT
    finally:
        os.umask(old)
    [log] = (tmp_path / "state").rglob("crash-*.txt")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert "RuntimeError: boom" in capsys.readouterr().err


def test_the_demo_s_throwaway_copy_is_gone_when_a_command_ends(tmp_path: Path) -> None:
    environment = {**os.environ, "TMPDIR": str(tmp_path)}
    for command in (["due"], ["export", "csv"]):
        done = subprocess.run(
            [sys.executable, "-m", "tui", "--demo", *command],
            capture_output=True,
            env=environment,
            timeout=120,
        )
        assert done.returncode in (0, 1), done.stderr
        assert list(tmp_path.iterdir()) == []
