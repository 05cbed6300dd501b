"""The dialogs that ask or tell: a text with a few answers as buttons, or a pick list.

`confirm` asks yes or no before something that cannot simply be typed again; `info` gives a
text to read; a `QuestionDialog` of its own offers several answers (what to do about unsaved
changes, a message to log as sent); a `PickDialog` offers a list in sections (the stage a case
moves to, a message template). Escape cancels each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Button, OptionList, Static
from textual.widgets.button import ButtonVariant
from textual.widgets.option_list import Option

from tui.app.screens.dialog import Dialog
from tui.app.text import user_text

T = TypeVar("T")


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


# A section of choices: its heading (none when empty) and its choices, each (id, label, value).
Section = tuple[str, Sequence[tuple[str, str, Any]]]


class PickDialog(Dialog[T], Generic[T]):
    """Pick one of the sections' choices; returns its value, or None when cancelled."""

    DEFAULT_CSS = """
    PickDialog OptionList { height: auto; max-height: 24; border: none; }
    """

    def __init__(self, title: str, sections: Sequence[Section], *, width: int) -> None:
        super().__init__()
        self.pick_title = title
        self.sections = [(heading, choices) for heading, choices in sections if choices]
        self.values = {id: value for _, choices in self.sections for id, _, value in choices}
        self.width = width

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for heading, choices in self.sections:
            if options:
                options.append(None)
            if heading:
                options.append(Option(Content.styled(heading, "bold $accent"), disabled=True))
            options += [Option(user_text(label), id=id) for id, label, _ in choices]
        with Vertical(id="dialog") as dialog:
            dialog.styles.width = self.width
            dialog.border_title = user_text(self.pick_title)
            dialog.border_subtitle = "enter choose · esc cancel"
            yield OptionList(*options)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.values[event.option.id or ""])
