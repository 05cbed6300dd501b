"""`returns-tui due`: the deadlines of every open case, for scripts and reminders.

Reads the store without locking it (the app may have it open), lists overdue deadlines and
those within `--within` days, most urgent first, as text or JSON. Exit status: 0 when nothing is
overdue, 1 when something is, 2 on a bad store or bad arguments.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from tui.collector import collector_paused
from tui.domain.deadline_rules import deadlines_for
from tui.domain.deadlines import Deadline, describe_days_left
from tui.domain.model import Case
from tui.domain.policy import RuleBook
from tui.printable import printable

OVERDUE_EXIT = 1


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deadline to report, with its case."""

    case: Case
    deadline: Deadline
    days_left: int

    def as_json(self) -> dict[str, Any]:
        earliest = self.deadline.earliest
        return {
            "case_id": self.case.id,
            "order_number": self.case.order_number,
            "item": self.case.item,
            "kind": self.deadline.kind.value,
            "label": self.deadline.kind.label,
            "date": self.deadline.due.isoformat(),
            "earliest": earliest.isoformat() if earliest else None,
            "days_left": self.days_left,
            "overdue": self.days_left < 0,
            "explanation": self.deadline.explanation,
        }

    def as_text(self) -> str:
        when = describe_days_left(self.days_left)
        case = printable(f"{self.case.order_number}  {self.case.item}")
        return f"{self.deadline.due}  {when:<16} {case}\n    {printable(self.deadline.sentence)}"


def due_items(cases: list[Case], book: RuleBook, today: date, within: int) -> list[DueItem]:
    """Overdue deadlines and those within `within` days, most urgent first (by date, then case
    and kind: the order of `DeadlineIndex.merged`).

    Only the deadlines listed are sorted, and no urgency order is built: at 100,000 cases
    sorting every deadline and every case took a second of a few. An opening already reached
    (a dispute that can be opened now) is not listed: it has no date left to meet."""
    items = []
    with collector_paused():
        for case in cases:
            for deadline in deadlines_for(case, book, today):
                days_left = deadline.days_left(today)
                # A dispute that can be opened now is a possibility, not a date that passed.
                if days_left <= within and not deadline.is_open_now(today):
                    items.append(DueItem(case, deadline, days_left))
    items.sort(key=_listed_order)
    return items


# By date, then case, then kind (a `StrEnum`: compared by its value); the key is taken in C.
_listed_order = attrgetter("deadline.due", "deadline.case_id", "deadline.kind")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--within",
        type=_non_negative,
        default=7,
        metavar="DAYS",
        help="also list deadlines up to this many days ahead (default 7)",
    )
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the day to count from (default today)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of text")
    parser.add_argument(
        "--notify",
        action="store_true",
        help="also show a desktop notification when anything is listed (with notify-send, "
        "from libnotify); says so when there is no notifier",
    )


def report(items: list[DueItem], *, as_json: bool, within: int) -> tuple[str, int]:
    """The text to print and the exit status."""
    status = OVERDUE_EXIT if any(item.days_left < 0 for item in items) else 0
    if not items and not as_json:
        return f"Nothing overdue and nothing due within {within} days.", status
    with collector_paused():
        if as_json:
            listed = [item.as_json() for item in items]
            return json.dumps(listed, indent=2, ensure_ascii=False), status
        return "\n".join(item.as_text() for item in items), status


NOTIFIER = "notify-send"


def notify(items: list[DueItem]) -> str:
    """Show `items` as a desktop notification; returns what to say about it on stderr ('' when
    it was shown or there was nothing to show), so that stdout holds only the list."""
    if not items:
        return ""
    program = shutil.which(NOTIFIER)
    if program is None:
        return (
            f"returns-tui: no desktop notification: {NOTIFIER} was not found (install "
            "libnotify-bin or libnotify); the list is all there is."
        )
    overdue = sum(item.days_left < 0 for item in items)
    title = (
        f"Returns: {overdue} deadline{'s' if overdue > 1 else ''} overdue"
        if overdue
        else f"Returns: {len(items)} due soon"
    )
    body = "\n".join(
        printable(f"{describe_days_left(item.days_left)}: {item.case.item}") for item in items[:8]
    )
    if len(items) > 8:
        body += f"\n… and {len(items) - 8} more (returns-tui due)"
    urgency = "critical" if overdue else "normal"
    try:
        done = subprocess.run(
            [program, "--app-name=returns-tui", "-u", urgency, title, body],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"returns-tui: the desktop notification failed ({error})"
    if done.returncode != 0:
        reason = done.stderr.strip() or f"exit status {done.returncode}"
        return f"returns-tui: the desktop notification failed ({reason})"
    return ""


def _non_negative(raw: str) -> int:
    if not raw.isdigit():
        raise argparse.ArgumentTypeError(f"'{raw}' is not a whole number of days")
    return int(raw)


def _iso_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{raw}' is not a date (YYYY-MM-DD)") from None
