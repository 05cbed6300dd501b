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
    # The shopper's name, signing messages ({buyer}); "" leaves the sign-off to type.
    name: str = ""
    # The Textual theme; "" for the default.
    theme: str = ""
    # Message templates of the shopper's own, after the built-in ones.
    templates: tuple[MessageTemplate, ...] = ()
    # Keys of the shopper's choosing, by binding id: {"everywhere.new_case": "N"}.
    keymap: Mapping[str, str] = field(default_factory=dict)
    # Whether an attached file is copied into the evidence vault (else only its path is kept).
    keep_files: bool = True
    # The largest file that can be attached, in megabytes (videos included).
    largest_file_mb: int = 200


def store_windows_text(windows: Mapping[str, int]) -> str:
    """Store windows as the settings form shows them: one "days store" line each."""
    return "\n".join(f"{days} {store}" for store, days in sorted(windows.items()))


def parse_store_windows(text: str, most_days: int) -> dict[str, int]:
    """Store windows from "30 Lily Fashion" lines; a store left out has none of its own."""
    windows: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        days, _, store = line.strip().partition(" ")
        if not days.isdigit() or not store.strip() or not 1 <= int(days) <= most_days:
            raise ValueError(
                f"line {number}: write the days (1 to {most_days}), a space, then the store"
            )
        windows[store.strip()] = int(days)
    return windows


def keymap_text(keymap: Mapping[str, str]) -> str:
    """A keymap as the settings form shows it: one "binding = keys" line each."""
    return "\n".join(f"{binding} = {keys}" for binding, keys in sorted(keymap.items()))


def parse_keymap(text: str, known: frozenset[str]) -> dict[str, str]:
    """A keymap from "everywhere.new_case = N" lines; only bindings the app has."""
    keymap: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        binding, equals, keys = (part.strip() for part in line.partition("="))
        if not equals or not keys:
            raise ValueError(f"line {number}: write a binding, '=', then its keys")
        if binding not in known:
            raise ValueError(f"line {number}: '{binding}' is not a binding (? lists them)")
        keymap[binding] = keys
    return keymap
