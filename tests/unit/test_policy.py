"""Policy data: every rule has a source and a certainty, and bad data is refused by name."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from itertools import product
from pathlib import Path

import pytest

from tests.builders import ALIEXPRESS_BOOK, a_case, moment
from tui.domain.actions import change_stage
from tui.domain.deadline_rules import deadlines_for
from tui.domain.model import Category, Payer, Reason, Stage
from tui.domain.policy import (
    Policy,
    PolicyDataError,
    eligibility,
    policy_from_dict,
    return_postage,
)
from tui.store.policies import bundled_policies

POLICY_FILE = Path(__file__).resolve().parents[2] / "data" / "policies" / "aliexpress.json"


def test_both_marketplace_profiles_load_with_every_rule_sourced() -> None:
    policies = bundled_policies()
    assert set(policies) == {"AliExpress", "Generic online store"}
    aliexpress = policies["AliExpress"]
    assert aliexpress.has_disputes
    assert not policies["Generic online store"].has_disputes
    assert aliexpress.buyer_protection_days == 15
    assert aliexpress.sources["buyer_protection_days"].certainty == "H"
    assert "buyerprotection" in aliexpress.sources["buyer_protection_days"].source
    assert len(aliexpress.sources) == 20


@pytest.mark.parametrize(
    ("rule", "value", "message"),
    [
        ("return_window_days", -1, "return_window_days: must be a whole number of days"),
        ("return_window_days", True, "return_window_days: must be a whole number of days"),
        ("refund_business_days", {"card": [5, 3]}, "refund_business_days: must give [fastest"),
        ("non_returnable_categories", ["furniture"], "non_returnable_categories: must be a list"),
    ],
)
def test_a_bad_rule_is_named(rule: str, value: object, message: str) -> None:
    data = json.loads(POLICY_FILE.read_text())
    data["rules"][rule]["value"] = value
    with pytest.raises(PolicyDataError, match=re.escape(message)):
        policy_from_dict(data)


def test_a_rule_without_a_known_source_is_refused() -> None:
    data = json.loads(POLICY_FILE.read_text())
    broken = copy.deepcopy(data)
    broken["rules"]["ship_back_days"]["source"] = "hearsay"
    with pytest.raises(PolicyDataError, match=r"ship_back_days\.source: must be one of the"):
        policy_from_dict(broken)
    del data["rules"]["ship_back_days"]
    with pytest.raises(PolicyDataError, match="rules: missing ship_back_days"):
        policy_from_dict(data)


def test_the_order_page_is_known_where_the_policy_gives_its_address() -> None:
    policies = bundled_policies()
    assert (
        policies["AliExpress"].order_page_of(" 8190987654321098 ")
        == "https://www.aliexpress.com/p/order/detail.html?orderId=8190987654321098"
    )
    assert policies["AliExpress"].order_page_of("A&B #1").endswith("orderId=A%26B%20%231")
    assert policies["AliExpress"].order_page_of("") is None
    assert policies["Generic online store"].order_page_of("8190987654321098") is None
    data = json.loads(POLICY_FILE.read_text())
    data["order_page"] = "https://example.com/orders"
    with pytest.raises(PolicyDataError, match="order_page: must be an address with"):
        policy_from_dict(data)


@pytest.mark.parametrize(
    ("category", "reason", "returnable", "words"),
    [
        (Category.STANDARD, Reason.CHANGED_MIND, True, "standard items can be returned"),
        (Category.CUSTOM_MADE, Reason.CHANGED_MIND, False, "custom made items are not returnable"),
        (Category.HYGIENE, Reason.DAMAGED, True, "a damaged item is an exception"),
        (
            Category.INTIMATE,
            Reason.WRONG_SIZE,
            False,
            "intimate items are usually not returnable (guide)",
        ),
        (Category.HYGIENE, Reason.MISSING_PARTS, True, "a missing parts item is an exception"),
    ],
)
def test_eligibility_with_its_reason(
    category: Category, reason: Reason, returnable: bool, words: str
) -> None:
    found = eligibility(a_case(category=category, reason=reason), bundled_policies()["AliExpress"])
    assert found.ok is returnable
    assert words in found.reason


@pytest.mark.parametrize(
    ("reason", "payer"),
    [
        (Reason.DEFECTIVE, Payer.SELLER),
        (Reason.WRONG_ITEM, Payer.SELLER),
        (Reason.CHANGED_MIND, Payer.BUYER),
        (Reason.WRONG_SIZE, Payer.BUYER),
    ],
)
def test_who_pays_return_postage(reason: Reason, payer: Payer) -> None:
    who, why = return_postage(a_case(reason=reason), bundled_policies()["AliExpress"])
    assert who is payer
    assert reason.label.lower() in why


@pytest.mark.parametrize("policy", bundled_policies().values(), ids=lambda policy: policy.name)
def test_returnable_and_who_pays_postage_never_contradict(policy: Policy) -> None:
    for reason, category, free_return in product(Reason, Category, (False, True)):
        case = a_case(reason=reason, category=category, free_return=free_return)
        allowed = eligibility(case, policy)
        payer, postage = return_postage(case, policy)
        where = (reason, category, free_return, allowed.reason, postage)
        if not allowed.ok:  # nothing goes back, so the seller pays nothing back
            assert payer is not Payer.SELLER, where
            assert "costs you nothing" not in postage, where
        if reason is Reason.NOT_RECEIVED:  # claimed, not sent back
            assert payer is Payer.UNKNOWN, where
            assert postage.startswith("no return postage"), where


def test_the_return_window_says_whose_it_is_and_that_it_is_assumed() -> None:
    assert ALIEXPRESS_BOOK.return_window(a_case()) == (
        15,
        "the seller's window (the guide: 15 to 30 days; 15 assumed until you set it)",
    )


@pytest.mark.parametrize("name", ["AliExpress.com", "Ali Express", "aliexpress", " ALIEXPRESS "])
def test_marketplace_names_match_loosely(name: str) -> None:
    assert ALIEXPRESS_BOOK.policy_for(a_case(marketplace=name)).name == "AliExpress"
    assert ALIEXPRESS_BOOK.knows(name)
    assert not ALIEXPRESS_BOOK.knows("Temu")


def test_a_store_without_disputes_quotes_no_marketplace_dispute_rule() -> None:
    case = a_case(marketplace="Corner shop")
    disputed = change_stage(case, Stage.DISPUTE_OPEN, moment(date(2026, 11, 12)))
    explained = [
        d.explanation for d in deadlines_for(disputed, ALIEXPRESS_BOOK, date(2026, 11, 13))
    ]
    assert any("dispute opened 2026-11-12" in words for words in explained)
    assert not any("automatic refund" in words for words in explained)


def test_the_verdict_says_usually_where_the_rule_is_a_guides_reading() -> None:
    aliexpress = bundled_policies()["AliExpress"]
    usually = eligibility(
        a_case(category=Category.INTIMATE, reason=Reason.CHANGED_MIND), aliexpress
    )
    assert usually.verdict == "Usually not returnable"
    official = eligibility(
        a_case(category=Category.HYGIENE, reason=Reason.CHANGED_MIND), aliexpress
    )
    assert official.verdict == "Not returnable"
    assert eligibility(a_case(), aliexpress).verdict == "Returnable"
