"""Tracking numbers: which carrier, whether the check digit is right, where to follow it.

The international formats (UPU S10 postal numbers, UPS, FedEx, DHL and more) come from the
maintained `tracking-numbers` package, with their check-digit rules. It does not know the
logistics services AliExpress sellers mostly use, so Cainiao, YunExpress and 4PX patterns are
added here; S10 is tried first, as a postal number can look like one of those. A wrong check
digit is reported, never refused: the number on the receipt is what the shopper has. Nothing is
fetched; the link is for the shopper to open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import quote

from tracking_numbers import DEFINITIONS

from tui.domain.model import Shipment

_ANY_CARRIER = "https://t.17track.net/en#nums={number}"


@dataclass(frozen=True, slots=True)
class TrackingCheck:
    """What a tracking number looks like: its carrier and format, and if its check digit holds."""

    number: str
    carrier: str
    format: str
    # None when the format has no check digit.
    check_digit_ok: bool | None
    link: str

    @property
    def summary(self) -> str:
        """One line, e.g. 'GB post, UPU S10, check digit OK'."""
        if self.check_digit_ok is None:
            checked = "no check digit"
        else:
            checked = "check digit OK" if self.check_digit_ok else "check digit looks wrong"
        kind = self.carrier if self.format == self.carrier else f"{self.carrier}, {self.format}"
        return f"{kind}, {checked}"


@dataclass(frozen=True, slots=True)
class _Pattern:
    carrier: str
    format: str
    pattern: re.Pattern[str]
    link: str


_ALIEXPRESS_LOGISTICS = (
    _Pattern(
        "Cainiao",
        "Cainiao LP",
        re.compile(r"LP\d{14}"),
        "https://global.cainiao.com/newDetail.htm?mailNoList={number}",
    ),
    _Pattern(
        "YunExpress",
        "YunExpress YT",
        re.compile(r"YT\d{16}"),
        "https://www.yuntrack.com/parcelTracking?id={number}",
    ),
    _Pattern(
        "4PX", "4PX", re.compile(r"4PX\d{10,16}(CN)?"), "https://track.4px.com/#/result/0/{number}"
    ),
)


def normalise(number: str) -> str:
    """The number as carriers print it: no spaces or dashes, capital letters."""
    return re.sub(r"[\s-]", "", number).upper()


def check_tracking(raw: str) -> TrackingCheck | None:
    """What `raw` looks like, or None for a number of no format we know."""
    number = normalise(raw)
    if not number:
        return None
    close: TrackingCheck | None = None
    for definition in DEFINITIONS:
        found = definition.test(number)
        if found is None:
            continue
        postal = found.courier.name.startswith("S10")
        check = TrackingCheck(
            number,
            f"{number[-2:]} post" if postal else found.courier.name,
            "UPU S10" if postal else found.product.name,
            bool(found.valid),
            found.tracking_url or _ANY_CARRIER.format(number=quote(number)),
        )
        if found.valid:
            return check
        close = close or check
    for known in _ALIEXPRESS_LOGISTICS:
        if known.pattern.fullmatch(number):
            return TrackingCheck(
                number, known.carrier, known.format, None, known.link.format(number=quote(number))
            )
    return close


def tracking_link(raw: str) -> str:
    """Where to follow any number: its carrier's page, or a tracker that knows many carriers."""
    check = check_tracking(raw)
    return check.link if check else _ANY_CARRIER.format(number=quote(normalise(raw)))


def with_guessed_carrier(shipment: Shipment) -> Shipment:
    """`shipment` with its carrier guessed from its tracking number when none is given."""
    if shipment.carrier or not (check := check_tracking(shipment.tracking_number)):
        return shipment
    return replace(shipment, carrier=check.carrier)
