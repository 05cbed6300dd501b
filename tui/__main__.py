"""Allow `python -m tui` to behave exactly like the `returns-tui` command."""

from tui.cli import run

run()
