"""Invariants of the deadline rules over generated cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tests.builders import ALIEXPRESS_BOOK, a_case
from tui.domain.actions import add_event, change_stage
from tui.domain.deadline_index import DeadlineIndex
from tui.domain.deadline_rules import deadlines_for
from tui.domain.model import Case, DeadlineKind, EventKind, PaymentMethod, Reason, Stage

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
offsets = st.integers(min_value=0, max_value=60)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    ordered = draw(dates)
    shipped = ordered + timedelta(days=draw(offsets))
    received = shipped + timedelta(days=draw(offsets))
    case = a_case(
        ordered_on=ordered,
        shipped_on=shipped,
        received_on=draw(st.one_of(st.none(), st.just(received))),
        reason=draw(st.sampled_from(Reason)),
        payment_method=draw(st.sampled_from(PaymentMethod)),
        return_window_days=draw(st.one_of(st.none(), st.integers(1, 90))),
        free_return=draw(st.booleans()),
    )
    moment = datetime.combine(received, time(12), UTC)
    if draw(st.booleans()):
        case = add_event(case, EventKind.MESSAGE_SENT, "?", moment)
    for stage in draw(st.lists(st.sampled_from(Stage), max_size=3)):
        moment += timedelta(days=draw(offsets), hours=draw(st.integers(0, 23)))
        case = change_stage(case, stage, moment)
    return case


@given(cases(), dates)
def test_no_deadline_falls_before_the_date_it_counts_from(case: Case, today: date) -> None:
    for deadline in deadlines_for(case, ALIEXPRESS_BOOK, today):
        assert deadline.due >= deadline.start, deadline.sentence
        if deadline.earliest is not None:
            assert deadline.start <= deadline.earliest <= deadline.due


@given(cases(), st.integers(min_value=1, max_value=30), dates)
def test_a_later_receipt_never_closes_the_window_earlier(
    case: Case, later_by: int, today: date
) -> None:
    if case.received_on is None:
        return
    later = replace(case, received_on=case.received_on + timedelta(days=later_by))

    def window(c: Case) -> date | None:
        found = {d.kind: d.due for d in deadlines_for(c, ALIEXPRESS_BOOK, today)}
        return found.get(DeadlineKind.RETURN_WINDOW)

    before, after = window(case), window(later)
    if before is not None and after is not None:
        assert after >= before


@given(cases(), dates)
def test_deadlines_come_sorted_and_closed_cases_have_none(case: Case, today: date) -> None:
    found = deadlines_for(case, ALIEXPRESS_BOOK, today)
    assert [d.due for d in found] == sorted(d.due for d in found)
    if case.is_closed:
        assert found == []


@given(
    st.lists(cases(), min_size=40, max_size=40),
    st.lists(st.tuples(st.integers(0, 39), st.integers(-20, 20)), min_size=1, max_size=2),
    st.booleans(),
)
def test_patching_the_index_after_a_few_changes_equals_sorting_afresh(
    many: list[Case], changes: list[tuple[int, int]], drop_one: bool
) -> None:
    today = date(2026, 6, 1)
    many = [replace(case, id=f"case-{index}") for index, case in enumerate(many)]
    patched = DeadlineIndex()
    patched.update(many, today, ALIEXPRESS_BOOK)
    for position, days in changes:
        case = many[position]
        received = case.received_on or date(2026, 5, 1)
        many[position] = replace(case, received_on=received + timedelta(days=days))
    if drop_one:
        many.pop()
    patched.update(many, today, ALIEXPRESS_BOOK)
    fresh = DeadlineIndex()
    fresh.update(many, today, ALIEXPRESS_BOOK)
    assert patched.merged == fresh.merged
    assert [c.id for c in patched.by_urgency] == [c.id for c in fresh.by_urgency]


@given(
    st.lists(cases(), min_size=20, max_size=20),
    st.integers(0, 19),
    st.integers(-40, 40),
)
def test_a_case_listed_twice_is_indexed_once(many: list[Case], position: int, days: int) -> None:
    """While a big store loads, the cases shown are listed by id, and an id changed twice
    was listed twice: the index took its old entry out twice (found by a review)."""
    today = date(2026, 6, 1)
    many = [replace(case, id=f"case-{index}") for index, case in enumerate(many)]
    patched = DeadlineIndex()
    patched.update(many, today, ALIEXPRESS_BOOK)
    case = many[position]
    received = case.received_on or date(2026, 5, 1)
    many[position] = replace(case, received_on=received + timedelta(days=days), archived=True)
    patched.update([*many, many[position]], today, ALIEXPRESS_BOOK)
    fresh = DeadlineIndex()
    fresh.update(many, today, ALIEXPRESS_BOOK)
    assert patched.merged == fresh.merged
    assert [c.id for c in patched.by_urgency] == [c.id for c in fresh.by_urgency]


@given(
    st.lists(cases(), min_size=30, max_size=30),
    st.lists(st.tuples(st.integers(0, 29), st.integers(-20, 20)), min_size=1, max_size=4),
    st.lists(st.integers(0, 29), max_size=2),
    st.lists(cases(), max_size=2),
)
def test_updating_only_the_changed_cases_equals_sorting_afresh(
    many: list[Case],
    changes: list[tuple[int, int]],
    removals: list[int],
    added: list[Case],
) -> None:
    today = date(2026, 6, 1)
    many = [replace(case, id=f"case-{index}") for index, case in enumerate(many)]
    patched = DeadlineIndex()
    patched.update(many, today, ALIEXPRESS_BOOK)
    changed = []
    for position, days in changes:  # a case may change twice
        case = many[position]
        received = case.received_on or date(2026, 5, 1)
        many[position] = replace(case, received_on=received + timedelta(days=days))
        changed.append(many[position])
    new = [replace(case, id=f"new-{index}") for index, case in enumerate(added)]
    removed = [many[position].id for position in removals]
    # A case may be changed and then removed, or added and then removed.
    removed += [case.id for case in new[:1]]
    assert patched.update_changed([*changed, *new], removed, today, ALIEXPRESS_BOOK) is not None
    remaining = [case for case in [*many, *new] if case.id not in removed]
    fresh = DeadlineIndex()
    fresh.update(remaining, today, ALIEXPRESS_BOOK)
    assert patched.merged == fresh.merged
    assert [c.id for c in patched.by_urgency] == [c.id for c in fresh.by_urgency]
    assert patched.open_count == sum(not case.is_closed for case in remaining)
    assert patched.by_urgency_where(closed=False) == [
        case for case in fresh.by_urgency if not case.is_closed
    ]
    for case in remaining:
        assert patched.of(case.id) == fresh.of(case.id)


def test_updating_only_changed_cases_needs_the_same_day_and_rule_book() -> None:
    index = DeadlineIndex()
    assert index.update_changed([], [], date(2026, 6, 1), ALIEXPRESS_BOOK) is None  # empty
    index.update([a_case()], date(2026, 6, 1), ALIEXPRESS_BOOK)
    assert index.update_changed([], [], date(2026, 6, 2), ALIEXPRESS_BOOK) is None
    assert index.update_changed([], [], date(2026, 6, 1), ALIEXPRESS_BOOK) is False
