"""Cases as CSV (RFC 4180): one row per case, the columns of `tui.domain.interchange`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import tzinfo

from tui.domain.interchange import COLUMNS, RowProblem, case_to_row, header_problems
from tui.domain.model import Case


def write_csv(cases: Iterable[Case], zone: tzinfo) -> str:
    """The cases as CSV text, with a header row, CRLF line ends and minimal quoting; stage
    dates are local days in `zone`."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(case_to_row(case, zone) for case in cases)
    return out.getvalue()


def read_csv(text: str) -> tuple[list[dict[str, str]], list[RowProblem]]:
    """The rows of CSV `text` (by column name), and what is wrong with its shape."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    if problems := header_problems(reader.fieldnames or []):
        return [], problems
    rows: list[dict[str, str]] = []
    for number, row in enumerate(reader, start=1):
        if None in row:
            problems.append(RowProblem(number, "", "has more cells than the header has columns"))
            row.pop(None)  # type: ignore[call-overload]
        rows.append(row)
    return rows, problems
