"""The dashboard's commands, kept apart from its layout, and how a key reaches them.

A dashboard command that a command set has a method for is bound to `run('name')` (`runs`);
`CommandSets` runs that method, as a worker when it asks something (it is a coroutine), and
says whether it can run now (`available`) so the footer and palette offer it only then. The
other dashboard commands (moving between panes, the filter) are the screen's own actions.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from tui.app.command_sets.cases import CaseCommands
from tui.app.command_sets.context import CommandSet, Context
from tui.app.command_sets.evidence import EvidenceCommands
from tui.app.command_sets.exports import ExportCommands
from tui.app.command_sets.saving import Saving
from tui.app.command_sets.settings import SettingsCommands
from tui.app.command_sets.toolkit import ToolkitCommands
from tui.app.commands import Command

_SETS: tuple[type[CommandSet], ...] = (
    CaseCommands,
    EvidenceCommands,
    Saving,
    SettingsCommands,
    ToolkitCommands,
    ExportCommands,
)


def owner_of(name: str) -> type[CommandSet] | None:
    """The command set that has command `name`, if any."""
    if name.startswith("_"):
        return None
    return next((kind for kind in _SETS if callable(getattr(kind, name, None))), None)


def runs(command: Command) -> str:
    """The action a dashboard command's key or palette entry runs."""
    return f"run({command.action!r})" if owner_of(command.action) else command.action


class CommandSets:
    """Every command set of the dashboard, each given the same context."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.cases = CaseCommands(context)
        self.evidence = EvidenceCommands(context)
        self.saving = Saving(context)
        self.settings = SettingsCommands(context)
        self.toolkit = ToolkitCommands(context)
        self.exports = ExportCommands(context)

    def owner(self, name: str) -> CommandSet | None:
        """The command set that has command `name`, if any."""
        kind = owner_of(name)
        return next((each for each in vars(self).values() if type(each) is kind), None)

    def available(self, name: str) -> bool:
        return (owner := self.owner(name)) is not None and owner.available(name)

    def run(self, command: Callable[..., Any], *args: Any) -> None:
        """Run `command` now, or as a worker when it asks something."""
        result = command(*args)
        if inspect.iscoroutine(result):
            self.context.start(result)

    def run_named(self, name: str) -> None:
        """Run the command called `name` (a binding's or the palette's)."""
        if (owner := self.owner(name)) is not None:
            self.run(getattr(owner, name))
