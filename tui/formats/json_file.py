"""The whole store as one JSON document, for backups elsewhere and moving between machines:
every case whole (fields, timeline, evidence, archived flag) and the shopper's settings (own
message templates, store windows, country, reminders...). Importing it into an empty store and
exporting again gives the same document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec
import orjson

from tui.domain.interchange import RowProblem
from tui.domain.model import Case
from tui.domain.settings import Settings
from tui.store.codec import case_from_document, case_to_document, settings_from_document
from tui.store.migrations import SCHEMA_VERSION, migrate

FORMAT = "returns-tui export"


def write_json(cases: Iterable[Case], settings: Settings | None = None) -> bytes:
    """Every case, whole (timeline and evidence included), and the settings, as indented JSON."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
    }
    if settings is not None:
        document["settings"] = case_to_document(settings)
    document["cases"] = [case_to_document(case) for case in cases]
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


class _SettingsOnly(msgspec.Struct):
    """An export read for its settings alone: its cases are skipped, not decoded (decoding
    them a second time was a fifth of importing 100,000 cases)."""

    settings: Any = None


def read_json_settings(raw: bytes) -> Settings | None:
    """The settings a JSON export holds (None when it has none); `ValueError` if bad."""
    try:
        settings = msgspec.json.decode(raw, type=_SettingsOnly).settings
    except msgspec.DecodeError:
        return None
    return None if settings is None else settings_from_document(settings)


def looks_like_json_export(raw: bytes) -> bool:
    return raw.lstrip().startswith(b"{")


def read_json(raw: bytes) -> tuple[list[Case], list[RowProblem]]:
    """The cases of a JSON export, or what is wrong with it (case numbers count from 1)."""
    try:
        document: Any = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return [], [RowProblem(0, "", f"is not valid JSON ({error})")]
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return [], [RowProblem(0, "", f"is not a {FORMAT}: it has no format field saying so")]
    version = document.get("schema_version")
    raw_cases = document.get("cases")
    if not isinstance(version, int) or not 1 <= version <= SCHEMA_VERSION:
        return [], [
            RowProblem(
                0, "", f"has schema {version!r}, this returns-tui reads 1 to {SCHEMA_VERSION}"
            )
        ]
    if not isinstance(raw_cases, list):
        return [], [RowProblem(0, "", "has no list of cases")]
    if version < SCHEMA_VERSION:
        # An export from an older version: upgraded as its store would have been.
        numbered = {str(number): raw for number, raw in enumerate(raw_cases, start=1)}
        raw_cases = list(migrate({"cases": numbered}, version)["cases"].values())
    cases, problems = [], []
    for number, raw_case in enumerate(raw_cases, start=1):
        try:
            cases.append(case_from_document(raw_case))
        except ValueError as error:
            problems.append(RowProblem(number, "", str(error)))
    return cases, problems
