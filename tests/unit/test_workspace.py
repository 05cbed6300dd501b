"""The workspace without a screen: one write path, undo and redo of cases and settings, views."""

from __future__ import annotations

from dataclasses import replace

from tui.domain.clock import FixedClock
from tui.domain.queries import Scope
from tui.store.case_store import CaseStore
from tui.workspace import Change, Workspace


def test_a_change_is_staged_and_undone_and_redone(store: CaseStore, clock: FixedClock) -> None:
    space = Workspace(store, clock)
    case = store.cases()[0]
    noted = replace(case, notes="kept")
    space.apply(Change(cases=(noted,), description="noted"))
    assert store.get(case.id) == noted
    undone = space.undo()
    assert undone is not None
    assert undone.description == "noted"
    assert store.get(case.id) == case
    assert space.redo() is not None
    assert store.get(case.id) == noted
    assert space.redo() is None


def test_undoing_a_new_case_removes_it_and_redo_brings_it_back(
    store: CaseStore, clock: FixedClock
) -> None:
    space = Workspace(store, clock)
    new = replace(store.cases()[0], id="brand-new", order_number="1")
    space.apply(Change(cases=(new,), description="added"))
    space.undo()
    assert store.find("brand-new") is None
    space.redo()
    assert store.find("brand-new") == new


def test_settings_go_through_the_same_path_and_undo(store: CaseStore, clock: FixedClock) -> None:
    space = Workspace(store, clock)
    before = store.settings()
    space.apply(Change(settings=replace(before, country="IL"), description="holidays"))
    assert store.settings().country == "IL"
    assert space.book.settings.country == "IL"
    space.undo()
    assert store.settings() == before
    assert space.book.settings.country == before.country


def test_a_new_change_clears_redo(store: CaseStore, clock: FixedClock) -> None:
    space = Workspace(store, clock)
    case = store.cases()[0]
    space.apply(Change(cases=(replace(case, notes="one"),)))
    space.undo()
    space.apply(Change(cases=(replace(case, notes="two"),)))
    assert space.redo() is None


def test_views_follow_the_changes(store: CaseStore, clock: FixedClock) -> None:
    space = Workspace(store, clock)
    assert space.refresh()
    active = space.in_view(Scope.ACTIVE, "")
    assert all(not case.is_closed for case in active)
    first = active[0]
    assert space.deadlines_of(first.id)
    space.apply(Change(cases=(replace(first, archived=True),)))
    assert space.refresh()
    assert first.id not in [case.id for case in space.in_view(Scope.ACTIVE, "")]
    assert [c.id for c in space.most_urgent(first.order_number, 1)] == [first.id]
