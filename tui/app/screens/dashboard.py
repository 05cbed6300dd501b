"""The dashboard: returns list, timeline, evidence checklist and deadline calendar.

The screen owns the state that ties the panes together (the selected case, the search text and
the active/closed scope) and applies every change: widgets post messages up, the screen turns
them into domain actions, saves the new case and redraws. At 120x34 and above all four panes
show at once; smaller terminals show one pane at a time with a tab strip naming them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static

from tui.app.commands import DASHBOARD
from tui.app.presenters import case_title
from tui.app.screens.case_form import CaseForm
from tui.app.screens.event_form import EventForm, NewEvent
from tui.app.screens.help_screen import HelpScreen
from tui.app.screens.stage_picker import StagePicker
from tui.app.screens.text_prompt import TextField, TextPrompt
from tui.app.text import user_text
from tui.app.widgets.case_table import CaseTable
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.timeline_view import TimelineView
from tui.domain import actions
from tui.domain.clock import Clock, today
from tui.domain.deadlines import all_deadlines
from tui.domain.evidence import checklist, progress
from tui.domain.fields import create_case, edit_case, form_values, new_form_values
from tui.domain.model import Case, Stage
from tui.domain.policy import Policy
from tui.domain.queries import Scope, by_urgency, matches
from tui.store.case_store import CaseStore

PANES = ("returns", "timeline", "evidence", "deadlines")
PANE_TITLES = {
    "returns": "Returns",
    "timeline": "Timeline",
    "evidence": "Evidence",
    "deadlines": "Deadlines",
}
# Below this size the four panes no longer fit side by side; show one at a time.
WIDE_MINIMUM = (120, 34)


class SearchInput(Input):
    """The returns list's filter box; escape clears it and goes back to the list."""

    BINDINGS = [Binding("escape", "screen.close_search", "Clear search")]


class Dashboard(Screen[None]):
    """The main screen of returns-tui."""

    BINDINGS = DASHBOARD.bindings()

    selected_id: reactive[str | None] = reactive(None, init=False)
    scope: reactive[Scope] = reactive(Scope.ACTIVE, init=False)
    active_pane: reactive[str] = reactive("returns", init=False)

    def __init__(self, store: CaseStore, clock: Clock, policy: Policy, store_label: str) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.policy = policy
        self.store_label = store_label

    # ----- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static(id="pane-tabs")
        with Vertical(id="returns", classes="pane"):
            yield SearchInput(
                placeholder="Filter by order, item, store or tracking number", id="search"
            )
            yield CaseTable(id="cases")
        with Horizontal(id="details"):
            with Vertical(id="timeline", classes="pane"):
                yield TimelineView(id="events")
            with Vertical(id="evidence", classes="pane"):
                yield EvidenceList(id="checklist")
            yield DeadlinesPane(today(self.clock), id="deadlines")
        yield Footer()

    def on_mount(self) -> None:
        for pane in PANES:
            self.query_one(f"#{pane}").border_title = PANE_TITLES[pane]
        self.query_one("#search").display = False
        self.refresh_cases()
        self.query_one(CaseTable).focus()

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

    # ----- showing the cases ---------------------------------------------------------------

    @property
    def search_text(self) -> str:
        return self.query_one("#search", Input).value

    @property
    def selected_case(self) -> Case | None:
        return self.store.get(self.selected_id) if self.selected_id else None

    def refresh_cases(self) -> None:
        """Redraw every pane from the store."""
        cases = self.store.cases()
        in_view = [
            case for case in cases if self.scope.includes(case) and matches(case, self.search_text)
        ]
        table = self.query_one(CaseTable)
        table.show(
            by_urgency(in_view, self.policy), self.policy, today(self.clock), self.selected_id
        )
        returns = self.query_one("#returns")
        returns.border_subtitle = f"{self.scope.value} · {len(in_view)} of {len(cases)}"
        self.query_one(StatusBar).show(cases, self.policy, today(self.clock), self.store_label)
        current = table.current_case_id
        if current != self.selected_id:
            self.selected_id = current
        else:
            self.refresh_details()

    def refresh_details(self) -> None:
        """Redraw the timeline, checklist and deadlines for the selected case."""
        case = self.selected_case
        items = checklist(case) if case else None
        self.query_one(TimelineView).show(case, self.clock.now())
        self.query_one(EvidenceList).show(items)
        timeline, evidence = self.query_one("#timeline"), self.query_one("#evidence")
        timeline.border_subtitle = user_text(case_title(case)) if case else ""
        if items is not None:
            done, total = progress(items)
            evidence.border_subtitle = f"{done} of {total} done"
        else:
            evidence.border_subtitle = ""
        cases = {case.id: case for case in self.store.cases()}
        deadlines = all_deadlines(cases.values(), self.policy)
        self.query_one(DeadlinesPane).show(deadlines, cases, self.selected_id, today(self.clock))

    def watch_selected_id(self) -> None:
        self.refresh_details()

    def watch_scope(self) -> None:
        self.refresh_cases()

    @on(DataTable.RowHighlighted, "#cases")
    def _case_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.selected_id = event.row_key.value

    # ----- search and scope ----------------------------------------------------------------

    def action_search(self) -> None:
        self.active_pane = "returns"
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _filter_changed(self) -> None:
        self.refresh_cases()

    @on(Input.Submitted, "#search")
    def _filter_done(self) -> None:
        if not self.search_text:
            self.query_one("#search").display = False
        self.query_one(CaseTable).focus()

    def action_close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.display = False
        self.query_one(CaseTable).focus()

    def action_cycle_scope(self) -> None:
        self.scope = self.scope.next()
        self.notify(f"Showing {self.scope.value} cases", timeout=2)

    # ----- changing cases ------------------------------------------------------------------

    def _commit(self, case: Case, done: str, *, reveal: bool = False) -> None:
        """Save a changed case durably, then redraw; a failed save says so and keeps the app.

        With `reveal`, the filter and scope widen if they would hide the case (a new case must
        be seen); otherwise a case that leaves the view (say, closed) simply drops out of it.
        """
        try:
            self.store.save(case)
        except OSError as error:
            self.notify(
                f"Not saved: {error.strerror or error}. Your change is kept on screen; try again.",
                title="Save failed",
                severity="error",
                markup=False,
            )
            return
        if reveal:
            self._reveal(case)
        self.selected_id = case.id
        self.refresh_cases()
        if done:
            self.notify(done, timeout=3, markup=False)

    def _with_case(self, act: Callable[[Case], None]) -> None:
        case = self.selected_case
        if case is None:
            self.notify("Select a case first", severity="warning")
            return
        act(case)

    def _now(self) -> datetime:
        return self.clock.now()

    def action_new_case(self) -> None:
        def created(values: dict[str, Any] | None) -> None:
            if values is not None:
                case = create_case(values, self._now())
                self._commit(case, f"Added {case.item}", reveal=True)

        form = CaseForm("New case", new_form_values(self.policy.name), today(self.clock))
        self.app.push_screen(form, created)

    def action_edit_case(self) -> None:
        def edit(case: Case) -> None:
            def edited(values: dict[str, Any] | None) -> None:
                if values is not None:
                    self._commit(edit_case(case, values, self._now()), "Case saved")

            form = CaseForm(f"Edit {case.order_number}", form_values(case), today(self.clock))
            self.app.push_screen(form, edited)

        self._with_case(edit)

    def action_change_stage(self) -> None:
        def pick(case: Case) -> None:
            def picked(stage: Stage | None) -> None:
                if stage is not None:
                    moved = actions.change_stage(case, stage, self._now())
                    self._commit(moved, f"Moved to {stage.label}")

            self.app.push_screen(StagePicker(case.stage), picked)

        self._with_case(pick)

    def action_add_event(self) -> None:
        def ask(case: Case) -> None:
            def added(event: NewEvent | None) -> None:
                if event is not None:
                    updated = actions.add_event(case, event.kind, event.text, event.at)
                    self._commit(updated, f"{event.kind.label} added")

            self.app.push_screen(EventForm(self._now()), added)

        self._with_case(ask)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    @on(EvidenceList.Toggled)
    def _toggle_evidence(self, message: EvidenceList.Toggled) -> None:
        self._with_case(lambda case: self._commit(actions.toggle_evidence(case, message.key), ""))

    @on(EvidenceList.DetailsRequested)
    def _evidence_details(self, message: EvidenceList.DetailsRequested) -> None:
        def ask(case: Case) -> None:
            entry = case.evidence_entry(message.key)

            def answered(values: dict[str, str] | None) -> None:
                if values is not None:
                    updated = actions.set_evidence_details(
                        case, message.key, values["path"].strip(), values["note"].strip()
                    )
                    self._commit(updated, "Evidence details saved")

            fields = [
                TextField("path", "File path", entry.path),
                TextField("note", "Note", entry.note),
            ]
            self.app.push_screen(TextPrompt("Evidence file and note", fields), answered)

        self._with_case(ask)

    @on(EvidenceList.AddRequested)
    def _add_evidence(self) -> None:
        def ask(case: Case) -> None:
            def answered(values: dict[str, str] | None) -> None:
                if values is not None:
                    updated, _ = actions.add_custom_evidence(case, values["label"].strip())
                    self._commit(updated, "Evidence item added")

            fields = [TextField("label", "What to gather", required=True)]
            self.app.push_screen(TextPrompt("Add an evidence item", fields), answered)

        self._with_case(ask)

    @on(DeadlinesPane.CasePicked)
    def _deadline_picked(self, message: DeadlinesPane.CasePicked) -> None:
        self.select_case(message.case_id)

    def select_case(self, case_id: str) -> None:
        """Make `case_id` the selected case, widening the list if it is filtered out."""
        self._reveal(self.store.get(case_id))
        self.selected_id = case_id
        self.refresh_cases()
        self.action_show_pane("returns")

    def _reveal(self, case: Case) -> None:
        """Clear the filter and show all cases if `case` would otherwise be hidden."""
        if not (self.scope.includes(case) and matches(case, self.search_text)):
            self.query_one("#search", Input).value = ""
            self.query_one("#search").display = False
            self.set_reactive(Dashboard.scope, Scope.ALL)
