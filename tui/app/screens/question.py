"""The one dialog that asks or tells: a text, a few answers as buttons, escape to cancel.

`confirm` asks yes or no before something that cannot simply be typed again; `info` gives a
text to read; a `QuestionDialog` of its own offers several answers (what to do about unsaved
changes, a message to log as sent).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from tui.app.screens.dialog import Dialog
from tui.app.text import user_text


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer: the id the dialog returns, its button's label, and a key that gives it."""

    id: str
    label: str
    key: str = ""
    variant: ButtonVariant = "default"


class QuestionDialog(Dialog[str]):
    """Shows `text` and returns the id of the answer chosen; None for escape or cancel.

    `cancel` labels the button that answers nothing (no button when empty); `keys` are the
    keys that close the dialog without an answer, besides escape; `focus` is the id of the
    button that starts with the focus (the first answer's by default).
    """

    DEFAULT_CSS = """
    /* A question is drawn once: the form or case it is about stays in sight behind it. */
    QuestionDialog { background: $background 60%; }
    QuestionDialog #text { margin: 1 0 0 0; }
    """

    def __init__(
        self,
        title: str,
        text: str,
        answers: tuple[Answer, ...] = (),
        *,
        cancel: str = "Cancel",
        keys: tuple[str, ...] = (),
        focus: str = "",
        hint: str = "esc cancel",
        width: int = 90,
    ) -> None:
        super().__init__()
        self.question_title = title
        self.text = text
        self.answers = answers
        self.cancel_label = cancel
        self.hint = hint
        self.width = width
        self._focus = focus
        self._by_key: dict[str, str | None] = {a.key: a.id for a in answers if a.key}
        self._by_key |= dict.fromkeys(keys)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.styles.width = self.width
            dialog.border_title = user_text(self.question_title)
            dialog.border_subtitle = self.hint
            yield Static(user_text(self.text, multiline=True), id="text")
            if self.answers or self.cancel_label:
                with Horizontal(id="buttons"):
                    for answer in self.answers:
                        yield Button(Content(answer.label), id=answer.id, variant=answer.variant)
                    if self.cancel_label:
                        yield Button(self.cancel_label, id="cancel")

    def on_mount(self) -> None:
        buttons = self.query(Button)
        if self._focus:
            self.query_one(f"#{self._focus}", Button).focus()
        elif buttons:
            buttons.first().focus()

    def on_key(self, event: Key) -> None:
        if event.key in self._by_key:
            event.stop()
            self.dismiss(self._by_key[event.key])

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        if event.button.id != "cancel":
            self.dismiss(event.button.id)


def confirm(title: str, question: str, yes: str = "Yes") -> QuestionDialog:
    """Asks `question`: "yes" for y or the yes button, None for n, esc or No (focused first)."""
    return QuestionDialog(
        title,
        question,
        (Answer("yes", yes, "y", "error"),),
        cancel="No",
        keys=("n",),
        focus="cancel",
        hint="y yes · n/esc no",
        width=64,
    )


def info(title: str, text: str) -> QuestionDialog:
    """A text to read, closed with esc, enter or q."""
    return QuestionDialog(title, text, cancel="", keys=("enter", "q"), hint="esc close", width=80)
