"""The help screen: every key, grouped by where it works, from the command definitions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.app.commands import HELP_GROUPS, Command
from tui.app.screens.dialog import Dialog
from tui.app.widgets.reading_scroll import ReadingScroll


def _keys(command: Command) -> str:
    return command.key_display or command.keys.replace(",", "/") or "ctrl+p"


class HelpScreen(Dialog[None]):
    """Lists each command group's keys and what they do."""

    BINDINGS = [Binding("question_mark,q", "cancel", "Close", show=False)]

    DEFAULT_CSS = """
    HelpScreen > #dialog { width: 120; }
    HelpScreen ReadingScroll { height: auto; max-height: 1fr; }
    HelpScreen .group { margin-bottom: 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Keys (the dim names rebind them in the settings' keymap)"
            dialog.border_subtitle = "j/k PgUp/PgDn scroll · esc close · ctrl+p palette"
            with ReadingScroll():
                for group in HELP_GROUPS:
                    lines = [Content.styled(group.name, "bold $accent")]
                    lines += [
                        Content.assemble(
                            (f"{_keys(command):>14}", "bold"),
                            "  ",
                            command.help,
                            (f"  {command.binding_id(group.key)}", "dim") if command.keys else "",
                        )
                        for command in group.commands
                    ]
                    yield Static(Content("\n").join(lines), classes="group")
