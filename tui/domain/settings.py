"""The shopper's settings, kept in the store: how deadlines are worked out and how things look."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.domain.templates import MessageTemplate

DEFAULT_LEAD_TIMES = (3, 1)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the shopper chose that outlives a session."""

    # ISO country code whose public holidays are not business days; "" for weekends only.
    country: str = ""
    # A store's own return window, by store name, overriding the marketplace default.
    store_windows: Mapping[str, int] = field(default_factory=dict)
    # The return window for every seller without one of their own; None: the marketplace's.
    default_window_days: int | None = None
    # Days before a deadline that calendar reminders fire.
    lead_times: tuple[int, ...] = DEFAULT_LEAD_TIMES
    # The currency a new case starts with.
    currency: str = "USD"
    # The Textual theme; "" for the default.
    theme: str = ""
    # Message templates of the shopper's own, after the built-in ones.
    templates: tuple[MessageTemplate, ...] = ()
    # Keys of the shopper's choosing, by binding id: {"everywhere.new_case": "N"}.
    keymap: Mapping[str, str] = field(default_factory=dict)
