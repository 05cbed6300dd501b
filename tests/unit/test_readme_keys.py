"""The README's key table lists every key the help screen lists (both come from one list of
commands for the app; the README is written by hand, so this keeps it honest)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.app.commands import HELP_GROUPS, Command

README = Path(__file__).resolve().parents[2] / "README.md"
# How the README writes keys that Textual names otherwise.
_WRITTEN = {
    "escape": "esc",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "comma": ",",
    "plus": "+",
    "slash": "/",
}
_ARROWS = {"left", "right", "up", "down"}


def _keys_in_the_table() -> set[str]:
    """The keys in the first column of the README's key table (`1`-`4` stands for 1 to 4)."""
    table = README.read_text().split("### Keys", 1)[1].split("\n\n", 2)[1]
    cells = [row.split("|")[1] for row in table.splitlines()[2:]]
    keys = {key for cell in cells for key in re.findall(r"`([^`]+)`", cell)}
    keys |= {"arrows"} if any("arrows" in cell for cell in cells) else set()
    for cell in cells:
        for first, last in re.findall(r"`(\d)`-`(\d)`", cell):
            keys |= {str(digit) for digit in range(int(first), int(last) + 1)}
    return keys


def _written(command: Command) -> set[str]:
    keys = {_WRITTEN.get(key, key) for key in command.keys.split(",")}
    return {"arrows" if key in _ARROWS else key for key in keys}


COMMANDS = [command for group in HELP_GROUPS for command in group.commands if command.keys]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.action)
def test_the_readme_key_table_lists_the_key(command: Command) -> None:
    listed = _keys_in_the_table()
    for key in _written(command):
        assert key in listed, f"{key} ({command.help}) is not in the README's key table"
