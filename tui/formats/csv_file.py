"""Cases as CSV (RFC 4180): one row per case, the columns of `tui.domain.interchange`.

A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
return) is written with a leading `'` (OWASP's advice), and so is a value that already starts with
quotes followed by one of those; reading undoes exactly that, so export, import and export again
gives the same file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import tzinfo

from tui.domain.interchange import COLUMNS, RowProblem, case_to_row, header_problems
from tui.domain.model import Case

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def _needs_quote(value: str) -> bool:
    return value.lstrip(_QUOTE).startswith(_FORMULA_STARTS)


def neutralise(value: str) -> str:
    """`value` made inert in a spreadsheet: a leading `'` where a formula could start."""
    return _QUOTE + value if _needs_quote(value) else value


def restore_cell(cell: str) -> str:
    """The value `neutralise` was given (a cell it did not change comes back as it is)."""
    return cell[1:] if cell.startswith(_QUOTE) and _needs_quote(cell[1:]) else cell


def write_csv(cases: Iterable[Case], zone: tzinfo) -> str:
    """The cases as CSV text, with a header row, CRLF line ends and minimal quoting; stage
    dates are local days in `zone`."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(
        {column: neutralise(value) for column, value in case_to_row(case, zone).items()}
        for case in cases
    )
    return out.getvalue()


def read_csv(text: str) -> tuple[list[dict[str, str]], list[RowProblem]]:
    """The rows of CSV `text` (by column name), and what is wrong with its shape."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return [], [RowProblem(0, "", f"line {line} has a NUL byte: not a CSV text file")]
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        names = [name.strip().lower() for name in header]
        if repeated := sorted({name for name in names if names.count(name) > 1}):
            return [], [RowProblem(0, name, "column appears twice") for name in repeated]
        if problems := header_problems(header):
            return [], problems
        rows: list[dict[str, str]] = []
        for number, row in enumerate(reader, start=1):
            if None in row:
                problems.append(
                    RowProblem(number, "", "has more cells than the header has columns")
                )
                row.pop(None)  # type: ignore[call-overload]
            rows.append({name: restore_cell(value or "") for name, value in row.items()})
    except csv.Error as error:
        return [], [RowProblem(0, "", f"line {reader.line_num}: {_csv_problem(error)}")]
    return rows, problems


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"a cell is too long (more than {csv.field_size_limit():,} characters)"
    if "unexpected end of data" in text:
        return "a quote is never closed"
    return text
