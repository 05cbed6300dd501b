"""`returns-tui import` and `returns-tui export`: moving cases in and out of the store.

An import is all or nothing: every problem in the file is listed (row, column, reason) and
nothing is written unless there are none. Exports read the store without locking it, so they
work while the app is open.
"""

from __future__ import annotations

import argparse
import codecs
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from tui.cli.output import is_stdout, write_data
from tui.domain.clock import SystemClock, today
from tui.domain.deadline_index import DeadlineIndex
from tui.domain.interchange import (
    ImportPlan,
    ReadOptions,
    RowProblem,
    cases_from_rows,
    currency_unnamed,
    skip_known,
)
from tui.domain.model import Case
from tui.domain.money import check_currency
from tui.domain.policy import RuleBook
from tui.domain.settings import Settings
from tui.formats.csv_file import read_csv, write_csv
from tui.formats.evidence_pack import write_markdown, zip_pack
from tui.formats.json_file import (
    looks_like_json_export,
    read_json,
    read_json_settings,
    write_json,
)
from tui.printable import printable
from tui.store.case_store import CaseStore
from tui.store.files import TargetRefused, check_target, write_target
from tui.store.policies import rule_book
from tui.store.vault import Vault
from tui.workspace import Workspace

FAILED = 2
_PROGRESS_EVERY = 1000
T = TypeVar("T")


class TransferError(Exception):
    """An import or export that cannot go ahead; the message says why."""


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, metavar="FILE", help="a CSV file or a JSON export (- reads stdin)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and report, write nothing"
    )
    # SUPPRESS: a --no-keep given before the command name stays (as --db does).
    parser.add_argument(
        "--no-keep",
        action="store_true",
        default=argparse.SUPPRESS,
        help="record the evidence files the file names by their path only (no copies kept)",
    )
    parser.add_argument(
        "--map",
        type=_mapping,
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read the file's COLUMN as our FIELD (e.g. 'Kaufdatum=ordered_on'); "
        "'COLUMN=' ignores it",
    )
    parser.add_argument(
        "--date-format",
        type=_date_format,
        metavar="FORMAT",
        help="the one format of every date in the file, e.g. %%d.%%m.%%Y or %%m/%%d/%%Y "
        "(default: ISO 2026-11-20; dates are never guessed row by row)",
    )
    parser.add_argument(
        "--decimal-comma",
        action="store_true",
        help="amounts are written 12,50 and 1.234,50 (a comma before the cents)",
    )
    parser.add_argument(
        "--currency",
        type=_currency,
        metavar="CODE",
        help="the currency of amounts in a file without a currency column (default: the one "
        "in your settings)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="also import rows whose order number is probably a known one that a spreadsheet "
        "rounded to 15 digits",
    )


def _mapping(raw: str) -> tuple[str, str]:
    name, equals, column = raw.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"'{raw}' is not COLUMN=FIELD")
    return name.strip(), column.strip()


def _currency(raw: str) -> str:
    try:
        return check_currency(raw)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _date_format(raw: str) -> str:
    sample = date(2026, 11, 20)
    try:
        if datetime.strptime(sample.strftime(raw), raw).date() == sample:
            return raw
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(
        f"'{raw}' does not give day, month and year, e.g. %d.%m.%Y or %m/%d/%Y"
    )


# `export csv --delimiter`: its names, and what each writes.
_DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=["csv", "json", "ics", "md"], help="what to write")
    parser.add_argument("--case", metavar="ID", help="one case, by id or order number")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="where to write ('-' or none: standard output; with --zip: evidence-ORDER.zip); "
        "its folder must exist",
    )
    parser.add_argument(
        "--zip", action="store_true", help="md: bundle the pack with its evidence files"
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="csv: for spreadsheets: a UTF-8 byte order mark, and all-digit order and tracking "
        'numbers written ="8194736512093847" so that all their digits are kept',
    )
    parser.add_argument(
        "--delimiter",
        choices=list(_DELIMITERS),
        default=",",
        help="csv: what separates the columns (a German or French spreadsheet expects ';')",
    )
    parser.add_argument(
        "--decimal-comma",
        action="store_true",
        help="csv: amounts written 12,50, as a comma-decimal locale's spreadsheet reads them",
    )
    parser.add_argument(
        "--alarm",
        type=int,
        action="append",
        metavar="DAYS",
        help="ics: a reminder this many days before each deadline (default: your settings, "
        "3 and 1 days unless changed)",
    )


def run_import(
    store_path: Path,
    file: Path,
    *,
    dry_run: bool,
    options: ReadOptions | None = None,
    mapping: dict[str, str] | None = None,
    keep: bool = True,
) -> int:
    """Import `file` into the store (`keep`: the evidence files it names are copied into the
    vault, as the settings allow); the exit status."""
    now = SystemClock().now()
    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as error:
        raise TransferError(f"{file}: cannot be read ({error.strerror})") from None
    store = CaseStore.open(store_path, exclusive=not dry_run)
    options = options or ReadOptions()
    if not options.currency:
        options = replace(options, currency=store.settings().currency)
    try:
        plan = _plan(raw, file, store.cases(), now, options, mapping or {})
        if isinstance(plan, list):
            print(
                f"returns-tui: {file}: {len(plan)} problem{'s' if len(plan) > 1 else ''}, "
                "nothing imported:",
                file=sys.stderr,
            )
            for problem in plan:
                print(f"  {problem}", file=sys.stderr)
            for hint in _hints(plan, options or ReadOptions()):
                print(f"  hint: {hint}", file=sys.stderr)
            return FAILED
        for row in plan.duplicates:
            print(
                f"Skipped {_row_name(raw)} {row}: already in the store "
                "(same marketplace, order number and item)"
            )
        for row, order_number in plan.probable:
            print(
                f"Skipped {_row_name(raw)} {row}: probably order {order_number}, already known, "
                "with its last digits rounded by a spreadsheet (--force imports it as it is)"
            )
        for note in plan.notes:
            print(f"returns-tui: check {note}", file=sys.stderr)
        settings = _settings_to_take(raw, file, store)
        _name_unknown_marketplaces(plan.cases, rule_book(store.settings()))
        if dry_run:
            print(f"Would import {len(plan.cases)} case{'s' if len(plan.cases) != 1 else ''}.")
            return 0
        if settings is not None:
            store.stage_settings(settings)
            print(f"Took the settings from {file} (the store had none of its own).")
        store.stage(_attach_evidence(plan.cases, store, now, keep=keep))
        # The most urgent cases are named in the file, so the app's first start-up on it
        # draws them before it has worked out every case's deadlines.
        Workspace(store, SystemClock()).refresh()
        store.flush()
        print(
            f"Imported {len(plan.cases)} case{'s' if len(plan.cases) != 1 else ''} "
            f"into {store.path}."
        )
        return 0
    finally:
        store.close()


def _name_unknown_marketplaces(cases: list[Case], book: RuleBook) -> None:
    """Each marketplace without a policy of its own, once, on stderr: its cases follow the
    fallback's rules, which may not be what the shopper expects."""
    unknown = {case.marketplace.strip() for case in cases if not book.knows(case.marketplace)}
    for name in sorted(unknown):
        print(
            f"returns-tui: no policy for the marketplace '{printable(name)}': "
            f"its cases follow the {book.fallback.name} policy",
            file=sys.stderr,
        )


def _settings_to_take(raw: bytes, file: Path, store: CaseStore) -> Settings | None:
    """A JSON export's settings, when the store has none of its own (else they are left out,
    and a note on stderr says so)."""
    if not looks_like_json_export(raw):
        return None
    try:
        settings = read_json_settings(raw)
    except ValueError as error:
        raise TransferError(f"{file}: {error}") from None
    if settings is None:
        return None
    if "settings" in store.meta():
        if settings != store.settings():
            print(
                f"returns-tui: {file}: its settings were not imported; this store keeps its own",
                file=sys.stderr,
            )
        return None
    return settings


def _row_name(raw: bytes) -> str:
    return "case" if looks_like_json_export(raw) else "row"


def _plan(
    raw: bytes,
    file: Path,
    known: list[Case],
    now: datetime,
    options: ReadOptions,
    mapping: dict[str, str],
) -> ImportPlan | list[RowProblem]:
    if looks_like_json_export(raw):
        cases, problems = read_json(raw)
        return problems or skip_known(enumerate(cases, start=1), known, force=options.force)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [RowProblem(0, "", "is not UTF-8 text (save the spreadsheet as CSV UTF-8)")]
    read = read_csv(text, mapping)
    for name in read.ignored:
        print(
            f"returns-tui: {file}: ignored column {name!r}, not one of ours "
            f"(--map '{name}=FIELD' reads it as FIELD)",
            file=sys.stderr,
        )
    if read.problems and not read.rows:
        return read.problems
    plan = cases_from_rows(_with_progress(read.rows, len(read.rows)), known, now, options)
    if isinstance(plan, list) or read.problems:
        return read.problems + plan if isinstance(plan, list) else read.problems
    if currency_unnamed(read.rows):
        print(
            f"returns-tui: {file}: no currency column: amounts read as {options.currency} "
            "(--currency CODE reads them as another)",
            file=sys.stderr,
        )
    return plan


def _with_progress(items: list[T], total: int) -> Iterator[T]:
    """Yield `items`, saying on a terminal how far the check has got in a large file."""
    show = sys.stderr.isatty() and total > _PROGRESS_EVERY
    for number, item in enumerate(items, start=1):
        if show and number % _PROGRESS_EVERY == 0:
            print(f"\rChecked {number:,} of {total:,} rows", end="", file=sys.stderr, flush=True)
        yield item
    if show:
        print(file=sys.stderr)


# A reminder further ahead than this is no reminder; iCalendar readers choke on huge ones.
MAX_ALARM_DAYS = 60


def _attach_evidence(
    cases: list[Case], store: CaseStore, now: datetime, *, keep: bool
) -> list[Case]:
    """`cases` with the evidence files they name attached, as `d` in the app attaches them; a
    file that cannot be is said on stderr and recorded by its path alone."""
    settings, attached = store.settings(), []
    for case in cases:
        case, problems = store.vault.attach_named(
            case,
            limit=settings.largest_file_mb * 1_000_000,
            now=now,
            copy=keep and settings.keep_files,
        )
        attached.append(case)
        for problem in problems:
            print(f"returns-tui: evidence file not attached: {problem}", file=sys.stderr)
    return attached


def _check_output(output: Path | None, store_path: Path) -> None:
    """Refuse, before any work, an output that `write_target` would refuse."""
    if is_stdout(output):
        return
    assert output is not None
    try:
        check_target(output, store_path)
    except TargetRefused as error:
        raise TransferError(str(error)) from None


def _check_alarms(alarms: list[int] | None) -> None:
    for days in alarms or ():
        if not 0 <= days <= MAX_ALARM_DAYS:
            raise TransferError(
                f"--alarm {days}: a reminder must be 0 to {MAX_ALARM_DAYS} days before"
            )


def run_export(store_path: Path, arguments: argparse.Namespace) -> int:
    clock = SystemClock()
    _check_output(arguments.output, store_path)
    _check_alarms(arguments.alarm)
    store = CaseStore.open(store_path, exclusive=False)
    try:
        cases = store.cases()
        chosen = _choose(cases, arguments.case) if arguments.case else None
        selected = [chosen] if chosen else cases
        book = rule_book(store.settings())
        index = DeadlineIndex()
        index.update(selected, today(clock), book)
        if arguments.format == "csv":
            payload = write_csv(
                selected,
                excel=arguments.excel,
                delimiter=_DELIMITERS[arguments.delimiter],
                decimal_comma=arguments.decimal_comma,
            ).encode()
            if arguments.excel:
                payload = codecs.BOM_UTF8 + payload
        elif arguments.format == "json":
            payload = write_json(selected, store.settings())
        elif arguments.format == "ics":
            from tui.formats.calendar_feed import write_ics  # icalendar: only for this

            alarms = arguments.alarm or store.settings().lead_times
            payload = write_ics(index.merged, store.get, clock.now(), alarms)
        else:
            if chosen is None:
                raise TransferError("an evidence pack is for one case: add --case ID")
            policy, deadlines = book.policy_for(chosen), index.of(chosen.id)
            markdown = write_markdown(chosen, policy, deadlines, clock.now(), store.vault)
            if arguments.zip:
                return _zip(chosen, markdown, arguments.output, store.vault, store_path)
            payload = markdown.encode()
    finally:
        store.close()
    _emit(payload, arguments.output, store_path)
    return 0


def _zip(case: Case, markdown: str, output: Path | None, vault: Vault, store_path: Path) -> int:
    target = output or Path(f"evidence-{case.order_number}.zip")
    _check_output(target, store_path)
    payload, skipped = zip_pack(markdown, case, vault)
    left_out = f"; {len(skipped)} file(s) left out are listed in the pack" if skipped else ""
    _emit(payload, target, store_path, left_out)
    return 0


def _emit(payload: bytes, output: Path | None, store_path: Path, note: str = "") -> None:
    """The data to stdout, or to the file with a message on stderr saying so."""
    if is_stdout(output):
        write_data(payload)
        if note:
            print(f"returns-tui: {note.removeprefix('; ')}", file=sys.stderr)
        return
    assert output is not None
    try:
        write_target(output, payload, store_path)
    except TargetRefused as error:
        raise TransferError(str(error)) from None
    print(f"Wrote {output}{note}", file=sys.stderr)


def _choose(cases: Iterable[Case], wanted: str) -> Case:
    """The case whose id or order number is `wanted`."""
    found = [case for case in cases if wanted in (case.id, case.order_number)]
    if not found:
        raise TransferError(f"no case has the id or order number {wanted!r}")
    if len(found) > 1:
        raise TransferError(f"{len(found)} cases have the order number {wanted!r}; use the id")
    return found[0]


def _hints(problems: list[RowProblem], options: ReadOptions) -> list[str]:
    """The import options that would read what the problems say could not be read."""
    said = " ".join(problem.message for problem in problems)
    hints = []
    if "is unclear" in said or "could be" in said:
        hints.append(
            "without --decimal-comma, a point is the decimal separator"
            if options.decimal_comma
            else "a file with decimal commas (12,50) imports with --decimal-comma"
        )
    if "is not a date" in said:
        hints.append("dates written another way import with --date-format, e.g. %d.%m.%Y")
    return hints
