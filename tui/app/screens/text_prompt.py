"""A small dialog drawn from form fields (see `tui.domain.form`): lines of text and pick lists.

Each field parses its own text; a `ValueError` from the parser is shown under the field and the
dialog stays open, so what comes back is always valid. Errors are shown as soon as a field that
was typed in becomes wrong, and cleared as soon as it is right again.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from tui.app.screens.dialog import Dialog
from tui.app.screens.field_box import FieldBox
from tui.app.text import as_edited, editable, user_text
from tui.domain.form import FormField


class TextPrompt(Dialog[dict[str, Any]]):
    """Asks for the given fields; returns their parsed values by name, or None when cancelled.

    Enter (in a text field) or ctrl+s saves; esc cancels and saves nothing.
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    DEFAULT_CSS = """
    TextPrompt .prompt-note { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, title: str, fields: list[FormField], subtitle: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.subtitle = subtitle
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = user_text(self.prompt_title)
            dialog.border_subtitle = "enter save · esc cancel"
            if self.subtitle:
                yield Static(user_text(self.subtitle), classes="prompt-note")
            for field in self.fields:
                yield FieldBox(field.name, field.label, self._widget(field))
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @staticmethod
    def _widget(field: FormField) -> Widget:
        if field.choices:
            options = [(label, value) for value, label in field.choices]
            return Select(options, value=field.value, allow_blank=False, id=field.name)
        return Input(editable(field.value), placeholder=field.placeholder, id=field.name)

    def _raw(self, field: FormField) -> str:
        widget = self.query_one(f"#{field.name}")
        if isinstance(widget, Select):
            return str(widget.value)
        assert isinstance(widget, Input)
        return as_edited(widget.value, field.value)

    @on(Input.Changed)
    def _check_as_typed(self, event: Input.Changed) -> None:
        field = next((f for f in self.fields if f.name == event.input.id), None)
        if field is None or not event.input.has_focus:
            return
        try:
            field.parse(self._raw(field))
        except ValueError as error:
            self.query_one(f"#box-{field.name}", FieldBox).show_error(str(error))
        else:
            self.query_one(f"#box-{field.name}", FieldBox).show_error(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values: dict[str, Any] = {}
        first_bad: Widget | None = None
        for field in self.fields:
            box = self.query_one(f"#box-{field.name}", FieldBox)
            try:
                values[field.name] = field.parse(self._raw(field))
                box.show_error(None)
            except ValueError as error:
                box.show_error(str(error))
                first_bad = first_bad or self.query_one(f"#{field.name}")
        if first_bad is not None:
            first_bad.focus()
            return
        self.dismiss(values)
