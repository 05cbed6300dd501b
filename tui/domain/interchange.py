"""Cases as spreadsheet rows: the columns of the CSV import and export, and reading them back.

Reading is all or nothing: `cases_from_rows` either returns every case or every problem, each
naming its row and column, so a bad file never half-imports. A row that repeats a case the store
already has (same marketplace, order number and item) is reported and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from tui.domain.actions import change_stage, new_id
from tui.domain.case_form import create_case, form_values, new_form_values
from tui.domain.fields import (
    FIELDS,
    InvalidFields,
    YesNo,
    noon_of,
    parse_fields,
    parse_past_date,
    parse_stage,
)
from tui.domain.history import REFUNDED_STAGES, entered_on
from tui.domain.model import Case, Stage
from tui.domain.money import read_amount
from tui.domain.settings import Settings
from tui.domain.statistics import refund_above_price, refund_is_partial

REQUIRED = ("order_number", "item")
COLUMNS = (
    "order_number",
    "item",
    "store",
    "marketplace",
    "reason",
    "category",
    "outcome",
    "payment_method",
    "amount",
    "currency",
    "ordered_on",
    "shipped_on",
    "received_on",
    "return_window_days",
    "free_return",
    "promised_delivery_days",
    "stage",
    "contacted_on",
    "dispute_opened_on",
    "return_agreed_on",
    "shipped_back_on",
    "refund_started_on",
    "refund_received_on",
    "refund_amount",
    "tracking_number",
    "carrier",
    "notes",
    "archived",
)
_STAGE = "stage"
_ARCHIVED = "archived"
_DATE_COLUMNS = ("ordered_on", "shipped_on", "received_on")
AMOUNT_COLUMNS = ("amount", "refund_amount")

# The columns that date a stage: each becomes a dated move on the timeline, so deadlines count
# from it. A refund received moves to Refunded unless the row's stage is Partly refunded.
STAGE_DATE_COLUMNS: dict[str, Stage] = {
    "contacted_on": Stage.SELLER_CONTACTED,
    "dispute_opened_on": Stage.DISPUTE_OPEN,
    "return_agreed_on": Stage.RETURN_AGREED,
    "shipped_back_on": Stage.SHIPPED_BACK,
    "refund_started_on": Stage.REFUND_PENDING,
    "refund_received_on": Stage.REFUNDED,
}
_DATED_STAGES = {stage: column for column, stage in STAGE_DATE_COLUMNS.items()} | {
    Stage.PARTLY_REFUNDED: "refund_received_on"
}


# Other names a shopper's own spreadsheet gives our columns (matched like every header name:
# ignoring case, spaces and punctuation, see `normal_name`). The form's labels count too.
ALIASES: dict[str, str] = {
    "Order ID": "order_number",
    "Order No.": "order_number",
    "Order #": "order_number",
    "Order": "order_number",
    "Order date": "ordered_on",
    "Date ordered": "ordered_on",
    "Price": "amount",
    "Total": "amount",
    "Order total": "amount",
    "Received": "received_on",
    "Date received": "received_on",
    "Tracking number": "tracking_number",
    "Tracking No.": "tracking_number",
    "Tracking": "tracking_number",
    "Seller": "store",
    "Shop": "store",
    "Product": "item",
    "Product name": "item",
    "Item name": "item",
}
# `--map COLUMN=` (nothing after =) ignores a column.
IGNORE = ""


def normal_name(name: str) -> str:
    """A header name for matching: 'Order No.', 'order_no' and 'ORDER-NO' are the same."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _known_names() -> dict[str, str]:
    names = {normal_name(label): alias for label, alias in ALIASES.items()}
    names |= {normal_name(spec.label): name for name, spec in FIELDS.items() if name in COLUMNS}
    names |= {normal_name(column): column for column in COLUMNS}
    return names


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong with one cell (or a whole row, or the header) of an import.

    Rows are numbered as a spreadsheet shows them: the header is row 1, so the first case is
    row 2 (row 0 stands for the header itself, or the file as a whole).
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = "header" if self.row == 0 else f"row {self.row}"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do: the new cases, the rows skipped as already known, those
    skipped as probably known (row, the order number it probably is), and what is odd about
    rows imported all the same (a refund larger than the price)."""

    cases: list[Case]
    duplicates: list[int]
    probable: list[tuple[int, str]] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a shopper's own file."""

    # `12,50` and `1.234,50`: a comma is the decimal separator, a point groups thousands.
    decimal_comma: bool = False
    # A `strptime` format every date cell must have (`%d.%m.%Y`); None: ISO `2026-11-20`.
    date_format: str | None = None
    # Import rows whose order number is probably a known one rounded by a spreadsheet.
    force: bool = False
    # The currency of a row's amounts when it names none (blank: the settings' default).
    currency: str = ""


@dataclass(frozen=True, slots=True)
class Header:
    """What each column of a file is: `columns[i]` is our column for the file's column i, or
    None when it is ignored; `ignored` names the unknown ones; `problems` are fatal."""

    columns: list[str | None]
    ignored: list[str]
    problems: list[RowProblem]


def read_header(names: list[str], mapping: Mapping[str, str] | None = None) -> Header:
    """Our column for each of a file's header `names` (`mapping`: the file's name -> ours, from
    `--map`, ours "" to ignore it)."""
    known = _known_names()
    wanted = {normal_name(name): column for name, column in (mapping or {}).items()}
    problems: list[RowProblem] = []
    for name, column in (mapping or {}).items():
        if column != IGNORE and column not in COLUMNS:
            problems.append(RowProblem(0, name, f"--map to {column!r}: not a column we know"))
        if normal_name(name) not in {normal_name(header) for header in names}:
            problems.append(RowProblem(0, name, "--map names a column the file does not have"))
    columns: list[str | None] = []
    ignored: list[str] = []
    taken: dict[str, str] = {}
    for name in names:
        key = normal_name(name)
        column = wanted.get(key, known.get(key))
        if column is None:
            ignored.append(name)
        elif column and column in taken:
            problems.append(
                RowProblem(
                    0,
                    name,
                    f"means {column}, like column {taken[column]!r}: --map one of them to "
                    "another column, or to nothing to ignore it ('NAME=')",
                )
            )
        elif column:
            taken[column] = name
        columns.append(column or None)
    problems += [
        RowProblem(0, column, "column is missing") for column in REQUIRED if column not in taken
    ]
    return Header(columns, [name for name in ignored if name.strip()], problems)


def identity(case: Case) -> tuple[str, str, str]:
    """What makes two cases the same case: marketplace, order number and item."""
    return (case.marketplace.casefold(), case.order_number, case.item.casefold())


def case_to_row(case: Case) -> dict[str, str]:
    """A case as one row of the CSV columns (stage dates as the days they were written on)."""
    values = form_values(case) | {_STAGE: case.stage.value}
    values[_ARCHIVED] = (YesNo.YES if case.archived else YesNo.NO).value
    for column, stage in STAGE_DATE_COLUMNS.items():
        stages = REFUNDED_STAGES if stage is Stage.REFUNDED else (stage,)
        day = entered_on(case, *stages)
        values[column] = "" if day is None else day.isoformat()
    return {column: values[column] for column in COLUMNS}


def cases_from_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    known: Iterable[Case],
    now: datetime,
    options: ReadOptions | None = None,
) -> ImportPlan | list[RowProblem]:
    """The cases `rows` describe (each with its spreadsheet row number; keys: our column
    names), or every problem found."""
    options = options or ReadOptions()
    candidates: list[tuple[int, Case]] = []
    problems: list[RowProblem] = []
    for number, row in rows:
        cells = {name: value or "" for name, value in row.items() if name}
        case_or_problems = _case_from_cells(cells, number, now, options)
        if isinstance(case_or_problems, list):
            problems += case_or_problems
        else:
            candidates.append((number, case_or_problems))
    return problems or skip_known(candidates, known, force=options.force)


# Spreadsheets keep 15 significant digits: a longer number typed or imported as a number comes
# back rounded (8194736512093847 -> 8194736512093850).
_SPREADSHEET_DIGITS = 15


def currency_unnamed(rows: Iterable[tuple[int, Mapping[str, str]]]) -> bool:
    """Whether some row has an amount and none names its currency: the amounts are then read
    in the default currency, which the shopper should be told."""
    rows = list(rows)
    named = any(row.get("currency") for _, row in rows)
    return not named and any(row.get(column) for _, row in rows for column in AMOUNT_COLUMNS)


def spreadsheet_rounded(order_number: str) -> str | None:
    """What a spreadsheet would make of an all-digit order number longer than it keeps, or None
    when it keeps it whole."""
    if not order_number.isdigit() or len(order_number.lstrip("0")) <= _SPREADSHEET_DIGITS:
        return None
    number = Decimal(order_number)
    exponent = number.adjusted() - (_SPREADSHEET_DIGITS - 1)
    rounded = number.scaleb(-exponent).quantize(Decimal(1), ROUND_HALF_UP).scaleb(exponent)
    return f"{rounded:f}"


def _rounded_identity(case: Case) -> tuple[str, str, str] | None:
    # The item must match too: orders of one checkout can have close numbers of their own.
    rounded = spreadsheet_rounded(case.order_number)
    if rounded is None:
        return None
    return (case.marketplace.casefold(), rounded, case.item.casefold())


def skip_known(
    candidates: Iterable[tuple[int, Case]], known: Iterable[Case], *, force: bool = False
) -> ImportPlan:
    """The candidates (numbered) that are not already known, each with an id of its own.

    A candidate whose order number is a known one (or an earlier row's) as a spreadsheet
    rounds it to 15 digits, or the other way round, is a probable duplicate: skipped unless
    `force`. Two whole numbers that merely round alike (…847 and …848) are both kept.
    """
    known = list(known)
    seen = {identity(case) for case in known}
    near: dict[tuple[str, str], set[str]] = {}
    for case in known:
        if key := _rounded_identity(case):
            near.setdefault(key, set()).add(case.order_number)
    ids = {case.id for case in known}
    cases: list[Case] = []
    duplicates: list[int] = []
    probable: list[tuple[int, str]] = []
    notes: list[RowProblem] = []
    for number, case in candidates:
        if identity(case) in seen:
            duplicates.append(number)
            continue
        key = _rounded_identity(case)
        if not force and key is not None and (match := _rounded_match(case, key, near)):
            probable.append((number, match))
            continue
        if case.id in ids:
            case = replace(case, id=new_id())
        seen.add(identity(case))
        if key is not None:
            near.setdefault(key, set()).add(case.order_number)
        ids.add(case.id)
        cases.append(case)
        if odd := refund_above_price(case):
            notes.append(RowProblem(number, "refund_amount", odd))
    return ImportPlan(cases, duplicates, probable, notes)


def _rounded_match(case: Case, key: tuple[str, str], near: dict[tuple[str, str], set[str]]) -> str:
    """The known order number `case`'s is a spreadsheet's rounding of (or that is a rounding of
    `case`'s), or ''."""
    others = near.get(key, set()) - {case.order_number}
    rounded = key[1]
    if case.order_number == rounded and others:
        return min(others)
    return rounded if rounded in others else ""


# A long number a spreadsheet has already turned into floating point (8.19473651209385E+15).
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d+")


def _normalised_cells(
    cells: dict[str, str], row: int, options: ReadOptions, problems: list[RowProblem]
) -> dict[str, str]:
    """The cells with dates in ISO form and amounts with a decimal point, as the form reads
    them; what cannot be read so is a problem, and left out."""
    out = dict(cells)
    if _SCIENTIFIC.fullmatch(cells.get("order_number", "")):
        problems.append(
            RowProblem(
                row,
                "order_number",
                f"'{cells['order_number']}' is a number a spreadsheet rounded: the digits are "
                "lost; format the column as text (or use the export's --excel) and try again",
            )
        )
    if options.date_format:
        for column in (*_DATE_COLUMNS, *STAGE_DATE_COLUMNS):
            if value := cells.get(column):
                try:
                    out[column] = datetime.strptime(value, options.date_format).date().isoformat()
                except ValueError:
                    example = date(2026, 11, 20).strftime(options.date_format)
                    problems.append(
                        RowProblem(
                            row,
                            column,
                            f"'{value}' is not a date in --date-format {options.date_format} "
                            f"(e.g. {example})",
                        )
                    )
                    out.pop(column)
    if options.decimal_comma:
        for column in AMOUNT_COLUMNS:
            if value := cells.get(column):
                try:
                    out[column] = str(read_amount(value, decimal_comma=True))
                except ValueError as error:
                    problems.append(RowProblem(row, column, str(error)))
                    out.pop(column)
    return out


def _case_from_cells(
    cells: dict[str, str], row: int, now: datetime, options: ReadOptions
) -> Case | list[RowProblem]:
    problems: list[RowProblem] = []
    cells = _normalised_cells(cells, row, options, problems)
    currency = options.currency or Settings().currency
    raw = new_form_values(cells.get("marketplace") or "AliExpress") | {"currency": currency}
    raw.update({name: value for name, value in cells.items() if name in FIELDS and value})
    values = {}
    try:
        values = parse_fields(raw, now.date())
    except InvalidFields as invalid:
        problems += [RowProblem(row, name, message) for name, message in invalid.errors.items()]
    archived = False
    if cells.get(_ARCHIVED):
        try:
            archived = YesNo(cells[_ARCHIVED].lower()) is YesNo.YES
        except ValueError:
            problems.append(RowProblem(row, _ARCHIVED, "must be yes or no"))
    stage: Stage | None = None
    if cells.get(_STAGE):
        try:
            stage = parse_stage(cells[_STAGE])
        except ValueError as error:
            problems.append(RowProblem(row, _STAGE, str(error)))
    received, paid = values.get("refund_amount"), values.get("amount")
    unread = any(problem.column == "refund_amount" for problem in problems)
    if cells.get("refund_received_on") and received is None and not unread:
        problems.append(
            RowProblem(row, "refund_amount", "is required: the amount that reached your account")
        )
    if received is not None and not cells.get("refund_received_on"):
        problems.append(
            RowProblem(row, "refund_received_on", "is required: the day the refund reached you")
        )
    # A refund smaller than the price is a partial one, whatever the stage column says.
    partial = stage is Stage.PARTLY_REFUNDED or (
        stage in (None, Stage.REFUNDED) and refund_is_partial(paid, received)
    )
    if partial and stage is Stage.REFUNDED:
        stage = Stage.PARTLY_REFUNDED
    moves = _stage_moves(cells, row, stage, partial, values.get("ordered_on"), now, problems)
    if problems:
        return problems
    case = create_case(values, now)
    for at, moved_to, note in moves:
        case = change_stage(case, moved_to, at, note)
    return replace(case, archived=True) if archived else case


Move = tuple[datetime, Stage, str]


def _stage_moves(
    cells: Mapping[str, str],
    row: int,
    stage: Stage | None,
    partial: bool,
    ordered_on: date | None,
    now: datetime,
    problems: list[RowProblem],
) -> list[Move]:
    """The dated moves a row's stage date columns describe, ending in the row's stage (or, with
    no stage given, in the stage of its latest date).

    A stage that deadlines count from must have its date: a row in Dispute open without
    `dispute_opened_on` is an error, never a dispute opened on the day of the import.
    """
    moves: list[Move] = []
    for column, moved_to in STAGE_DATE_COLUMNS.items():
        raw = cells.get(column, "")
        if not raw:
            continue
        try:
            day = parse_past_date(raw, now.date())
        except ValueError as error:
            problems.append(RowProblem(row, column, str(error)))
            continue
        if ordered_on is not None and day < ordered_on:
            problems.append(RowProblem(row, column, f"{day} is before the order date"))
            continue
        if moved_to is Stage.REFUNDED and partial:
            moved_to = Stage.PARTLY_REFUNDED
        at = noon_of(day, now)
        moves.append((at, moved_to, f"imported, {column}"))
    # sorted() is stable: moves on the same day keep the order of the path.
    moves.sort(key=lambda move: move[0])
    if stage is None or stage is Stage.DECIDING:
        if stage is Stage.DECIDING and moves:
            problems.append(RowProblem(row, _STAGE, "is deciding, yet the row dates later stages"))
        return moves
    needed = _DATED_STAGES.get(stage)
    reached = moves[-1][1] if moves else None
    if needed and not any(moved_to is stage for _, moved_to, _ in moves):
        problems.append(
            RowProblem(row, needed, f"is required for stage {stage.value}: the day it began")
        )
    elif needed and reached is not stage:
        problems.append(RowProblem(row, needed, f"must be the latest date for stage {stage.value}"))
    elif reached is not stage:
        # No column dates this stage: it is recorded as reached at the latest known moment, and
        # the move says the date is not known.
        at = moves[-1][0] if moves else now
        moves.append((at, stage, "imported; the date it began is not known"))
    return moves
