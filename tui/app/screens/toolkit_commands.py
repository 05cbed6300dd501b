"""The shopper's toolkit: seller messages, tracking links, undo, delete, statistics, settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import work

from tui.app.commands import BINDING_IDS
from tui.app.screens.choice_dialog import ChoiceDialog
from tui.app.screens.dashboard_state import DIALOGS, DashboardState
from tui.app.screens.statistics_screen import StatisticsScreen
from tui.app.screens.template_picker import TemplatePicker
from tui.domain import actions
from tui.domain.clock import today
from tui.domain.model import Case, EventKind
from tui.domain.settings_form import settings_form
from tui.domain.templates import (
    BUILT_IN,
    fill,
    message_form,
    offered,
    template_form,
)
from tui.domain.tracking import tracking_link
from tui.printable import printable
from tui.workspace import Change


class ToolkitCommands(DashboardState):
    """Commands that help with a case beyond editing it."""

    @work(group=DIALOGS)
    async def action_message(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        built_in = offered(BUILT_IN, case, self.deadlines_of(case.id), today(self.clock))
        picker = TemplatePicker(tuple(built_in), self.store.settings().templates)
        if (template := await self._answer(picker)) is None:
            return
        filled = fill(template.text, case, today(self.clock), self.store.settings().name)
        text = printable(filled, multiline=True)
        form = message_form(f"{template.name}: {case.order_number}", text)
        if (message := await self._fill(form)) is not None:
            await self._send(case, message)

    async def _send(self, case: Case, message: str) -> None:
        """Copy the message, then log it as sent only once the shopper says it was sent.

        Copying uses the terminal's clipboard sequence (OSC 52), which some terminals ignore
        without a word, so the text is also shown to copy by hand.
        """
        self.app.copy_to_clipboard(message)

        question = (
            "Copied to the clipboard, if your terminal allows it (some ignore it silently: "
            "then select the text below and copy it by hand).\n\n"
            f"{message.strip()}\n\nLog it on the timeline once you have sent it."
        )
        answer = await self._answer(
            ChoiceDialog(
                "Message copied",
                question,
                [("sent", "I sent it: log it"), ("later", "Not sent yet")],
            )
        )
        if answer == "sent":
            text = message.strip()
            logged = actions.add_event(case, EventKind.MESSAGE_SENT, text, self._now())
            self._commit(logged, "Message logged on the timeline as sent")

    @work(group=DIALOGS)
    async def action_new_template(self) -> None:
        text = "Hello {store},\n\nAbout order {order_number} ({item}): \n\nThank you"
        if (template := await self._fill(template_form(text))) is not None:
            settings = self.store.settings()
            self._save_settings(
                replace(settings, templates=(*settings.templates, template)),
                f"Template saved: {template.name}",
            )

    def action_copy_tracking_link(self) -> None:
        def copy(link: str) -> None:
            self.app.copy_to_clipboard(link)
            # OSC 52: some terminals ignore it without a word, so never claim it worked.
            self.notify(
                f"Copied, if your terminal allows it; to copy by hand: {printable(link)}",
                title="Tracking link",
                timeout=10,
                markup=False,
            )

        self._with_tracking_link(copy)

    def action_open_tracking_link(self) -> None:
        self._with_tracking_link(self._open_page)

    def action_open_order_page(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        page = self.book.policy_for(case).order_page_of(case.order_number)
        if page is None:
            self.notify(
                f"No order page is known for {printable(case.marketplace)}",
                severity="warning",
                markup=False,
            )
            return
        self._open_page(page)

    def _open_page(self, address: str) -> None:
        """Open a web page in the browser, saying its address: with no browser to hand (a
        terminal on a server) nothing opens, and the shopper can still copy it."""
        self.app.open_url(address)
        self.notify(f"Opening {printable(address)}", markup=False)

    def _with_tracking_link(self, use: Callable[[str], object]) -> None:
        if (case := self._selected_or_say()) is None:
            return
        number = case.shipment.tracking_number
        if not number:
            self.notify(
                "This case has no return tracking number (e to add one)", severity="warning"
            )
            return
        use(tracking_link(number))

    def action_undo(self) -> None:
        self._after_history(self.workspace.undo(), "Undone", "Nothing to undo")

    def action_redo(self) -> None:
        self._after_history(self.workspace.redo(), "Redone", "Nothing to redo")

    def _after_history(self, change: Change | None, done: str, nothing: str) -> None:
        """Show what undo or redo changed: the case it brought back, selected and in view."""
        if change is None:
            self.notify(nothing, severity="warning")
            return
        if change.cases:
            case = change.cases[0]
            self._reveal(case)
            self.selected_id = case.id
        self.refresh_cases()
        self.flush_soon(f"{done}: {change.description}")

    def action_delete_case(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        if case.archived:
            self.notify("Already archived; u brings it back", severity="warning")
            return
        archived = actions.add_event(
            replace(case, archived=True), EventKind.NOTE, "Archived", self._now()
        )
        self._commit(
            archived,
            f"Archived {case.item}: f shows it among closed cases, R restores it",
            change=f"archived {case.item}",
        )

    def action_restore_case(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        if not case.archived:
            self.notify("This case is not archived", severity="warning")
            return
        restored = actions.add_event(
            replace(case, archived=False), EventKind.NOTE, "Restored", self._now()
        )
        self._commit(restored, f"Restored {case.item}", reveal=True)

    def action_statistics(self) -> None:
        self.app.push_screen(StatisticsScreen(self.store.cases(), today(self.clock)))

    @work(group=DIALOGS)
    async def action_settings(self) -> None:
        themes = sorted(self.app.available_themes)
        form = settings_form(self.store.settings(), themes, BINDING_IDS)
        if (settings := await self._fill(form)) is not None:
            self._save_settings(settings, "Settings saved")
            if settings.theme and settings.theme != self.app.theme:
                self.app.theme = settings.theme
