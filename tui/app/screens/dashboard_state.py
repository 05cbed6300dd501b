"""The dashboard's shared state and how a change reaches the disk and the screen.

`DashboardState` holds what ties the panes together (the store, the clock, the rule book, the
selected case, the scope) and the one path every change takes: save durably, then redraw. The
commands that change cases and settings build on it (`CaseEdits`, `StoreCommands`), and
`Dashboard` adds the layout.
"""

from __future__ import annotations

import asyncio
import gc
from datetime import datetime
from typing import Any, TypeVar

from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input

from tui.app.presenters import case_title
from tui.app.screens.dialog import Dialog
from tui.app.screens.form_dialog import FormDialogs
from tui.app.text import user_text
from tui.app.widgets.case_list import CaseList
from tui.app.widgets.status_bar import StatusBar
from tui.domain.clock import Clock
from tui.domain.deadlines import Deadline
from tui.domain.evidence import checklist, progress
from tui.domain.form import Form
from tui.domain.model import Case
from tui.domain.policy import RuleBook
from tui.domain.queries import Scope, matches
from tui.printable import printable
from tui.store.case_store import CaseStore, SaveFailed
from tui.store.errors import StoreChangedOnDisk, StoreError, StoreMissing
from tui.workspace import CaseView, Change, FullPass, Listing, Overview, Workspace

T = TypeVar("T")

# The worker group of commands waiting on a dialog's answer: such a worker lasts as long as
# the dialog is open, so whatever waits for work to finish (a test, a snapshot) leaves it be.
DIALOGS = "dialogs"


class DashboardState(Screen[None]):
    """The selected case, the scope, the deadlines, and saving changes."""

    selected_id: reactive[str | None] = reactive(None, init=False)
    # What the panes draw, bound to them in `Dashboard.compose` (data_bind): every case's
    # deadlines, and the returns list's content.
    overview: reactive[Overview | None] = reactive(None, init=False)
    listing: reactive[Listing | None] = reactive(None, init=False)
    selection: reactive[CaseView | None] = reactive(None, init=False)
    scope: reactive[Scope] = reactive(Scope.ACTIVE, init=False)

    def __init__(self, store: CaseStore, clock: Clock, store_label: str) -> None:
        super().__init__()
        self.workspace = Workspace(store, clock)
        self.clock = clock
        self.store_label = store_label
        self._footer_shows_retry = False
        self._form_dialogs: FormDialogs | None = None
        # The case the returns list last said its cursor is on.
        self._list_case_id: str | None = None

    @property
    def store(self) -> CaseStore:
        return self.workspace.store

    @property
    def book(self) -> RuleBook:
        return self.workspace.book

    def deadlines_of(self, case_id: str) -> list[Deadline]:
        """The deadlines of one case as last worked out, earliest first."""
        return self.workspace.deadlines_of(case_id)

    @property
    def search_text(self) -> str:
        return self.query_one("#search", Input).value

    @property
    def selected_case(self) -> Case | None:
        return self.store.get(self.selected_id) if self.selected_id else None

    def refresh_cases(self) -> None:
        """Redraw every pane from the store, working deadlines out again for changed cases."""
        count = self.store.count()
        changed = self.workspace.refresh()
        in_view = self.workspace.in_view(self.scope, self.search_text)
        table = self.query_one(CaseList)
        if not count:
            empty = "No cases yet: n adds one, `returns-tui import FILE` brings a spreadsheet in"
        elif self.search_text and self.scope is Scope.ALL:
            empty = "No case matches the filter (esc clears it)"
        elif self.search_text:
            empty = (
                f"No match among {self.scope.value} cases: f shows "
                f"{self.scope.next().value} cases, esc clears the filter"
            )
        else:
            empty = f"No {self.scope.value} cases (f shows others)"
        if changed or self.overview is None:
            self.overview = self.workspace.overview()
        self.listing = Listing(in_view, self.overview, self.selected_id, empty)
        returns = self.query_one("#returns")
        returns.border_subtitle = f"{self.scope.value} · {len(in_view)} of {count}"
        self._show_store_state()
        current = table.current_case_id
        if current != self.selected_id:
            self.selected_id = current
        else:
            self.refresh_details()

    def finish_loading(self, full_pass: FullPass) -> None:
        """Work out every case's deadlines off the keyboard thread (`Workspace.start`), then
        show them all; the status line says "loading" meanwhile."""
        self.run_worker(self._load_the_rest(full_pass), group="loading")

    async def _load_the_rest(self, full_pass: FullPass) -> None:
        loaded = await asyncio.to_thread(full_pass)
        if loaded is None:
            return  # given up: the app is closing
        self.workspace.finish(loaded)
        self.overview = self.workspace.overview()
        self.refresh_cases()
        # As at start-up: what lives as long as the app leaves the collector's sight.
        self.call_after_refresh(gc.freeze)

    def most_urgent(self, query: str, limit: int) -> list[Case]:
        """At most `limit` cases whose text contains `query` (any scope), most urgent first."""
        return self.workspace.most_urgent(query, limit)

    def refresh_details(self) -> None:
        """Redraw the timeline, checklist and deadlines for the selected case."""
        case = self.selected_case
        items = checklist(case) if case else None
        case_deadlines = self.deadlines_of(case.id) if case else []
        self.selection = CaseView(case, self.book, case_deadlines, self.clock.now())
        timeline, evidence = self.query_one("#timeline"), self.query_one("#evidence")
        timeline.border_subtitle = user_text(case_title(case)) if case else ""
        if items is not None:
            done, total = progress(items)
            evidence.border_subtitle = f"{done} of {total} done"
        else:
            evidence.border_subtitle = ""

    def watch_selected_id(self) -> None:
        self.refresh_details()

    def watch_scope(self) -> None:
        self.refresh_cases()

    def on_case_list_highlighted(self, message: CaseList.Highlighted) -> None:
        self._list_case_id = message.case_id
        self.selected_id = message.case_id

    def _commit(self, case: Case, done: str, *, reveal: bool = False, change: str = "") -> None:
        """Take a changed case at once, redraw, and write it to disk on a worker thread.

        With `reveal`, the filter and scope widen if they would hide the case (a new case must
        be seen); otherwise a case that leaves the view (say, closed) simply drops out of it.
        `done` is said only once the change is durable.
        """
        if case == self.store.find(case.id):
            self.notify("Nothing changed")
            return
        # "Undone: ticked 'Unboxing video' on 8190987654321098": the change and its case.
        what = change or done or "change"
        description = f"{what[0].lower()}{what[1:]} on {case.order_number}"
        self.workspace.apply(Change(cases=(case,), description=description))
        if reveal:
            self._reveal(case)
        self.selected_id = case.id
        self.refresh_cases()
        self.flush_soon(done)

    def flush_soon(self, done: str = "") -> None:
        """Write staged changes to disk without holding up the keyboard; then say `done`."""
        self.run_worker(self._flush(done), group="flush")

    async def _flush(self, done: str) -> None:
        self._show_store_state()
        try:
            await asyncio.to_thread(self.store.flush)
        except StoreMissing:
            self.store_went_missing()
            return
        except StoreChangedOnDisk:
            # Not again for a file already refused as unreadable: NOT SAVED says it all.
            if self.store.changed_on_disk():
                self.reload_from_disk("Your last change was not saved: make it again.")
        except SaveFailed as failure:
            self.notify(
                f"{failure.problem}. Your change is kept here: ctrl+s tries again, or save a "
                "copy elsewhere from the command palette.",
                title="NOT SAVED",
                severity="error",
                timeout=10,
                markup=False,
            )
        else:
            if done:
                self.notify(printable(done), timeout=3, markup=False)
        self._show_store_state()

    def _show_store_state(self) -> None:
        """Saving, saved or NOT SAVED, in the status line and the footer's keys."""
        unsaved = self.store.unsaved
        status = self.query(StatusBar)
        if not status:
            return  # the app is closing: a flush that ends now has no status line to tell
        status.first().show_saving(pending=self.store.pending_writes, unsaved=unsaved)
        # The footer rebuilds itself when bindings refresh: only when "retry" comes or goes.
        if unsaved != self._footer_shows_retry:
            self._footer_shows_retry = unsaved
            self.refresh_bindings()

    def reload_from_disk(self, consequence: str = "") -> None:
        """Take the store as it is now on disk, after another program changed it."""
        try:
            self.workspace.reload()
        except StoreError as error:
            self.notify(
                f"{error}. Not overwriting it; save a copy elsewhere from the command palette.",
                title="Store changed on disk",
                severity="error",
                timeout=15,
                markup=False,
            )
            self._show_store_state()
            return
        self.refresh_cases()
        self.offer_unmatched()
        self.notify(
            f"Another program changed {self.store.path.name}; reloaded it. {consequence}",
            title="Store reloaded",
            severity="warning",
            timeout=8,
            markup=False,
        )

    def store_went_missing(self) -> None:
        """Overridden by `StoreCommands`."""

    def offer_unmatched(self) -> None:
        """Overridden by `StoreCommands`."""

    def _now(self) -> datetime:
        return self.clock.now()

    def _selected_or_say(self) -> Case | None:
        """The selected case, or None after saying that a case must be selected first.

        A key typed straight after j or k comes before the list's word that its cursor moved:
        the case under the cursor is the one meant."""
        under_cursor = self.query_one(CaseList).current_case_id
        if under_cursor != self._list_case_id:
            self._list_case_id = under_cursor
            if under_cursor is not None:
                self.selected_id = under_cursor
        case = self.selected_case
        if case is None:
            self.notify("Select a case first", severity="warning")
        return case

    @property
    def dialog_opening(self) -> bool:
        """Whether a command has started to ask something and its dialog is not up yet: keys
        typed meanwhile must not act on the dashboard (they were meant for the dialog)."""
        return self.app.screen is self and any(
            worker.group == DIALOGS and worker.node is self and not worker.is_finished
            for worker in self.app.workers
        )

    async def _answer(self, dialog: Dialog[T]) -> T | None:
        """Open `dialog` and wait for its answer, None if it was cancelled. Commands that ask
        run as workers in the `DIALOGS` group, so a flow of dialogs reads top to bottom."""
        return await self.app.push_screen_wait(dialog)

    async def _fill(self, form: Form) -> Any:
        """Ask for `form` and wait for its answer, None if it was cancelled."""
        if self._form_dialogs is None:
            self._form_dialogs = FormDialogs(self.app)
        return await self._answer(self._form_dialogs.dialog_for(form))

    def _reveal(self, case: Case) -> None:
        """Clear the filter and show all cases if `case` would otherwise be hidden."""
        if not (self.scope.includes(case) and matches(case, self.search_text)):
            self.query_one("#search", Input).value = ""
            self.query_one("#search").display = False
            self.set_reactive(DashboardState.scope, Scope.ALL)
            self.refresh_bindings()  # "esc Clear filter" goes with the filter
