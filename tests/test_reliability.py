"""A smaller run of tests/reliability.py: crashes, bad files, hostile text and every nothing-lost
scenario (nothing lost, nothing leaked), all handled."""

from __future__ import annotations

import sys

import pytest

from tests.reliability import BAD_FILES, run


@pytest.mark.skipif(sys.platform == "win32", reason="kill trials fork")
def test_crashes_bad_files_and_hostile_text_lose_and_break_nothing() -> None:
    results = run(kills=10, fuzz=10, trials=2, terminal_closes=2)
    assert results.kill_trials == 10
    assert results.unloadable_files == 0
    assert results.lost_acknowledged_edits == 0
    assert results.bad_files_tried == 2 * (len(BAD_FILES) + 1)
    assert results.bad_files_mishandled == []
    assert results.strings_fuzzed == 10
    assert results.display_failures == []
    # One scenario per promise, each tried and never broken.
    assert [scenario.item for scenario in results.scenarios] == list(range(1, 15))
    for scenario in results.scenarios:
        if scenario.item == 10 and scenario.problems == ["tmux not installed: not tried"]:
            continue
        assert scenario.trials > 0, scenario
        assert scenario.failures == 0, scenario
