"""The commands that change a case: new, edit, stage, events, archive, deadline extensions."""

from __future__ import annotations

from dataclasses import replace

from tui.app.command_sets.context import CommandSet
from tui.app.screens.question import PickDialog, confirm, info
from tui.domain import actions
from tui.domain.case_form import edit_case_form, new_case_form, new_form_values
from tui.domain.deadlines import Deadline, seller_silent
from tui.domain.fields import parse_extension_days
from tui.domain.form import Form, FormField, Question, required
from tui.domain.interchange import identity
from tui.domain.model import Case, DeadlineKind, EventKind, Stage
from tui.domain.policy import CERTAINTY_WORDS, return_postage
from tui.domain.stage_form import stage_form
from tui.domain.stages import suggested_stages
from tui.domain.timeline_edits import event_form, new_event_form
from tui.store.policies import DEFAULT_MARKETPLACE
from tui.workspace import Change


class CaseCommands(CommandSet):
    """Each command asks what it needs in a dialog, then commits the changed case."""

    def available(self, name: str) -> bool:
        # Restore and delete for good are for an archived case, delete for one that is not.
        if name in ("restore_case", "delete_case", "purge_case"):
            case = self.context.selected_case
            return case is not None and case.archived == (name != "delete_case")
        return True

    async def new_case(self) -> None:
        # A new case is told apart from every known one (and checked against them).
        if not await self.context.every_case("A new case"):
            return
        store = self.workspace.store
        defaults = new_form_values(DEFAULT_MARKETPLACE) | {"currency": store.settings().currency}

        def already_known(case: Case) -> Question | None:
            same = identity(case)
            known = next((known for known in store.cases() if identity(known) == same), None)
            if known is None:
                return None
            text = (
                f"Order {case.order_number} already has a case for {known.item} "
                f"({known.stage.label}). Add another one?"
            )
            return Question("Already a case", text, "Add another")

        form = replace(new_case_form(defaults, self.workspace.now), confirm=already_known)
        if (case := await self.context.fill(form)) is not None:
            self.commit(case, f"Added {case.item}", reveal=True)

    async def edit_case(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        edited = await self.context.fill(edit_case_form(case, self.workspace.now))
        if edited is not None:
            self.commit(edited, "Case saved")

    async def change_stage(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        deadlines = self.workspace.deadlines_of(case.id)
        silent = seller_silent(deadlines, self.workspace.today) is not None
        suggested = suggested_stages(case.stage, dispute_first=silent)
        others = [s for s in Stage if s not in suggested and s is not case.stage]
        sections = [
            ("Next steps", [(stage.value, stage.label, stage) for stage in suggested]),
            ("Other stages", [(stage.value, stage.label, stage) for stage in others]),
        ]
        picker = PickDialog[Stage](f"Move from {case.stage.label}", sections, width=44)
        stage = await self.context.ask(picker)
        if stage is None:
            return
        payer, _ = return_postage(case, self.workspace.book.policy_for(case))
        moved = await self.context.fill(stage_form(case, stage, self.workspace.now, payer))
        if moved is not None:
            self.commit(moved, f"Moved to {moved.stage.label}")

    async def add_event(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        updated = await self.context.fill(new_event_form(case, self.workspace.now))
        if updated is not None:
            # The timeline is in date order: a backdated event is not the last.
            known = {event.id for event in case.events}
            added = next(event for event in updated.events if event.id not in known)
            self.commit(updated, f"{added.kind.label} added")

    async def correct_event(self, event_id: str) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        event = actions.find_event(case, event_id)
        corrected = await self.context.fill(event_form(case, event.id, self.workspace.now))
        if corrected is not None:
            self.commit(corrected, f"{event.kind.label} event corrected")

    async def delete_event(self, event_id: str) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        event = actions.find_event(case, event_id)
        if event.kind is EventKind.CREATED:
            self.context.say("The event that opened the case stays: delete the case with D")
            return
        deleted = actions.delete_event(case, event.id)
        if deleted.stage is not case.stage:
            question = (
                f"Delete the move to {case.stage.label}? The case goes back to "
                f"{deleted.stage.label}, and its deadlines with it."
            )
            if not await self.context.ask(confirm("Delete a stage move", question, "Delete")):
                return
        done = f"{event.kind.label} event deleted (u brings it back)"
        self.commit(deleted, done, change=f"deleted the {event.kind.label.lower()} event")

    def delete_case(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        if case.archived:
            self.context.say("Already archived; u brings it back", "warning")
            return
        archived = actions.add_event(
            replace(case, archived=True), EventKind.NOTE, "Archived", self.workspace.now
        )
        self.commit(
            archived,
            f"Archived {case.item}: f shows it among closed cases, R restores it",
            change=f"archived {case.item}",
        )

    def restore_case(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        if not case.archived:
            self.context.say("This case is not archived", "warning")
            return
        restored = actions.add_event(
            replace(case, archived=False), EventKind.NOTE, "Restored", self.workspace.now
        )
        self.commit(restored, f"Restored {case.item}", reveal=True)

    async def purge_case(self) -> None:
        """Delete an archived case for good, with the kept evidence files no other case uses."""
        if (case := self.context.selected_or_say()) is None:
            return
        if not case.archived:
            self.context.say("Only an archived case is deleted for good: D archives it first")
            return
        if not await self.context.every_case("Deleting for good"):
            return
        store = self.workspace.store
        files = store.vault.used_only_by(case, (c for c in store.cases() if c.id != case.id))
        question = (
            f"Delete {case.item} ({case.order_number}) for good, with the {len(files)} evidence "
            "file(s) no other case uses? u brings the case back, but not its files."
        )
        if not await self.context.ask(confirm("Delete for good", question, "Delete")):
            return
        done = f"Deleted {case.item} for good, with {len(files)} evidence file(s)"
        self.apply(Change(removed=(case.id,), description=f"deleted {case.item} for good"), done)
        # Only once the store no longer holds the case (a crash before it is on disk leaves
        # the case naming files the vault lacks, which its items then say).
        for file in files:
            file.unlink(missing_ok=True)

    async def extend_deadline(self, case_id: str, kind: DeadlineKind) -> None:
        case = self.workspace.store.get(case_id)
        fields = (
            FormField(
                "days", "Extra days (negative to bring it forward)", parse=parse_extension_days
            ),
            FormField("reason", "Why", parse=required, placeholder="e.g. agreed with the seller"),
        )
        values = await self.context.fill(Form(f"Extend: {kind.label}", fields))
        if values is not None:
            updated = actions.extend_deadline(
                case, kind, values["days"], values["reason"], self.workspace.now
            )
            self.commit(updated, f"{kind.label}: {values['days']:+d} days")

    def show_source(self, deadline: Deadline) -> None:
        """Where a deadline's number comes from, and how sure it is."""
        case = self.workspace.store.get(deadline.case_id)
        cited = self.workspace.book.policy_for(case).sources.get(deadline.rule)
        if cited is None:
            text = "This date counts from a number recorded on the case itself."
        else:
            text = (
                f"{deadline.explanation}.\n\nSource: {cited.source}\n"
                f"Certainty: {CERTAINTY_WORDS[cited.certainty]}\n{cited.note}"
            )
        self.context.app.push_screen(info(f"{deadline.kind.label}: where it comes from", text))
