"""The marketplace policies in force: the bundled ones (data/policies/), with the user's own
files (`user_policy_folder`) laid over them field by field.

A user file named like a bundled one (`aliexpress.json`) changes only the fields it gives;
one with a new name adds a marketplace and must give every rule. Both are read once a process
(per folder); a file that cannot be used is a `PolicyFileError` naming the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tui.domain.policy import (
    RULE_NAMES,
    Policy,
    PolicyDataError,
    RuleBook,
    marketplace_key,
    overlay_policy_data,
    policy_from_dict,
)
from tui.domain.settings import Settings
from tui.store.locations import bundled_data_path, user_policy_folder

# Cases whose marketplace has no policy file follow this one.
FALLBACK_POLICY = "Generic online store"
# The marketplace a new case starts on.
DEFAULT_MARKETPLACE = "AliExpress"
# The fields `policy --show` lists, in this order, besides the rules.
_SHOWN_FIELDS = ("has_disputes", "order_page")


class PolicyFileError(Exception):
    """A policy file cannot be used; `problem` names the field and what is wrong with it."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True, slots=True)
class PolicyOrigin:
    """Where one marketplace's policy comes from: its bundled file, the user's file, and the
    fields the user's file gives (a rule's name, or "has_disputes", "order_page")."""

    bundled: Path | None
    yours: Path | None = None
    your_fields: frozenset[str] = frozenset()

    def file_of(self, field: str) -> Path:
        """The file `field`'s value in force comes from."""
        if self.yours is not None and (field in self.your_fields or self.bundled is None):
            return self.yours
        assert self.bundled is not None  # a policy has a bundled file, a user's, or both
        return self.bundled


@dataclass(frozen=True, slots=True)
class PoliciesInForce:
    """Every policy in force by marketplace name, and where each comes from."""

    policies: dict[str, Policy]
    origins: dict[str, PolicyOrigin]

    def named(self, marketplace: str) -> str | None:
        """The name of `marketplace`'s own policy, matched loosely as cases are, or None."""
        key = marketplace_key(marketplace)
        return next((name for name in self.policies if marketplace_key(name) == key), None)

    def rows(self, name: str) -> list[tuple[str, Any, Path]]:
        """Each field of `name`'s policy: its name, its value in force and the file it is from."""
        policy, origin = self.policies[name], self.origins[name]
        fields = (*_SHOWN_FIELDS, *RULE_NAMES)
        return [(field, getattr(policy, field), origin.file_of(field)) for field in fields]


@cache
def _bundled_files() -> tuple[tuple[Path, dict[str, Any]], ...]:
    """Each bundled policy file and its content."""
    folder = bundled_data_path("policies")
    return tuple((path, _read(path)) for path in sorted(folder.glob("*.json")))


@cache
def _bundled() -> PoliciesInForce:
    policies, origins = {}, {}
    for path, data in _bundled_files():
        policy = _parse(path, data)
        policies[policy.name] = policy
        origins[policy.name] = PolicyOrigin(path)
    return PoliciesInForce(policies, origins)


def bundled_policies() -> dict[str, Policy]:
    """Every bundled policy, by marketplace name."""
    return _bundled().policies


def policies_in_force() -> PoliciesInForce:
    """The bundled policies with the user's files laid over them; `PolicyFileError` if a file
    cannot be used."""
    return _in_force(user_policy_folder())


def forget_loaded_policies() -> None:
    """Read the user's policy files again at their next use (they are read once a process)."""
    _in_force.cache_clear()


def rule_book(settings: Settings) -> RuleBook:
    """The policies in force with the shopper's settings."""
    return RuleBook.build(policies_in_force().policies, FALLBACK_POLICY, settings)


@cache
def _in_force(folder: Path) -> PoliciesInForce:
    bundled = _bundled()
    # No folder (the usual case) costs one look at the disk and nothing more.
    yours = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not yours:
        return bundled
    policies, origins = dict(bundled.policies), dict(bundled.origins)
    bundled_data = {marketplace_key(path.stem): (path, data) for path, data in _bundled_files()}
    for path in yours:
        data = _read(path)
        label = f"your policy file {path}"
        fields = _fields_given(data)
        below = bundled_data.get(marketplace_key(path.stem))
        if below is None:
            # A new marketplace: named after its file unless it says otherwise.
            policy = _parse(path, overlay_policy_data({"name": path.stem}, data, label), new=True)
            origin = PolicyOrigin(None, path, fields)
        else:
            policy = _parse(path, overlay_policy_data(below[1], data, label))
            origin = PolicyOrigin(below[0], path, fields)
            bundled_name = _parse(*below).name
            if marketplace_key(policy.name) != marketplace_key(bundled_name):
                raise PolicyFileError(
                    path, f"name: must stay {bundled_name!r}, the marketplace this file changes"
                )
            del policies[bundled_name], origins[bundled_name]
        if (taken := _name_taken(policy.name, origins)) is not None:
            raise PolicyFileError(path, f"name: {policy.name!r} is already the policy in {taken}")
        policies[policy.name] = policy
        origins[policy.name] = origin
    return PoliciesInForce(policies, origins)


def _name_taken(name: str, origins: dict[str, PolicyOrigin]) -> Path | None:
    key = marketplace_key(name)
    for other, origin in origins.items():
        if marketplace_key(other) == key:
            return origin.yours or origin.bundled
    return None


def _fields_given(data: dict[str, Any]) -> frozenset[str]:
    rules = data.get("rules")
    given = {field for field in data if field not in ("rules", "sources")}
    return frozenset(given | (set(rules) if isinstance(rules, dict) else set()))


def _read(path: Path) -> dict[str, Any]:
    """A policy file's JSON object; `PolicyFileError` if it has none."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as error:
        raise PolicyFileError(path, f"cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise PolicyFileError(path, "is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise PolicyFileError(
            path, f"line {error.lineno} column {error.colno}: not JSON ({error.msg})"
        ) from None
    if not isinstance(data, dict):
        raise PolicyFileError(path, "must hold one JSON object: {...}")
    return data


def _parse(path: Path, data: dict[str, Any], *, new: bool = False) -> Policy:
    try:
        return policy_from_dict(data)
    except PolicyDataError as error:
        problem = str(error)
        if new and error.field == "rules":
            problem += (
                f" ({path.stem!r} has no bundled policy, so this file must give every rule; "
                f"start from a copy of {bundled_data_path('policies') / 'generic.json'})"
            )
        raise PolicyFileError(path, problem) from None
