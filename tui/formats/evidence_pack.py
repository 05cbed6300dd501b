"""A dispute-ready evidence pack for one case: Markdown, optionally zipped with its files.

The pack says what the case is, where it stands, every deadline with its reason, the whole
timeline with the messages exchanged, and the evidence checklist with each file's SHA-256, size,
capture and attach times, so the shopper can show a file is unchanged since the day it was
attached; the zip holds the vault's copies under their original names.
Everything the shopper typed is escaped so that it reads exactly as typed in any Markdown viewer.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from tui.domain.deadlines import Deadline
from tui.domain.evidence import checklist
from tui.domain.model import AttachedFile, Case, EventKind
from tui.domain.money import format_money
from tui.domain.policy import Policy, eligibility, return_postage
from tui.domain.tracking import check_tracking
from tui.printable import printable
from tui.store.vault import (
    Refused,
    Vault,
    file_size,
    open_regular,
    sha256_of,
    why_not_readable,
)

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|~])")
_MESSAGES = (EventKind.MESSAGE_SENT, EventKind.SELLER_REPLY, EventKind.DISPUTE_UPDATE)


def md(text: str) -> str:
    """User text made safe for Markdown: shown exactly as typed, on one line.

    It always follows a label ("- Store: ..."), so only the characters that mean something
    inside a line need escaping (emphasis, code, links, HTML, tables, strikethrough).
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", printable(text))


def md_lines(text: str) -> str:
    """Multi-line user text (notes, messages) for a list item: each line escaped, line breaks
    kept as Markdown hard breaks indented under the item."""
    lines = printable(text, multiline=True).split("\n")
    return "  \n  ".join(_MARKDOWN_SPECIALS.sub(r"\\\1", line) for line in lines)


def code(text: str) -> str:
    """A file path as a Markdown code span, which shows every character as it is."""
    text = printable(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


@dataclass(frozen=True, slots=True)
class PackFile:
    """An evidence file named in the checklist: where its bytes are read from (the vault's copy,
    else the path recorded), its original name, and why it cannot be packed ("" if it can)."""

    label: str
    path: Path
    name: str
    reason: str = ""

    @property
    def exists(self) -> bool:
        return not self.reason


def evidence_files(case: Case, vault: Vault) -> list[PackFile]:
    """Every file the checklist names, with why it cannot be packed if so: a file attached is
    packed only if its bytes are still the ones attached (its SHA-256 is the one listed)."""
    found = []
    for item in checklist(case):
        if item.entry.path:
            path = vault.file_of(item.entry)
            name = Path(item.entry.path).name
            found.append(PackFile(item.label, path, name, _unpackable(path, item.entry.file)))
    return found


def _unpackable(path: Path, attached: AttachedFile | None) -> str:
    if (reason := why_not_readable(path)) or attached is None:
        return reason
    try:
        same = sha256_of(path) == attached.sha256
    except Refused as refused:
        return str(refused)
    return "" if same else "not the file attached (its SHA-256 differs)"


def write_markdown(
    case: Case, policy: Policy, deadlines: list[Deadline], now: datetime, vault: Vault
) -> str:
    """The evidence pack of `case` as Markdown, each file with what proves it unchanged."""
    allowed = eligibility(case, policy)
    _, postage = return_postage(case, policy)
    amount = format_money(case.amount, case.currency) or "not recorded"
    lines = [
        f"# Return case: {md(case.item)}",
        "",
        f"Evidence pack made {now:%Y-%m-%d %H:%M} with returns-tui.",
        "",
        "## Summary",
        "",
        f"- Marketplace: {md(case.marketplace)}",
        f"- Order number: {md(case.order_number)}",
        f"- Store: {md(case.store) or 'not recorded'}",
        f"- Amount paid: {amount} by {case.payment_method.label.lower()}",
        f"- Ordered: {case.ordered_on or 'not recorded'}; shipped: "
        f"{case.shipped_on or 'not recorded'}; received: {case.received_on or 'not recorded'}",
        f"- Problem: {case.reason.label}; wanted: {case.outcome.label.lower()}",
        f"- Stage: {case.stage.label}",
        f"- {allowed.verdict}: {allowed.reason}",
        f"- Postage: {postage}",
    ]
    if number := case.shipment.tracking_number:
        lines.append(f"- Return parcel: {_parcel(case.shipment.carrier, number)}")
    if case.notes:
        lines += ["", "Notes:  ", md_lines(case.notes)]
    lines += ["", "## Deadlines", "", "Each date, what it counts from, and the rule behind it.", ""]
    lines += [_deadline_line(deadline, policy) for deadline in deadlines] or ["- None open."]
    lines += ["", "## Timeline", ""]
    lines += [
        f"- {event.at:%Y-%m-%d %H:%M} {event.kind.label}: {md_lines(event.text)}"
        for event in case.events
    ]
    messages = [event for event in case.events if event.kind in _MESSAGES]
    lines += ["", "## Messages", ""]
    lines += [
        f"- {event.at:%Y-%m-%d} {event.kind.label}: {md_lines(event.text)}" for event in messages
    ] or ["- No messages recorded."]
    lines += ["", "## Evidence", ""]
    for item in checklist(case):
        where = f" {code(item.entry.path)}" if item.entry.path else ""
        note = f": {md(item.entry.note)}" if item.entry.note else ""
        lines.append(f"- [{'x' if item.done else ' '}] {md(item.label)}{where}{note}")
        if item.entry.file is not None:
            lines.append(f"  - {_fingerprint(item.entry.file, vault.problem_with(item.entry))}")
    missing = [file for file in evidence_files(case, vault) if not file.exists]
    if missing:
        lines += ["", "Files named above but left out:", ""]
        lines += [f"- {code(str(file.path))} ({md(file.label)}): {file.reason}" for file in missing]
    return "\n".join(lines) + "\n"


def _fingerprint(file: AttachedFile, problem: str) -> str:
    """What shows the file is the one attached: its SHA-256, size and times."""
    taken = f", taken {file.captured_at:%Y-%m-%d %H:%M %z}" if file.captured_at else ""
    kept = "a copy kept" if file.kept else "only its path kept"
    warning = f"; {problem}" if problem else ""
    size = file_size(file.size) + (f" ({file.size:,} bytes)" if file.size >= 1000 else "")
    return (
        f"SHA-256 `{file.sha256}`, {size}{taken}, "
        f"attached {file.attached_at:%Y-%m-%d %H:%M %z}, {kept}{warning}"
    )


def _parcel(carrier: str, number: str) -> str:
    """The return parcel: the carrier as recorded (or guessed from the number, and said so)
    and the tracking number, flagged when its check digit is wrong."""
    check = check_tracking(number)
    if carrier:
        who = md(carrier)
    elif check is not None:
        who = f"{md(check.carrier)} (guessed from the number)"
    else:
        who = "carrier not recorded"
    flag = ""
    if check is not None and check.check_digit_ok is False:
        flag = " (its check digit looks wrong: check the receipt)"
    return f"{who}, tracking {md(number)}{flag}"


def _deadline_line(deadline: Deadline, policy: Policy) -> str:
    line = f"- {md(deadline.sentence)}"
    if cited := policy.sources.get(deadline.rule):
        line += f"; rule: {md(cited.source)}, certainty {cited.certainty}"
    return line


def zip_pack(markdown: str, case: Case, vault: Vault) -> tuple[bytes, list[PackFile]]:
    """A zip of the pack and every evidence file (the vault's copy where one is kept) that is a
    regular file, and the files left out."""
    skipped: list[PackFile] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("evidence-pack.md", markdown)
        for number, file in enumerate(evidence_files(case, vault), start=1):
            reason = file.reason or _pack(archive, file, number)
            if reason:
                skipped.append(replace(file, reason=reason))
    return buffer.getvalue(), skipped


def _pack(archive: zipfile.ZipFile, file: PackFile, number: int) -> str:
    """Add one regular file to `archive` under its original name; why not, or ""."""
    try:
        with open_regular(file.path) as source:
            name = f"evidence/{number:02d}-{printable(file.name)}"
            info = zipfile.ZipInfo.from_file(file.path, name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as packed:
                shutil.copyfileobj(source, packed)
    except Refused as refused:
        return str(refused)
    return ""
