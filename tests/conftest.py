"""Shared fixtures: a fixed clock on the demo's date and a private copy of the demo store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.builders import copy_of_demo
from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore

# Property tests draw the same examples on every run: a failing example is found here, never at
# random on a later run in CI. Nor does the machine's speed decide a result: no example has a time
# limit and slow generation is no failure (tests share the cores with each other and with
# whatever else the machine runs).
settings.register_profile(
    "deterministic",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("deterministic")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` runs two workers a core: a UI test spends most of its time asleep, waiting
    for the app to be idle between keys (a whole run uses about half of one core's time)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity outside Linux
        cores = os.cpu_count() or 1
    return 2 * cores


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests go first, so that in parallel the others fill in around them instead of
    one slow test being the last still running."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True, scope="session")
def _private_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """What the app keeps in the user's data folder (the seal key) goes to a temporary one,
    and its config folder (the user's own policy files) is an empty temporary one, for the
    tests and the commands they run alike: no test reads this user's own files."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        yield


# The bundled demo store is written as of this day; with the clock here, nothing is shifted.
DEMO_DAY = date(2026, 11, 26)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(DEMO_DAY, UTC)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return copy_of_demo(tmp_path / "returns.json")


@pytest.fixture
def store(demo_path: Path) -> Iterator[CaseStore]:
    opened = CaseStore.open(demo_path)
    yield opened
    opened.close()
