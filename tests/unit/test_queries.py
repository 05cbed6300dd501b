"""Search, scope and urgency order of the returns list."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tests.builders import ALIEXPRESS_BOOK, a_case
from tui.domain.deadline_index import DeadlineIndex
from tui.domain.model import Shipment, Stage
from tui.domain.queries import Finder, Scope, matches, searchable_texts


def test_search_covers_order_item_store_and_tracking_ignoring_case() -> None:
    case = a_case(store="Zeblaze Store", shipment=Shipment(tracking_number="RB123456785GB"))
    for query in ("81000", "earb", "ZEBLAZE", "rb1234", ""):
        assert matches(case, query)
    assert not matches(case, "lamp")


def test_scope_cycles_and_filters() -> None:
    assert [Scope.ACTIVE.next(), Scope.CLOSED.next(), Scope.ALL.next()] == [
        Scope.CLOSED,
        Scope.ALL,
        Scope.ACTIVE,
    ]
    closed = a_case(stage=Stage.REFUNDED)
    assert Scope.CLOSED.includes(closed)
    assert not Scope.ACTIVE.includes(closed)
    assert Scope.ALL.includes(closed)


def test_most_urgent_first_then_no_deadline_then_closed() -> None:
    soon = a_case(id="soon", received_on=date(2026, 11, 1))
    later = a_case(id="later", received_on=date(2026, 11, 20))
    none = a_case(id="none", received_on=None)
    closed = a_case(id="closed", stage=Stage.KEPT)
    every = [closed, none, later, soon]
    index = DeadlineIndex()
    index.update(every, date(2026, 11, 12), ALIEXPRESS_BOOK)
    ordered = index.by_urgency
    assert [case.id for case in ordered] == ["soon", "later", "none", "closed"]


def test_the_finder_keeps_order_and_sees_changed_cases() -> None:
    first, second = a_case(id="a", item="Desk lamp"), a_case(id="b", item="Lamp shade")
    finder = Finder()
    assert [c.id for c in finder.matching([second, first], "LAMP")] == ["b", "a"]
    renamed = a_case(id="a", item="Chair")
    assert [c.id for c in finder.matching([renamed, second], "lamp")] == ["b"]
    assert finder.matching([renamed], "  ") == [renamed]
    shop = a_case(item="Lamp", store="Shop")
    assert matches(shop, "lamp")
    assert not matches(shop, "lampshop")  # fields never run into each other


@given(
    st.lists(st.text(alphabet="ab1ßSs \x00", max_size=6), min_size=1, max_size=12),
    st.text(alphabet="ab1ßSs \x00", min_size=1, max_size=3),
)
def test_the_finder_finds_what_testing_each_case_finds(items: list[str], query: str) -> None:
    cases = [a_case(id=f"case-{i}", item=item, store="") for i, item in enumerate(items)]
    finder = Finder()
    for _ in range(2):  # the second search reuses the joined text
        assert finder.matching(cases, query) == [c for c in cases if matches(c, query)]
    changed = [*cases[1:], a_case(id="case-0", item=query.strip(), store="")]
    assert finder.matching(changed, query) == [c for c in changed if matches(c, query)]


@given(
    st.lists(st.text(alphabet="ab1ßSs ", max_size=6), min_size=1, max_size=12),
    st.lists(st.text(alphabet="ab1ßSs ", max_size=4), min_size=1, max_size=25),
)
def test_typing_on_and_back_finds_what_testing_each_case_finds(
    items: list[str], queries: list[str]
) -> None:
    """Queries typed one after another on the same list (searched within earlier results)."""
    cases = [a_case(id=f"case-{i}", item=item, store="") for i, item in enumerate(items)]
    finder = Finder()
    for query in queries:
        assert finder.matching(cases, query) == [c for c in cases if matches(c, query)]


def test_a_found_list_is_the_callers_to_change() -> None:
    """Results kept for typing on and back are never handed out to be changed."""
    lamp, chair = a_case(id="a", item="Desk lamp"), a_case(id="b", item="Chair")
    listed = [lamp, chair]
    finder = Finder()
    assert finder.matching(listed, "la") == [lamp]
    found = finder.matching(listed, "la")
    found.append(chair)  # the caller's copy: the finder's own is untouched
    assert finder.matching(listed, "lamp") == [lamp]
    assert finder.matching(listed, "la") == [lamp]
    assert finder.matching(listed, "ch") == [chair]


def test_texts_worked_out_ahead_serve_the_same_cases_only() -> None:
    lamp, chair = a_case(id="a", item="Desk lamp"), a_case(id="b", item="Chair")
    finder = Finder()
    finder.prime(searchable_texts([lamp, chair]))
    assert finder.matching([lamp, chair], "lamp") == [lamp]
    renamed = a_case(id="a", item="Stool")  # a newer version of a primed case
    assert finder.matching([renamed, chair], "lamp") == []
