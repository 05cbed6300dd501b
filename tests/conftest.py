"""Shared fixtures: a fixed clock on the demo's date and a private copy of the demo store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path

import pytest
from hypothesis import settings

from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore
from tui.store.locations import bundled_demo_path

# Property tests draw the same examples on every run: a failing example is found here, never at
# random on a later run in CI.
settings.register_profile("deterministic", derandomize=True)
settings.load_profile("deterministic")


@pytest.fixture(autouse=True, scope="session")
def _private_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """What the app keeps in the user's data folder (the seal key) goes to a temporary one,
    for the tests and the commands they run alike."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
        yield


# The bundled demo store is written as of this day; with the clock here, nothing is shifted.
DEMO_DAY = date(2026, 11, 26)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(DEMO_DAY, UTC)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    copy = tmp_path / "returns.json"
    shutil.copyfile(bundled_demo_path(), copy)
    return copy


@pytest.fixture
def store(demo_path: Path) -> Iterator[CaseStore]:
    opened = CaseStore.open(demo_path)
    yield opened
    opened.close()
