"""Reliability trials: crashes during edits, bad store files, hostile text.

Run: python tests/reliability.py [--kills N] [--fuzz N] [--json]

1. kill -9 during continuous edits: a child process saves edit after edit, printing each one
   once `save` returns (the edit is acknowledged); the parent kills it at a random moment, then
   checks that the file loads and holds every acknowledged edit.
2. Bad store files: each is given to `returns-tui` and `returns-tui due`, which must exit with
   status 2 and a one-line message naming the file, before drawing anything, leaving the file
   byte-for-byte unchanged.
3. Hostile text: random strings (markup, control and escape characters, right-to-left text,
   emoji, CJK, very long) put in every text field and pushed through every pane, the palette,
   the case form, a notification and `returns-tui due`; any exception, or an escape character
   reaching the screen, is a failure.
CI runs a smaller version of each through tests/test_reliability.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import UTC
from pathlib import Path

from tui.app.returns_app import ReturnsApp
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.domain.actions import add_custom_evidence, add_event
from tui.domain.clock import FixedClock
from tui.domain.model import EventKind, Shipment
from tui.store.case_store import CaseStore
from tui.store.locations import bundled_demo_path


@dataclass
class Results:
    """What one run found."""

    kill_trials: int = 0
    unloadable_files: int = 0
    lost_acknowledged_edits: int = 0
    bad_files_tried: int = 0
    bad_files_mishandled: list[str] = field(default_factory=list)
    strings_fuzzed: int = 0
    display_failures: list[str] = field(default_factory=list)


# ----- 1. kill -9 during edits ----------------------------------------------------------------


def _edit_forever(path: Path, acknowledge: int) -> None:
    """The child: save edits one after another, acknowledging each once it is durable."""
    store = CaseStore.open(path)
    cases = store.cases()
    edit = 0
    while True:
        edit += 1
        case = cases[edit % len(cases)]
        store.save(replace(case, notes=f"edit {edit}"))
        os.write(acknowledge, f"{edit}\n".encode())


def kill_trials(count: int, folder: Path, results: Results) -> None:
    source = bundled_demo_path()
    for trial in range(count):
        path = folder / f"kill-{trial}.json"
        shutil.copyfile(source, path)
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child until killed
            os.close(read_end)
            try:
                _edit_forever(path, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        time.sleep(random.uniform(0.01, 0.12))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        acknowledged = _last_acknowledged(read_end)
        results.kill_trials += 1
        try:
            store = CaseStore.open(path)
        except Exception as error:
            results.unloadable_files += 1
            print(f"trial {trial}: unloadable: {error}", file=sys.stderr)
            continue
        saved = max((_edit_number(case.notes) for case in store.cases()), default=0)
        store.close()
        if saved < acknowledged:
            results.lost_acknowledged_edits += acknowledged - saved
        path.unlink()
        shutil.rmtree(path.with_name(path.name + ".backups"), ignore_errors=True)


def _last_acknowledged(read_end: int) -> int:
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    lines = [line for line in b"".join(chunks).decode().splitlines() if line.strip()]
    return int(lines[-1]) if lines else 0


def _edit_number(notes: str) -> int:
    return int(notes.split()[1]) if notes.startswith("edit ") else 0


# ----- 2. bad store files ---------------------------------------------------------------------

BAD_FILES: dict[str, bytes | None] = {
    "empty": b"",
    "whitespace": b"  \n",
    "truncated": None,  # the demo store cut in half, filled in below
    "random bytes": bytes(random.Random(7).randrange(256) for _ in range(4096)),
    "JSON list": b"[1, 2, 3]",
    "JSON string": b'"returns"',
    "tables of the wrong type": b'{"cases": [1, 2]}',
    "cases without a schema": b'{"cases": {"1": {"id": "x"}}}',
    "newer schema": b'{"meta": {"1": {"schema_version": 999}}}',
    "case of the wrong shape": (
        b'{"meta": {"1": {"schema_version": 2}}, "cases": {"1": {"id": 5, "item": []}}}'
    ),
    "bad date": (
        b'{"meta": {"1": {"schema_version": 2}}, "cases": {"1": {"id": "a", "order_number": "1",'
        b' "item": "x", "created_at": "yesterday"}}}'
    ),
    "NUL bytes": b"\x00" * 64,
}


def bad_file_trials(folder: Path, results: Results) -> None:
    demo = bundled_demo_path().read_bytes()
    for name, content in BAD_FILES.items():
        path = folder / f"bad-{name.replace(' ', '-')}.json"
        path.write_bytes(demo[: len(demo) // 2] if content is None else content)
        _try_bad_store(name, path, results)
    folder_in_place = folder / "bad-folder.json"
    folder_in_place.mkdir()
    _try_bad_store("a folder where the file should be", folder_in_place, results)


def _try_bad_store(name: str, path: Path, results: Results) -> None:
    before = path.read_bytes() if path.is_file() else None
    for arguments in (["--db", str(path)], ["due", "--db", str(path)]):
        results.bad_files_tried += 1
        finished = subprocess.run(
            [sys.executable, "-m", "tui", *arguments],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        message = finished.stderr.decode()
        problems = []
        if finished.returncode != 2:
            problems.append(f"exit {finished.returncode}")
        if message.count("\n") != 1 or str(path) not in message:
            problems.append(f"message {message!r}")
        if finished.stdout:
            problems.append("drew or printed something")
        if before is not None and path.read_bytes() != before:
            problems.append("file changed")
        if problems:
            results.bad_files_mishandled.append(f"{name} ({' '.join(arguments[:1])}): {problems}")


# ----- 3. hostile text ------------------------------------------------------------------------

_PIECES = [
    "[bold]",
    "[/]",
    "[/",
    "[",
    "]",
    "[link=x]",
    "\\",
    "\\[",
    "$accent",
    "&",
    "<b>",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x00",
    "\x07",
    "\t",
    "\n",
    "\r",
    "\x7f",
    "\x9b",
    "\u202e",
    "\u200f",
    "مرحبا",
    "שלום",
    "店铺",
    "😀",
    "👩‍👩‍👧",
    "e\u0301",
    "\ufeff",
]


def hostile_strings(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    strings = []
    for index in range(count):
        pieces = [rng.choice(_PIECES) for _ in range(rng.randint(1, 12))]
        pieces += [chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(0, 8))]
        rng.shuffle(pieces)
        text = "".join(pieces)
        if index % 25 == 0:
            text *= 40  # very long
        strings.append(text)
    return strings


def fuzz_display(count: int, folder: Path, results: Results) -> None:
    strings = hostile_strings(count)
    batch = 25
    for start in range(0, len(strings), batch):
        asyncio.run(_fuzz_batch(strings[start : start + batch], folder, results))
    results.strings_fuzzed += len(strings)


async def _fuzz_batch(strings: list[str], folder: Path, results: Results) -> None:
    path = folder / "fuzz.json"
    shutil.copyfile(bundled_demo_path(), path)
    store = CaseStore.open(path)
    template = store.cases()[0]
    clock = FixedClock.on(store.demo_as_of() or template.created_at.date(), UTC)
    for index, text in enumerate(strings):
        case = replace(
            template,
            id=f"fuzz-{index}",
            order_number=text,
            item=text,
            store=text,
            notes=text,
            shipment=Shipment(carrier=text, tracking_number=text),
        )
        case = add_event(case, EventKind.NOTE, text, clock.now())
        case, _ = add_custom_evidence(case, text)
        store.save(case)
    app = ReturnsApp(store, clock, store_label=strings[0])
    try:
        await _show_everywhere(app, strings, results)
    except Exception as error:
        results.display_failures.append(f"app stopped: {type(error).__name__}: {error}")
    finally:
        store.close()
    due = subprocess.run(
        [sys.executable, "-m", "tui", "due", "--db", str(path), "--within", "9999"],
        capture_output=True,
        timeout=60,
    )
    if due.returncode not in (0, 1) or b"\x1b" in due.stdout:
        results.display_failures.append(f"due: exit {due.returncode}, escape in output")
    path.unlink()


async def _show_everywhere(app: ReturnsApp, strings: list[str], results: Results) -> None:
    """Show each hostile case in every pane (all four are on screen at this size), in the edit
    form and in the returns list, the agenda and the palette of them all."""
    async with app.run_test(size=(130, 40)) as pilot:
        screen = app.screen
        screen.query_one(DeadlinesPane).all_cases = False
        for index, text in enumerate(strings):
            try:
                screen.select_case(f"fuzz-{index}")  # type: ignore[attr-defined]
                await pilot.pause()
                _check_screen(app.export_screenshot(), text, results)
                await pilot.press("e")
                _check_screen(app.export_screenshot(), text, results)
                await pilot.press("escape")
            except Exception as error:
                results.display_failures.append(f"{text!r}: {type(error).__name__}: {error}")
        await pilot.press("4", "v", "ctrl+p")
        _check_screen(app.export_screenshot(), "(all cases)", results)


def _check_screen(svg: str, text: str, results: Results) -> None:
    if "\x1b" in svg:
        results.display_failures.append(f"{text!r}: an escape character reached the screen")


# ----- report ---------------------------------------------------------------------------------


def run(kills: int, fuzz: int) -> Results:
    results = Results()
    with tempfile.TemporaryDirectory() as folder:
        kill_trials(kills, Path(folder), results)
        bad_file_trials(Path(folder), results)
        fuzz_display(fuzz, Path(folder), results)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200, help="kill -9 trials (default 200)")
    parser.add_argument("--fuzz", type=int, default=300, help="hostile strings (default 300)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments = parser.parse_args()
    started = time.monotonic()
    results = run(arguments.kills, arguments.fuzz)
    if arguments.json:
        print(json.dumps(results.__dict__, indent=2))
        return
    rows = [
        ("kill -9 trials during continuous edits", results.kill_trials),
        ("files that failed to load (goal 0)", results.unloadable_files),
        ("acknowledged edits lost (goal 0)", results.lost_acknowledged_edits),
        ("bad-file cases tried (app and due)", results.bad_files_tried),
        ("bad-file cases mishandled (goal 0)", len(results.bad_files_mishandled)),
        ("hostile strings through every display path", results.strings_fuzzed),
        ("display failures (goal 0)", len(results.display_failures)),
    ]
    for label, value in rows:
        print(f"{label:<46} {value:>6}")
    print(f"{'seconds':<46} {time.monotonic() - started:>6.1f}")
    for problem in results.bad_files_mishandled + results.display_failures[:20]:
        print("  -", problem)


if __name__ == "__main__":
    main()
