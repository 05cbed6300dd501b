"""Reliability trials: crashes during edits, bad store files, hostile text.

Run: python tests/reliability.py [--kills N] [--fuzz N] [--trials N] [--terminal-closes N] [--json]

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
4. Nothing lost, nothing leaked: one scenario per promise, numbered as the README's
   items: outside changes and the journal, a full disk (a real small tmpfs when run as root),
   quitting with NOT SAVED, a store moved or deleted while open, exports aimed at the store,
   fields of a newer version, evidence zips and hostile paths, CSV formulas, symlinks, closing
   the terminal (tmux kill-session), values out of range, and the smaller promises; then
   another program replacing a store of 5,000 cases at a random moment while returns-tui
   reads it (13) or rewrites it on closing (14): its version is never written over.
CI runs a smaller version of each through tests/test_reliability.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import errno
import functools
import hashlib
import io
import json
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from tui.app.returns_app import ReturnsApp
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.domain.actions import add_custom_evidence, add_event, set_evidence_details
from tui.domain.clock import FixedClock
from tui.domain.model import Case, EventKind, Shipment
from tui.store import backups, journal
from tui.store.case_store import CaseStore, SaveFailed
from tui.store.codec import case_to_document
from tui.store.errors import StoreError
from tui.store.locations import bundled_demo_path

# Run as a script (python tests/reliability.py), the project's root is not on the path.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.export_screenshots import finish_work  # noqa: E402


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
    scenarios: list[Scenario] = field(default_factory=list)


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
        acknowledged = _killed_at_random(functools.partial(_edit_forever, path), 0.01, 0.12)
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


def _killed_at_random(work: Callable[[int], None], earliest: float, latest: float) -> int:
    """Run `work` in a child process (it writes a number to the descriptor it is given for each
    step done), kill -9 it at a random moment between `earliest` and `latest` seconds, and
    return the last number it acknowledged."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child until killed
        os.close(read_end)
        try:
            work(write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    time.sleep(random.uniform(earliest, latest))
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    return _last_acknowledged(read_end)


def _last_acknowledged(read_end: int) -> int:
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    lines = [line for line in b"".join(chunks).decode().splitlines() if line.strip()]
    return int(lines[-1]) if lines else 0


def _edit_number(notes: str) -> int:
    return int(notes.split()[1]) if notes.startswith("edit ") else 0


def _attach_forever(path: Path, sources: list[Path], acknowledge: int) -> None:
    """The child: attach big files one after another (each kept in the vault, then saved),
    acknowledging each once the store holds it durably."""
    store = CaseStore.open(path)
    case = store.cases()[0]
    attach = 0
    while True:
        attach += 1
        source = sources[attach % len(sources)]
        kept = store.vault.keep(source, limit=1 << 30, now=datetime.now(UTC))
        case, key = add_custom_evidence(case, f"attach {attach}")
        case = set_evidence_details(case, key, str(source), "", kept)
        store.save(case)
        os.write(acknowledge, f"{attach}\n".encode())


def attach_kill_trials(count: int, folder: Path) -> Scenario:
    """Kill -9 a process attaching 8 MB files at a random moment, `count` times: no item may
    name a file the vault lacks or holds changed, no half copy may stay, and no acknowledged
    attach may be lost."""
    found = Scenario(15, "a kill -9 during an attach leaves no half file referenced")
    sources = []
    for number in range(3):
        source = folder / f"video-{number}.mp4"
        source.write_bytes(bytes([number]) * (8 << 20))
        sources.append(source)
    for trial in range(count):
        path = folder / f"attach-{trial}.json"
        shutil.copyfile(bundled_demo_path(), path)
        acknowledged = _killed_at_random(
            functools.partial(_attach_forever, path, sources), 0.05, 0.4
        )
        found.trials += 1
        store = CaseStore.open(path)
        entries = [
            entry
            for case in store.cases()
            for entry in case.evidence
            if entry.label.startswith("attach ")
        ]
        for entry in entries:
            kept = store.vault.path_of(entry)
            assert entry.file is not None
            if kept is None or hashlib.sha256(kept.read_bytes()).hexdigest() != entry.file.sha256:
                found.failed(f"trial {trial}: {entry.label} names a missing or half file")
        if leftovers := [p.name for p in store.vault.folder.glob(".*")]:
            found.failed(f"trial {trial}: half copies left: {leftovers}")
        if len(entries) < acknowledged:
            found.failed(f"trial {trial}: {acknowledged - len(entries)} attaches lost")
        store.close()
        shutil.rmtree(store.vault.folder, ignore_errors=True)
    found.detail = f"up to {max(1, acknowledged)} attaches of 8 MB before each kill"
    return found


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


# ----- 4. nothing lost, nothing leaked --------------------------------------------------------
#
# One scenario per promise of the README's "Nothing is lost" section. Each runs
# `trials` times (on varied data) and counts the trials where the promise was broken.


@dataclass
class Scenario:
    """What one nothing-lost scenario found: how many trials, how many broke the promise."""

    item: int
    promise: str
    trials: int = 0
    failures: int = 0
    problems: list[str] = field(default_factory=list)
    detail: str = ""

    def failed(self, problem: str) -> None:
        self.failures += 1
        if len(self.problems) < 5:
            self.problems.append(problem)


def _cli(*arguments: str, timeout: float | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `returns-tui ARGUMENTS`: in a process of its own when it could hang (`timeout`),
    else in this one (much faster); an exception counts as a traceback on stderr."""
    if timeout is not None:
        return subprocess.run(
            [sys.executable, "-m", "tui", *arguments],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
        )
    from tui.cli import main as returns_tui

    out, err = io.TextIOWrapper(io.BytesIO()), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = returns_tui(list(arguments))
    except BaseException as error:  # any exception is the finding
        status = 1
        err.write(f"Traceback: {type(error).__name__}: {error}\n")
    out.flush()
    stdout = out.buffer.getvalue()  # type: ignore[attr-defined]
    return subprocess.CompletedProcess(list(arguments), status, stdout, err.getvalue().encode())


def _one_line_refusal(finished: subprocess.CompletedProcess[bytes]) -> bool:
    err = finished.stderr.decode()
    return finished.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err


def _crash(store: CaseStore) -> None:
    """What kill -9 leaves behind: the store not closed, its OS lock gone."""
    store._lock.release()  # type: ignore[union-attr]


def _demo_copy(folder: Path, name: str) -> Path:
    path = folder / name
    shutil.copyfile(bundled_demo_path(), path)
    return path


def _forget(path: Path) -> None:
    for leftover in path.parent.glob(path.name + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def outside_change_trials(count: int, folder: Path, rng: random.Random) -> Scenario:
    """1: a file replaced while open is never overwritten by the journal; the app's own edits
    the new file lacks are offered (in `unmatched`), never replayed, never silently dropped."""
    found = Scenario(1, "an outside change is never overwritten by the journal")
    for trial in range(count):
        path = _demo_copy(folder, f"outside-{trial}.json")
        store = CaseStore.open(path)
        cases = store.cases()
        mine = rng.sample(cases, rng.randint(1, 3))
        for number, case in enumerate(mine):
            store.save(replace(case, notes=f"mine {trial}.{number}"))
        if trial % 2:  # another store copied in
            other = folder / f"other-{trial}.json"
            theirs = CaseStore.open(other)
            theirs.save_all(
                replace(case, id=f"theirs-{n}", item=f"Their {n}")
                for n, case in enumerate(rng.sample(cases, 3))
            )
            theirs.close()
            shutil.copyfile(other, path)
            _forget(other)
        else:  # the same file, the same cases edited by another program
            data = json.loads(path.read_text())
            for document in data["cases"].values():
                if document["id"] in {case.id for case in mine}:
                    document["item"] = "Edited elsewhere"
            path.write_text(json.dumps(data))
        expected = {case.id: case for case in CaseStore.open(path, exclusive=False).cases()}
        store.reload()
        found.trials += 1
        now = {case.id: case for case in store.cases()}
        offered = {case.notes for case in store.unmatched}
        if now != expected:
            found.failed(f"trial {trial}: the journal was replayed over the new file")
        elif offered != {f"mine {trial}.{n}" for n in range(len(mine))}:
            found.failed(f"trial {trial}: own edits not offered: {sorted(offered)}")
        store.close()
        _forget(path)
    return found


def full_disk_trials(count: int, folder: Path, rng: random.Random) -> Scenario:
    """2: on a full disk no save is acknowledged that is not on disk, none reported failed is
    on disk after a crash, and the journal never grows bigger than the store file. Uses a real
    small tmpfs when it can mount one (root), else cuts writes short by patching os.write."""
    found = Scenario(2, "a full disk never acknowledges a save that is not on disk")
    mount = folder / "small-disk"
    mount.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(mount)], capture_output=True
        ).returncode
        == 0
    )
    saves = [0, 0]  # acknowledged, refused
    try:
        for trial in range(count):
            _full_disk_trial(trial, mount, mounted, rng, found, saves)
        how = "a 160k tmpfs" if mounted else "writes cut short by a patched os.write"
        found.detail = f"{how}: {saves[0]} saves acknowledged, {saves[1]} refused (NOT SAVED)"
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], capture_output=True)
    return found


def _full_disk_trial(
    trial: int, mount: Path, mounted: bool, rng: random.Random, found: Scenario, saves: list[int]
) -> None:
    for leftover in mount.iterdir():
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    path = _demo_copy(mount, "returns.json")
    if mounted:  # fill the disk to a different point each time
        (mount / "filler").write_bytes(b"\0" * rng.randint(0, 40_000))
    real_write = os.write

    def short_write(descriptor: int, data: bytes) -> int:
        if rng.random() < 0.2:
            if rng.random() < 0.5:
                return real_write(descriptor, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(descriptor, data)

    store = CaseStore.open(path)
    cases = store.cases()
    acknowledged: dict[str, int] = {}
    failed: dict[str, int] = {}
    if not mounted:
        os.write = short_write  # type: ignore[assignment]
    try:
        for edit in range(1, 40):
            case = cases[rng.randrange(len(cases))]
            try:
                store.save(replace(store.get(case.id), notes=f"edit {edit} " + "x" * 1500))
            except SaveFailed:
                failed[case.id] = edit
                saves[1] += 1
                continue
            saves[0] += 1
            # A save that succeeds writes everything in memory: earlier failures included.
            for case_id in failed:
                acknowledged[case_id] = max(acknowledged.get(case_id, 0), failed[case_id])
            failed.clear()
            acknowledged[case.id] = edit
            if journal.size(path) > path.stat().st_size:
                found.failed(f"trial {trial}: the journal outgrew the store")
    finally:
        os.write = real_write
    _crash(store)
    found.trials += 1
    try:
        after = CaseStore.open(path, exclusive=False)
    except Exception as error:
        found.failed(f"trial {trial}: unloadable: {error}")
        return
    for case in after.cases():
        on_disk = _edit_number(case.notes)
        if on_disk < acknowledged.get(case.id, 0):
            found.failed(f"trial {trial}: an acknowledged edit was lost")
        if on_disk > acknowledged.get(case.id, 0):
            found.failed(f"trial {trial}: an edit reported NOT SAVED was on disk")
    after.close()


def quit_unsaved_trials(count: int, folder: Path) -> Scenario:
    """3: q with NOT SAVED asks (the app keeps running), and "Save a copy" keeps everything."""
    found = Scenario(3, "quitting with unsaved changes asks and offers a copy")
    for trial in range(count):
        found.trials += 1
        try:
            problem = asyncio.run(_quit_unsaved(folder, trial))
        except Exception as error:
            problem = f"{type(error).__name__}: {error}"
        if problem:
            found.failed(f"trial {trial}: {problem}")
    return found


def _no_space(*_arguments: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


async def _quit_unsaved(folder: Path, trial: int) -> str:
    from tui.app.screens.question import QuestionDialog

    path = _demo_copy(folder, f"quit-{trial}.json")
    store = CaseStore.open(path)
    app = ReturnsApp(store, FixedClock.on(store.demo_as_of() or date.today(), UTC), store_label="")
    copy = folder / f"quit-{trial}-copy.json"
    real_fsync = os.fsync
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            os.fsync = _no_space  # type: ignore[assignment]
            await pilot.press("3", *["down"] * (trial % 4), "space")
            await finish_work(app)
            await pilot.pause()
            if not store.unsaved:
                return "the failed save was not shown as NOT SAVED"
            await pilot.press("q")
            await pilot.pause()
            if not isinstance(app.screen, QuestionDialog) or not app.is_running:
                return "q quit without asking"
            os.fsync = real_fsync
            await pilot.click("#save_copy")
            await pilot.pause()
            await pilot.press(*str(copy), "enter")
            await finish_work(app)
            await pilot.pause()
        rescued = CaseStore.open(copy, exclusive=False)
        if {c.id: c for c in rescued.cases()} != {c.id: c for c in store.cases()}:
            return "the copy lacks what was in memory"
        return ""
    finally:
        os.fsync = real_fsync
        store.abandon_unsaved()
        store.close()
        _forget(path)
        _forget(copy)


def store_moved_trials(count: int, folder: Path) -> Scenario:
    """4: the store moved or deleted while open: nothing in memory is lost, the app says so,
    and saving it back puts every case (and the edit made meanwhile) on disk."""
    found = Scenario(4, "a store moved or deleted while open loses nothing")
    for trial in range(count):
        found.trials += 1
        try:
            problem = asyncio.run(_store_moved(folder, trial))
        except Exception as error:
            problem = f"{type(error).__name__}: {error}"
        if problem:
            found.failed(f"trial {trial}: {problem}")
    return found


async def _store_moved(folder: Path, trial: int) -> str:
    from tui.app.screens.question import QuestionDialog

    path = _demo_copy(folder, f"moved-{trial}.json")
    store = CaseStore.open(path)
    app = ReturnsApp(store, FixedClock.on(store.demo_as_of() or date.today(), UTC), store_label="")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            before = len(store.cases())
            if trial % 2:
                path.rename(folder / f"moved-{trial}-elsewhere.json")
            else:
                path.unlink()
            await pilot.press("3", "space")
            await finish_work(app)
            await pilot.pause()
            app.screen_stack[1].commands.saving.check_for_outside_changes()  # type: ignore[attr-defined]
            await pilot.pause()
            if len(store.cases()) != before:
                return "cases lost from memory"
            if not isinstance(app.screen, QuestionDialog):
                return "nothing said"
            in_memory = {case.id: case for case in store.cases()}
            await pilot.click("#save_back")
            await finish_work(app)
            await pilot.pause()
        store.close()
        back = {case.id: case for case in CaseStore.open(path, exclusive=False).cases()}
        return "" if back == in_memory else "what was saved back differs from memory"
    finally:
        store.abandon_unsaved()
        store.close()
        _forget(path)
        _forget(folder / f"moved-{trial}-elsewhere.json")


def export_target_trials(folder: Path) -> Scenario:
    """5: `export -o` naming the store, its journal, lock, owner note, a backup or a link to
    the store is refused in one line (exit 2), every file left as it was."""
    found = Scenario(5, "an export never overwrites the store or its files")
    path = _demo_copy(folder, "export-target.json")
    store = CaseStore.open(path)
    store.save(store.cases()[0])  # a journal, a lock and an owner note now exist
    backups.take_backup(path)
    alias = folder / "export-alias.json"
    alias.symlink_to(path)
    targets = [
        path,
        journal.journal_path(path),
        path.with_name(path.name + ".lock"),
        path.with_name(path.name + ".owner"),
        next(backups.backup_folder(path).iterdir()),
        alias,
        Path(str(path.parent / "." / path.name)),
    ]
    for target in targets:
        for kind in ("csv", "json", "ics"):
            before = {p: p.read_bytes() for p in folder.rglob("export-target*") if p.is_file()}
            finished = _cli("export", kind, "--db", str(path), "-o", str(target))
            found.trials += 1
            after = {p: p.read_bytes() for p in folder.rglob("export-target*") if p.is_file()}
            if not _one_line_refusal(finished) or after != before:
                found.failed(f"{target.name} ({kind}): exit {finished.returncode}")
    store.close()
    _forget(path)
    alias.unlink()
    return found


_UNKNOWN_PLACES = ("case", "shipment", "refund", "event", "evidence", "meta", "settings")


def unknown_field_trials(count: int, folder: Path, rng: random.Random) -> Scenario:
    """6: fields this version does not know (a newer version's, or added by hand) survive an
    edit of the case, its timeline, its checklist and the settings."""
    found = Scenario(6, "fields a newer version wrote survive an edit")
    for trial in range(count):
        path = _demo_copy(folder, f"unknown-{trial}.json")
        data = json.loads(path.read_text())
        # A case with an event and an evidence item to hold the unknown fields.
        holders = [(n, d) for n, d in data["cases"].items() if d["events"] and d["evidence"]]
        number, document = rng.choice(holders)
        value = {"from": "a newer version", "n": trial, "list": [trial, "x"]}
        places = rng.sample(_UNKNOWN_PLACES, rng.randint(1, len(_UNKNOWN_PLACES)))
        where = {
            "case": document,
            "shipment": document["shipment"],
            "refund": document["refund"],
            "event": document["events"][0],
            "evidence": document["evidence"][0],
            "meta": data["meta"]["1"],
            "settings": data["meta"]["1"].setdefault("settings", {}),
        }
        for place in places:
            where[place][f"unknown_{place}"] = value
        path.write_text(json.dumps(data))
        store = CaseStore.open(path)
        case = store.get(document["id"])
        edited = add_event(
            replace(case, notes=f"edit {trial}"), EventKind.NOTE, "n", case.created_at
        )
        store.save(edited)
        store.stage_settings(replace(store.settings(), country=rng.choice(["DE", "GB", ""])))
        store.flush()
        store.close()
        found.trials += 1
        after = json.loads(path.read_text())
        kept = after["cases"][number]
        where = {
            "case": kept,
            "shipment": kept["shipment"],
            "refund": kept["refund"],
            "event": next(
                (e for e in kept["events"] if e.get("id") == document["events"][0].get("id")),
                {},
            ),
            "evidence": next(
                (e for e in kept["evidence"] if e.get("key") == document["evidence"][0].get("key")),
                {},
            ),
            "meta": after["meta"]["1"],
            "settings": after["meta"]["1"].get("settings", {}),
        }
        lost = [place for place in places if where[place].get(f"unknown_{place}") != value]
        if lost or kept["notes"] != f"edit {trial}":
            found.failed(f"trial {trial}: lost {lost}")
        _forget(path)
    return found


def evidence_zip_trials(folder: Path) -> Scenario:
    """7: an evidence zip packs only regular files: never a symlink's target, a folder, a FIFO,
    a device or /proc, /sys; says why each was left out; is private (0600); never hangs."""
    found = Scenario(7, "an evidence zip packs only the regular files named")
    secret = folder / "zip-secret.txt"
    secret.write_text("SECRET-CONTENT")
    photo = folder / "zip-photo.jpg"
    photo.write_bytes(b"jpeg")
    (folder / "zip-link.jpg").symlink_to(secret)
    (folder / "zip-folder").mkdir()
    os.mkfifo(folder / "zip-fifo")
    (folder / "zip-proc").symlink_to("/proc/self")
    hostile = {
        "symlink": str(folder / "zip-link.jpg"),
        "folder": str(folder / "zip-folder"),
        "fifo": str(folder / "zip-fifo"),
        "device": "/dev/zero",
        "proc": "/proc/self/environ",
        "proc through a linked folder": str(folder / "zip-proc" / "environ"),
        "sys": "/sys/kernel/mm/transparent_hugepage/enabled",
        "missing": str(folder / "zip-missing.jpg"),
    }
    path = folder / "zip-store.json"
    for name, hostile_path in hostile.items():
        case = a_case_for(f"zip-{name}")
        case, key = add_custom_evidence(case, "photo")
        case = set_evidence_details(case, key, str(photo), "")
        case, key = add_custom_evidence(case, name)
        case = set_evidence_details(case, key, hostile_path, "")
        store = CaseStore.open(path)
        store.save(case)
        store.close()
        target = folder / "zip-pack.zip"
        found.trials += 1
        try:
            finished = _cli(
                "export",
                "md",
                "--db",
                str(path),
                "--case",
                case.id,
                "--zip",
                "-o",
                str(target),
                timeout=30,
            )
        except subprocess.TimeoutExpired:
            found.failed(f"{name}: hung")
            continue
        if finished.returncode != 0:
            found.failed(f"{name}: exit {finished.returncode} {finished.stderr[-200:]!r}")
            continue
        archive = zipfile.ZipFile(target)
        packed = [n for n in archive.namelist() if n.startswith("evidence/")]
        pack = archive.read("evidence-pack.md").decode()
        if len(packed) != 1 or b"SECRET" in target.read_bytes():
            found.failed(f"{name}: packed {packed}")
        elif (target.stat().st_mode & 0o777) != 0o600:
            found.failed(f"{name}: zip mode {oct(target.stat().st_mode & 0o777)}")
        elif name == "folder" and ": a folder" not in pack:
            found.failed(f"{name}: not said to be a folder")
        target.unlink()
    _forget(path)
    return found


def a_case_for(case_id: str) -> Case:
    demo = CaseStore.open(bundled_demo_path(), exclusive=False)
    try:
        return replace(demo.cases()[0], id=case_id, order_number=case_id, evidence=())
    finally:
        demo.close()


_FORMULA_PIECES = ["=", "+", "-", "@", "\t", "\r", "'", "''", "=1+1", "@SUM(A1)", "-2", "cmd|"]


def csv_formula_trials(count: int, folder: Path, rng: random.Random) -> Scenario:
    """8: no CSV cell starts with a formula character, and export, import, export again gives
    the same bytes (what was escaped is unescaped exactly)."""
    found = Scenario(8, "CSV cells never run as formulas and round-trip exactly")
    template = a_case_for("csv")
    cases = []
    for number in range(count):
        text = "".join(rng.choice(_FORMULA_PIECES) for _ in range(rng.randint(1, 4)))
        text = text.strip() or "="
        cases.append(
            replace(template, id=f"csv-{number}", order_number=f"{number}", item=text, notes=text)
        )
    source, fresh = folder / "csv-source.json", folder / "csv-fresh.json"
    first, second = folder / "csv-a.csv", folder / "csv-b.csv"
    store = CaseStore.open(source)
    store.save_all(cases)
    store.close()
    _cli("export", "csv", "--db", str(source), "-o", str(first))
    rows = list(csv.reader(io.StringIO(first.read_text(), newline="")))[1:]
    for row in rows:
        found.trials += 1
        if any(cell and cell[0] in "=+-@\t\r" for cell in row):
            found.failed(f"a cell could run as a formula: {row[:2]}")
    imported = _cli("import", str(first), "--db", str(fresh))
    _cli("export", "csv", "--db", str(fresh), "-o", str(second))
    if imported.returncode != 0 or first.read_bytes() != second.read_bytes():
        found.failed(f"round trip differs (import exit {imported.returncode})")
    for leftover in (source, fresh, first, second):
        _forget(leftover)
    return found


def symlink_trials(folder: Path) -> Scenario:
    """9: a store reached through a symlink stays a symlink, its real file is written and
    locked; a symlink planted at the journal's or a backup's name is never followed."""
    found = Scenario(9, "symlinks are never replaced or followed")
    real = _demo_copy(folder, "link-real.json")
    link = folder / "link-alias.json"
    link.symlink_to(real)
    store = CaseStore.open(link)
    store.save(replace(store.cases()[0], notes="through the link"))
    store.close()
    found.trials += 1
    if not link.is_symlink():
        found.failed("the link was replaced by a regular file")
    elif CaseStore.open(real, exclusive=False).cases()[0].notes != "through the link":
        found.failed("the real file was not written")
    found.trials += 1
    store = CaseStore.open(link)
    try:
        CaseStore.open(real).close()
        found.failed("the real file could be opened twice (the lock was on the link)")
    except StoreError:
        pass
    store.close()
    victim = folder / "link-victim.txt"
    (folder / "link-victim-folder").mkdir()
    for planted in ("journal", "backup"):
        victim.write_text("precious")
        path = _demo_copy(folder, f"planted-{planted}.json")
        if planted == "journal":
            journal.journal_path(path).symlink_to(victim)
        else:
            target = backups.backup_folder(path)
            target.symlink_to(folder / "link-victim-folder", target_is_directory=True)
        found.trials += 1
        try:
            store = CaseStore.open(path)
            with contextlib.suppress(StoreError, OSError):
                store.save(replace(store.cases()[0], notes="x"))
            with contextlib.suppress(StoreError, OSError):
                store.close()
        except StoreError:
            pass
        if victim.read_text() != "precious" or any((folder / "link-victim-folder").iterdir()):
            found.failed(f"a symlink planted at the {planted} was followed")
        _forget(path)
    return found


def terminal_close_trials(count: int, folder: Path) -> Scenario:
    """10: closing the terminal under the app (tmux kill-session) ends it within the deadline,
    its edit saved and its lock released, however busy the screen was."""
    found = Scenario(10, "closing the terminal never hangs the app")
    if shutil.which("tmux") is None:
        found.problems.append("tmux not installed: not tried")
        return found
    for trial in range(count):
        problem = _terminal_close(folder, trial)
        found.trials += 1
        if problem:
            found.failed(f"trial {trial}: {problem}")
    return found


def _process_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _terminal_close(folder: Path, trial: int) -> str:
    path = _demo_copy(folder, f"terminal-{trial}.json")
    name = f"h12-reliability-{os.getpid()}-{trial}"
    command = f"RETURNS_TUI_DB={shlex.quote(str(path))} exec {shlex.quote(sys.executable)} -m tui"
    # A tmux server of its own, its socket in the trial's folder (removed with it): nobody
    # else's sessions are touched, and none touch ours.
    socket = folder / f"tmux-{trial}"
    tmux = ["tmux", "-S", str(socket)]
    started = _await(
        lambda: (
            subprocess.run(
                [*tmux, "new-session", "-d", "-s", name, "-x", "160", "-y", "48", command],
                capture_output=True,
            ).returncode
            == 0
        ),
        30,
    )
    if not started:
        return "tmux would not start"
    try:
        pid = int(
            subprocess.run(
                [*tmux, "display", "-p", "-t", name, "#{pane_pid}"],
                capture_output=True,
                text=True,
            ).stdout
        )
        if not _await(lambda: b"Deadlines" in _pane(tmux, name), 60):
            return "the app never drew"
        for _attempt in range(3):  # a key typed before the app listens is lost: type again
            drawn = _pane(tmux, name)
            subprocess.run([*tmux, "send-keys", "-t", name, "3"])  # the evidence pane
            _await(lambda drawn=drawn: _pane(tmux, name) != drawn, 5)
            subprocess.run([*tmux, "send-keys", "-t", name, "Space"])  # tick its first item
            if _await(lambda: ticked(path) != _DEMO_TICKS, 10):
                break
        else:
            return "the edit never reached the disk"
        # Keep the screen busy while the terminal goes away.
        subprocess.run([*tmux, "send-keys", "-t", name, *(["j", "k"] * 40)])
        subprocess.run([*tmux, "kill-session", "-t", name], capture_output=True)
        if not _await(lambda: not _process_alive(pid), 30):
            os.kill(pid, signal.SIGKILL)
            return "hung after the terminal closed"
        try:
            CaseStore.open(path).close()  # the lock is free and the file loads
        except StoreError as error:
            return f"after exit: {error}"
        return "" if ticked(path) != _DEMO_TICKS else "the edit was lost"
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
        socket.unlink(missing_ok=True)
        _forget(path)


def ticked(path: Path) -> int:
    store = CaseStore.open(path, exclusive=False)
    try:
        return sum(entry.done for case in store.cases() for entry in case.evidence)
    finally:
        store.close()


_DEMO_TICKS = ticked(bundled_demo_path())


def _pane(tmux: list[str], name: str) -> bytes:
    return subprocess.run([*tmux, "capture-pane", "-p", "-t", name], capture_output=True).stdout


def _await(condition: Callable[[], bool], seconds: float) -> bool:
    """Whether `condition` became true within `seconds` (polled; a deadline, not a sleep)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


_OUT_OF_RANGE = [
    ("received_on", "9999-01-01"),
    ("ordered_on", "1900-01-01"),
    ("created_at", "9999-12-31T00:00:00+00:00"),
    ("amount", "NaN"),
    ("amount", "sNaN"),
    ("amount", "Infinity"),
    ("amount", "-Infinity"),
    ("amount", "1e9"),
    ("amount", "1E+999999"),
    ("extensions", [{"kind": "return_window", "days": 10**9, "reason": ""}]),
    ("return_window_days", 10**9),
]


def out_of_range_trials(folder: Path) -> Scenario:
    """11: a value out of range (a date outside 1990-2100, an amount not finite or 10^9 or
    more, an extension of more than a year) is refused at import and at load, naming the field;
    `due` and `export` then still answer (a store the refused import never made is missing)."""
    found = Scenario(11, "values out of range are refused, naming the field")
    template = case_to_document(a_case_for("range"))
    for field_name, value in _OUT_OF_RANGE:
        document = {**template, field_name: value}
        export = {"format": "returns-tui export", "schema_version": 2, "cases": [document]}
        source, store_path = folder / "range-in.json", folder / "range-store.json"
        source.write_text(json.dumps(export))
        found.trials += 1
        imported = _cli("import", str(source), "--db", str(store_path))
        if not (imported.returncode == 2 and field_name.encode() in imported.stderr):
            found.failed(f"import {field_name}={value!r}: exit {imported.returncode}")
        for arguments in (["due"], ["export", "ics"]):
            after = _cli(*arguments, "--db", str(store_path))
            # A refused import writes nothing: a store that was never made is reported as
            # missing (exit 2), never read as an empty one.
            expected = (0, 1) if store_path.exists() else (2,)
            if after.returncode not in expected or b"Traceback" in after.stderr:
                found.failed(f"{arguments[0]} after import of {field_name}: {after.returncode}")
        store_path.write_text(
            json.dumps({"meta": {"1": {"schema_version": 2}}, "cases": {"1": document}})
        )
        found.trials += 1
        loaded = _cli("due", "--db", str(store_path))
        if not (_one_line_refusal(loaded) and field_name.encode() in loaded.stderr):
            found.failed(f"load {field_name}={value!r}: exit {loaded.returncode}")
        _forget(source)
        _forget(store_path)
    return found


def smaller_trials(folder: Path) -> Scenario:
    """12: the smaller promises, each one trial: a private data folder; restore refusing a
    wrong shape, a newer schema and a FIFO before replacing anything; two cases with one id;
    malformed CSV; export to a folder; out-of-range --alarm; a full disk during export."""
    found = Scenario(12, "smaller promises (folder mode, restore, CSV, export, alarms)")
    store_path = _demo_copy(folder, "small.json")

    def check(name: str, ok: bool) -> None:
        found.trials += 1
        if not ok:
            found.failed(name)

    private = folder / "small-new-folder" / "sub" / "returns.json"
    created = _cli("import", str(_csv(folder, "order_number,item\n1,Lamp\n")), "--db", str(private))
    check(
        "data folder mode",
        created.returncode == 0 and (private.parent.stat().st_mode & 0o777) == 0o700,
    )
    before = store_path.read_bytes()
    fifo = folder / "small-fifo.json"
    os.mkfifo(fifo)
    for name, content in (
        ("newer schema", b'{"meta": {"1": {"schema_version": 999}}}'),
        ("wrong shape", b"[1, 2, 3]"),
        ("bad case", b'{"meta": {"1": {"schema_version": 2}}, "cases": {"1": {"id": 1}}}'),
        ("fifo", None),
    ):
        backup = fifo if content is None else folder / "small-backup.json"
        if content is not None:
            backup.write_bytes(content)
        try:
            finished = _cli(
                "restore", "--db", str(store_path), "--backup", str(backup), "--yes", timeout=30
            )
            ok = _one_line_refusal(finished) and store_path.read_bytes() == before
        except subprocess.TimeoutExpired:
            ok = False
        check(f"restore of a {name}", ok)
    duplicated = json.loads(before)
    first = next(iter(duplicated["cases"].values()))
    duplicated["cases"]["999"] = dict(first)
    twice = folder / "small-twice.json"
    twice.write_text(json.dumps(duplicated))
    refused = _cli("due", "--db", str(twice))
    check("two cases with one id", _one_line_refusal(refused) and b"same id" in refused.stderr)
    for name, text in (
        ("huge cell", "order_number,item\n1," + "x" * 200_000 + "\n"),
        ("NUL byte", "order_number,item\n1,a\0b\n"),
        ("duplicated header", "order_number,item,item\n1,a,b\n"),
        ("unterminated quote", 'order_number,item\n1,"never closed\n'),
    ):
        finished = _cli("import", str(_csv(folder, text)), "--db", str(store_path))
        check(
            f"CSV with a {name}", finished.returncode == 2 and b"Traceback" not in finished.stderr
        )
    check(
        "export -o FOLDER",
        _one_line_refusal(_cli("export", "csv", "--db", str(store_path), "-o", str(folder))),
    )
    for days in ("-1", "61", "99999999999"):
        check(
            f"--alarm {days}",
            _one_line_refusal(_cli("export", "ics", "--db", str(store_path), "--alarm", days)),
        )
    check("full disk during export", _full_disk_export(folder, store_path))
    for leftover in (store_path, twice, fifo, folder / "small-backup.json"):
        _forget(leftover)
    shutil.rmtree(folder / "small-new-folder", ignore_errors=True)
    return found


def _csv(folder: Path, text: str) -> Path:
    path = folder / "small.csv"
    path.write_text(text)
    return path


def _full_disk_export(folder: Path, store_path: Path) -> bool:
    """An export to a full disk: one line, exit 2, and no file (not even an empty one) left."""
    mount = folder / "small-full"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        return True  # cannot mount here; tests/unit/test_nothing_leaked.py simulates it
    try:
        finished = _cli("export", "json", "--db", str(store_path), "-o", str(mount / "out.json"))
        return _one_line_refusal(finished) and not any(mount.iterdir())
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# ----- 13, 14: another program replacing the store while it is read or rewritten -----------

_RACER = """
import sys
from dataclasses import replace
from pathlib import Path
from tui.cli import close_keeping_changes
from tui.store.case_store import CaseStore
from tui.store.errors import StoreError

path = Path(sys.argv[1])
print("opening", flush=True)
store = CaseStore.open(path)
store.stage([replace(store.cases()[0], notes="mine")])
print("closing", flush=True)
try:
    close_keeping_changes(store)
except StoreError as error:
    print(error, file=sys.stderr)
"""
_THEIRS = "Their lamp, written by another program"


def _their_version(path: Path) -> Path:
    """Another program's version of the store (one case more), written aside, ready to be
    renamed over it as a sync tool does."""
    data = json.loads(path.read_text())
    theirs = replace(a_case_for("theirs"), item=_THEIRS)
    data["cases"]["999999"] = json.loads(json.dumps(case_to_document(theirs), default=str))
    aside = path.with_name(path.name + "-synced.tmp")
    aside.write_text(json.dumps(data))
    return aside


def replaced_while_open_trials(
    count: int, folder: Path, rng: random.Random, *, at: str, item: int, title: str
) -> Scenario:
    """13 and 14: a store of 5,000 cases is replaced by another program at a random moment
    while returns-tui reads it (`at="opening"`) or rewrites it on closing (`at="closing"`);
    the other program's version must never be written over (its case is in the file at the
    end; returns-tui's own edit goes onto it or into a rescue copy)."""
    found = Scenario(item, title)
    source = folder / "race-source.json"
    if not source.exists():
        from tests.benchmarks.generate import generate_store

        generate_store(source, 5000)
    for trial in range(count):
        path = folder / f"race-{at}-{trial}.json"
        shutil.copyfile(source, path)
        aside = _their_version(path)
        child = subprocess.Popen(
            [sys.executable, "-c", _RACER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout is not None
        while (line := child.stdout.readline()) and line.strip() != at:
            pass
        time.sleep(rng.uniform(0, 0.15))  # about as long as reading, or rewriting, takes
        os.replace(aside, path)
        child.wait(timeout=60)
        found.trials += 1
        if _THEIRS not in path.read_text():
            found.failed(f"trial {trial}: the other program's version was written over")
        _forget(path)
        for rescued in folder.glob(f"{path.name}.unsaved-*"):
            rescued.unlink()
    return found


# One nothing-lost scenario, run in a folder of its own with the random draws it is given.
ScenarioRun = Callable[[Path, random.Random], Scenario]


def issue12_scenarios(trials: int, terminal_closes: int) -> list[ScenarioRun]:
    """Every nothing-lost scenario in the order of its promise, `trials` each where trials
    vary (fixed sets elsewhere)."""
    return [
        lambda folder, rng: outside_change_trials(trials, folder, rng),
        lambda folder, rng: full_disk_trials(trials, folder, rng),
        lambda folder, _rng: quit_unsaved_trials(max(1, trials // 4), folder),
        lambda folder, _rng: store_moved_trials(max(1, trials // 4), folder),
        lambda folder, _rng: export_target_trials(folder),
        lambda folder, rng: unknown_field_trials(trials, folder, rng),
        lambda folder, _rng: evidence_zip_trials(folder),
        lambda folder, rng: csv_formula_trials(trials * 5, folder, rng),
        lambda folder, _rng: symlink_trials(folder),
        lambda folder, _rng: terminal_close_trials(terminal_closes, folder),
        lambda folder, _rng: out_of_range_trials(folder),
        lambda folder, _rng: smaller_trials(folder),
        lambda folder, rng: replaced_while_open_trials(
            trials,
            folder,
            rng,
            at="opening",
            item=13,
            title="a store replaced while it is read is never written over",
        ),
        lambda folder, rng: replaced_while_open_trials(
            trials,
            folder,
            rng,
            at="closing",
            item=14,
            title="a store replaced while it is rewritten on closing is kept",
        ),
        # Twenty whatever the trials asked: the promise is about any moment of a long copy.
        lambda folder, _rng: attach_kill_trials(20, folder),
    ]


def issue12_trials(trials: int, terminal_closes: int, folder: Path) -> list[Scenario]:
    """Every nothing-lost scenario, one after the other, drawing from one random sequence."""
    rng = random.Random(12)
    scenarios_folder = folder / "issue12"
    scenarios_folder.mkdir()
    return [
        scenario(scenarios_folder, rng) for scenario in issue12_scenarios(trials, terminal_closes)
    ]


# ----- report ---------------------------------------------------------------------------------


def run(kills: int, fuzz: int, trials: int = 20, terminal_closes: int = 20) -> Results:
    results = Results()
    with tempfile.TemporaryDirectory() as folder:
        kill_trials(kills, Path(folder), results)
        bad_file_trials(Path(folder), results)
        fuzz_display(fuzz, Path(folder), results)
        results.scenarios = issue12_trials(trials, terminal_closes, Path(folder))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200, help="kill -9 trials (default 200)")
    parser.add_argument("--fuzz", type=int, default=300, help="hostile strings (default 300)")
    parser.add_argument(
        "--trials", type=int, default=20, help="trials of each varied nothing-lost scenario (20)"
    )
    parser.add_argument(
        "--terminal-closes", type=int, default=20, help="tmux kill-session trials (default 20)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments = parser.parse_args()
    started = time.monotonic()
    results = run(arguments.kills, arguments.fuzz, arguments.trials, arguments.terminal_closes)
    if arguments.json:
        print(json.dumps(asdict(results), indent=2))
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
    print("nothing lost, nothing leaked                 trials  failures (goal 0)")
    for scenario in results.scenarios:
        label = f"{scenario.item:>2}. {scenario.promise}"
        print(f"{label:<62} {scenario.trials:>6} {scenario.failures:>6}")
    print(f"{'seconds':<46} {time.monotonic() - started:>6.1f}")
    for problem in results.bad_files_mishandled + results.display_failures[:20]:
        print("  -", problem)
    for scenario in results.scenarios:
        if scenario.detail:
            print(f"  {scenario.item}: {scenario.detail}")
        for problem in scenario.problems:
            print(f"  - {scenario.item}: {problem}")


if __name__ == "__main__":
    main()
