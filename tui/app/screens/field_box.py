"""A labelled form field with room for a message saying what is wrong with it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from tui.app.text import user_text


class FieldBox(Vertical):
    """A label, the field's input widget, and its error message (hidden while valid)."""

    DEFAULT_CSS = """
    FieldBox { height: auto; margin: 0 1 0 0; }
    FieldBox > .field-error { color: $error; height: auto; display: none; }
    FieldBox.-invalid > .field-error { display: block; }
    FieldBox.-invalid > Input { border: tall $error; }
    FieldBox > .field-note { color: $text-muted; height: auto; }
    FieldBox > .field-note.-warning { color: $warning; }
    """

    def __init__(self, name: str, label: str, field: Widget) -> None:
        super().__init__(id=f"box-{name}")
        self.field_name = name
        self.label = label
        self.field = field

    def compose(self) -> ComposeResult:
        yield Label(user_text(self.label))
        yield self.field
        yield Static(classes="field-error")
        yield Static(classes="field-note")

    def show_error(self, message: str | None) -> None:
        """Show `message` under the field, or clear it with None."""
        self.set_class(message is not None, "-invalid")
        self.query_one(".field-error", Static).update(user_text(message or ""))

    def show_note(self, note: str, *, warning: bool = False) -> None:
        """Show a remark that does not stop saving (e.g. a check digit that looks wrong)."""
        remark = self.query_one(".field-note", Static)
        remark.set_class(warning, "-warning")
        remark.update(user_text(note))
