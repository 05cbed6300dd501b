"""Messages to sellers: pick a template, edit the filled-in text, copy it and log it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from tui.app.screens.dialog import Dialog
from tui.app.screens.field_box import FieldBox
from tui.app.text import user_text
from tui.domain.templates import KNOWN_PLACEHOLDERS, MessageTemplate, unknown_placeholders


class TemplatePicker(Dialog[MessageTemplate]):
    """Choose a message template: the standard ones, then the shopper's own."""

    DEFAULT_CSS = """
    TemplatePicker > #dialog { width: 50; }
    TemplatePicker OptionList { height: auto; max-height: 20; border: none; }
    """

    def __init__(self, built_in: tuple[MessageTemplate, ...], own: tuple[MessageTemplate, ...]):
        super().__init__()
        self.templates = [*built_in, *own]
        self.own_from = len(built_in)

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for index, template in enumerate(self.templates):
            if index == self.own_from:
                options += [
                    None,
                    Option(Content.styled("Your templates", "bold $accent"), disabled=True),
                ]
            options.append(Option(user_text(template.name), id=str(index)))
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Message template"
            dialog.border_subtitle = "enter choose · esc cancel"
            yield OptionList(*options)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.templates[int(event.option.id or 0)])


@dataclass(frozen=True, slots=True)
class EditedMessage:
    """What the message editor returns: the name (for a template) and the text."""

    name: str
    text: str


class MessageEditor(Dialog[EditedMessage]):
    """Edit a message (or a new template) before it is used; ctrl+s accepts."""

    BINDINGS = [Binding("ctrl+s", "accept", "Accept", priority=True)]

    DEFAULT_CSS = """
    MessageEditor > #dialog { width: 90; }
    MessageEditor TextArea { height: 16; }
    """

    def __init__(self, title: str, text: str, action: str, *, name: str | None = None) -> None:
        """With `name`, the editor asks for a template name too (a new template)."""
        super().__init__()
        self.editor_title = title
        self.text = text
        self.action_label = action
        self.name_value = name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = user_text(self.editor_title)
            dialog.border_subtitle = f"ctrl+s {self.action_label.lower()} · esc cancel"
            if self.name_value is not None:
                yield FieldBox("name", "Template name", Input(self.name_value, id="name"))
                known = " ".join("{" + name + "}" for name in sorted(KNOWN_PLACEHOLDERS))
                yield Label(f"Text: {known} are filled in from the case", markup=False)
            yield TextArea(self.text, id="text", soft_wrap=True)
            with Horizontal(id="buttons"):
                yield Button(self.action_label, variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name" if self.name_value is not None else "#text").focus()

    @on(Button.Pressed, "#save")
    def action_accept(self) -> None:
        text = self.query_one(TextArea).text
        name = self.query_one("#name", Input).value.strip() if self.name_value is not None else ""
        if self.name_value is not None and not name:
            self.query_one("#box-name", FieldBox).show_error("is required")
            return
        if not text.strip():
            self.notify("The message is empty", severity="warning")
            return
        if self.name_value is not None and (unknown := unknown_placeholders(text)):
            names = ", ".join("{" + name + "}" for name in unknown)
            self.notify(
                f"Text: {names} is not a placeholder returns-tui fills in; known: "
                + ", ".join("{" + name + "}" for name in sorted(KNOWN_PLACEHOLDERS)),
                title="Unknown placeholder",
                severity="error",
                markup=False,
            )
            return
        self.dismiss(EditedMessage(name, text))
