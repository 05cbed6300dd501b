"""Upgrading store files written by older versions of returns-tui.

Each migration takes the whole decoded file of one schema version to the next. A store is
backed up before it is migrated; a file from a newer version is refused, never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 2

Data = dict[str, Any]


def _add_dispute_and_extension_fields(data: Data) -> Data:
    """Version 2 added the seller's shipping date, Free Return and deadline extensions."""
    for document in data.get("cases", {}).values():
        document.setdefault("shipped_on", None)
        document.setdefault("free_return", False)
        document.setdefault("extensions", [])
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _add_dispute_and_extension_fields}


def migrate(data: Data, version: int) -> Data:
    """`data` of schema `version` brought up to `SCHEMA_VERSION`."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    data.setdefault("meta", {}).setdefault("1", {})["schema_version"] = version
    return data
