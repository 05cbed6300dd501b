"""Choosing a message template: the standard ones, then the shopper's own."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.screens.dialog import Dialog
from tui.app.text import user_text
from tui.domain.templates import MessageTemplate


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
