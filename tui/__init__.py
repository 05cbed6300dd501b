"""returns-tui: a terminal dashboard for marketplace returns, refunds and disputes."""

# The one place the version is written: hatchling reads it from here into the package metadata
# ([tool.hatch.version] in pyproject.toml), and `--version`, crash logs and calendar feeds say it.
__version__ = "0.1.0"
