"""The evidence vault: files kept whole, once, privately; what is refused and why; capture times
read from a photo's EXIF; the checks that tell a changed or missing file; and the store, import,
restore and pack that keep it consistent."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from tests.builders import ALIEXPRESS_BOOK, a_case
from tests.unit.test_output_files import run
from tui.domain.actions import add_custom_evidence, set_evidence_details
from tui.domain.deadline_rules import deadlines_for
from tui.domain.model import Case
from tui.formats.evidence_pack import write_markdown, zip_pack
from tui.store import backups
from tui.store.case_store import CaseStore
from tui.store.files import TargetRefused, check_target
from tui.store.vault import Refused, Vault

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
LIMIT = 1_000_000


def a_photo(path: Path, taken: str = "2026:11:12 18:30:05", offset: str = "") -> Path:
    """A small JPEG whose EXIF says it was taken at `taken` (and `offset`, if given)."""
    exif = Image.Exif()
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    exif_ifd[ExifTags.Base.DateTimeOriginal] = taken
    if offset:
        exif_ifd[ExifTags.Base.OffsetTimeOriginal] = offset
    Image.new("RGB", (32, 24), "red").save(path, exif=exif)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def attached(case: Case, path: Path, vault: Vault, *, copy: bool = True) -> Case:
    case, key = add_custom_evidence(case, path.name)
    kept = vault.keep(path, limit=LIMIT, now=NOW, copy=copy)
    return set_evidence_details(case, key, str(path), "", kept)


def test_a_kept_file_is_whole_private_and_named_by_its_sha256(tmp_path: Path) -> None:
    photo = a_photo(tmp_path / "IMG_0001.JPG")
    vault = Vault.beside(tmp_path / "returns.json")
    kept = vault.keep(photo, limit=LIMIT, now=NOW)
    copy = vault.folder / f"{sha256(photo)}.jpg"
    assert vault.folder == tmp_path / "returns.json.evidence"
    assert copy.read_bytes() == photo.read_bytes()
    assert (kept.sha256, kept.size, kept.attached_at) == (sha256(photo), photo.stat().st_size, NOW)
    assert stat.S_IMODE(vault.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_the_same_photo_attached_twice_is_kept_once(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    first = a_photo(tmp_path / "a.jpg")
    second = tmp_path / "b.jpg"
    second.write_bytes(first.read_bytes())
    assert vault.keep(first, limit=LIMIT, now=NOW) == vault.keep(second, limit=LIMIT, now=NOW)
    assert len(list(vault.folder.iterdir())) == 1


def test_the_capture_time_comes_from_exif_at_its_own_offset(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    with_offset = a_photo(tmp_path / "a.jpg", offset="+09:00")
    kept = vault.keep(with_offset, limit=LIMIT, now=NOW)
    assert kept.captured_at == datetime(
        2026, 11, 12, 18, 30, 5, tzinfo=timezone(timedelta(hours=9))
    )
    without = vault.keep(a_photo(tmp_path / "b.jpg"), limit=LIMIT, now=NOW)
    assert without.captured_at is not None
    assert without.captured_at.replace(tzinfo=None) == datetime(2026, 11, 12, 18, 30, 5)
    text = tmp_path / "note.txt"
    text.write_text("not a photo")
    assert vault.keep(text, limit=LIMIT, now=NOW).captured_at is None
    # 48 kB of PNG that Pillow refuses to open (400 megapixels): attached, with no capture time.
    bomb = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000)).save(bomb, optimize=True)
    assert vault.keep(bomb, limit=LIMIT, now=NOW).captured_at is None


def test_only_regular_files_within_the_limit_are_attached(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 2_000_000)
    link = tmp_path / "link.jpg"
    link.symlink_to(big)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    refused = {}
    for path in (big, link, fifo, tmp_path, tmp_path / "gone.jpg", Path("/proc/self/environ")):
        with pytest.raises(Refused) as error:
            vault.keep(path, limit=LIMIT, now=NOW)
        refused[path.name] = str(error.value)
    assert refused == {
        "video.mp4": "is 2.0 MB (2,000,000 bytes), over the limit of 1.0 MB (1,000,000 bytes)",
        "link.jpg": "a symbolic link, not followed",
        "fifo": "not a regular file (a device, pipe or socket)",
        tmp_path.name: "a folder",
        "gone.jpg": "not found",
        "environ": "on the special file system /proc, not read",
    }
    assert not vault.folder.exists() or not list(vault.folder.iterdir())


def test_a_path_only_file_warns_once_changed_or_gone_and_a_kept_one_once_missing(
    tmp_path: Path,
) -> None:
    vault = Vault(tmp_path / "vault")
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1")
    only_path = attached(a_case(), receipt, vault, copy=False)
    entry = only_path.evidence[0]
    assert not vault.folder.exists()
    assert vault.problem_with(entry) == ""
    receipt.write_bytes(b"%PDF-2")
    assert vault.problem_with(entry) == "the file changed since it was attached"
    receipt.unlink()
    assert vault.problem_with(entry) == "the file is not found"
    receipt.write_bytes(b"%PDF-1")
    kept = attached(a_case(), receipt, vault).evidence[0]
    assert vault.problem_with(kept) == ""
    next(vault.folder.iterdir()).unlink()
    assert vault.problem_with(kept) == "the kept copy is missing from the vault"


def test_the_pack_proves_each_file_and_zips_the_kept_copy_by_its_name(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    photo = a_photo(tmp_path / "defect.jpg", offset="+01:00")
    case = attached(a_case(), photo, vault)
    digest, size = sha256(photo), photo.stat().st_size
    original = photo.read_bytes()
    photo.unlink()
    deadlines = deadlines_for(case, ALIEXPRESS_BOOK, NOW.date())
    markdown = write_markdown(case, ALIEXPRESS_BOOK.policy_for(case), deadlines, NOW, vault)
    assert (
        f"  - SHA-256 `{digest}`, {size:,} bytes, taken 2026-11-12 18:30 "
        "+0100, attached 2026-11-26 12:00 +0000, a copy kept" in markdown
    )
    assert "left out" not in markdown
    payload, skipped = zip_pack(markdown, case, vault)
    archive = zipfile.ZipFile(io.BytesIO(payload))
    assert skipped == []
    assert archive.read("evidence/01-defect.jpg") == original


def test_purging_leaves_the_files_another_case_uses(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    shared = a_photo(tmp_path / "shared.jpg")
    own = a_photo(tmp_path / "own.jpg", taken="2026:11:13 10:00:00")
    purged = attached(attached(a_case(id="a"), shared, vault), own, vault)
    other = attached(a_case(id="b"), shared, vault)
    assert vault.used_only_by(purged, [other]) == [vault.folder / f"{sha256(own)}.jpg"]


def test_a_crash_mid_copy_leaves_no_half_file_once_the_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "returns.json"
    CaseStore.open(path).close()
    vault = Vault.beside(path)
    vault.folder.mkdir()
    (vault.folder / ".keeping-abc123").write_bytes(b"half")
    CaseStore.open(path).close()
    assert list(vault.folder.iterdir()) == []


def test_a_schema_4_store_is_upgraded_with_a_backup_and_its_files_have_no_fingerprint(
    tmp_path: Path,
) -> None:
    path = tmp_path / "returns.json"
    old = json.loads((Path(__file__).parents[2] / "data" / "demo.json").read_text())
    old["meta"]["1"]["schema_version"] = 4
    for document in old["cases"].values():
        for entry in document["evidence"]:
            del entry["file"]
    document = next(iter(old["cases"].values()))
    document["evidence"].append({"key": "custom-1", "label": "Receipt", "path": "/r.pdf"})
    path.write_text(json.dumps(old))
    store = CaseStore.open(path)
    case = store.get(document["id"])
    store.close()
    assert case.evidence_entry("custom-1").file is None
    assert json.loads(path.read_text())["meta"]["1"]["schema_version"] == 5
    [kept] = backups.backups_of(path)
    assert kept.name.endswith("-schema4.json")


def test_import_keeps_the_files_a_case_names_and_says_which_it_cannot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = a_photo(tmp_path / "defect.jpg")
    case, key = add_custom_evidence(a_case(), "Defect")
    case = set_evidence_details(case, key, str(photo), "")
    case, gone = add_custom_evidence(case, "Gone")
    case = set_evidence_details(case, gone, str(tmp_path / "gone.jpg"), "")
    source = tmp_path / "cases.json"
    other = CaseStore.open(tmp_path / "other.json")
    other.save(case)
    other.close()
    status, _, _ = run(
        capsys, "export", "json", "--db", str(tmp_path / "other.json"), "-o", str(source)
    )
    assert status == 0
    store_path = tmp_path / "returns.json"
    status, _, err = run(capsys, "import", str(source), "--db", str(store_path))
    assert status == 0, err
    assert f"evidence file not attached: {tmp_path / 'gone.jpg'}: not found" in err
    photo.unlink()
    store = CaseStore.open(store_path)
    imported = store.cases()[0]
    assert store.vault.path_of(imported.evidence_entry(key)) is not None
    assert imported.evidence_entry(gone).file is None
    store.close()


def test_no_export_or_copy_is_written_into_the_vault(tmp_path: Path) -> None:
    store = tmp_path / "returns.json"
    vault = Vault.beside(store)
    kept = vault.keep(a_photo(tmp_path / "a.jpg"), limit=LIMIT, now=NOW)
    with pytest.raises(TargetRefused, match="one of its files"):
        check_target(vault.folder / f"{kept.sha256}.jpg", store)


def test_restore_names_each_file_the_restored_store_refers_to_that_the_vault_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "returns.json"
    store = CaseStore.open(path)
    case = attached(
        a_case(order_number="8100000000000042"), a_photo(tmp_path / "a.jpg"), store.vault
    )
    store.save(case)
    store.close()
    [backup] = [backups.take_backup(path)]
    assert backup is not None
    for kept in store.vault.folder.iterdir():
        kept.unlink()  # a purge since the backup was taken
    status, out, err = run(capsys, "restore", "--db", str(path), "--backup", str(backup), "--yes")
    assert status == 0
    assert f"Restored {backup}" in out
    assert (
        f"order 8100000000000042, a.jpg: the evidence file {tmp_path / 'a.jpg'} is not in "
        f"{store.vault.folder}" in err
    )


def test_import_with_no_keep_fingerprints_and_copies_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = a_photo(tmp_path / "defect.jpg")
    case, key = add_custom_evidence(a_case(), "Defect")
    other = CaseStore.open(tmp_path / "other.json")
    other.save(set_evidence_details(case, key, str(photo), ""))
    other.close()
    source = tmp_path / "cases.json"
    run(capsys, "export", "json", "--db", str(tmp_path / "other.json"), "-o", str(source))
    store_path = tmp_path / "returns.json"
    status, _, err = run(capsys, "--no-keep", "import", str(source), "--db", str(store_path))
    assert status == 0, err
    store = CaseStore.open(store_path)
    entry = store.cases()[0].evidence_entry(key)
    store.close()
    assert entry.file is not None
    assert (entry.file.kept, entry.file.sha256) == (False, sha256(photo))
    assert not store.vault.folder.exists()


def test_import_keeps_what_was_recorded_and_never_a_file_changed_since(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = Vault(tmp_path / "elsewhere")
    same, changed = (
        a_photo(tmp_path / "same.jpg"),
        a_photo(tmp_path / "changed.jpg", "2026:11:13 10:00:00"),
    )
    case = attached(attached(a_case(), same, elsewhere), changed, elsewhere)
    recorded = {entry.path: entry.file for entry in case.evidence}
    changed.write_bytes(changed.read_bytes() + b"edited")
    other = CaseStore.open(tmp_path / "other.json")
    other.save(case)
    other.close()
    source = tmp_path / "cases.json"
    run(capsys, "export", "json", "--db", str(tmp_path / "other.json"), "-o", str(source))
    store_path = tmp_path / "returns.json"
    status, _, err = run(capsys, "import", str(source), "--db", str(store_path))
    assert status == 0, err
    assert f"{changed}: changed since it was attached, so not kept" in err
    store = CaseStore.open(store_path)
    imported = {entry.path: entry for entry in store.cases()[0].evidence}
    assert imported[str(same)].file == recorded[str(same)]  # its times and SHA-256 kept
    assert store.vault.path_of(imported[str(same)]) is not None
    assert imported[str(changed)].file == recorded[str(changed)]
    assert (
        store.vault.problem_with(imported[str(changed)])
        == "the kept copy is missing from the vault"
    )
    store.close()


def test_the_zip_packs_only_files_whose_sha256_is_the_one_listed(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault")
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1")
    case = attached(a_case(), receipt, vault, copy=False)
    receipt.write_bytes(b"%PDF-2")
    payload, skipped = zip_pack("", case, vault)
    assert zipfile.ZipFile(io.BytesIO(payload)).namelist() == ["evidence-pack.md"]
    assert [file.reason for file in skipped] == ["not the file attached (its SHA-256 differs)"]
