"""The dashboard: returns list, timeline, evidence checklist and deadline calendar.

Widgets post messages up; the screen turns them into domain actions, saves the changed case and
redraws (see `DashboardState`, `CaseEdits`, `StoreCommands`). This module is the layout: at
120x34 and above all four panes show at once; smaller terminals show one pane at a time under a
tab strip naming them.
"""

from __future__ import annotations

import gc

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.app.commands import DASHBOARD
from tui.app.screens.case_edits import CaseEdits
from tui.app.screens.dashboard_state import DashboardState
from tui.app.screens.export_commands import ExportCommands
from tui.app.screens.store_commands import StoreCommands
from tui.app.screens.toolkit_commands import ToolkitCommands
from tui.app.widgets.case_list import CaseList
from tui.app.widgets.case_summary import CaseSummary
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.key_footer import KeyFooter
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.timeline_view import TimelineView
from tui.domain.clock import today

PANES = ("returns", "timeline", "evidence", "deadlines")
PANE_TITLES = {
    "returns": "Returns",
    "timeline": "Timeline",
    "evidence": "Evidence",
    "deadlines": "Deadlines",
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


class Dashboard(CaseEdits, StoreCommands, ExportCommands, ToolkitCommands):
    """The main screen of returns-tui."""

    BINDINGS = DASHBOARD.bindings()

    active_pane: reactive[str] = reactive("returns", init=False)

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

    # ----- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(self.store_label, id="status").data_bind(DashboardState.overview)
        yield Static(id="pane-tabs")
        with Vertical(id="returns", classes="pane"):
            yield SearchInput(
                placeholder="Filter by order, item, store or tracking number", id="search"
            )
            yield CaseList(id="cases").data_bind(DashboardState.listing)
        with Horizontal(id="details"):
            with Vertical(id="timeline", classes="pane"):
                yield CaseSummary(id="summary").data_bind(DashboardState.selection)
                yield TimelineView(id="events").data_bind(DashboardState.selection)
            with Vertical(id="evidence", classes="pane"):
                yield EvidenceList(id="checklist").data_bind(DashboardState.selection)
            yield DeadlinesPane(today(self.clock), id="deadlines").data_bind(
                DashboardState.overview, DashboardState.selection
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        for pane in PANES:
            self.query_one(f"#{pane}").border_title = PANE_TITLES[pane]
        self.query_one("#search").display = False
        full_pass = self.workspace.start()
        self.refresh_cases()
        if full_pass is not None:
            # The first screen first: the rest once it is drawn.
            self.call_after_refresh(self.finish_loading, full_pass)
        self.query_one(CaseList).focus()
        self.set_interval(OUTSIDE_CHANGE_CHECK_SECONDS, self.check_for_outside_changes)
        self.offer_unmatched()  # a journal found beside another version of the file
        self.announce_rescue_copy()
        # The store's cases and documents live as long as the app: moving them out of the
        # garbage collector's sight keeps its full collections (100+ ms at 10,000 cases) from
        # landing on a keystroke.
        self.call_after_refresh(gc.freeze)

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
                f" {index} {PANE_TITLES[pane]} ", "reverse" if pane == self.active_pane else ""
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

    def _focus_target(self, pane: str) -> Widget:
        targets = {
            "returns": "#cases",
            "timeline": "#events",
            "evidence": "#checklist",
            "deadlines": "#calendar",
        }
        return self.query_one(targets[pane])

    def action_show_pane(self, pane: str) -> None:
        self.active_pane = pane
        self._focus_target(pane).focus()

    def _step_pane(self, step: int) -> None:
        index = (PANES.index(self.active_pane) + step) % len(PANES)
        self.action_show_pane(PANES[index])

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    # ----- search and scope ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape clears the filter (and the footer offers it) only while there is one.
        if action == "close_search":
            return any(search.display for search in self.query("#search"))
        return super().check_action(action, parameters)

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
        search = self.query_one("#search", Input)
        search.value = ""
        search.display = False
        self.query_one(CaseList).focus()
        self.refresh_bindings()

    def action_cycle_scope(self) -> None:
        self.scope = self.scope.next()
        self.notify(f"Showing {self.scope.value} cases", timeout=2)

    def on_deadlines_pane_case_picked(self, message: DeadlinesPane.CasePicked) -> None:
        self.select_case(message.case_id)

    def select_case(self, case_id: str) -> None:
        """Make `case_id` the selected case, widening the list if it is filtered out."""
        self._reveal(self.store.get(case_id))
        self.selected_id = case_id
        self.refresh_cases()
        self.action_show_pane("returns")
