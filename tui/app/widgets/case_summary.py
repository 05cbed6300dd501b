"""The top of the timeline pane: can this item go back, who pays postage, and its deadlines."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.app.presenters import URGENCY_STYLES
from tui.app.text import user_text
from tui.domain.advice import after_rejection, postage_reimbursement
from tui.domain.deadlines import Deadline
from tui.domain.model import DeadlineKind, Payer
from tui.domain.policy import eligibility, return_postage
from tui.domain.stage_form import details_text
from tui.domain.tracking import check_tracking
from tui.workspace import CaseView


class CaseSummary(Static):
    """One line each: eligibility, return postage, then every deadline with its explanation."""

    DEFAULT_CSS = """
    CaseSummary {
        height: auto;
        max-height: 16;
        padding: 0 1 1 1;
    }
    """

    # Bound to the dashboard's selected case.
    selection: reactive[CaseView | None] = reactive(None, init=False)

    def watch_selection(self, selection: CaseView | None) -> None:
        """Describe the case under its rules, with its deadlines as of today."""
        if selection is None or selection.case is None:
            self.update("")
            return
        case, book, deadlines, today = (
            selection.case,
            selection.book,
            selection.deadlines,
            selection.today,
        )
        policy = book.policy_for(case)
        allowed = eligibility(case, policy)
        payer, postage = return_postage(case, policy)
        verdict = (
            (f"✓ {allowed.verdict}", "bold $success")
            if allowed.ok
            else (f"✗ {allowed.verdict}", "bold $warning" if allowed.usually else "bold $error")
        )
        lines = [
            Content.assemble(verdict, (f": {allowed.reason}", "$text-muted")),
            Content.assemble(
                ("Postage", "bold"),
                (f": {postage}", "$success" if payer is Payer.SELLER else "$text-muted"),
            ),
        ]
        if case.archived:
            archived = Content.assemble(
                ("Archived", "bold $warning"),
                (": its deadlines are no longer followed; R restores it", "$warning"),
            )
            lines.insert(0, archived)
        if details := details_text(case, case.stage):
            lines.append(Content.assemble((case.stage.label, "bold"), ": ", user_text(details)))
        if advice := after_rejection(case, book, today):
            lines.append(Content.assemble(("Rejected", "bold"), (f": {advice}", "$warning")))
        if postage := postage_reimbursement(case, book):
            lines.append(Content.assemble(("Reimbursement", "bold"), f": {postage}"))
        if number := case.shipment.tracking_number:
            check = check_tracking(number)
            found = check.summary if check else "format not recognised"
            style = "$warning" if check and check.check_digit_ok is False else "$text-muted"
            lines.append(
                Content.assemble(
                    ("Tracking", "bold"),
                    ": ",
                    user_text(number),
                    (f" · {found} · l copies the link", style),
                )
            )
        lines += [
            Content.assemble(
                ("● ", URGENCY_STYLES[deadline.urgency(today)]),
                (deadline.due.strftime("%d %b "), "bold"),
                _label(deadline, today),
                (f" · {deadline.explanation}", "$text-muted"),
            )
            for deadline in deadlines
        ]
        if case.notes:
            lines.append(Content.assemble(("Notes", "bold"), ": ", user_text(case.notes)))
        self.update(Content("\n").join(lines))


def _label(deadline: Deadline, today: date) -> str:
    """The deadline's name; a range says both ends ("Refund expected between 23 Nov and ..."),
    an opening already reached says it is open now."""
    if deadline.earliest is not None and deadline.kind is DeadlineKind.REFUND_EXPECTED:
        return f"Refund expected between {deadline.earliest:%d %b} and {deadline.due:%d %b}"
    if deadline.is_open_now(today):
        return f"{deadline.kind.label}: open now"
    return deadline.kind.label
