"""The shopper's toolkit: seller messages, tracking links, the order page, undo, statistics."""

from __future__ import annotations

from collections.abc import Callable

from tui.app.command_sets.context import CommandSet
from tui.app.screens.question import Answer, PickDialog, QuestionDialog
from tui.app.screens.statistics_screen import StatisticsScreen
from tui.domain import actions
from tui.domain.model import Case, EventKind
from tui.domain.templates import BUILT_IN, MessageTemplate, fill, message_form, offered
from tui.domain.tracking import tracking_link
from tui.printable import printable
from tui.workspace import Change


class ToolkitCommands(CommandSet):
    """Commands that help with a case beyond editing it."""

    async def message(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        workspace = self.workspace
        settings = workspace.store.settings()
        built_in = offered(BUILT_IN, case, workspace.deadlines_of(case.id), workspace.today)
        templates = [*built_in, *settings.templates]
        choices = [(str(i), each.name, each) for i, each in enumerate(templates)]
        sections = [("", choices[: len(built_in)]), ("Your templates", choices[len(built_in) :])]
        picker = PickDialog[MessageTemplate]("Message template", sections, width=50)
        if (template := await self.context.ask(picker)) is None:
            return
        filled = fill(template.text, case, workspace.today, settings.name)
        text = printable(filled, multiline=True)
        form = message_form(f"{template.name}: {case.order_number}", text)
        if (message := await self.context.fill(form)) is not None:
            await self._send(case, message)

    async def _send(self, case: Case, message: str) -> None:
        """Copy the message, then log it as sent only once the shopper says it was sent.

        Copying uses the terminal's clipboard sequence (OSC 52), which some terminals ignore
        without a word, so the text is also shown to copy by hand.
        """
        self.context.app.copy_to_clipboard(message)
        question = (
            "Copied to the clipboard, if your terminal allows it (some ignore it silently: "
            "then select the text below and copy it by hand).\n\n"
            f"{message.strip()}\n\nLog it on the timeline once you have sent it."
        )
        answers = (
            Answer("sent", "I sent it: log it", variant="primary"),
            Answer("later", "Not sent yet"),
        )
        if await self.context.ask(QuestionDialog("Message copied", question, answers)) == "sent":
            logged = actions.add_event(
                case, EventKind.MESSAGE_SENT, message.strip(), self.workspace.now
            )
            self.commit(logged, "Message logged on the timeline as sent")

    def copy_tracking_link(self) -> None:
        def copy(link: str) -> None:
            self.context.app.copy_to_clipboard(link)
            # OSC 52: some terminals ignore it without a word, so never claim it worked.
            said = f"Copied, if your terminal allows it; to copy by hand: {link}"
            self.context.say(said, title="Tracking link", timeout=10)

        self._with_tracking_link(copy)

    def open_tracking_link(self) -> None:
        self._with_tracking_link(self._open_page)

    def open_order_page(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        page = self.workspace.book.policy_for(case).order_page_of(case.order_number)
        if page is None:
            self.context.say(f"No order page is known for {case.marketplace}", "warning")
            return
        self._open_page(page)

    def _open_page(self, address: str) -> None:
        """Open a web page in the browser, saying its address: with no browser to hand (a
        terminal on a server) nothing opens, and the shopper can still copy it."""
        self.context.app.open_url(address)
        self.context.say(f"Opening {address}")

    def _with_tracking_link(self, use: Callable[[str], object]) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        number = case.shipment.tracking_number
        if not number:
            self.context.say("This case has no return tracking number (e to add one)", "warning")
            return
        use(tracking_link(number))

    def undo(self) -> None:
        self._after_history(self.workspace.undo(), "Undone", "Nothing to undo")

    def redo(self) -> None:
        self._after_history(self.workspace.redo(), "Redone", "Nothing to redo")

    def _after_history(self, change: Change | None, done: str, nothing: str) -> None:
        """Show what undo or redo changed: the case it brought back, selected and in view."""
        if change is None:
            self.context.say(nothing, "warning")
            return
        case = change.cases[0] if change.cases else None
        self.context.show(case, reveal=True)
        self.context.save(f"{done}: {change.description}")

    async def statistics(self) -> None:
        if not await self.context.every_case("Statistics"):
            return
        cases = self.workspace.store.cases()
        kept = self.workspace.store.vault.summary()
        self.context.app.push_screen(StatisticsScreen(cases, self.workspace.today, kept))
