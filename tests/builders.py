"""Small builders for cases in tests, with every date fixed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tui.domain.fields import FIELDS
from tui.domain.model import Case
from tui.domain.policy import RuleBook
from tui.domain.settings import Settings
from tui.store.locations import bundled_demo_path
from tui.store.policies import FALLBACK_POLICY, bundled_policies
from tui.store.vault import Vault


def copy_of_demo(copy: Path) -> Path:
    """A copy of the bundled demo store, its evidence files with it, at `copy`."""
    shutil.copyfile(bundled_demo_path(), copy)
    shutil.copytree(Vault.beside(bundled_demo_path()).folder, Vault.beside(copy).folder)
    return copy


def moment(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def a_case(**changes: Any) -> Case:
    """A defective AliExpress item received on 2026-11-10, still being decided."""
    case = Case(
        id="case-1",
        order_number="8100000000000001",
        item="Earbuds",
        created_at=moment(date(2026, 11, 10)),
        received_on=date(2026, 11, 10),
        ordered_on=date(2026, 11, 1),
    )
    return replace(case, **changes)


def rule_book(
    country: str = "",
    store_windows: dict[str, int] | None = None,
    default_window_days: int | None = None,
) -> RuleBook:
    """The bundled policies with the given settings."""
    settings = Settings(
        country=country,
        store_windows=store_windows or {},
        default_window_days=default_window_days,
    )
    return RuleBook.build(bundled_policies(), FALLBACK_POLICY, settings)


ALIEXPRESS_BOOK = rule_book()


def field_error(name: str, raw: str, today: date) -> str | None:
    """What the case form says is wrong with one field's text, or None if it accepts it."""
    try:
        FIELDS[name].parse(raw, today)
    except ValueError as error:
        return str(error)
    return None
