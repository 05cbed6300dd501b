"""Picking one of a few choices, in sections: the stage a case moves to, a message template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.screens.dialog import Dialog
from tui.app.text import user_text

T = TypeVar("T")

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
