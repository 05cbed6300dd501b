"""A small dialog asking for one or more lines of text (evidence items, file paths, notes)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

from tui.app.screens.dialog import Dialog
from tui.app.screens.field_box import FieldBox


@dataclass(frozen=True, slots=True)
class TextField:
    """One line of text the prompt asks for."""

    name: str
    label: str
    value: str = ""
    required: bool = False


class TextPrompt(Dialog[dict[str, str]]):
    """Asks for the given fields; returns their text by name, or None when cancelled."""

    def __init__(self, title: str, fields: list[TextField]) -> None:
        super().__init__()
        self.prompt_title = title
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.prompt_title
            dialog.border_subtitle = "enter save · esc cancel"
            for field in self.fields:
                yield FieldBox(field.name, field.label, Input(field.value, id=field.name))
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        values = {
            field.name: self.query_one(f"#{field.name}", Input).value for field in self.fields
        }
        missing = [
            field for field in self.fields if field.required and not values[field.name].strip()
        ]
        for field in self.fields:
            self.query_one(f"#box-{field.name}", FieldBox).show_error(
                "is required" if field in missing else None
            )
        if missing:
            self.query_one(f"#{missing[0].name}", Input).focus()
            return
        self.dismiss(values)
