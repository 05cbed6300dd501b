"""How domain values read on screen: money, deadlines in words, urgency colours.

Kept apart from the widgets so the list, the calendar and the agenda word things the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import humanize

from tui.domain.deadlines import Deadline, Urgency
from tui.domain.model import Case
from tui.domain.money import format_money

URGENCY_STYLES = {
    Urgency.OVERDUE: "bold $error",
    Urgency.SOON: "bold $warning",
    Urgency.THIS_WEEK: "$warning",
    Urgency.LATER: "$success",
}


def money(amount: Decimal | None, currency: str) -> str:
    """'USD 1,234.50', 'JPY 1,500', 'KWD 1.250': the currency's own decimals; '' when none."""
    return format_money(amount, currency)


def due_in_words(case: Case, deadline: Deadline | None, today: date) -> str:
    """'in 3 days', '2 days overdue'; an open case without a deadline says why: no dates to
    count from yet, or nothing pending."""
    if deadline is not None:
        return deadline.when(today)
    if case.is_closed:
        return ""
    if case.received_on is None and case.shipped_on is None:
        return "no dates yet"  # nothing to count a deadline from: e adds them
    return "waiting on nothing"


def ago(moment: datetime, now: datetime) -> str:
    """How long ago `moment` was, exactly in days once it is a day or more: '17 days ago',
    never 'a month ago' for 17 days (a deadline counts days, so the timeline does too)."""
    delta = now - moment
    if delta < timedelta(days=1):
        return humanize.naturaltime(delta)
    days = delta.days
    return "1 day ago" if days == 1 else f"{days} days ago"


def case_title(case: Case) -> str:
    """A short name for a case: its item, with the order number."""
    return f"{case.item} (order {case.order_number})"
