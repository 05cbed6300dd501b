"""Marketplace policy: the numbers every deadline counts from, each with its source.

Policies are data (see data/policies/), parsed here from plain dictionaries so the rules stay
testable without files. `RuleBook` picks the policy for a case (by marketplace, its name matched
loosely, with a generic fallback) and applies the shopper's overrides: a store's own return
window and the country whose public holidays are not business days.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from tui.domain.business_days import MONDAY_TO_FRIDAY, WorkingDays
from tui.domain.limits import MAX_DAYS
from tui.domain.model import Case, Category, Payer, PaymentMethod, Reason
from tui.domain.settings import Settings


@dataclass(frozen=True, slots=True)
class RefundTime:
    """How many business days a refund takes to reach a payment method, fastest to slowest."""

    fastest: int
    slowest: int


@dataclass(frozen=True, slots=True)
class RuleSource:
    """Where a policy number comes from and how sure we are of it (H, M or L); `says` is the
    source in a few words, shown beside the rule ("guide")."""

    source: str
    certainty: str
    note: str
    says: str = ""


@dataclass(frozen=True, slots=True)
class Policy:
    """The rules of one marketplace (or of a typical store)."""

    name: str
    has_disputes: bool
    return_window_days: int
    free_return_days: int
    follow_up_days: int
    seller_response_days: int
    escalation_after_days: int
    ship_back_days: int
    dispute_opens_after_shipping_days: int
    dispute_closes_after_receipt_days: int
    buyer_protection_days: int
    delivery_limit_days: int
    stalled_tracking_days: int
    lost_parcel_days: int
    return_receipt_days: int
    inspection_days: int
    refund_business_days: Mapping[PaymentMethod, RefundTime]
    non_returnable_categories: frozenset[Category]
    usually_non_returnable_categories: frozenset[Category]
    non_returnable_exceptions: frozenset[Reason]
    seller_pays_postage_for: frozenset[Reason]
    seller_pays_postage_also_for: frozenset[Reason]
    sources: Mapping[str, RuleSource] = field(default_factory=dict)
    # The address of an order's page on the marketplace, "{order_number}" standing for the
    # order number; blank where it is not known.
    order_page: str = ""

    def order_page_of(self, order_number: str) -> str | None:
        """The address of the order's page on the marketplace, if the policy knows it."""
        if not self.order_page or not order_number.strip():
            return None
        return self.order_page.replace("{order_number}", quote(order_number.strip(), safe=""))

    @property
    def excluded_categories(self) -> frozenset[Category]:
        """Categories that cannot go back: the official list and the seed guide's additions."""
        return self.non_returnable_categories | self.usually_non_returnable_categories

    @property
    def seller_pays_for(self) -> frozenset[Reason]:
        """Reasons for which the seller pays return postage: official and our reading."""
        return self.seller_pays_postage_for | self.seller_pays_postage_also_for

    @property
    def claimable_in_any_category(self) -> frozenset[Reason]:
        """Reasons that let an item of any category go back: the listed exceptions, and every
        fault of the seller's (whoever pays the postage for it can take the item back)."""
        return self.non_returnable_exceptions | self.seller_pays_for

    def says(self, rule: str) -> str:
        """Rule `rule`'s source in a few words ("" if its data gives none)."""
        cited = self.sources.get(rule)
        return cited.says if cited is not None else ""


_DAY_RULES = (
    "return_window_days",
    "free_return_days",
    "follow_up_days",
    "seller_response_days",
    "escalation_after_days",
    "ship_back_days",
    "dispute_opens_after_shipping_days",
    "dispute_closes_after_receipt_days",
    "buyer_protection_days",
    "delivery_limit_days",
    "stalled_tracking_days",
    "lost_parcel_days",
    "return_receipt_days",
    "inspection_days",
)
_SET_RULES = {
    "non_returnable_categories": Category,
    "usually_non_returnable_categories": Category,
    "non_returnable_exceptions": Reason,
    "seller_pays_postage_for": Reason,
    "seller_pays_postage_also_for": Reason,
}
CERTAINTY_WORDS = {
    "H": "H, the marketplace's own page says so",
    "M": "M, a copy of an official help page, or several sources agree",
    "L": "L, one third-party source, the seed guide alone, or a returns-tui default",
}
_CERTAINTIES = frozenset(CERTAINTY_WORDS)


# What a policy file may hold: anything else is a typo that would otherwise change nothing.
_TOP_LEVEL_FIELDS = ("name", "has_disputes", "order_page", "sources", "rules")
_RULE_FIELDS = ("value", "source", "certainty", "note", "says")
RULE_NAMES = (*_DAY_RULES, "refund_business_days", *_SET_RULES)


class PolicyDataError(ValueError):
    """A policy's data is wrong: `field` names the part ("return_window_days",
    "return_window_days.source", "order_page") and `problem` says what is wrong with it."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


def policy_from_dict(data: Any) -> Policy:
    """A policy from its data file's content; `PolicyDataError` naming the field if one is
    wrong (an unknown field too, so that a misspelt rule is never silently ignored)."""
    if not isinstance(data, Mapping):
        raise PolicyDataError("policy", "must be a JSON object ({...})")
    _refuse_unknown(data, _TOP_LEVEL_FIELDS, "")
    rules = data.get("rules")
    sources = data.get("sources")
    if not isinstance(rules, Mapping):
        raise PolicyDataError("rules", 'needs an object with every rule: {"rule": {...}}')
    _refuse_unknown(rules, RULE_NAMES, "")
    if missing := [name for name in RULE_NAMES if name not in rules]:
        raise PolicyDataError("rules", f"missing {', '.join(missing)}")
    if not isinstance(sources, Mapping):
        raise PolicyDataError("sources", 'needs an object naming each source: {"key": "text"}')
    for key, text in sources.items():
        if not isinstance(text, str):
            raise PolicyDataError(f"sources.{key}", "must be text")
    values: dict[str, Any] = {}
    cited: dict[str, RuleSource] = {}
    for name in RULE_NAMES:
        rule = rules[name]
        if not isinstance(rule, Mapping) or "value" not in rule:
            raise PolicyDataError(name, 'needs an object with a "value"')
        _refuse_unknown(rule, _RULE_FIELDS, f"{name}.")
        if rule.get("source") not in sources:
            raise PolicyDataError(
                f"{name}.source", f"must be one of the sources: {', '.join(sorted(sources))}"
            )
        if rule.get("certainty") not in _CERTAINTIES:
            raise PolicyDataError(f"{name}.certainty", "must be H, M or L")
        for text in ("note", "says"):
            if not isinstance(rule.get(text, ""), str):
                raise PolicyDataError(f"{name}.{text}", "must be text")
        cited[name] = RuleSource(
            sources[rule["source"]], rule["certainty"], rule.get("note", ""), rule.get("says", "")
        )
        values[name] = _rule_value(name, rule["value"])
    name = data.get("name", "")
    if not isinstance(name, str) or not marketplace_key(name):
        raise PolicyDataError("name", "must be the marketplace's name, as text")
    has_disputes = data.get("has_disputes", False)
    if not isinstance(has_disputes, bool):
        raise PolicyDataError("has_disputes", "must be true or false")
    order_page = data.get("order_page", "")
    if not isinstance(order_page, str) or (order_page and "{order_number}" not in order_page):
        raise PolicyDataError("order_page", "must be an address with {order_number} in it")
    return Policy(
        name=name,
        has_disputes=has_disputes,
        sources=cited,
        order_page=order_page,
        **values,
    )


def _refuse_unknown(data: Mapping[str, Any], known: tuple[str, ...], prefix: str) -> None:
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise PolicyDataError(f"{prefix}{key}", f"is not a field of a policy{hint}")


def _rule_value(name: str, value: Any) -> Any:
    if name in _DAY_RULES:
        # bool is an int to Python, but `true` is no number of days.
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
            raise PolicyDataError(name, f"must be a whole number of days from 0 to {MAX_DAYS}")
        return value
    if name == "refund_business_days":
        return _refund_times(value)
    kind = _SET_RULES[name]
    allowed = ", ".join(member.value for member in kind)
    if not isinstance(value, list):
        raise PolicyDataError(name, f"must be a list of any of: {allowed}")
    try:
        return frozenset(kind(item) for item in value)
    except ValueError:
        raise PolicyDataError(name, f"must be a list of any of: {allowed}") from None


def _refund_times(value: Any) -> Mapping[PaymentMethod, RefundTime]:
    methods = ", ".join(method.value for method in PaymentMethod)
    name = "refund_business_days"
    if not isinstance(value, Mapping) or set(value) != {method.value for method in PaymentMethod}:
        raise PolicyDataError(name, f"must give [fastest, slowest] business days for {methods}")
    times = {}
    for method, days in value.items():
        if (
            not isinstance(days, list)
            or len(days) != 2
            or any(isinstance(day, bool) or not isinstance(day, int) for day in days)
            or not 0 <= days[0] <= days[1] <= MAX_DAYS
        ):
            raise PolicyDataError(
                f"{name}.{method}",
                f"must be [fastest, slowest] business days, from 0 to {MAX_DAYS}, e.g. [3, 15]",
            )
        times[PaymentMethod(method)] = RefundTime(*days)
    return times


def supported_countries() -> frozenset[str]:
    """The ISO country codes whose public holidays are known."""
    import holidays as holiday_calendars  # imported when needed: ~30 ms of every start-up

    return frozenset(holiday_calendars.list_supported_countries())


def working_days(country: str) -> WorkingDays:
    """The working-day calendar of `country` (its weekend, public holidays and make-up working
    days, from the `holidays` library), or Monday to Friday when no country is set."""
    if not country:
        return MONDAY_TO_FRIDAY
    import holidays as holiday_calendars  # imported when needed: ~30 ms of every start-up

    return holiday_calendars.country_holidays(country)


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Everything deadlines are computed from: policies, overrides and working days."""

    policies: Mapping[str, Policy]
    fallback: Policy
    settings: Settings
    working_days: WorkingDays

    @classmethod
    def build(cls, policies: Mapping[str, Policy], fallback: str, settings: Settings) -> RuleBook:
        """A rule book over `policies` (by marketplace name), `fallback` naming the default."""
        by_name = {marketplace_key(name): policy for name, policy in policies.items()}
        return cls(
            policies=by_name,
            fallback=by_name[marketplace_key(fallback)],
            settings=settings,
            working_days=working_days(settings.country),
        )

    def policy_for(self, case: Case) -> Policy:
        """The marketplace's policy, or the generic one for a marketplace we have no data for."""
        return self.policies.get(marketplace_key(case.marketplace), self.fallback)

    def knows(self, marketplace: str) -> bool:
        """Whether `marketplace` has a policy of its own (else it follows the fallback)."""
        return marketplace_key(marketplace) in self.policies

    def return_window(self, case: Case) -> tuple[int, str]:
        """The case's return window in days, and whose rule it is."""
        if case.return_window_days:
            return case.return_window_days, "this case's window"
        if case.store in self.settings.store_windows:
            return self.settings.store_windows[case.store], "store policy"
        if self.settings.default_window_days:
            return self.settings.default_window_days, "your default"
        policy = self.policy_for(case)
        days = policy.return_window_days
        says = policy.says("return_window_days")
        if says == USER_SAYS:  # the shopper chose this number: nothing is assumed
            return days, f"the seller's window ({says})"
        cited = f"{says}; " if says else ""
        return days, f"the seller's window ({cited}{days} assumed until you set it)"


def marketplace_key(name: str) -> str:
    """A marketplace's name as its policy is looked up by: case, spaces, punctuation, "www."
    and a domain ending ignored, so "AliExpress.com", "Ali Express" and "aliexpress" are one."""
    name = name.strip().casefold().removeprefix("www.")
    name = re.sub(r"\.(?:com|net|org|[a-z]{2})(?:\.[a-z]{2})?$", "", name)
    return re.sub(r"[\W_]+", "", name)


@dataclass(frozen=True, slots=True)
class Finding:
    """A yes/no answer about a case, with the reason in words; `usually` when the answer is a
    guide's reading or a default rather than the marketplace's own rule."""

    ok: bool
    reason: str
    usually: bool = False

    @property
    def verdict(self) -> str:
        """'Returnable', 'Not returnable' or 'Usually not returnable'."""
        if self.ok:
            return "Returnable"
        return "Usually not returnable" if self.usually else "Not returnable"


def eligibility(case: Case, policy: Policy) -> Finding:
    """Whether the item can be returned at all, given its category and the reason."""
    category = case.category.label.lower()
    if case.reason is Reason.NOT_RECEIVED:
        return Finding(True, "an item that never arrived is claimed, not returned: any category")
    if case.category not in policy.excluded_categories:
        return Finding(True, f"{category} items can be returned")
    claimable = policy.claimable_in_any_category
    if case.reason in claimable:
        return Finding(
            True,
            f"{category} items are normally excluded, but a {case.reason.label.lower()} item "
            "is an exception",
        )
    unless = _unless([reason.label.lower() for reason in Reason if reason in claimable])
    if case.category in policy.non_returnable_categories:
        return Finding(False, f"{category} items are not returnable on {policy.name}{unless}")
    # "Usually": a guide's reading or a default, not the marketplace's own rule.
    says = policy.says("usually_non_returnable_categories")
    cited = f" ({says})" if says else ""
    return Finding(False, f"{category} items are usually not returnable{cited}{unless}", True)


def _unless(reasons: list[str]) -> str:
    """The reasons that would still let an item go back, as " unless a, b or c"."""
    if not reasons:
        return ""
    *others, last = reasons
    return f" unless {', '.join(others)} or {last}" if others else f" unless {last}"


def return_postage(case: Case, policy: Policy) -> tuple[Payer, str]:
    """Who pays to send the item back, and why; never at odds with `eligibility`."""
    reason = case.reason.label.lower()
    if case.reason is Reason.NOT_RECEIVED:
        return Payer.UNKNOWN, "no return postage: nothing is sent back"
    if not eligibility(case, policy).ok:
        return Payer.BUYER, f"you pay return postage if the seller takes it back ({reason})"
    if case.free_return:
        return Payer.SELLER, "Free Return: the return costs you nothing"
    if case.reason in policy.seller_pays_for:
        return Payer.SELLER, f"the seller pays return postage ({reason})"
    return Payer.BUYER, f"you pay return postage ({reason})"


# The source a number is cited to when the user's own policy file changes it without naming one:
# the bundled citation (a guide, a help page) no longer vouches for the user's number.
USER_SOURCE = "your-file"
# How such a number's source reads beside it.
USER_SAYS = "your file"


def overlay_policy_data(
    bundled: Mapping[str, Any], yours: Mapping[str, Any], yours_named: str
) -> dict[str, Any]:
    """`bundled` policy data with `yours` laid over it field by field (objects merge, anything
    else is replaced), before validation. A rule whose value `yours` sets without naming a
    source is cited to `yours_named` (the user's file), certainty L unless it says otherwise."""
    merged = _deep_merge(bundled, yours)
    rules = yours.get("rules")
    if not isinstance(rules, Mapping):
        return merged
    for name, rule in rules.items():
        if not isinstance(rule, Mapping) or "value" not in rule or "source" in rule:
            continue
        merged["sources"] = {**_mapping(merged.get("sources")), USER_SOURCE: yours_named}
        cited = {
            # The merged value (a partial refund table is filled in); a misspelt field stays,
            # to be refused by name.
            **merged["rules"][name],
            "source": USER_SOURCE,
            "certainty": rule.get("certainty", "L"),
            "note": rule.get("note", f"Set in {yours_named}."),
            "says": rule.get("says", USER_SAYS),
        }
        # A new object: `yours` itself is never changed.
        merged["rules"] = {**merged["rules"], name: cited}
    return merged


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        below = base.get(key)
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            merged[key] = _deep_merge(below, value)
        else:
            merged[key] = value
    return merged


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
