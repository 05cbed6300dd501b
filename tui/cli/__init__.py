"""The `returns-tui` command: the app by default, and subcommands for scripts.

Exit status, for every command: 0 done; 1 `due`: something is overdue, `restore`: nothing
was restored (the answer was no, or there is no backup); 2 a bad or missing store, a bad
policy file, bad input or bad arguments, said in one line on stderr before anything is drawn
or written; 3 an unexpected error (a bug): one line on stderr naming the log file that
holds the details; 130 interrupted (Ctrl-C): one line, and nothing half written, since every
write is atomic.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from tui import __version__
from tui.cli import due, policy, reminders, restore, shell, transfer
from tui.cli.output import reader_gone, with_home_as_tilde, write_data
from tui.domain.clock import FixedClock, SystemClock, today
from tui.domain.interchange import ReadOptions
from tui.store.backups import backups_of, recovery_hint
from tui.store.case_store import CaseStore
from tui.store.demo import demo_copy
from tui.store.errors import StoreError
from tui.store.locations import DB_ENVIRONMENT_VARIABLE, crash_log_folder, default_store_path
from tui.store.policies import PolicyFileError, policies_in_force, rule_book

BAD_STORE_EXIT = 2
INTERNAL_ERROR_EXIT = 3
INTERRUPTED_EXIT = 130


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def build_parser(store: str = "") -> argparse.ArgumentParser:
    """The command line's parser; its help names `store` as the default store (by default,
    this user's)."""
    parser = argparse.ArgumentParser(
        prog="returns-tui",
        description="Track marketplace returns, refunds and disputes from the terminal. "
        "Without a command it opens the app.",
        epilog=f"The store defaults to {store or default_store_path()} "
        f"(set {DB_ENVIRONMENT_VARIABLE} or use --db to choose another).\n\n"
        + _examples(
            "returns-tui                     open the app",
            "returns-tui --demo              try it on a throwaway sample store",
            "returns-tui due --within 3      what needs doing in the next 3 days",
            "returns-tui COMMAND --help      each command's options and examples",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    store_option = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: without it the subcommand's default (None) would overwrite a --db given before
    # the subcommand (`returns-tui --db FILE due`), and the default store would be read instead.
    store_option.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help="the store file to open"
    )
    store_option.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use a throwaway copy of the sample store",
    )
    parser.add_argument("--db", type=Path, metavar="PATH", help="the store file to open")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a throwaway copy of the sample store, with the app or any command (your own "
        "store is not touched)",
    )
    parser.add_argument(
        "--no-keep",
        action="store_true",
        help="attach evidence files by their path only (no copy kept beside the store), "
        "whatever the settings say",
    )
    parser.add_argument("--version", action="version", version=f"returns-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, description: str, *examples: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=[store_option] if name not in ("completion", "man", "policy") else [],
            help=help,
            description=description,
            epilog=_examples(*examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    due_parser = command(
        "due",
        "list overdue and upcoming deadlines (exit 1 if anything is overdue)",
        "List overdue and upcoming deadlines of all open cases, most urgent first. "
        "Exit status: 0 nothing overdue, 1 something overdue, 2 a bad or missing store or "
        "bad arguments (the message is on stderr).",
        "returns-tui due",
        "returns-tui due --within 3 --notify",
        "returns-tui due --json | jq '.[] | select(.overdue)'",
        "returns-tui --db ~/returns.json due --as-of 2026-12-01",
    )
    due.add_arguments(due_parser)
    restore_parser = command(
        "restore",
        "put a backup of the store back in place (asks first)",
        "Replace the store with one of its rolling backups (the newest unless --backup names "
        "another). The replaced file is kept beside it.",
        "returns-tui restore --list",
        "returns-tui restore",
        "returns-tui restore --backup ~/.local/share/returns-tui/returns.json.backups/FILE --yes",
    )
    restore.add_arguments(restore_parser)
    import_parser = command(
        "import",
        "add cases from a CSV file or a JSON export (all or nothing)",
        "Add cases from a CSV file (yours, or an export) or a JSON export. Column names match "
        "ignoring case, spaces and punctuation, and may be the form's labels or common names "
        "(Order ID, Order No., Order date, Price, Total, Tracking number, Seller, Shop); "
        "order_number and item are required; other columns are reported and ignored. The "
        "delimiter (comma, semicolon or tab) is read from the header. Rows are numbered as a "
        "spreadsheet shows them (the header is row 1). One bad row imports nothing. Exit "
        "status 0 on success, 2 on any problem.",
        "returns-tui import orders.csv --dry-run",
        "returns-tui import calc.csv --decimal-comma --date-format %d.%m.%Y",
        "returns-tui import mine.csv --map Kaufdatum=ordered_on --map Farbe=",
        "returns-tui import backup.json --db ~/new-store.json",
    )
    transfer.add_import_arguments(import_parser)
    export_parser = command(
        "export",
        "write cases as CSV, JSON, an iCalendar feed or a Markdown evidence pack",
        "Write the store's cases: csv (the import's columns), json (the whole store, settings "
        "included), ics (a calendar feed of open deadlines) or md (one case's evidence pack). "
        "Data goes to standard output unless -o names a file; messages go to stderr.",
        "returns-tui export csv --excel -o returns.csv",
        "returns-tui export json -o ~/backup/returns.json",
        "returns-tui export ics --alarm 5 -o ~/calendar/returns.ics",
        "returns-tui export md --case 8192700011223344 --zip -o pack.zip",
    )
    transfer.add_export_arguments(export_parser)
    reminders_parser = command(
        "reminders",
        "print or install the systemd user units that run `due --notify` every morning",
        "Print the systemd user timer and service that run `returns-tui due --within 3 --notify` "
        "every morning at 9, naming this returns-tui by its real path (and the store --db "
        "names); --install writes them to ~/.config/systemd/user/.",
        "returns-tui reminders",
        "returns-tui reminders --install",
        "returns-tui --db ~/returns.json reminders --install",
    )
    reminders.add_arguments(reminders_parser)
    policy_parser = command(
        "policy",
        "say where the policy files are and which numbers are in force",
        "Say where the policy files are: your own folder, whose files override the bundled "
        "ones field by field (a file named like a bundled one, e.g. aliexpress.json, changes "
        "only the fields it gives; a new name adds a marketplace), and the bundled folder. "
        "--show lists a marketplace's numbers in force, each with the file it comes from.",
        "returns-tui policy --path",
        "returns-tui policy --show aliexpress",
        "returns-tui policy --show 'Corner shop'     a marketplace without a policy of its own",
    )
    policy.add_arguments(policy_parser)
    completion_parser = command(
        "completion",
        "print a shell completion script (bash, zsh or fish)",
        "Print the completion script for a shell, made from this program's own options.",
        "returns-tui completion bash > ~/.local/share/bash-completion/completions/returns-tui",
        "returns-tui completion zsh > ~/.zfunc/_returns-tui",
        "returns-tui completion fish > ~/.config/fish/completions/returns-tui.fish",
    )
    completion_parser.add_argument("shell", choices=shell.SHELLS, help="the shell")
    command(
        "man",
        "print the manual page (roff)",
        "Print the manual page in roff, made from this program's own options.",
        "returns-tui man | man -l -",
        "returns-tui man > ~/.local/share/man/man1/returns-tui.1",
    )
    return parser


def run() -> None:
    """The `returns-tui` command (and `python -m tui`): `main`, as the whole process."""
    sys.exit(main(leave_at_once=True))


def main(argv: Sequence[str] | None = None, *, leave_at_once: bool = False) -> int:
    """Run returns-tui; returns the process exit status (see the module's docstring).
    `leave_at_once`: the process ends with this command, so a command that has written
    everything may end it at once."""
    arguments = build_parser().parse_args(argv)
    try:
        return _run(arguments, leave_at_once=leave_at_once)
    except StoreError as error:
        hint = recovery_hint(error.path, str(error))
        print(f"returns-tui: {error}" + (f"; {hint}" if hint else ""), file=sys.stderr)
        return BAD_STORE_EXIT
    except transfer.TransferError as error:
        print(f"returns-tui: {error}", file=sys.stderr)
        return transfer.FAILED
    except PolicyFileError as error:
        print(f"returns-tui: {with_home_as_tilde(error.path)}: {error.problem}", file=sys.stderr)
        return BAD_STORE_EXIT
    except BrokenPipeError:
        # A reader that stopped early (`| head`) is no error; the rest of the output is dropped.
        reader_gone()
        return 0
    except KeyboardInterrupt:
        print("returns-tui: interrupted", file=sys.stderr)
        return INTERRUPTED_EXIT
    except Exception as error:  # a bug: one line here, the details in a log file
        print(f"returns-tui: internal error ({_crash_report(error)})", file=sys.stderr)
        return INTERNAL_ERROR_EXIT


def _run(arguments: argparse.Namespace, *, leave_at_once: bool) -> int:
    if arguments.command == "completion":
        write_data(shell.completion(build_parser(), arguments.shell))
        return 0
    if arguments.command == "man":
        # The page is the same on every machine: it names no user's own path.
        write_data(shell.manual_page(build_parser(store=shell.GENERIC_STORE)))
        return 0
    if arguments.command == "policy":
        write_data(policy.show(arguments.show) if arguments.show else policy.paths())
        return 0
    if arguments.command in _POLICY_READERS:
        # Read now, so that a bad policy file is one line before anything is drawn or written
        # (the app would otherwise meet it only once its first screen is up).
        policies_in_force()
    if arguments.demo:
        _use_demo(arguments)
    if arguments.command == "reminders":
        return reminders.run(arguments.db, install=arguments.install)
    store = arguments.db or default_store_path()
    if arguments.command in _READING_COMMANDS:
        _check_store_exists(store, arguments.command)
    if arguments.command == "due":
        # A demo's copy is removed as the process exits normally: no leaving at once then.
        return _run_due(arguments, leave_at_once=leave_at_once and not arguments.demo)
    if arguments.command == "import":
        options = ReadOptions(
            decimal_comma=arguments.decimal_comma,
            date_format=arguments.date_format,
            force=arguments.force,
            currency=arguments.currency or "",
        )
        return transfer.run_import(
            store,
            arguments.file,
            dry_run=arguments.dry_run,
            options=options,
            mapping=dict(arguments.map),
            keep=not arguments.no_keep,
        )
    if arguments.command == "export":
        return transfer.run_export(store, arguments)
    if arguments.command == "restore":
        return restore.restore(
            store, arguments.backup, list_only=arguments.list, assume_yes=arguments.yes
        )
    return _run_app(arguments)


def _use_demo(arguments: argparse.Namespace) -> None:
    """Point the command at a throwaway copy of the sample store, or refuse before anything is
    read or written."""
    if arguments.command in ("restore", "reminders"):
        raise transfer.TransferError(
            f"--demo is a throwaway store: {arguments.command} is for your own store"
        )
    if arguments.db is not None:
        raise transfer.TransferError("--demo and --db name two stores: give one")
    arguments.db = demo_copy(today(SystemClock()))


def _crash_report(error: BaseException) -> str:
    """Write `error`'s traceback to a new private file in the log folder; what to say of it."""
    what = f"{type(error).__name__}: {error}"
    try:
        folder = crash_log_folder()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        log = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        details = "".join(traceback.format_exception(error))
        with open(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(f"returns-tui {__version__}\n{details}")
    except OSError:
        return f"{what}; the details could not be written to a log"
    return f"{what}; the details are in {log}"


# Commands that read a store: one that does not exist is a mistake (a typo in --db, a store moved
# away), never an empty store. `import` creates its store; `restore` may bring back a deleted one.
_READING_COMMANDS = ("due", "export", "restore")
# What reads the marketplace policies: the app (no command) and these commands.
_POLICY_READERS = (None, "due", "import", "export")


def _check_store_exists(path: Path, command: str) -> None:
    if path.exists() or (command == "restore" and backups_of(path)):
        return
    raise StoreError(path, "does not exist")


def _run_due(arguments: argparse.Namespace, *, leave_at_once: bool) -> int:
    clock = SystemClock()
    if arguments.as_of is not None:
        clock = FixedClock.on(arguments.as_of, datetime.now().astimezone().tzinfo)
    store = CaseStore.open(arguments.db or default_store_path(), exclusive=False)
    try:
        book = rule_book(store.settings())
        items = due.due_items(store.cases(), book, today(clock), arguments.within)
    finally:
        store.close()
    text, status = due.report(items, as_json=arguments.json, within=arguments.within)
    write_data(text + "\n")
    if arguments.notify and (said := due.notify(items)):
        print(said, file=sys.stderr)
    if leave_at_once:
        # Everything is printed and the store closed: the system takes the memory back whole.
        # Freeing 100,000 cases object by object first took half a second of every `due`.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


def _run_app(arguments: argparse.Namespace) -> int:
    clock = SystemClock()
    store = CaseStore.open(arguments.db or default_store_path())
    store.vault.copies = not arguments.no_keep
    if arguments.demo:
        label = "demo store: changes are thrown away on exit"
    else:
        label = with_home_as_tilde(store.path)
    # Imported here so that a bad store is reported without paying for Textual's start-up.
    from tui.app.graphics import probe_terminal
    from tui.app.returns_app import ReturnsApp

    try:
        app = ReturnsApp(store, clock, store_label=label)
        # Last before Textual reads the keyboard, which would take the answers for keys: ask a
        # terminal that may draw pictures (kitty, WezTerm...; never tmux) whether it does.
        probe_terminal()
        app.run()
    finally:
        close_keeping_changes(store)
    # Textual's return code is 1 when the app ended on an error, its traceback already shown.
    return INTERNAL_ERROR_EXIT if app.return_code else 0


def close_keeping_changes(store: CaseStore) -> None:
    """Close `store`; if what is in memory cannot go to its file (disk full, file moved or
    deleted), write it to a rescue copy instead and say where, in one line (`StoreError`)."""
    try:
        store.close()
    except StoreError as error:
        rescued = store.save_rescue_copy()
        if rescued is None:
            raise
        raise StoreError(
            store.path, f"{error.problem}; everything unsaved was written to {rescued}"
        ) from None
