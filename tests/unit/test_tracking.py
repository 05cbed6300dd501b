"""Tracking numbers: carrier guessed, check digits checked (and flagged, never refused)."""

from __future__ import annotations

import pytest

from tui.domain.tracking import check_tracking, normalise, tracking_link


@pytest.mark.parametrize(
    ("number", "carrier", "check_digit_ok"),
    [
        ("RB123456785GB", "GB post", True),
        ("rb 1234 5678 5gb", "GB post", True),
        ("RB123456784GB", "GB post", False),
        ("1Z5R89390357567127", "UPS", True),
        ("1Z5R89390357567128", "UPS", False),
        ("1234567891", "DHL", True),
        ("LP00123456789012", "Cainiao", None),
        ("YT1234567890123456", "YunExpress", None),
        ("4PX1234567890CN", "4PX", None),
    ],
)
def test_carrier_and_check_digit(number: str, carrier: str, check_digit_ok: bool | None) -> None:
    check = check_tracking(number)
    assert check is not None
    assert (check.carrier, check.check_digit_ok) == (carrier, check_digit_ok)
    assert check.number == normalise(number)
    assert check.link.startswith("http")
    assert check.number in check.link


def test_the_summary_says_when_a_check_digit_looks_wrong() -> None:
    wrong = check_tracking("RB123456784GB")
    assert wrong is not None
    assert wrong.summary == "GB post, UPU S10, check digit looks wrong"


def test_an_unknown_number_still_gets_a_link_to_a_tracker() -> None:
    assert check_tracking("hello") is None
    assert check_tracking("") is None
    assert tracking_link("abc 123") == "https://t.17track.net/en#nums=ABC123"
