"""returns-tui: a terminal dashboard for marketplace returns, refunds and disputes."""

__version__ = "0.1.0"
