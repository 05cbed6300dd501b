"""Benchmarks at 1,000, 10,000 and 100,000 cases: first paint, memory, due, edits, import.

Run: python tests/benchmarks/bench.py [--cases 100 1000 10000 100000] [--quick] [--json]
(--quick: 100 and 10,000 cases only, one headless start-up, a few minutes.)

Figures, not tests: nothing here fails, and every step has a time limit, so a run stops by
itself. Each store is generated (cases with timelines and evidence; cached between runs in the
temporary folder), then, side by side with the README's goals:
1. first paint in a real terminal: a tmux pane of 160x48 (a private tmux server) runs
   `returns-tui --db STORE` until case rows are on screen, against a bare Textual app (header,
   empty DataTable, footer) launched the same way; also the same headless, in-process;
2. peak memory (VmHWM) of that process, against 3x the store's size on disk plus the bare app's;
3. `returns-tui due` on the same store;
4. a durable edit: `CaseStore.save` of one changed case until fsynced on disk;
5. importing every case (a JSON export of the store) into a new store;
6. per keystroke, headless (cursor move, case switch, filter keystroke, month paging, ticking
   evidence, moving between evidence items while their 20-megapixel photos decode): its own
   work (handlers until the screen is idle) and keystroke to updated screen, p50/p95, and the
   p95 against the same keystroke's at the smallest store.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate import AS_OF, generate_store  # noqa: E402
from tui.store.seal import seal_path  # noqa: E402

SIZE = (160, 48)
KEY_SAMPLES = 30


# ----- 1 and 4: start-up in a fresh process ---------------------------------------------------


def _startup_probe(kind: str, path: str) -> None:
    """Run in a child: start one app headless, print seconds to first paint and peak RSS."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    from tui.app.returns_app import ReturnsApp
    from tui.domain.clock import FixedClock
    from tui.store.case_store import CaseStore

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

    async def run() -> float:
        started = time.perf_counter()
        if kind == "bare":
            app: App[None] = Bare()
        else:
            store = CaseStore.open(Path(path))
            app = ReturnsApp(store, FixedClock.on(AS_OF, UTC), store_label="bench")
        async with app.run_test(size=SIZE):
            return time.perf_counter() - started

    seconds = asyncio.run(run())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak_bytes": peak}))


def startup(kind: str, path: Path, runs: int = 3) -> dict[str, float]:
    results = []
    for _ in range(runs):
        finished = subprocess.run(
            [sys.executable, __file__, "--probe", kind, str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        results.append(json.loads(finished.stdout.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "peak_bytes": statistics.median(r["peak_bytes"] for r in results),
    }


# ----- 2 and 3: keystrokes and durable edits in one session -----------------------------------


async def _keystroke_figures(path: Path) -> dict[str, dict[str, float]]:
    """Per keystroke: its own work (the key's handlers, watchers and messages, until the screen
    is idle) and keystroke to updated screen (that, then rendering the screen)."""
    from PIL import Image
    from textual import events

    from tui.app.returns_app import ReturnsApp
    from tui.app.textual_compat import render_now, wait_for_screen
    from tui.app.widgets.evidence_list import EvidenceList
    from tui.domain.actions import set_evidence_details
    from tui.domain.clock import FixedClock
    from tui.domain.evidence import checklist as checklist_of
    from tui.store.case_store import CaseStore

    store = CaseStore.open(path)
    app = ReturnsApp(store, FixedClock.on(AS_OF, UTC), store_label="bench")
    figures: dict[str, dict[str, float]] = {}
    async with app.run_test(size=SIZE) as pilot:
        while getattr(app.screen, "workspace", None) is None or app.screen.workspace.loading:
            await asyncio.sleep(0.05)  # every deadline worked out first
        await pilot.pause()

        async def timed(key: str) -> tuple[float, float]:
            started = time.perf_counter()
            app.post_message(events.Key(key, None if len(key) > 1 else key))
            await wait_for_screen(pilot)
            handled = time.perf_counter()
            render_now(app.screen)  # render the screen now, as the next frame would
            await wait_for_screen(pilot)
            return handled - started, time.perf_counter() - started

        def record(name: str, timings: list[tuple[float, float]]) -> None:
            figures[f"{name}: own work"] = _summary([own for own, _ in timings])
            figures[f"{name}: to updated screen"] = _summary([total for _, total in timings])

        async def sample(name: str, keys: list[str]) -> None:
            record(name, [await timed(keys[i % len(keys)]) for i in range(KEY_SAMPLES)])

        await sample("cursor move (j/k)", ["j", "j", "k"])
        await pilot.press("2")
        await pilot.press("1")
        await sample("case switch (down: timeline, evidence, calendar follow)", ["down"])
        await pilot.press("slash")
        await sample("filter keystroke", ["1", "2", "backspace", "backspace"])
        await pilot.press("escape", "4")
        await sample("month paging", ["pagedown", "pageup"])

        await pilot.press("3")
        checklist = app.screen.query_one(EvidenceList)
        await pilot.pause()
        ticks, durable = [], []
        for _ in range(KEY_SAMPLES):
            started = time.perf_counter()
            ticks.append(await timed("space"))
            while store.pending_writes:
                await asyncio.sleep(0.0005)
            durable.append(time.perf_counter() - started)
        record("tick", ticks)
        figures["tick: keystroke until fsynced on disk"] = _summary(durable)
        assert checklist.option_count

        # Each item holds its own 20-megapixel photo: every move starts decoding one.
        case = app.screen.selected_case
        for number, item in enumerate(checklist_of(case)):
            photo = path.with_name(f"photo-{number}.jpg")
            Image.effect_noise((5472, 3648), 30 + number).convert("RGB").save(photo)
            kept = store.vault.keep(photo, limit=1 << 30, now=app.clock.now())
            case = set_evidence_details(case, item.key, str(photo), "", kept)
        store.save(case)
        app.screen.refresh_cases()
        await pilot.pause()
        await sample("evidence move, 20 MP photos decoding", ["j", "j", "k"])
    store.close()
    return figures


def _summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "median_ms": 1000 * statistics.median(ordered),
        "p95_ms": 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    }


def durable_edits(path: Path) -> dict[str, float]:
    """`CaseStore.save` of one changed case, until fsynced: what every edit costs on disk."""
    from tui.domain.actions import toggle_evidence
    from tui.domain.evidence import checklist
    from tui.store.case_store import CaseStore

    store = CaseStore.open(path)
    case = store.cases()[len(store.cases()) // 2]
    key = checklist(case)[0].key
    timings = []
    for _ in range(KEY_SAMPLES):
        case = toggle_evidence(case, key)
        started = time.perf_counter()
        store.save(case)
        timings.append(time.perf_counter() - started)
    store.close()
    return _summary(timings)


def due_command(path: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui", "due", "--db", str(path), "--as-of", str(AS_OF)],
        capture_output=True,
        check=False,
        timeout=600,
    )
    return time.perf_counter() - started


# ----- 1 and 2: first paint and peak memory in a real terminal (tmux) --------------------------

_BARE_APP = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header


class Bare(App):
    TITLE = "bare-app-ready"

    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()


Bare().run()
"""
# What says the first frame is on screen: the bare app's title; our app's case rows ("Item #12").
_BARE_READY = re.compile(r"bare-app-ready")
_ROWS_READY = re.compile(r"[a-z] #\d+ ")
# ... and every case's deadlines worked out: the status line counts the open cases.
_ALL_LOADED = re.compile(r"\d+ open  ·")
PAINT_TIMEOUT = 240.0


class Terminal:
    """A private tmux server (its own socket), whose sessions are all killed at the end."""

    def __init__(self) -> None:
        self.socket = f"bench-{os.getpid()}"
        self._count = 0
        # Start the server first, so that no launch pays for it.
        self._tmux("new-session", "-d", "-s", "h15-idle", "-x", "20", "-y", "5", "sleep 3600")

    def _tmux(self, *arguments: str) -> str:
        finished = subprocess.run(
            ["tmux", "-L", self.socket, *arguments],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        return finished.stdout

    def first_paint(
        self, command: str, ready: re.Pattern[str], loaded: re.Pattern[str] | None = None
    ) -> dict[str, float]:
        """Seconds from launching `command` in a 160x48 pane until `ready` is on screen, then
        until `loaded` is too (the app fully interactive: every deadline worked out), and the
        process's peak memory (VmHWM) a second later; the process is then killed."""
        self._count += 1
        session = f"h15-paint-{self._count}"
        started = time.perf_counter()
        self._tmux(
            "new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]), command
        )
        pid = int(self._tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        seconds = interactive = float("nan")
        try:
            while time.perf_counter() - started < PAINT_TIMEOUT:
                screen = self._tmux("capture-pane", "-p", "-t", session)
                if seconds != seconds and ready.search(screen):
                    seconds = time.perf_counter() - started
                if seconds == seconds and (loaded is None or loaded.search(screen)):
                    interactive = time.perf_counter() - started
                    break
                time.sleep(0.01)
            time.sleep(1.0)
            peak = _peak_rss(pid)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            self._tmux("kill-session", "-t", session)
        return {"seconds": seconds, "interactive": interactive, "peak_bytes": peak}

    def close(self) -> None:
        socket = self._tmux("display-message", "-p", "-t", "h15-idle", "#{socket_path}").strip()
        self._tmux("kill-server")
        if socket:
            Path(socket).unlink(missing_ok=True)


def _peak_rss(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return float(found.group(1)) * 1024 if found else float("nan")


def tty_paint(
    terminal: Terminal,
    command: str,
    ready: re.Pattern[str],
    runs: int,
    warm: bool = True,
    loaded: re.Pattern[str] | None = None,
) -> dict[str, float]:
    """The medians of `runs` launches, after one launch not counted (`warm`): the first launch
    after another program ran pays for reading files into the OS cache, whichever app it is."""
    if warm:
        terminal.first_paint(command, ready, loaded)
    results = [terminal.first_paint(command, ready, loaded) for _ in range(runs)]
    return {
        name: statistics.median(r[name] for r in results)
        for name in ("seconds", "interactive", "peak_bytes")
    }


def _launch(*arguments: str) -> str:
    """A shell command that becomes (exec) the given process, run from the repository."""
    quoted = " ".join(_quote(argument) for argument in arguments)
    return f"cd {_quote(str(ROOT))} && exec {quoted}"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# ----- 5: importing every case ------------------------------------------------------------------


def import_all(path: Path, folder: Path) -> float:
    """Seconds for `returns-tui import` of a JSON export of the store into a new store."""
    export = folder / f"export-{path.stem}.json"
    target = folder / f"imported-{path.stem}.json"
    target.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "tui", "export", "json", "--db", str(path), "-o", str(export)],
        capture_output=True,
        check=True,
        timeout=900,
    )
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-m", "tui", "import", str(export), "--db", str(target)],
        capture_output=True,
        check=False,
        timeout=1800,
    )
    seconds = time.perf_counter() - started
    export.unlink(missing_ok=True)
    target.unlink(missing_ok=True)
    return seconds if finished.returncode == 0 else float("nan")


# ----- stores -----------------------------------------------------------------------------------


def cached_store(count: int, folder: Path) -> Path:
    """A fresh copy (in `folder`) of the generated store of `count` cases, generated once and
    kept in the temporary folder for later runs (keyed by the sources of the generator and of
    the store's code that writes the file)."""
    from tui.store.migrations import SCHEMA_VERSION

    sources = (
        Path(__file__).parent / "generate.py",
        *(ROOT / "tui" / "store" / name for name in ("codec.py", "case_store.py")),
    )
    generator = b"".join(source.read_bytes() for source in sources)
    key = hashlib.sha256(generator + str(SCHEMA_VERSION).encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / "returns-tui-bench"
    cache.mkdir(exist_ok=True)
    cached = cache / f"cases-{count}-{key}.json"
    if not cached.exists():
        partial = cache / f"partial-{os.getpid()}-{count}.json"
        generate_store(partial, count)
        partial.replace(cached)
        seal_path(partial).replace(seal_path(cached))
    return copy_of(cached, folder / f"bench-{count}.json")


def copy_of(path: Path, target: Path) -> Path:
    """A copy of the store at `path`, with its seal (as the app leaves a store it wrote)."""
    for source, copy in ((path, target), (seal_path(path), seal_path(target))):
        copy.unlink(missing_ok=True)
        if source.exists():
            shutil.copyfile(source, copy)
    return target


# ----- report -----------------------------------------------------------------------------------


def measure(
    count: int,
    folder: Path,
    terminal: Terminal,
    bare: dict[str, dict[str, float]],
    arguments: argparse.Namespace,
) -> dict[str, object]:
    path = cached_store(count, folder)
    size = path.stat().st_size
    big = count > 10_000
    tty = tty_paint(
        terminal,
        _launch(sys.executable, "-m", "tui", "--db", str(path)),
        _ROWS_READY,
        runs=1 if big else 3,
        warm=not big,
        loaded=_ALL_LOADED,
    )
    headless = startup("ours", path, runs=1 if big or arguments.quick else 3)
    result: dict[str, object] = {
        "cases": count,
        "store_mb": size / 1e6,
        "first_paint_s": tty["seconds"],
        "first_paint_ratio": tty["seconds"] / bare["tty"]["seconds"],
        "first_paint_goal": 2.0 if count <= 10_000 else 4.0,
        "interactive_s": tty["interactive"],
        "interactive_goal_s": 1.0 if count <= 10_000 else 5.0,
        "headless_paint_s": headless["seconds"],
        "headless_paint_ratio": headless["seconds"] / bare["headless"]["seconds"],
        "peak_mb": tty["peak_bytes"] / 1e6,
        "memory_budget_mb": (3 * size + bare["tty"]["peak_bytes"]) / 1e6,
        "due_s": statistics.median(due_command(path) for _ in range(1 if big else 3)),
        "due_goal_s": 1.0 if count <= 10_000 else 5.0,
        "durable_edit": durable_edits(copy_of(path, folder / "edits.json")),
        "import_s": import_all(path, folder),
    }
    result["keystrokes"] = asyncio.run(_keystroke_figures(copy_of(path, folder / "keys.json")))
    for name in ("edits.json", "keys.json"):
        (folder / name).unlink(missing_ok=True)
    path.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[100, 1000, 10000, 100000])
    parser.add_argument(
        "--quick", action="store_true", help="100 and 10,000 cases only, one headless start-up"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--probe", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.probe:
        _startup_probe(*arguments.probe)
        return
    if arguments.quick:
        arguments.cases = [100, 10000]
    # Byte code for the app's own modules, as installing the wheel writes it (with
    # PYTHONDONTWRITEBYTECODE set, an editable install would compile them on every launch:
    # ~90 ms that the bare app, all in site-packages, never pays).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "tui")], check=False, timeout=300
    )
    terminal = Terminal()
    try:
        with tempfile.TemporaryDirectory(prefix="h15-bench-") as name:
            folder = Path(name)
            bare_script = folder / "bare_app.py"
            bare_script.write_text(_BARE_APP)
            bare = {
                "tty": tty_paint(
                    terminal, _launch(sys.executable, str(bare_script)), _BARE_READY, runs=5
                ),
                "headless": startup("bare", folder / "none.json", runs=1 if arguments.quick else 3),
            }
            results = [
                measure(count, folder, terminal, bare, arguments) for count in arguments.cases
            ]
    finally:
        terminal.close()
    machine = f"{platform.machine()}, {platform.python_implementation()} "
    machine += f"{platform.python_version()}, {os.cpu_count()} CPUs"
    if arguments.json:
        print(json.dumps({"machine": machine, "bare": bare, "results": results}, indent=2))
        return
    _print_table(machine, bare, results)


def _print_table(machine: str, bare: dict[str, dict[str, float]], results: list[dict]) -> None:
    print(f"machine: {machine}")
    print(
        f"bare Textual app in tmux 160x48: first paint {bare['tty']['seconds'] * 1000:.0f} ms, "
        f"peak {bare['tty']['peak_bytes'] / 1e6:.0f} MB; "
        f"headless {bare['headless']['seconds'] * 1000:.0f} ms"
    )
    header = f"{'':58}" + "".join(f"{r['cases']:>19,}" for r in results)
    print(header)

    def row(label: str, values: list[str]) -> None:
        print(f"{label:58}" + "".join(f"{value:>19}" for value in values))

    def verdict(value: float, goal: float) -> str:
        return "ok" if value <= goal else "MISSED"

    row("store on disk (MB)", [f"{r['store_mb']:.1f}" for r in results])
    row("first paint in tmux (ms)", [f"{r['first_paint_s'] * 1000:.0f}" for r in results])
    row(
        "first paint / bare app (goal 2x at 10k, 4x at 100k)",
        [
            f"{ratio:.2f}x {verdict(ratio, r['first_paint_goal'])}"
            for r in results
            for ratio in [r["first_paint_ratio"]]
        ],
    )
    row(
        "fully interactive in tmux (ms; goal 1 s at 10k, 5 s at 100k)",
        [
            f"{seconds * 1000:.0f} {verdict(seconds, r['interactive_goal_s'])}"
            for r in results
            for seconds in [r["interactive_s"]]
        ],
    )
    row(
        "first paint headless, in-process (ms)",
        [f"{r['headless_paint_s'] * 1000:.0f}" for r in results],
    )
    row("first paint headless / bare app", [f"{r['headless_paint_ratio']:.2f}x" for r in results])
    row("peak memory (MB)", [f"{r['peak_mb']:.0f}" for r in results])
    row(
        "memory goal: 3x store + bare app (MB)",
        [
            f"{r['memory_budget_mb']:.0f} {verdict(r['peak_mb'], r['memory_budget_mb'])}"
            for r in results
        ],
    )
    row(
        "returns-tui due (ms; goal 1 s at 10k, 5 s at 100k)",
        [f"{r['due_s'] * 1000:.0f} {verdict(r['due_s'], r['due_goal_s'])}" for r in results],
    )
    row(
        "durable edit (save until fsynced) p50/p95 ms (goal 20)",
        [
            f"{r['durable_edit']['median_ms']:.1f}/{r['durable_edit']['p95_ms']:.1f} "
            f"{verdict(r['durable_edit']['p95_ms'], 20.0)}"
            for r in results
        ],
    )
    row(
        "import every case, JSON export (s; goal 30 s at 100k)",
        [f"{r['import_s']:.1f} {verdict(r['import_s'], 30.0)}" for r in results],
    )
    # Keystrokes: each p95 against the same keystroke's at the smallest store (goal: within
    # 1.25x), and its own work at most 5 ms.
    first = results[0]["keystrokes"]
    for name in first:
        goal = 5.0 if name.endswith("own work") else None

        def cell(figures: dict[str, float], baseline: dict[str, float], goal: float | None) -> str:
            ratio = figures["p95_ms"] / baseline["p95_ms"]
            text = f"{figures['median_ms']:.0f}/{figures['p95_ms']:.0f} {ratio:.2f}x"
            if goal is not None:
                text += " ok" if figures["p95_ms"] <= goal else " MISSED"
            return text

        row(
            f"{name} p50/p95 ms",
            [cell(r["keystrokes"][name], first[name], goal) for r in results],
        )


if __name__ == "__main__":
    main()
