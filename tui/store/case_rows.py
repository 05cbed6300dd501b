"""TinyDB's cases table, holding each case once: as the `Case` itself, its document made on demand.

Holding TinyDB's documents beside the decoded cases was two copies, most of a start-up's memory.
A row is held as the `Case` when its document is exactly the case's own, else (fields this
version does not know, to be written back) as the document. `__getitem__` keeps the document it
makes (TinyDB's updaters change it in place) until `hold_as_case`; `get` (TinyDB's readers) does
not. A row not read yet (`CaseStore.read_rest`) is its JSON text, written back verbatim.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import msgspec

from tui.domain.model import Case
from tui.store.codec import Document, Row, as_document, case_to_document


class CaseRows(MutableMapping[str, Document]):
    """Document number (as text) -> document, each row held as a `Case`, as a document, or
    (not read yet) as its JSON text."""

    __slots__ = ("rows",)

    def __init__(self, rows: dict[str, Row | msgspec.Raw]) -> None:
        # As held: written out as they are (cases, documents and JSON text alike encode).
        self.rows = rows

    def __getitem__(self, number: str) -> Document:
        row = self.rows[number]
        if not isinstance(row, dict):
            # The caller may change it in place (TinyDB's update): it becomes the row.
            row = self.rows[number] = _document(row)
        return row

    def get(self, number: str, default: Any = None) -> Any:  # type: ignore[override]
        """The document of a row, made afresh from its case if need be, never kept."""
        row = self.rows.get(number)
        if row is None:
            return default
        return _document(row)

    def __setitem__(self, number: str, document: Document) -> None:
        self.rows[number] = document

    def __delitem__(self, number: str) -> None:
        del self.rows[number]

    def __contains__(self, number: object) -> bool:
        return number in self.rows

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def hold_as_case(self, number: str, case: Case, document: Document) -> None:
        """Hold row `number` as `case` again if its document is `document`, the case's own."""
        if self.rows.get(number) == document:
            self.rows[number] = case

    def documents(self) -> list[str]:
        """The numbers of the rows held as documents (with fields this version does not know)."""
        return [number for number, row in self.rows.items() if isinstance(row, dict)]


def _document(row: Row | msgspec.Raw) -> Document:
    return case_to_document(row) if isinstance(row, Case) else as_document(row)
