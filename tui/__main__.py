"""Allow `python -m tui` to behave exactly like the `returns-tui` command."""

from tui.cli import main

raise SystemExit(main())
