"""Cases as CSV (RFC 4180): one row per case, the columns of `tui.domain.interchange`.

A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
return) is written with a leading `'` (OWASP's advice), and so is a value that starts or ends with
whitespace (which a spreadsheet or an import would trim) and a value that already starts with
quotes followed by one of those. Reading undoes exactly that and keeps such a value as it is; any
other cell is read with its surrounding whitespace trimmed. So export, import and export again
gives the same file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tui.domain.interchange import (
    AMOUNT_COLUMNS,
    COLUMNS,
    RowProblem,
    case_to_row,
    normal_name,
    read_header,
)
from tui.domain.model import Case

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def _needs_quote(value: str) -> bool:
    unquoted = value.lstrip(_QUOTE)
    return unquoted.startswith(_FORMULA_STARTS) or unquoted[:1].isspace() or value[-1:].isspace()


def neutralise(value: str) -> str:
    """`value` made inert in a spreadsheet and kept whole: a leading `'` where a formula could
    start or whitespace could be trimmed."""
    return _QUOTE + value if _needs_quote(value) else value


def restore_cell(cell: str, column: str) -> str:
    """The value `neutralise` (or, in `column`, `as_spreadsheet_text`) was given; a cell neither
    changed comes back trimmed of surrounding whitespace."""
    if column in _AS_TEXT_COLUMNS and (match := _AS_TEXT.fullmatch(cell)):
        return match[1]
    return cell[1:] if cell.startswith(_QUOTE) and _needs_quote(cell[1:]) else cell.strip()


# Spreadsheets keep 15 digits of a number: a long order or tracking number made of digits is
# written for them as a formula giving text, ="8194736512093847", which keeps every digit.
_AS_TEXT_COLUMNS = ("order_number", "tracking_number")
_AS_TEXT = re.compile(r'="(\d+)"')


def as_spreadsheet_text(value: str) -> str:
    """An all-digit `value` as ="digits", which a spreadsheet shows as text, whole."""
    return f'="{value}"' if value.isdigit() else value


def write_csv(
    cases: Iterable[Case], *, excel: bool = False, delimiter: str = ",", decimal_comma: bool = False
) -> str:
    """The cases as CSV text, with a header row, CRLF line ends and minimal quoting; stage
    dates are the days they were written on. With `excel`, all-digit order and tracking numbers are
    written as text formulas (see `as_spreadsheet_text`); reading undoes it. `delimiter` and
    `decimal_comma` (amounts written 12,50) suit a spreadsheet in a comma-decimal locale; the
    import finds the delimiter itself and reads such amounts with `--decimal-comma`."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    for case in cases:
        row = {column: neutralise(value) for column, value in case_to_row(case).items()}
        if excel:
            for column in _AS_TEXT_COLUMNS:
                row[column] = as_spreadsheet_text(row[column])
        if decimal_comma:
            for column in AMOUNT_COLUMNS:
                row[column] = row[column].replace(".", ",")
        writer.writerow(row)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class CsvRows:
    """The rows of a CSV file keyed by our column names, each with its spreadsheet row number
    (the header is row 1), the columns left out as unknown, and what is wrong."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    delimiter: str = ","


_DELIMITERS = (",", ";", "\t")


def sniff_delimiter(text: str) -> str:
    """`,`, `;` or tab: whichever splits the header line into the most columns (`,` on a tie).

    Only the header is looked at: data cells hold decimal commas and free text, and a delimiter
    guessed from them could differ from row to row."""
    first = text.split("\n", 1)[0].rstrip("\r")
    counts = {each: len(next(csv.reader([first], delimiter=each), [])) for each in _DELIMITERS}
    return max(_DELIMITERS, key=lambda each: (counts[each], -_DELIMITERS.index(each)))


def read_csv(text: str, mapping: Mapping[str, str] | None = None) -> CsvRows:
    """The rows of CSV `text` by our column names (see `read_header`), and what is wrong."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return CsvRows(
            problems=[RowProblem(0, "", f"line {line} has a NUL byte: not a CSV text file")]
        )
    text = text.removeprefix("\ufeff")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        names = [name.strip() for name in next(reader, [])]
        keys = [normal_name(name) for name in names]
        if repeated := sorted(
            {name for name, key in zip(names, keys, strict=True) if keys.count(key) > 1}
        ):
            return CsvRows(
                problems=[RowProblem(0, name, "column appears twice") for name in repeated]
            )
        header = read_header(names, mapping)
        if header.problems:
            return CsvRows(problems=header.problems, delimiter=delimiter)
        result = CsvRows(ignored=header.ignored, delimiter=delimiter)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line or a row of empty cells
            if len(cells) > len(names):
                result.problems.append(
                    RowProblem(number, "", "has more cells than the header has columns")
                )
            row = {
                column: restore_cell(cell, column)
                for column, cell in zip(header.columns, cells, strict=False)
                if column is not None
            }
            result.rows.append((number, row))
    except csv.Error as error:
        return CsvRows(
            problems=[RowProblem(0, "", f"line {reader.line_num}: {_csv_problem(error)}")]
        )
    return result


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"a cell is too long (more than {csv.field_size_limit():,} characters)"
    if "unexpected end of data" in text:
        return "a quote is never closed"
    return text
