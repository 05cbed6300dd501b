"""A smaller run of tests/reliability.py: crashes, bad files, hostile text and every nothing-lost
scenario (nothing lost, nothing leaked), all handled.

Each part is a test of its own, so that in parallel they run side by side.
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability import (
    BAD_FILES,
    Results,
    bad_file_trials,
    fuzz_display,
    issue12_scenarios,
    kill_trials,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="the script is POSIX's (kill trials fork)"),
]

TRIALS = 2
TERMINAL_CLOSES = 2
SCENARIOS = issue12_scenarios(TRIALS, TERMINAL_CLOSES)


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder of the script's kind: short, so that a tmux socket's path in it stays within
    the length a Unix socket's name may have."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def test_kill_9_during_edits_loses_no_acknowledged_edit(folder: Path) -> None:
    results = Results()
    kill_trials(10, folder, results)
    assert results.kill_trials == 10
    assert results.unloadable_files == 0
    assert results.lost_acknowledged_edits == 0


def test_bad_files_are_each_refused_with_a_reason(folder: Path) -> None:
    results = Results()
    bad_file_trials(folder, results)
    assert results.bad_files_tried == 2 * (len(BAD_FILES) + 1)
    assert results.bad_files_mishandled == []


def test_hostile_text_shows_in_every_display_path(folder: Path) -> None:
    results = Results()
    fuzz_display(10, folder, results)
    assert results.strings_fuzzed == 10
    assert results.display_failures == []


def test_there_is_one_scenario_per_promise() -> None:
    assert len(SCENARIOS) == 15


@pytest.mark.parametrize("item", range(1, len(SCENARIOS) + 1))
def test_a_nothing_lost_scenario_is_tried_and_never_broken(folder: Path, item: int) -> None:
    scenario = SCENARIOS[item - 1](folder, random.Random(12))
    assert scenario.item == item
    if item == 10 and scenario.problems == ["tmux not installed: not tried"]:
        return
    assert scenario.trials > 0, scenario
    assert scenario.failures == 0, scenario
