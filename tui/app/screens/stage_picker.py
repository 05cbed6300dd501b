"""The change-stage dialog: the suggested next stages first, then every other stage."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.screens.dialog import Dialog
from tui.domain.model import Stage


class StagePicker(Dialog[Stage]):
    """Pick the stage a case moves to; returns it, or None when cancelled."""

    DEFAULT_CSS = """
    StagePicker > #dialog { width: 44; }
    StagePicker OptionList { height: auto; max-height: 24; border: none; }
    """

    def __init__(self, current: Stage, suggested: tuple[Stage, ...]) -> None:
        super().__init__()
        self.current = current
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        suggested = self.suggested
        others = [stage for stage in Stage if stage not in suggested and stage is not self.current]
        options: list[Option | None] = [
            Option(Content.styled("Next steps", "bold $accent"), disabled=True)
        ]
        options += [Option(stage.label, id=stage.value) for stage in suggested]
        options += [None, Option(Content.styled("Other stages", "bold $accent"), disabled=True)]
        options += [Option(stage.label, id=stage.value) for stage in others]
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"Move from {self.current.label}"
            dialog.border_subtitle = "enter choose · esc cancel"
            yield OptionList(*options)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Stage(event.option.id))
