"""How the returns list words a case's next deadline, or why it has none."""

from __future__ import annotations

from datetime import date

from tests.builders import a_case
from tui.app.presenters import due_in_words
from tui.domain.model import Stage

TODAY = date(2026, 11, 26)


def test_an_open_case_without_a_deadline_says_why() -> None:
    # With no date to count from, no deadline can be missed yet: the list must not say all is
    # well ("waiting on nothing") when the shopper has only to add the dates.
    undated = a_case(received_on=None, shipped_on=None)
    assert due_in_words(undated, None, TODAY) == "no dates yet"
    assert due_in_words(a_case(), None, TODAY) == "waiting on nothing"
    assert due_in_words(a_case(stage=Stage.REFUNDED), None, TODAY) == ""
