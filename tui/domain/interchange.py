"""Cases as spreadsheet rows: the columns of the CSV import and export, and reading them back.

Reading is all or nothing: `cases_from_rows` either returns every case or every problem, each
naming its row and column, so a bad file never half-imports. A row that repeats a case the store
already has (same marketplace, order number and item) is reported and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, tzinfo

from tui.domain.actions import change_stage, new_id
from tui.domain.fields import (
    FIELDS,
    InvalidFields,
    create_case,
    form_values,
    new_form_values,
    parse_fields,
    parse_past_date,
    parse_stage,
)
from tui.domain.history import REFUNDED_STAGES, entered_on
from tui.domain.model import Case, Stage

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
)
_STAGE = "stage"

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
# A date alone is taken as noon that day in the shopper's time zone.
_NOON = time(12)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong with one cell (or a whole row, or the header) of an import."""

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
    """What an import would do: the new cases, and the rows skipped as already known."""

    cases: list[Case]
    duplicates: list[int]


def identity(case: Case) -> tuple[str, str, str]:
    """What makes two cases the same case: marketplace, order number and item."""
    return (case.marketplace.casefold(), case.order_number, case.item.casefold())


def case_to_row(case: Case, zone: tzinfo) -> dict[str, str]:
    """A case as one row of the CSV columns (stage dates as local days in `zone`)."""
    values = form_values(case) | {_STAGE: case.stage.value}
    for column, stage in STAGE_DATE_COLUMNS.items():
        stages = REFUNDED_STAGES if stage is Stage.REFUNDED else (stage,)
        day = entered_on(case, zone, *stages)
        values[column] = "" if day is None else day.isoformat()
    return {column: values[column] for column in COLUMNS}


def header_problems(header: Iterable[str]) -> list[RowProblem]:
    """Unknown or missing columns (names are matched ignoring case and spaces)."""
    names = [name.strip().lower() for name in header]
    problems = [RowProblem(0, name, "unknown column") for name in names if name not in COLUMNS]
    problems += [RowProblem(0, name, "column is missing") for name in REQUIRED if name not in names]
    return problems


def cases_from_rows(
    rows: Iterable[Mapping[str, str]],
    known: Iterable[Case],
    now: datetime,
    *,
    first_row: int = 1,
) -> ImportPlan | list[RowProblem]:
    """The cases `rows` describe (keys: column names, any case), or every problem found."""
    candidates: list[tuple[int, Case]] = []
    problems: list[RowProblem] = []
    for number, row in enumerate(rows, start=first_row):
        cells = {name.strip().lower(): (value or "").strip() for name, value in row.items() if name}
        case_or_problems = _case_from_cells(cells, number, now)
        if isinstance(case_or_problems, list):
            problems += case_or_problems
        else:
            candidates.append((number, case_or_problems))
    return problems or skip_known(candidates, known)


def skip_known(candidates: Iterable[tuple[int, Case]], known: Iterable[Case]) -> ImportPlan:
    """The candidates (numbered) that are not already known, each with an id of its own."""
    known = list(known)
    seen = {identity(case) for case in known}
    ids = {case.id for case in known}
    cases: list[Case] = []
    duplicates: list[int] = []
    for number, case in candidates:
        if identity(case) in seen:
            duplicates.append(number)
            continue
        if case.id in ids:
            case = replace(case, id=new_id())
        seen.add(identity(case))
        ids.add(case.id)
        cases.append(case)
    return ImportPlan(cases, duplicates)


def _case_from_cells(cells: dict[str, str], row: int, now: datetime) -> Case | list[RowProblem]:
    raw = new_form_values(cells.get("marketplace") or "AliExpress")
    raw.update({name: value for name, value in cells.items() if name in FIELDS and value})
    problems = []
    values = {}
    try:
        values = parse_fields(raw, now.date())
    except InvalidFields as invalid:
        problems = [RowProblem(row, name, message) for name, message in invalid.errors.items()]
    stage: Stage | None = None
    if cells.get(_STAGE):
        try:
            stage = parse_stage(cells[_STAGE])
        except ValueError as error:
            problems.append(RowProblem(row, _STAGE, str(error)))
    moves = _stage_moves(cells, row, stage, values.get("ordered_on"), now, problems)
    if problems:
        return problems
    case = create_case(values, now)
    for at, moved_to, note in moves:
        case = change_stage(case, moved_to, at, note)
    return case


Move = tuple[datetime, Stage, str]


def _stage_moves(
    cells: Mapping[str, str],
    row: int,
    stage: Stage | None,
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
        if moved_to is Stage.REFUNDED and stage is Stage.PARTLY_REFUNDED:
            moved_to = stage
        at = min(datetime.combine(day, _NOON, tzinfo=now.tzinfo), now)
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
