"""The marketplace policies bundled with returns-tui, read from data/policies/."""

from __future__ import annotations

import json
from functools import cache

from tui.domain.policy import Policy, RuleBook, policy_from_dict
from tui.domain.settings import Settings
from tui.store.locations import bundled_data_path

# Cases whose marketplace has no policy file follow this one.
FALLBACK_POLICY = "Generic online store"
# The marketplace a new case starts on.
DEFAULT_MARKETPLACE = "AliExpress"


@cache
def bundled_policies() -> dict[str, Policy]:
    """Every bundled policy, by marketplace name."""
    folder = bundled_data_path("policies")
    policies = {}
    for path in sorted(folder.glob("*.json")):
        try:
            policy = policy_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
        policies[policy.name] = policy
    return policies


def rule_book(settings: Settings) -> RuleBook:
    """The bundled policies with the shopper's settings."""
    return RuleBook.build(bundled_policies(), FALLBACK_POLICY, settings)
