"""Fixtures for driving the app headless with Pilot."""

from __future__ import annotations

import pytest

from tui.app.returns_app import ReturnsApp
from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore


@pytest.fixture
def app(store: CaseStore, clock: FixedClock) -> ReturnsApp:
    return ReturnsApp(store, clock, store_label="test store")
