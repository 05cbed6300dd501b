"""Proof kept as the shopper uses it: a file attached with d outlives its original, a file that
cannot be attached is asked for again with the reason, and with copies off a changed file is
told apart."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.ui.helpers import dashboard, record_notifications, type_text
from tui.app.returns_app import ReturnsApp
from tui.app.screens.form_dialog import FormDialog
from tui.app.screens.question import QuestionDialog
from tui.cli import main
from tui.domain.actions import add_custom_evidence, set_evidence_details
from tui.domain.clock import FixedClock
from tui.domain.model import Case
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
    # Typed as a name in the working folder, recorded where it really is.
    [entry] = [entry for entry in case.evidence if entry.path == str(tmp_path.resolve() / photo)]
    assert entry.done
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
        real = str(tmp_path.resolve() / "photo.png")
        assert any(entry.path == real and entry.file for entry in case.evidence)


async def test_deleting_an_archived_case_for_good_asks_and_keeps_files_others_use(
    app: ReturnsApp, tmp_path: Path
) -> None:
    shared, own = tmp_path / "receipt.pdf", tmp_path / "defect.jpg"
    shared.write_bytes(b"%PDF shared")
    own.write_bytes(b"\xff\xd8 own")
    store = app.store
    first, second = store.cases()[:2]

    def with_files(case: Case, *paths: Path) -> Case:
        for path in paths:
            case, key = add_custom_evidence(case, path.name)
            kept = store.vault.keep(path, limit=10**6, now=app.clock.now())
            case = set_evidence_details(case, key, str(path), "", kept)
        return case

    store.save(replace(with_files(first, shared, own), archived=True))
    store.save(with_files(second, shared))
    async with app.run_test(size=WIDE) as pilot:
        shown = record_notifications(app)
        dashboard(pilot).select_case(first.id)
        await pilot.app.screen.run_action("run('purge_case')")
        await pilot.pause()
        assert isinstance(app.screen, QuestionDialog)
        assert "with the 1 evidence file(s) no other case uses" in str(
            app.screen.query_one("#text", Static).content
        )
        await pilot.press("y")
        await app.workers.wait_for_complete()
        assert store.find(first.id) is None
        assert shown[-1] == f"Deleted {first.item} for good, with 1 evidence file(s)"
    kept = {path.read_bytes() for path in store.vault.folder.iterdir()}
    assert b"%PDF shared" in kept
    assert b"\xff\xd8 own" not in kept


async def test_a_file_reached_through_a_linked_folder_is_attached_from_its_real_folder(
    app: ReturnsApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "var-home"
    real.mkdir()
    (real / "shot.png").write_bytes(b"png")
    (tmp_path / "home").symlink_to(real)  # a home folder that is a link, as on Fedora Atomic
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "d")
        await type_text(pilot, "home/shot.png")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        case = dashboard(pilot).selected_case
        assert case is not None
        [entry] = [entry for entry in case.evidence if entry.path.endswith("shot.png")]
        assert entry.path == str(real.resolve() / "shot.png")
        assert app.store.vault.path_of(entry) is not None
