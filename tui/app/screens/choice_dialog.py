"""A question with a few answers as buttons: what to do about unsaved or unmatched changes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from tui.app.screens.dialog import Dialog
from tui.app.text import user_text


class ChoiceDialog(Dialog[str]):
    """Shows `message` and returns the id of the answer chosen (None: escape, nothing done)."""

    DEFAULT_CSS = """
    ChoiceDialog { background: $background 60%; }
    """

    def __init__(self, title: str, message: str, answers: list[tuple[str, str]]) -> None:
        """`answers` are (id, label) pairs, the first the default; the message is plain text."""
        super().__init__()
        self.prompt_title = title
        self.message = message
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = user_text(self.prompt_title)
            dialog.border_subtitle = "esc cancel"
            yield Static(user_text(self.message, multiline=True), id="message")
            with Horizontal(id="buttons"):
                for index, (answer, label) in enumerate(self.answers):
                    yield Button(
                        Content(label), id=answer, variant="primary" if index == 0 else "default"
                    )
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        if event.button.id != "cancel":
            self.dismiss(event.button.id)
