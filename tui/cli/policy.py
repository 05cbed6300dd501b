"""`returns-tui policy`: where the policy files are, and the numbers in force for a marketplace.

`--path` names the user's policy folder (whose files are laid over the bundled ones field by
field) and the bundled folder; `--show MARKETPLACE` lists every number of that marketplace's
policy with the file it comes from, so that a user file's effect can be checked without
opening the app.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from tui.cli.output import with_home_as_tilde
from tui.store.locations import bundled_data_path, user_policy_folder
from tui.store.policies import FALLBACK_POLICY, policies_in_force


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--path",
        action="store_true",
        help="print the user policy folder (and whether it exists) and the bundled one",
    )
    which.add_argument(
        "--show",
        metavar="MARKETPLACE",
        help="print the numbers in force for MARKETPLACE, each with the file it comes from",
    )


def paths() -> str:
    """The user's policy folder, whether it exists, and the bundled folder."""
    yours = user_policy_folder()
    state = "exists" if yours.is_dir() else "does not exist: create it to add files"
    return (
        f"your policies:    {with_home_as_tilde(yours)} ({state})\n"
        f"bundled policies: {with_home_as_tilde(bundled_data_path('policies'))}\n"
    )


def show(marketplace: str) -> str:
    """Every number of `marketplace`'s policy in force (or the fallback's), as a table of
    field, value and the file it comes from."""
    in_force = policies_in_force()
    name = in_force.named(marketplace)
    lines = []
    if name is None:
        name = FALLBACK_POLICY
        lines.append(
            f"{marketplace.strip()!r} has no policy of its own: "
            f"it follows the generic policy ({FALLBACK_POLICY})."
        )
    origin = in_force.origins[name]
    lines.append(f"{name}: the numbers in force")
    files = {"bundled": origin.bundled, "yours": origin.yours}
    for word, path in files.items():
        if path is not None:
            lines.append(f"  {word + ':':9}{with_home_as_tilde(path)}")
    rows = [
        (field, _shown(value), "yours" if path == origin.yours else "bundled")
        for field, value, path in in_force.rows(name)
    ]
    field_width = max(len(field) for field, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    lines.append("")
    lines.append(f"{'field':{field_width}}  {'value':{value_width}}  from")
    lines.extend(
        f"{field:{field_width}}  {value:{value_width}}  {source}" for field, value, source in rows
    )
    return "\n".join(lines) + "\n"


def _shown(value: Any) -> str:
    """A policy value in words: days, yes/no, ranges by payment method, lists."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value} days"
    if isinstance(value, str):
        return value or "(none)"
    if isinstance(value, Mapping):
        ranges = (f"{method.value} {days.fastest}-{days.slowest}" for method, days in value.items())
        return ", ".join(ranges) + " business days"
    return ", ".join(sorted(item.value for item in value)) or "(none)"
