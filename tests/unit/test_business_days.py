"""Business days skip weekends and holidays, and never run backwards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.business_days import MONDAY_TO_FRIDAY, add_business_days
from tui.domain.policy import working_days

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
counts = st.integers(min_value=0, max_value=60)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday -> Monday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # Saturday -> Monday
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
        (date(2026, 12, 30), 3, date(2027, 1, 4)),  # across the new year
        (date(2028, 2, 28), 1, date(2028, 2, 29)),  # leap day is a Tuesday
    ],
)
def test_business_days_skip_weekends(start: date, count: int, expected: date) -> None:
    assert add_business_days(start, count) == expected


def test_holidays_are_skipped() -> None:
    germany = working_days("DE")
    assert not germany.is_working_day(date(2026, 12, 25))
    # Christmas Eve (Thursday) + 1: Christmas Day and Boxing Day are holidays, then a weekend.
    assert add_business_days(date(2026, 12, 24), 1, germany) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("country", "start", "count", "expected"),
    [
        # Israel works Sunday to Thursday: Thursday + 1 is Sunday.
        ("IL", date(2026, 11, 26), 1, date(2026, 11, 29)),
        ("SA", date(2026, 11, 26), 1, date(2026, 11, 29)),
        # Egypt: Thursday + 2 skips Friday and Saturday.
        ("EG", date(2026, 11, 26), 2, date(2026, 11, 30)),
        # China makes Saturday 2026-10-10 a working day after the National Day holidays.
        ("CN", date(2026, 10, 9), 1, date(2026, 10, 10)),
        # No country: Monday to Friday.
        ("", date(2026, 11, 26), 2, date(2026, 11, 30)),
    ],
)
def test_each_countrys_own_working_week(
    country: str, start: date, count: int, expected: date
) -> None:
    assert add_business_days(start, count, working_days(country)) == expected


@given(days, counts, counts)
def test_more_business_days_never_end_earlier(start: date, first: int, second: int) -> None:
    low, high = sorted((first, second))
    assert add_business_days(start, low) <= add_business_days(start, high)


@given(days, days, counts)
def test_a_later_start_never_ends_earlier(one: date, other: date, count: int) -> None:
    early, late = sorted((one, other))
    assert add_business_days(early, count) <= add_business_days(late, count)


@given(days, st.integers(min_value=1, max_value=60))
def test_the_end_is_a_business_day_after_the_start(start: date, count: int) -> None:
    end = add_business_days(start, count)
    assert end > start
    assert MONDAY_TO_FRIDAY.is_working_day(end)
    assert (end - start) <= timedelta(days=count * 7 // 5 + 3)
