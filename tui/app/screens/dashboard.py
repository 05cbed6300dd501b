"""The dashboard: returns list, timeline, evidence checklist and deadline calendar.

The screen keeps the layout, the focus and what ties the panes together (the selected case,
the scope, the filter), and routes keys and the widgets' messages to the commands in
`tui.app.command_sets`, for which it is the `Context`. At 120x34 and above all four panes show
at once; smaller terminals show one pane at a time under a tab strip naming them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.app.command_sets import CommandSets, runs
from tui.app.command_sets.context import DIALOGS
from tui.app.commands import DASHBOARD
from tui.app.presenters import case_title
from tui.app.screens.dialog import Dialog
from tui.app.screens.form_dialog import FormDialogs
from tui.app.screens.help_screen import HelpScreen
from tui.app.screens.wait_dialog import WaitDialog
from tui.app.text import user_text
from tui.app.widgets.case_list import CaseList
from tui.app.widgets.case_summary import CaseSummary
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.evidence_preview import EvidencePreview
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.timeline_view import TimelineView
from tui.collector import freeze_long_lived
from tui.domain.clock import Clock
from tui.domain.evidence import checklist, progress
from tui.domain.form import Form
from tui.domain.model import Case
from tui.domain.queries import Scope, matches
from tui.printable import printable
from tui.store.case_store import CaseStore
from tui.workspace import CaseView, FullPass, Listing, Overview, Workspace

T = TypeVar("T")

# Each pane (its title is its id's) and the widget in it that takes the focus.
PANES = ("returns", "timeline", "evidence", "deadlines")
_FOCUS_TARGETS = {
    "returns": "#cases",
    "timeline": "#events",
    "evidence": "#checklist",
    "deadlines": "#calendar",
}
# How often to look for another program's changes to the store file (a cheap stat).
OUTSIDE_CHANGE_CHECK_SECONDS = 2
# The footer's first keys, whatever pane has the focus.
_FOOTER_FIRST = frozenset({"help", "app.quit"})
# Below this size the four panes no longer fit side by side; show one at a time.
WIDE_MINIMUM = (120, 34)


class SearchInput(Input):
    """The returns list's filter box; escape clears it and goes back to the list."""

    BINDINGS = [Binding("escape", "screen.close_search", "Clear search")]


class Dashboard(Screen[None]):
    """The main screen of returns-tui."""

    BINDINGS = DASHBOARD.bindings(runs)

    active_pane: reactive[str] = reactive("returns", init=False)
    selected_id: reactive[str | None] = reactive(None, init=False)
    # What the panes draw, bound to them in `compose` (data_bind): every case's deadlines,
    # the returns list's content and the selected case.
    overview: reactive[Overview | None] = reactive(None, init=False)
    listing: reactive[Listing | None] = reactive(None, init=False)
    selection: reactive[CaseView | None] = reactive(None, init=False)
    scope: reactive[Scope] = reactive(Scope.ACTIVE, init=False)

    def __init__(self, store: CaseStore, clock: Clock, store_label: str) -> None:
        super().__init__()
        self.workspace = Workspace(store, clock)
        self.store_label = store_label
        self.commands = CommandSets(self)
        self._footer_shows_retry = False
        self._form_dialogs: FormDialogs | None = None
        # The case the returns list last said its cursor is on.
        self._list_case_id: str | None = None

    @property
    def store(self) -> CaseStore:
        return self.workspace.store

    @property
    def search_text(self) -> str:
        return self.query_one("#search", Input).value

    @property
    def selected_case(self) -> Case | None:
        return self.store.get(self.selected_id) if self.selected_id else None

    # ----- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(self.store_label, id="status").data_bind(Dashboard.overview)
        yield Static(id="pane-tabs")
        with Vertical(id="returns", classes="pane"):
            yield SearchInput(
                placeholder="Filter by order, item, store or tracking number", id="search"
            )
            yield CaseList(id="cases").data_bind(Dashboard.listing)
        with Horizontal(id="details"):
            with Vertical(id="timeline", classes="pane"):
                yield CaseSummary(id="summary").data_bind(Dashboard.selection)
                yield TimelineView(id="events").data_bind(Dashboard.selection)
            with Vertical(id="evidence", classes="pane"):
                yield EvidenceList(self.store.vault, id="checklist").data_bind(Dashboard.selection)
                yield EvidencePreview(id="evidence-preview")
            yield DeadlinesPane(self.workspace.today, id="deadlines").data_bind(
                Dashboard.overview, Dashboard.selection
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        for pane in PANES:
            self.query_one(f"#{pane}").border_title = pane.title()
        self.query_one("#search").display = False
        full_pass = self.workspace.start()
        self.refresh_cases()
        if full_pass is not None:
            # The first screen first: the rest once it is drawn, off the keyboard's thread.
            self.call_after_refresh(
                lambda: self.run_worker(self._load_the_rest(full_pass), group="loading")
            )
        self.query_one(CaseList).focus()
        saving = self.commands.saving
        self.set_interval(OUTSIDE_CHANGE_CHECK_SECONDS, saving.check_for_outside_changes)
        self.start(saving.offer_unmatched())  # a journal found beside another version of the file
        saving.announce_rescue_copy()
        # The store's cases and documents live as long as the app: moving them out of the
        # garbage collector's sight keeps its full collections (100+ ms at 10,000 cases) from
        # landing on a keystroke.
        self.call_after_refresh(freeze_long_lived)

    def on_unmount(self) -> None:
        # Quitting while a big store's deadlines are still being worked out: stop at once
        # rather than wait for the rest (the app's end waits for its threads).
        self.workspace.stop_loading()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout()

    @property
    def narrow(self) -> bool:
        width, height = WIDE_MINIMUM
        return self.size.width < width or self.size.height < height

    def _apply_layout(self) -> None:
        narrow = self.narrow
        self.set_class(narrow, "-narrow")
        for pane in PANES:
            self.query_one(f"#{pane}").display = not narrow or pane == self.active_pane
        self.query_one("#details").display = not narrow or self.active_pane != "returns"
        tabs = [
            Content.styled(
                f" {index} {pane.title()} ", "reverse" if pane == self.active_pane else ""
            )
            for index, pane in enumerate(PANES, start=1)
        ]
        self.query_one("#pane-tabs", Static).update(Content("").join(tabs))

    def watch_active_pane(self) -> None:
        self._apply_layout()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        pane = next(
            (node.id for node in event.widget.ancestors_with_self if node.id in PANES), None
        )
        if pane is not None:
            self.active_pane = pane

    def action_show_pane(self, pane: str) -> None:
        self.active_pane = pane
        self.query_one(_FOCUS_TARGETS[pane]).focus()

    def _step_pane(self, step: int) -> None:
        index = (PANES.index(self.active_pane) + step) % len(PANES)
        self.action_show_pane(PANES[index])

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys the footer shows, help and quit first: a small terminal's footer cannot
        show every key, and those two lead to all the others and out."""
        bindings = super().active_bindings
        first = {
            key: active
            for key, active in bindings.items()
            if active.binding.action in _FOOTER_FIRST
        }
        return first | {key: active for key, active in bindings.items() if key not in first}

    # ----- commands and messages ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run":
            return self.commands.available(str(parameters[0]))
        # Escape clears the filter (and the footer offers it) only while there is one.
        if action == "close_search":
            return any(search.display for search in self.query("#search"))
        return True

    def action_run(self, name: str) -> None:
        """Run the dashboard command `name` (see `tui.app.command_sets`)."""
        self.commands.run_named(name)

    def on_timeline_view_event_chosen(self, message: TimelineView.EventChosen) -> None:
        cases = self.commands.cases
        self.commands.run(
            cases.delete_event if message.delete else cases.correct_event, message.event_id
        )

    def on_evidence_list_toggled(self, message: EvidenceList.Toggled) -> None:
        self.commands.evidence.toggle(message.key)

    def on_evidence_list_details_requested(self, message: EvidenceList.DetailsRequested) -> None:
        self.commands.run(self.commands.evidence.details, message.key)

    def on_evidence_list_add_requested(self) -> None:
        self.commands.run(self.commands.evidence.add_item)

    def on_evidence_list_item_chosen(self, message: EvidenceList.ItemChosen) -> None:
        self.commands.run(self.commands.evidence.item, message.key, message.what)

    @on(EvidenceList.OptionHighlighted, "#checklist")
    def _preview_highlighted_item(self, message: EvidenceList.OptionHighlighted) -> None:
        self._preview_item(message.option_id)

    def _preview_item(self, key: str | None) -> None:
        self.query_one(EvidencePreview).show_item(self.selected_case, key, self.store.vault)

    def on_deadlines_pane_source_requested(self, message: DeadlinesPane.SourceRequested) -> None:
        self.commands.cases.show_source(message.deadline)

    def on_deadlines_pane_extend_requested(self, message: DeadlinesPane.ExtendRequested) -> None:
        self.commands.run(self.commands.cases.extend_deadline, message.case_id, message.kind)

    def on_deadlines_pane_case_picked(self, message: DeadlinesPane.CasePicked) -> None:
        self.select_case(message.case_id)

    def on_case_list_highlighted(self, message: CaseList.Highlighted) -> None:
        self._list_case_id = message.case_id
        self.selected_id = message.case_id

    # ----- the context the commands run in (see `Context`) -------------------------------

    def selected_or_say(self) -> Case | None:
        # A key typed straight after j or k comes before the list's word that its cursor moved:
        # the case under the cursor is the one meant.
        under_cursor = self.query_one(CaseList).current_case_id
        if under_cursor != self._list_case_id:
            self._list_case_id = under_cursor
            if under_cursor is not None:
                self.selected_id = under_cursor
        case = self.selected_case
        if case is None:
            self.say("Select a case first", "warning")
        return case

    def say(self, text: str, severity: SeverityLevel = "information", **options: Any) -> None:
        self.notify(printable(text), severity=severity, markup=False, **options)

    async def ask(self, dialog: Dialog[T]) -> T | None:
        return await self.app.push_screen_wait(dialog)

    async def fill(self, form: Form) -> Any:
        if self._form_dialogs is None:
            self._form_dialogs = FormDialogs(self.app)
        return await self.ask(self._form_dialogs.dialog_for(form))

    async def every_case(self, what: str) -> bool:
        if (loading := self.workspace.loading) is None:
            return True
        return bool(await self.ask(WaitDialog(loading, what)))

    def start(self, flow: Coroutine[Any, Any, None], *, group: str = DIALOGS) -> None:
        self.run_worker(flow, group=group)

    @property
    def dialog_opening(self) -> bool:
        """Whether a command has started to ask something and its dialog is not up yet: keys
        typed meanwhile must not act on the dashboard (they were meant for the dialog)."""
        return self.app.screen is self and any(
            worker.group == DIALOGS and worker.node is self and not worker.is_finished
            for worker in self.app.workers
        )

    def show(self, case: Case | None = None, *, reveal: bool = False) -> None:
        if case is not None:
            if reveal:
                self._reveal(case)
            self.selected_id = case.id
        self.refresh_cases()

    def save(self, done: str = "") -> None:
        self.commands.saving.save(done)

    def show_store_state(self) -> None:
        unsaved = self.store.unsaved
        status = self.query(StatusBar)
        if not status:
            return  # the app is closing: a save that ends now has no status line to tell
        status.first().show_saving(pending=self.store.pending_writes, unsaved=unsaved)
        # The footer rebuilds itself when bindings refresh: only when "retry" comes or goes.
        if unsaved != self._footer_shows_retry:
            self._footer_shows_retry = unsaved
            self.refresh_bindings()

    # ----- drawing ------------------------------------------------------------------------

    def refresh_cases(self) -> None:
        """Redraw every pane from the store, working deadlines out again for changed cases."""
        count = self.store.count()
        changed = self.workspace.refresh()
        in_view = self.workspace.in_view(self.scope, self.search_text)
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
        self.show_store_state()
        current = self.query_one(CaseList).current_case_id
        if current != self.selected_id:
            self.selected_id = current
        else:
            self.refresh_details()

    def refresh_details(self) -> None:
        """Redraw the timeline, checklist and deadlines for the selected case."""
        case = self.selected_case
        deadlines = self.workspace.deadlines_of(case.id) if case else []
        self.selection = CaseView(case, self.workspace.book, deadlines, self.workspace.now)
        timeline, evidence = self.query_one("#timeline"), self.query_one("#evidence")
        timeline.border_subtitle = user_text(case_title(case)) if case else ""
        if case is not None:
            done, total = progress(checklist(case))
            evidence.border_subtitle = f"{done} of {total} done"
        else:
            evidence.border_subtitle = ""
            self._preview_item(None)  # no item is highlighted to say so

    def watch_selected_id(self) -> None:
        self.refresh_details()

    def watch_scope(self) -> None:
        self.refresh_cases()

    async def _load_the_rest(self, full_pass: FullPass) -> None:
        """Work out every case's deadlines (`Workspace.start`), then show them all; the status
        line says "loading" meanwhile."""
        loaded = await asyncio.to_thread(full_pass)
        if loaded is None:
            return  # given up: the app is closing
        self.workspace.finish(loaded)
        self.overview = self.workspace.overview()
        self.refresh_cases()
        self.call_after_refresh(freeze_long_lived)  # as at start-up

    # ----- search and scope ----------------------------------------------------------------

    def action_search(self) -> None:
        self.active_pane = "returns"
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()
        self.refresh_bindings()

    @on(Input.Changed, "#search")
    def _filter_changed(self) -> None:
        self.refresh_cases()

    @on(Input.Submitted, "#search")
    def _filter_done(self) -> None:
        if not self.search_text:
            self.query_one("#search").display = False
        self.query_one(CaseList).focus()
        self.refresh_bindings()

    def action_close_search(self) -> None:
        self._clear_filter()
        self.query_one(CaseList).focus()

    def _clear_filter(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.display = False
        self.refresh_bindings()  # "esc Clear filter" goes with the filter

    def action_cycle_scope(self) -> None:
        self.scope = self.scope.next()
        self.say(f"Showing {self.scope.value} cases", timeout=2)

    def select_case(self, case_id: str) -> None:
        """Make `case_id` the selected case, widening the list if it is filtered out."""
        self.show(self.store.get(case_id), reveal=True)
        self.action_show_pane("returns")

    def most_urgent(self, query: str, limit: int) -> list[Case]:
        """At most `limit` cases whose text contains `query` (any scope), most urgent first."""
        return self.workspace.most_urgent(query, limit)

    def _reveal(self, case: Case) -> None:
        """Clear the filter and show all cases if `case` would otherwise be hidden."""
        if not (self.scope.includes(case) and matches(case, self.search_text)):
            self.set_reactive(Dashboard.scope, Scope.ALL)
            self._clear_filter()
