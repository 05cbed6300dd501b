"""Small dialogs that only ask or tell: a yes/no question before something that cannot simply
be typed again, and a text to read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.app.screens.dialog import Dialog
from tui.app.text import user_text


class Confirm(Dialog[bool]):
    """Asks `question`; returns True for yes (y or the Yes button), None for no or esc."""

    BINDINGS = [Binding("y", "yes", "Yes"), Binding("n", "cancel", "No")]

    DEFAULT_CSS = """
    /* A question is drawn once: the form or case it is about stays in sight behind it. */
    Confirm { background: $background 60%; }
    Confirm > #dialog { width: 64; }
    Confirm #question { margin: 1 0 0 0; }
    """

    def __init__(self, title: str, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.confirm_title = title
        self.question = question
        self.yes_label = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = user_text(self.confirm_title)
            dialog.border_subtitle = "y yes · n/esc no"
            yield Static(user_text(self.question), id="question")
            with Horizontal(id="buttons"):
                yield Button(self.yes_label, variant="error", id="yes")
                yield Button("No", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self.action_yes()

    def action_yes(self) -> None:
        self.dismiss(True)


class InfoDialog(Dialog[None]):
    """Something to read, closed with esc, enter or q."""

    BINDINGS = [Binding("enter,q", "cancel", "Close")]

    DEFAULT_CSS = """
    InfoDialog { background: $background 60%; }
    InfoDialog > #dialog { width: 80; }
    InfoDialog #text { margin: 1 0; }
    """

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.info_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = user_text(self.info_title)
            dialog.border_subtitle = "esc close"
            yield Static(user_text(self.text, multiline=True), id="text")
