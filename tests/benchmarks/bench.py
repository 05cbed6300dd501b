"""Benchmarks at 100, 1,000 and 10,000 cases: start-up, keystrokes, durable edits, memory, due.

Run: python tests/benchmarks/bench.py [--cases 100 1000 10000] [--json]

Figures, not tests: nothing here fails. Each store is generated (cases with timelines and
evidence), then, side by side:
1. first paint: a fresh process opens the store and starts the app headless until the dashboard
   is on screen, against a bare Textual app (header, footer, empty table) started the same way;
2. keystroke to updated screen, headless: the key is posted, every widget has handled what it
   caused and the screen has been rendered again (cursor move, case switch, filter keystroke,
   month paging);
3. a durable edit: ticking an evidence item until it is fsynced on disk;
4. peak memory of the first-paint process against the store's size on disk;
5. `returns-tui due` on the same store.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import resource
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
        )
        results.append(json.loads(finished.stdout.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "peak_bytes": statistics.median(r["peak_bytes"] for r in results),
    }


# ----- 2 and 3: keystrokes and durable edits in one session -----------------------------------


async def _keystroke_figures(path: Path) -> dict[str, dict[str, float]]:
    from textual import events

    from tui.app.returns_app import ReturnsApp
    from tui.app.widgets.evidence_list import EvidenceList
    from tui.domain.clock import FixedClock
    from tui.store.case_store import CaseStore

    store = CaseStore.open(path)
    app = ReturnsApp(store, FixedClock.on(AS_OF, UTC), store_label="bench")
    figures: dict[str, dict[str, float]] = {}
    async with app.run_test(size=SIZE) as pilot:

        async def timed(key: str) -> float:
            started = time.perf_counter()
            app.post_message(events.Key(key, None if len(key) > 1 else key))
            await pilot._wait_for_screen()
            app.screen._on_timer_update()  # render the screen now, as the next frame would
            await pilot._wait_for_screen()
            return time.perf_counter() - started

        async def sample(name: str, keys: list[str]) -> None:
            timings = [await timed(keys[i % len(keys)]) for i in range(KEY_SAMPLES)]
            figures[name] = _summary(timings)

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
        waits, durable = [], []
        for _ in range(KEY_SAMPLES):
            started = time.perf_counter()
            await timed("space")
            waits.append(time.perf_counter() - started)
            while store.pending_writes:
                await asyncio.sleep(0.0005)
            durable.append(time.perf_counter() - started)
        figures["tick: keystroke to updated screen"] = _summary(waits)
        figures["tick: keystroke until fsynced on disk"] = _summary(durable)
        assert checklist.option_count
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
    )
    return time.perf_counter() - started


# ----- report ---------------------------------------------------------------------------------


def measure(count: int, folder: Path, bare: dict[str, float]) -> dict[str, object]:
    path = generate_store(folder / f"bench-{count}.json", count)
    ours = startup("ours", path)
    return {
        "cases": count,
        "store_mb": path.stat().st_size / 1e6,
        "first_paint_s": ours["seconds"],
        "first_paint_ratio": ours["seconds"] / bare["seconds"],
        "peak_mb": ours["peak_bytes"] / 1e6,
        "memory_budget_mb": (4 * path.stat().st_size + bare["peak_bytes"]) / 1e6,
        "keystrokes": asyncio.run(_keystroke_figures(path)),
        "durable_edit": durable_edits(path),
        "due_s": due_command(path),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--probe", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.probe:
        _startup_probe(*arguments.probe)
        return
    with tempfile.TemporaryDirectory() as folder:
        bare = startup("bare", Path(folder) / "none.json")
        results = [measure(count, Path(folder), bare) for count in arguments.cases]
    machine = f"{platform.machine()}, {platform.python_implementation()} "
    machine += f"{platform.python_version()}, {resource.getpagesize()}-byte pages"
    if arguments.json:
        print(json.dumps({"machine": machine, "bare": bare, "results": results}, indent=2))
        return
    _print_table(machine, bare, results)


def _print_table(machine: str, bare: dict[str, float], results: list[dict]) -> None:
    print(f"machine: {machine}")
    print(
        f"bare Textual app: first paint {bare['seconds'] * 1000:.0f} ms, "
        f"peak {bare['peak_bytes'] / 1e6:.0f} MB"
    )
    header = f"{'':58}" + "".join(f"{r['cases']:>16,}" for r in results)
    print(header)

    def row(label: str, values: list[str]) -> None:
        print(f"{label:58}" + "".join(f"{value:>16}" for value in values))

    row("store on disk (MB)", [f"{r['store_mb']:.1f}" for r in results])
    row("first paint (ms)", [f"{r['first_paint_s'] * 1000:.0f}" for r in results])
    row("first paint / bare app (goal <= 2x)", [f"{r['first_paint_ratio']:.2f}x" for r in results])
    for name in results[0]["keystrokes"]:
        row(
            f"{name} p50/p95 ms",
            [
                f"{r['keystrokes'][name]['median_ms']:.0f}/{r['keystrokes'][name]['p95_ms']:.0f}"
                for r in results
            ],
        )
    row(
        "durable edit (save until fsynced) p50/p95 ms",
        [
            f"{r['durable_edit']['median_ms']:.1f}/{r['durable_edit']['p95_ms']:.1f}"
            for r in results
        ],
    )
    row("peak memory (MB)", [f"{r['peak_mb']:.0f}" for r in results])
    row(
        "memory budget: 4x store + bare app (MB)", [f"{r['memory_budget_mb']:.0f}" for r in results]
    )
    row("returns-tui due (ms)", [f"{r['due_s'] * 1000:.0f}" for r in results])


if __name__ == "__main__":
    main()
