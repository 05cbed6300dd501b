"""Where things live: the user's default store, the bundled data and the user's policy folder."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

DB_ENVIRONMENT_VARIABLE = "RETURNS_TUI_DB"
_DEMO_FILE = "demo.json"


def default_store_path() -> Path:
    """`RETURNS_TUI_DB` if set, else `returns.json` in the user's data folder."""
    if override := os.environ.get(DB_ENVIRONMENT_VARIABLE):
        return Path(override).expanduser()
    return user_data_path("returns-tui", appauthor=False) / "returns.json"


def seal_key_path() -> Path:
    """The key that signs this user's seals (see `seal`): in the user's data folder, never
    beside a store."""
    return user_data_path("returns-tui", appauthor=False) / "seal.key"


def crash_log_folder() -> Path:
    """Where the details of an unexpected error go: the user's log folder."""
    return user_log_path("returns-tui", appauthor=False)


def user_policy_folder() -> Path:
    """The user's own policy files, laid over the bundled ones: in the user's config folder
    (which `XDG_CONFIG_HOME` moves), so that they outlive an upgrade."""
    return user_config_path("returns-tui", appauthor=False) / "policies"


def bundled_data_path(name: str) -> Path:
    """A file or folder from the data/ shipped with returns-tui."""
    # A wheel carries data/ inside the package (see pyproject.toml); a source checkout or an
    # editable install reads it from the top-level data/ folder.
    packaged = Path(str(files("tui") / "data" / name))
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / name


def bundled_demo_path() -> Path:
    """The sample store shipped with returns-tui."""
    return bundled_data_path(_DEMO_FILE)
