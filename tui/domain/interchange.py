"""Cases as spreadsheet rows: the columns of the CSV import and export, and reading them back.

Reading is all or nothing: `cases_from_rows` either returns every case or every problem, each
naming its row and column, so a bad file never half-imports. A row that repeats a case the store
already has (same marketplace, order number and item) is reported and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from tui.domain.actions import change_stage, new_id
from tui.domain.fields import (
    FIELDS,
    InvalidFields,
    create_case,
    form_values,
    new_form_values,
    parse_fields,
    parse_stage,
)
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
    "stage",
    "tracking_number",
    "carrier",
    "notes",
)
_STAGE = "stage"


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


def case_to_row(case: Case) -> dict[str, str]:
    """A case as one row of the CSV columns."""
    values = form_values(case)
    return {column: case.stage.value if column == _STAGE else values[column] for column in COLUMNS}


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
    stage = Stage.DECIDING
    if cells.get(_STAGE):
        try:
            stage = parse_stage(cells[_STAGE])
        except ValueError as error:
            problems.append(RowProblem(row, _STAGE, str(error)))
    if problems:
        return problems
    case = create_case(values, now)
    return change_stage(case, stage, now, "imported") if stage is not Stage.DECIDING else case
