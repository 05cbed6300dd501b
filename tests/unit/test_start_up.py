"""A big store's start-up: the cases the store names most urgent are drawn first, every case's
deadlines are worked out after, and the order is kept in the store's metadata with each save."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui import workspace
from tui.domain.actions import change_stage
from tui.domain.clock import FixedClock
from tui.domain.model import Refund, Stage
from tui.domain.queries import Scope
from tui.domain.statistics import awaited_refund
from tui.store.case_store import CaseStore
from tui.workspace import Change, FullPass, Workspace


@pytest.fixture
def small_first_screen(monkeypatch: pytest.MonkeyPatch) -> int:
    """Any store counts as big, and the first screen is three cases."""
    monkeypatch.setattr(workspace, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(workspace, "FIRST_SCREEN", 3)
    monkeypatch.setattr(workspace, "_PASS_CHUNK", 4)  # the full pass in several parts
    return 3


def _fully_worked_out(store: CaseStore, clock: FixedClock) -> Workspace:
    space = Workspace(store, clock)
    space.refresh()
    return space


def _name_order(store: CaseStore, order: list[str]) -> None:
    """Save the store with `order` named as the most urgent cases."""
    store.note_urgency_order(order)
    store.stage_settings(store.settings())  # a save of something else carries it
    store.flush()


def _starting(store: CaseStore, clock: FixedClock, order: list[str]) -> tuple[Workspace, FullPass]:
    """A start-up of the store saved with `order` named: the workspace, and its full pass."""
    _name_order(store, order)
    space = Workspace(store, clock)
    full_pass = space.start()
    assert full_pass is not None
    return space, full_pass


def test_the_order_is_written_with_the_next_save_never_alone(
    store: CaseStore, clock: FixedClock, demo_path: Path
) -> None:
    before = demo_path.read_bytes()
    space = _fully_worked_out(store, clock)
    store.flush()
    assert demo_path.read_bytes() == before  # nothing to save: nothing written
    case = store.cases()[0]
    space.apply(Change(cases=(replace(case, notes="kept"),)))
    store.flush()
    count = len(store.cases())
    store.close()
    expected = space.deadlines.most_urgent_ids(workspace.FIRST_SCREEN)
    assert CaseStore.open(demo_path, exclusive=False).urgency_order() == expected
    # Still a plain TinyDB document store.
    with TinyDB(demo_path) as plain:
        assert len(plain.table("cases")) == count
        assert plain.table("meta").get(doc_id=1)["urgency"] == expected


def test_a_big_store_draws_the_named_cases_first_then_every_case(
    store: CaseStore, clock: FixedClock, small_first_screen: int
) -> None:
    full = _fully_worked_out(store, clock)
    space, full_pass = _starting(store, clock, full.deadlines.most_urgent_ids(small_first_screen))
    assert space.loading
    assert space.overview().loading == len(store.cases())
    first = full.in_view(Scope.ALL, "")[:small_first_screen]
    assert space.in_view(Scope.ALL, "") == first
    loaded = full_pass()
    assert loaded is not None
    assert space.finish(loaded) is True  # the named cases were the most urgent
    assert not space.loading
    assert space.overview().loading == 0
    assert space.in_view(Scope.ALL, "") == full.in_view(Scope.ALL, "")
    assert space.deadlines.merged == full.deadlines.merged


def test_an_out_of_date_order_is_corrected_by_the_full_pass(
    store: CaseStore, clock: FixedClock, small_first_screen: int
) -> None:
    full = _fully_worked_out(store, clock)
    least_urgent = full.deadlines.most_urgent_ids(len(store.cases()))[::-1]
    space, full_pass = _starting(store, clock, least_urgent[:small_first_screen])
    loaded = full_pass()
    assert loaded is not None
    assert space.finish(loaded) is False
    assert space.in_view(Scope.ACTIVE, "") == full.in_view(Scope.ACTIVE, "")
    # The next save names the right cases.
    space.apply(Change(cases=(replace(store.cases()[0], notes="kept"),)))
    store.flush()
    assert store.urgency_order() == full.deadlines.most_urgent_ids(small_first_screen)


def test_a_change_made_while_loading_is_in_the_full_pass(
    store: CaseStore, clock: FixedClock, small_first_screen: int
) -> None:
    full = _fully_worked_out(store, clock)
    space, full_pass = _starting(store, clock, full.deadlines.most_urgent_ids(small_first_screen))
    later = full.in_view(Scope.ACTIVE, "")[-1]
    moved = replace(later, received_on=None, shipped_on=None, notes="changed")
    space.apply(Change(cases=(moved,)))
    space.refresh()
    assert space.deadlines.case(moved.id) is moved  # shown at once, though not named
    loaded = full_pass()
    assert loaded is not None
    space.finish(loaded)  # the pass began before the change
    assert space.deadlines.case(moved.id) is moved
    assert space.in_view(Scope.ALL, "") == _fully_worked_out(store, clock).in_view(Scope.ALL, "")


def test_a_case_on_the_first_screen_changed_twice_and_undone_while_loading(
    store: CaseStore, clock: FixedClock, small_first_screen: int
) -> None:
    """Found by a review: the second change of a case the first screen shows made the index
    take its old entry out twice (an IndexError, the app gone)."""
    full = _fully_worked_out(store, clock)
    space, full_pass = _starting(store, clock, full.deadlines.most_urgent_ids(small_first_screen))
    shown = space.in_view(Scope.ALL, "")[0]
    space.apply(Change(cases=(replace(shown, notes="once"),)))
    space.refresh()
    space.apply(Change(cases=(replace(shown, notes="twice"),)))
    space.refresh()
    space.undo()
    space.refresh()
    assert space.deadlines.case(shown.id).notes == "once"
    assert [case.id for case in space.in_view(Scope.ALL, "")].count(shown.id) == 1
    loaded = full_pass()
    assert loaded is not None
    space.finish(loaded)
    assert space.in_view(Scope.ALL, "") == _fully_worked_out(store, clock).in_view(Scope.ALL, "")


def test_a_small_store_or_one_naming_nothing_works_everything_out_at_once(
    store: CaseStore, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    space = Workspace(store, clock)
    assert space.start() is None  # the demo is small
    assert len(space.deadlines.by_urgency) == len(store.cases())
    monkeypatch.setattr(workspace, "BACKGROUND_FROM", 1)
    space = Workspace(store, clock)
    assert store.urgency_order() == []
    assert space.start() is None  # names nothing
    assert not space.loading
    assert len(space.deadlines.by_urgency) == len(store.cases())


def test_the_store_says_which_cases_changed_since_a_mark(store: CaseStore) -> None:
    ids, mark = store.changes_since(None)
    assert ids is None  # no mark: anything may have changed
    first, second = store.cases()[:2]
    store.stage([replace(first, notes="one")])
    store.stage_delete(second.id)
    ids, later = store.changes_since(mark)
    assert ids == [first.id, second.id]
    assert store.changes_since(later)[0] == []
    store.reload()
    assert store.changes_since(later)[0] is None  # read again: anything may have changed


def test_the_deadlines_follow_changes_made_straight_in_the_store(
    store: CaseStore, clock: FixedClock
) -> None:
    space = _fully_worked_out(store, clock)
    first = space.in_view(Scope.ACTIVE, "")[0]
    store.save(replace(first, received_on=None, shipped_on=None))  # not through the workspace
    space.refresh()
    assert space.in_view(Scope.ALL, "") == _fully_worked_out(store, clock).in_view(Scope.ALL, "")
    assert space.deadlines.merged == _fully_worked_out(store, clock).deadlines.merged


def test_the_money_awaited_follows_each_change(store: CaseStore, clock: FixedClock) -> None:
    space = _fully_worked_out(store, clock)

    def awaited_afresh() -> dict[str, Decimal]:
        """Every refund-pending case summed (archived ones too, as the status line does)."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for case in store.cases():
            if case.stage is Stage.REFUND_PENDING:
                totals[case.currency] += awaited_refund(case)
        return {currency: total for currency, total in totals.items() if total}

    assert space.overview().awaiting == awaited_afresh()
    pending = next(case for case in store.cases() if case.stage is Stage.REFUND_PENDING)
    other = next(case for case in store.cases() if case.stage is Stage.SELLER_CONTACTED)
    space.apply(Change(cases=(replace(pending, refund=Refund(expected=Decimal("1.25"))),)))
    space.apply(Change(cases=(change_stage(other, Stage.REFUND_PENDING, clock.now()),)))
    space.refresh()
    assert space.overview().awaiting == awaited_afresh()
    space.apply(Change(removed=(pending.id,)))
    space.refresh()
    assert space.overview().awaiting == awaited_afresh()


def test_a_full_pass_given_up_ends_without_an_index(
    store: CaseStore, clock: FixedClock, small_first_screen: int
) -> None:
    full = _fully_worked_out(store, clock)
    space, full_pass = _starting(store, clock, full.deadlines.most_urgent_ids(small_first_screen))
    space.stop_loading()  # the app is closing
    assert full_pass() is None
