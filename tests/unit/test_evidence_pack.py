"""The dispute evidence pack: the parcel's carrier and check digit, line breaks, every clock,
and the zip that packs only the files named, by their own path."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from tests.builders import ALIEXPRESS_BOOK, a_case, moment
from tui.domain.actions import add_custom_evidence, add_event, change_stage, set_evidence_details
from tui.domain.deadline_rules import deadlines_for
from tui.domain.model import Case, EventKind, Shipment, Stage
from tui.formats.evidence_pack import write_markdown, zip_pack
from tui.store.vault import Vault

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
# Where no test keeps a file: packs name the shopper's own paths.
NO_VAULT = Vault(Path("/nonexistent/returns.json.evidence"))


def pack(case) -> str:  # type: ignore[no-untyped-def]
    policy = ALIEXPRESS_BOOK.policy_for(case)
    deadlines = deadlines_for(case, ALIEXPRESS_BOOK, NOW.date())
    return write_markdown(case, policy, deadlines, NOW, NO_VAULT)


def test_the_carrier_is_guessed_and_a_wrong_check_digit_flagged() -> None:
    good = pack(a_case(shipment=Shipment(tracking_number="RB123456785GB")))
    assert "(guessed from the number), tracking RB123456785GB" in good
    assert "check digit looks wrong" not in good
    wrong = pack(a_case(shipment=Shipment(carrier="Royal Mail", tracking_number="RB123456784GB")))
    assert "Royal Mail, tracking RB123456784GB (its check digit looks wrong" in wrong


def test_line_breaks_in_messages_and_notes_stay_line_breaks() -> None:
    case = add_event(
        a_case(notes="first line\nsecond line"),
        EventKind.MESSAGE_SENT,
        "Hello,\nthe item is broken.",
        moment(date(2026, 11, 20)),
    )
    text = pack(case)
    assert "Hello,  \n  the item is broken." in text
    assert "first line  \n  second line" in text
    assert "␊" not in text


def test_bidi_controls_show_as_escapes_in_the_pack() -> None:
    text = pack(a_case(item="invoice\u202efdp.exe", notes="note\u2066\nline"))
    assert "# Return case: invoice\\<U+202E\\>fdp.exe" in text
    assert "note\\<U+2066\\>  \n  line" in text
    assert not {"\u202e", "\u2066"} & set(text)


def test_every_clock_says_what_it_counts_from_and_its_rule() -> None:
    case = change_stage(a_case(), Stage.DISPUTE_OPEN, moment(date(2026, 11, 24)))
    text = pack(case)
    assert "Seller must respond by 2026-11-29 (dispute opened 2026-11-24 + 5 days" in text
    assert "rule: AliExpress help centre" in text
    assert "certainty M" in text


def a_case_naming(*paths: Path) -> Case:
    case = a_case()
    for number, path in enumerate(paths):
        case, key = add_custom_evidence(case, f"file {number}")
        case = set_evidence_details(case, key, str(path), "")
    return case


def test_a_file_reached_through_a_linked_folder_is_not_packed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("password")
    (tmp_path / "dirlink").symlink_to(elsewhere)
    payload, skipped = zip_pack("", a_case_naming(tmp_path / "dirlink" / "secret.txt"), NO_VAULT)
    assert zipfile.ZipFile(io.BytesIO(payload)).namelist() == ["evidence-pack.md"]
    assert [file.reason for file in skipped] == ["a symbolic link on the way, not followed"]


def test_control_characters_in_a_file_name_are_escaped_in_the_zip(tmp_path: Path) -> None:
    photo = tmp_path / "photo\x1b[2J\u202e.jpg"
    photo.write_bytes(b"jpeg")
    payload, skipped = zip_pack("", a_case_naming(photo), NO_VAULT)
    assert skipped == []
    assert zipfile.ZipFile(io.BytesIO(payload)).namelist() == [
        "evidence-pack.md",
        "evidence/01-photo␛[2J<U+202E>.jpg",
    ]
