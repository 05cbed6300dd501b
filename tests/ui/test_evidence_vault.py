"""Proof kept as the shopper uses it: a file attached with d outlives its original, a file that
cannot be attached is asked for again with the reason, and with copies off a changed file is
told apart."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.helpers import dashboard, record_notifications, type_text
from tui.app.returns_app import ReturnsApp
from tui.app.screens.form_dialog import FormDialog
from tui.cli import main
from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore

WIDE = (160, 48)


async def attach(app: ReturnsApp, name: str) -> str:
    """Attach the file `name` (in the working folder) to the first item of the selected case's
    checklist; the case's id."""
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "d")
        await type_text(pilot, name)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        case = dashboard(pilot).selected_case
        assert case is not None
        return case.id


async def test_an_attached_photo_outlives_its_original(
    demo_path: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short names to type
    photo = Path("IMG_0001.jpg")
    photo.write_bytes(b"\xff\xd8 a photo of the defect")
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    store = CaseStore.open(demo_path)
    case_id = await attach(ReturnsApp(store, clock, store_label="test"), photo.name)
    store.close()
    photo.unlink()  # the Downloads folder tidied

    store = CaseStore.open(demo_path)
    case = store.get(case_id)
    [entry] = [entry for entry in case.evidence if entry.path == photo.name]
    assert entry.path == str(photo)
    assert entry.file is not None
    assert entry.file.sha256 == digest
    kept = store.vault.path_of(entry)
    assert kept is not None
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == digest
    store.close()
    target = tmp_path / "pack.zip"
    assert (
        main(
            ["export", "md", "--db", str(demo_path), "--case", case_id, "--zip", "-o", str(target)]
        )
        == 0
    )
    packed = zipfile.ZipFile(target)
    [name] = [name for name in packed.namelist() if name.endswith("-IMG_0001.jpg")]
    assert hashlib.sha256(packed.read(name)).hexdigest() == digest
    assert f"SHA-256 `{digest}`" in packed.read("evidence-pack.md").decode()


async def test_a_file_that_cannot_be_attached_is_asked_for_again_with_the_reason(
    app: ReturnsApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short names to type
    (tmp_path / "photos").mkdir()
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        await pilot.press("3", "d")
        await type_text(pilot, "photos")
        await pilot.press("enter")
        # The file is looked at on a thread; the form comes back once it is refused.
        for _ in range(500):
            if shown and isinstance(app.screen, FormDialog):
                break
            await pilot.pause(0.01)
        assert shown[-1] == "Not attached: photos: a folder"
        assert app.screen.query_one("#path", Input).value == "photos"
        Path("photo.png").write_bytes(b"png")
        await pilot.press("ctrl+u")
        await type_text(pilot, "photo.png")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        case = dashboard(pilot).selected_case
        assert case is not None
        assert any(entry.path == "photo.png" and entry.file for entry in case.evidence)
