"""The commands that change a case: new, edit, stage, event, evidence, deadline extensions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.app.screens.confirm import Confirm, InfoDialog
from tui.app.screens.dashboard_state import DashboardState
from tui.app.screens.help_screen import HelpScreen
from tui.app.screens.stage_picker import StagePicker
from tui.app.system_viewer import open_with_system_viewer, viewer_name
from tui.app.widgets.deadlines_pane import DeadlinesPane
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.timeline_view import TimelineView
from tui.domain import actions
from tui.domain.case_form import edit_case_form, new_case_form, new_form_values
from tui.domain.evidence import checklist
from tui.domain.fields import parse_extension_days, parse_optional_file_path
from tui.domain.form import Form, FormField, required
from tui.domain.model import Case, Event, EventKind, Stage
from tui.domain.policy import CERTAINTY_WORDS, return_postage
from tui.domain.stage_form import stage_form
from tui.domain.timeline_edits import event_form, new_event_form
from tui.printable import printable
from tui.store.policies import DEFAULT_MARKETPLACE


class CaseEdits(DashboardState):
    """Each command asks what it needs in a dialog, then commits the changed case."""

    def action_new_case(self) -> None:
        defaults = new_form_values(DEFAULT_MARKETPLACE) | {
            "currency": self.store.settings().currency
        }
        self._ask_form(
            new_case_form(defaults, self._now()),
            lambda case: self._commit(case, f"Added {case.item}", reveal=True),
        )

    def action_edit_case(self) -> None:
        def edit(case: Case) -> None:
            form = edit_case_form(case, self._now())
            self._ask_form(form, lambda edited: self._commit(edited, "Case saved"))

        self._with_case(edit)

    def action_change_stage(self) -> None:
        def pick(case: Case) -> None:
            def picked(stage: Stage) -> None:
                payer, _ = return_postage(case, self.book.policy_for(case))
                form = stage_form(case, stage, self._now(), payer)
                self._ask_form(form, lambda moved: self._commit(moved, f"Moved to {stage.label}"))

            self._ask(StagePicker(case.stage), picked)

        self._with_case(pick)

    def on_timeline_view_event_chosen(self, message: TimelineView.EventChosen) -> None:
        def act(case: Case) -> None:
            event = actions.find_event(case, message.event_id)
            if message.delete:
                self._delete_event(case, event)
                return
            self._ask_form(
                event_form(case, event.id, self._now()),
                lambda corrected: self._commit(corrected, f"{event.kind.label} event corrected"),
            )

        self._with_case(act)

    def _delete_event(self, case: Case, event: Event) -> None:
        if event.kind is EventKind.CREATED:
            self.notify("The event that opened the case stays: delete the case with D")
            return
        deleted = actions.delete_event(case, event.id)
        done = f"{event.kind.label} event deleted (u brings it back)"
        if deleted.stage is case.stage:
            self._commit(deleted, done)
            return
        question = (
            f"Delete the move to {case.stage.label}? The case goes back to "
            f"{deleted.stage.label}, and its deadlines with it."
        )
        self._ask(
            Confirm("Delete a stage move", question, yes="Delete"),
            lambda _: self._commit(deleted, done),
        )

    def action_add_event(self) -> None:
        def ask(case: Case) -> None:
            def added(updated: Case) -> None:
                self._commit(updated, f"{updated.events[-1].kind.label} added")

            self._ask_form(new_event_form(case, self._now()), added)

        self._with_case(ask)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def on_evidence_list_toggled(self, message: EvidenceList.Toggled) -> None:
        def tick(case: Case) -> None:
            ticked = actions.toggle_evidence(case, message.key)
            item = next(i for i in checklist(ticked) if i.key == message.key)
            change = f"{'ticked' if item.done else 'unticked'} '{item.label}'"
            self._commit(ticked, "", change=change)

        self._with_case(tick)

    def on_evidence_list_details_requested(self, message: EvidenceList.DetailsRequested) -> None:
        def ask(case: Case) -> None:
            entry = case.evidence_entry(message.key)

            def answered(values: dict[str, Any]) -> None:
                updated = actions.set_evidence_details(
                    case, message.key, values["path"], values["note"]
                )
                self._commit(updated, "Evidence details saved")

            fields = (
                FormField("path", "File path", entry.path, parse_optional_file_path),
                FormField("note", "Note", entry.note),
            )
            self._ask_form(Form("Evidence file and note", fields), answered)

        self._with_case(ask)

    def on_evidence_list_add_requested(self) -> None:
        def ask(case: Case) -> None:
            def answered(values: dict[str, Any]) -> None:
                updated, _ = actions.add_custom_evidence(case, values["label"])
                self._commit(updated, "Evidence item added")

            fields = (FormField("label", "What to gather", parse=required),)
            self._ask_form(Form("Add an evidence item", fields), answered)

        self._with_case(ask)

    def on_evidence_list_item_chosen(self, message: EvidenceList.ItemChosen) -> None:
        def act(case: Case) -> None:
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
                self._commit(removed, "Item removed (u brings it back)")
                return
            field = FormField("label", "What to gather", entry.label, required)
            self._ask_form(
                Form("Rename your item", (field,)),
                lambda values: self._commit(
                    actions.rename_custom_evidence(case, message.key, values["label"]),
                    "Item renamed",
                ),
            )

        self._with_case(act)

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

    def on_deadlines_pane_extend_requested(self, message: DeadlinesPane.ExtendRequested) -> None:
        case = self.store.get(message.case_id)
        fields = (
            FormField(
                "days", "Extra days (negative to bring it forward)", parse=parse_extension_days
            ),
            FormField("reason", "Why", parse=required, placeholder="e.g. agreed with the seller"),
        )

        def answered(values: dict[str, Any]) -> None:
            updated = actions.extend_deadline(
                case, message.kind, values["days"], values["reason"], self._now()
            )
            self._commit(updated, f"{message.kind.label}: {values['days']:+d} days")

        self._ask_form(Form(f"Extend: {message.kind.label}", fields), answered)
