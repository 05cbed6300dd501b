"""The commands that change a case: new, edit, stage, event, evidence, deadline extensions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import work

from tui.app.screens.confirm import Confirm, InfoDialog
from tui.app.screens.dashboard_state import DIALOGS, DashboardState
from tui.app.screens.help_screen import HelpScreen
from tui.app.screens.stage_picker import StagePicker
from tui.app.system_viewer import open_with_system_viewer, viewer_name
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.timeline_view import TimelineView
from tui.domain import actions
from tui.domain.case_form import edit_case_form, new_case_form, new_form_values
from tui.domain.clock import today
from tui.domain.deadlines import seller_silent
from tui.domain.evidence import checklist
from tui.domain.fields import parse_extension_days, parse_optional_file_path
from tui.domain.form import Form, FormField, Question, required
from tui.domain.interchange import identity
from tui.domain.model import Case, Event, EventKind
from tui.domain.policy import CERTAINTY_WORDS, return_postage
from tui.domain.stage_form import stage_form
from tui.domain.stages import suggested_stages
from tui.domain.timeline_edits import event_form, new_event_form
from tui.printable import printable
from tui.store.policies import DEFAULT_MARKETPLACE


class CaseEdits(DashboardState):
    """Each command asks what it needs in a dialog, then commits the changed case."""

    @work(group=DIALOGS)
    async def action_new_case(self) -> None:
        defaults = new_form_values(DEFAULT_MARKETPLACE) | {
            "currency": self.store.settings().currency
        }

        def already_known(case: Case) -> Question | None:
            same = identity(case)
            known = next((known for known in self.store.cases() if identity(known) == same), None)
            if known is None:
                return None
            text = (
                f"Order {case.order_number} already has a case for {known.item} "
                f"({known.stage.label}). Add another one?"
            )
            return Question("Already a case", text, "Add another")

        form = replace(new_case_form(defaults, self._now()), confirm=already_known)
        if (case := await self._fill(form)) is not None:
            self._commit(case, f"Added {case.item}", reveal=True)

    @work(group=DIALOGS)
    async def action_edit_case(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        edited = await self._fill(edit_case_form(case, self._now()))
        if edited is not None:
            self._commit(edited, "Case saved")

    @work(group=DIALOGS)
    async def action_change_stage(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        silent = seller_silent(self.deadlines_of(case.id), today(self.clock)) is not None
        suggested = suggested_stages(case.stage, dispute_first=silent)
        stage = await self._answer(StagePicker(case.stage, suggested))
        if stage is None:
            return
        payer, _ = return_postage(case, self.book.policy_for(case))
        moved = await self._fill(stage_form(case, stage, self._now(), payer))
        if moved is not None:
            self._commit(moved, f"Moved to {moved.stage.label}")

    @work(group=DIALOGS)
    async def on_timeline_view_event_chosen(self, message: TimelineView.EventChosen) -> None:
        if (case := self._selected_or_say()) is None:
            return
        event = actions.find_event(case, message.event_id)
        if message.delete:
            await self._delete_event(case, event)
            return
        corrected = await self._fill(event_form(case, event.id, self._now()))
        if corrected is not None:
            self._commit(corrected, f"{event.kind.label} event corrected")

    async def _delete_event(self, case: Case, event: Event) -> None:
        if event.kind is EventKind.CREATED:
            self.notify("The event that opened the case stays: delete the case with D")
            return
        deleted = actions.delete_event(case, event.id)
        done = f"{event.kind.label} event deleted (u brings it back)"
        change = f"deleted the {event.kind.label.lower()} event"
        if deleted.stage is not case.stage:
            question = (
                f"Delete the move to {case.stage.label}? The case goes back to "
                f"{deleted.stage.label}, and its deadlines with it."
            )
            if not await self._answer(Confirm("Delete a stage move", question, yes="Delete")):
                return
        self._commit(deleted, done, change=change)

    @work(group=DIALOGS)
    async def action_add_event(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        updated = await self._fill(new_event_form(case, self._now()))
        if updated is not None:
            # The timeline is in date order: a backdated event is not the last.
            known = {event.id for event in case.events}
            added = next(event for event in updated.events if event.id not in known)
            self._commit(updated, f"{added.kind.label} added")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def on_evidence_list_toggled(self, message: EvidenceList.Toggled) -> None:
        if (case := self._selected_or_say()) is None:
            return
        ticked = actions.toggle_evidence(case, message.key)
        item = next(i for i in checklist(ticked) if i.key == message.key)
        change = f"{'ticked' if item.done else 'unticked'} '{item.label}'"
        self._commit(ticked, "", change=change)

    @work(group=DIALOGS)
    async def on_evidence_list_details_requested(
        self, message: EvidenceList.DetailsRequested
    ) -> None:
        if (case := self._selected_or_say()) is None:
            return
        entry = case.evidence_entry(message.key)
        fields = (
            FormField("path", "File path", entry.path, parse_optional_file_path),
            FormField("note", "Note", entry.note),
        )
        values = await self._fill(Form("Evidence file and note", fields))
        if values is not None:
            updated = actions.set_evidence_details(
                case, message.key, values["path"], values["note"]
            )
            self._commit(updated, "Evidence details saved")

    @work(group=DIALOGS)
    async def on_evidence_list_add_requested(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        fields = (FormField("label", "What to gather", parse=required),)
        values = await self._fill(Form("Add an evidence item", fields))
        if values is not None:
            updated, _ = actions.add_custom_evidence(case, values["label"])
            self._commit(updated, "Evidence item added")

    @work(group=DIALOGS)
    async def on_evidence_list_item_chosen(self, message: EvidenceList.ItemChosen) -> None:
        if (case := self._selected_or_say()) is None:
            return
        entry = case.evidence_entry(message.key)
        if message.what == "open":
            self._open_file(entry.path)
            return
        if not entry.label:
            self.notify(
                "Only your own items can be renamed or removed; this one follows the case",
                severity="warning",
            )
            return
        if message.what == "remove":
            removed = actions.remove_custom_evidence(case, message.key)
            self._commit(removed, "Item removed (u brings it back)", change="removed an item")
            return
        field = FormField("label", "What to gather", entry.label, required)
        values = await self._fill(Form("Rename your item", (field,)))
        if values is not None:
            renamed = actions.rename_custom_evidence(case, message.key, values["label"])
            self._commit(renamed, "Item renamed")

    def _open_file(self, path: str) -> None:
        """Open an evidence file with the system's viewer (xdg-open, open), or say why not
        and where the file is."""
        if not path:
            self.notify("No file recorded for this item: d sets one", severity="warning")
            return
        file = Path(path).expanduser()
        if not file.is_file():
            self.notify(f"{printable(str(file))} is not a file here", severity="warning")
            return
        if problem := open_with_system_viewer(file.resolve()):
            shown = printable(f"Cannot open it here ({problem}); it is {file}")
            self.notify(shown, severity="warning", timeout=10, markup=False)
            return
        self.notify(printable(f"Opening {file.name} with {viewer_name()}"), markup=False)

    def on_deadlines_pane_source_requested(self, message: DeadlinesPane.SourceRequested) -> None:
        deadline = message.deadline
        case = self.store.get(deadline.case_id)
        policy = self.book.policy_for(case)
        cited = policy.sources.get(deadline.rule)
        if cited is None:
            text = "This date counts from a number recorded on the case itself."
        else:
            text = (
                f"{deadline.explanation}.\n\nSource: {cited.source}\n"
                f"Certainty: {CERTAINTY_WORDS[cited.certainty]}\n{cited.note}"
            )
        self.app.push_screen(InfoDialog(f"{deadline.kind.label}: where it comes from", text))

    @work(group=DIALOGS)
    async def on_deadlines_pane_extend_requested(
        self, message: DeadlinesPane.ExtendRequested
    ) -> None:
        case = self.store.get(message.case_id)
        fields = (
            FormField(
                "days", "Extra days (negative to bring it forward)", parse=parse_extension_days
            ),
            FormField("reason", "Why", parse=required, placeholder="e.g. agreed with the seller"),
        )
        values = await self._fill(Form(f"Extend: {message.kind.label}", fields))
        if values is not None:
            updated = actions.extend_deadline(
                case, message.kind, values["days"], values["reason"], self._now()
            )
            self._commit(updated, f"{message.kind.label}: {values['days']:+d} days")
