"""A small dialog asking for one or more lines of text (evidence items, days, codes).

Each field parses its own text; a `ValueError` from the parser is shown under the field and the
dialog stays open, so what comes back is always valid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

from tui.app.screens.dialog import Dialog
from tui.app.screens.field_box import FieldBox
from tui.app.text import as_edited, editable, user_text


def stripped(raw: str) -> str:
    return raw.strip()


def required(raw: str) -> str:
    if not raw.strip():
        raise ValueError("is required")
    return raw.strip()


@dataclass(frozen=True, slots=True)
class TextField:
    """One line of text the prompt asks for, and how to turn it into a value."""

    name: str
    label: str
    value: str = ""
    parse: Callable[[str], Any] = stripped
    placeholder: str = ""


class TextPrompt(Dialog[dict[str, Any]]):
    """Asks for the given fields; returns their parsed values by name, or None when cancelled."""

    def __init__(self, title: str, fields: list[TextField]) -> None:
        super().__init__()
        self.prompt_title = title
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = user_text(self.prompt_title)
            dialog.border_subtitle = "enter save · esc cancel"
            for field in self.fields:
                entry = Input(editable(field.value), placeholder=field.placeholder, id=field.name)
                yield FieldBox(field.name, field.label, entry)
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        values: dict[str, Any] = {}
        first_bad: Input | None = None
        for field in self.fields:
            entry = self.query_one(f"#{field.name}", Input)
            box = self.query_one(f"#box-{field.name}", FieldBox)
            try:
                values[field.name] = field.parse(as_edited(entry.value, field.value))
                box.show_error(None)
            except ValueError as error:
                box.show_error(str(error))
                first_bad = first_bad or entry
        if first_bad is not None:
            first_bad.focus()
            return
        self.dismiss(values)
