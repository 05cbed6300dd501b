"""Upgrading store files written by older versions of returns-tui: each migration takes the whole
decoded file of one schema version to the next. A store is backed up before it is migrated; a
file from a newer version is refused, never rewritten."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = 5

Data = dict[str, Any]


def _add_dispute_and_extension_fields(data: Data) -> Data:
    """Version 2 added the seller's shipping date, Free Return and deadline extensions."""
    for document in data.get("cases", {}).values():
        document.setdefault("shipped_on", None)
        document.setdefault("free_return", False)
        document.setdefault("extensions", [])
    return data


_REFUNDED = ("refunded", "partly_refunded")
# Version 2 kept these dates on the case as well as on the timeline; version 3 reads them from
# the timeline only. (part, field, the stages whose entry the date is)
_DATE_COPIES = (
    ("dispute", "opened_on", ("dispute_open",)),
    ("refund", "initiated_on", ("refund_pending",)),
    ("refund", "received_on", _REFUNDED),
)


def _timeline_holds_stage_dates(data: Data) -> Data:
    """Version 3 reads stage dates from the timeline alone and records stage details: a date
    the case held without a move on its timeline becomes a dated move (at noon UTC, that day
    from UTC-11 to UTC+11), and a stage the timeline never reached gets a move of its own."""
    for document in data.get("cases", {}).values():
        events = document.setdefault("events", [])
        refund = document.get("refund") or {}
        dispute = document.get("dispute") or {}
        moved_to = {event.get("stage") for event in events if event.get("kind") == "stage_change"}
        for part, name, stages in _DATE_COPIES:
            day = (document.get(part) or {}).get(name)
            if day and not moved_to.intersection(stages) and document.get("stage") in stages:
                events.append(_stage_event(f"{day}T12:00:00+00:00", stages[0], document))
                moved_to.add(stages[0])
        stage = document.get("stage", "deciding")
        latest = [event for event in events if event.get("kind") == "stage_change"]
        latest.sort(key=_moment)
        if stage != "deciding" and (not latest or latest[-1].get("stage") != stage):
            last = max(events, key=_moment, default={"at": document.get("created_at")})
            events.append(_stage_event(str(last["at"]), stage, document))
        events.sort(key=_moment)
        amount = refund.get("amount")
        document["refund"] = {
            "expected": amount,
            "received": amount if stage in _REFUNDED else None,
        }
        document["dispute"] = {
            "claim": document.get("outcome", "refund"),
            "claim_amount": None,
            "reason": dispute.get("outcome", ""),
        }
        document.setdefault("promised_delivery_days", None)
        document.setdefault("close_reason", "")
        document.setdefault("replacement_tracking", "")
    return data


def _claims_and_postage_paid(data: Data) -> Data:
    """Version 4 tells a lost parcel from the carrier claim (version 3's "lost" meant "lost,
    claim filed": the claim becomes an event of its own), and who should bear the postage from
    whether the shopper paid it (postage without a prepaid label, or "the buyer pays")."""
    for document in data.get("cases", {}).values():
        events = document.get("events") or []
        for event in [e for e in events if e.get("kind") == "parcel_lost"]:
            events.append(
                {
                    "id": f"migrated-claim-{event.get('id', '')}",
                    "at": event.get("at"),
                    "kind": "carrier_claim",
                    "text": "Carrier claim filed (recorded with the loss by an older version)",
                    "stage": None,
                }
            )
        shipment = document.get("shipment")
        if isinstance(shipment, dict):
            paid = shipment.get("cost") is not None and not shipment.get("prepaid_label")
            shipment["you_paid"] = paid or shipment.get("paid_by") == "buyer"
            if shipment.get("paid_by") == "buyer":
                shipment["paid_by"] = "unknown"
    return data


def _attached_files(data: Data) -> Data:
    """Version 5 records with each evidence file what it was when attached (`file`: its SHA-256,
    size and times, and whether the vault keeps a copy); a file recorded before has none."""
    for document in data.get("cases", {}).values():
        for entry in document.get("evidence") or []:
            if isinstance(entry, dict):
                entry.setdefault("file", None)
    return data


def _moment(event: Data) -> datetime:
    """When an event happened, for ordering; an unreadable date sorts first (and is reported)."""
    try:
        moment = datetime.fromisoformat(str(event.get("at")))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stage_event(at: str, stage: str, document: Data) -> Data:
    return {
        "id": f"migrated-{stage}-{document.get('id', '')}",
        "at": at,
        "kind": "stage_change",
        "text": f"→ {stage.replace('_', ' ').capitalize()} (date kept from an older version)",
        "stage": stage,
    }


MIGRATIONS: dict[int, Callable[[Data], Data]] = {
    1: _add_dispute_and_extension_fields,
    2: _timeline_holds_stage_dates,
    3: _claims_and_postage_paid,
    4: _attached_files,
}


def migrate(data: Data, version: int) -> Data:
    """`data` of schema `version` brought up to `SCHEMA_VERSION`."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    data.setdefault("meta", {}).setdefault("1", {})["schema_version"] = version
    return data
