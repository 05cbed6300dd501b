"""Shared fixtures: a fixed clock on the demo's date and a private copy of the demo store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path

import pytest

from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore
from tui.store.locations import bundled_demo_path

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
