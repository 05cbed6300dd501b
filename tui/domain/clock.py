"""An injectable clock, so every date the app shows can be fixed in tests and screenshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Something that knows the current moment."""

    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped at one moment (tests, screenshots, `--as-of`)."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment

    @classmethod
    def on(cls, day: date, tz: tzinfo) -> FixedClock:
        """A clock stopped at noon on `day` (noon keeps day arithmetic clear of midnight)."""
        return cls(datetime(day.year, day.month, day.day, 12, 0, tzinfo=tz))


def today(clock: Clock) -> date:
    """The current calendar date according to `clock`."""
    return clock.now().date()
