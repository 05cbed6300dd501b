"""The Evidence pane's preview: the highlighted item's picture, or why there is none, read off
the keyboard's thread so that keys answer meanwhile, and never a picture of an item the
highlight has left."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from textual.pilot import Pilot

from tests.export_screenshots import finish_work
from tests.pictures import BLUE, RED, YELLOW, close_to, plain, quadrants
from tests.ui.helpers import dashboard
from tests.unit.test_vault import a_photo
from tui.app import picture
from tui.app.picture import Picture
from tui.app.returns_app import ReturnsApp
from tui.app.textual_compat import screen_lines
from tui.app.widgets.evidence_list import EvidenceList
from tui.app.widgets.evidence_preview import EvidencePreview
from tui.domain import actions
from tui.domain.evidence import checklist

WIDE = (160, 48)
NARROW = (80, 24)


async def give_files(pilot: Pilot[None], *paths: Path | str) -> list[str]:
    """Record `paths` as the files of the selected case's first checklist items, as `d` does;
    the keys of those items."""
    screen = dashboard(pilot)
    case = screen.selected_case
    assert case is not None
    keys = [item.key for item in checklist(case)][: len(paths)]
    for key, path in zip(keys, paths, strict=True):
        case = actions.set_evidence_details(case, key, str(path), "")
    screen.store.save(case)
    screen.refresh_cases()
    await pilot.pause()
    return keys


def preview_of(pilot: Pilot[None]) -> EvidencePreview:
    return pilot.app.screen.query_one(EvidencePreview)


async def settled(pilot: Pilot[None]) -> EvidencePreview:
    """The preview once every picture asked for has been read and drawn."""
    await finish_work(pilot.app)
    await pilot.pause()
    return preview_of(pilot)


def drawn(pilot: Pilot[None]) -> str:
    """The screen's text, where a half-block picture shows as its upper half blocks."""
    return "\n".join(screen_lines(pilot.app.screen))


async def test_a_highlighted_picture_is_shown_with_its_name(
    app: ReturnsApp, tmp_path: Path
) -> None:
    path = quadrants(tmp_path / "quarters.png")
    async with app.run_test(size=WIDE) as pilot:
        await give_files(pilot, path)
        await pilot.press("3")
        preview = await settled(pilot)
        assert preview.display
        assert preview.path == path
        assert preview.note == ""
        assert isinstance(preview.picture, Picture)
        assert (preview.picture.width, preview.picture.height) == (64, 48)
        image = preview.picture.image
        assert close_to(image.getpixel((0, 0)), RED)
        assert close_to(image.getpixel((image.width - 1, image.height - 1)), YELLOW)
        assert "▀" * 10 in drawn(pilot)
        assert "quarters.png · not kept: d keeps a copy" in drawn(pilot)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: folder / "not-there.jpg", "No preview: not found"),
        (lambda folder: _text(folder / "chat.txt"), "No preview: not a picture"),
        (lambda folder: folder, "No preview: a folder"),
        (lambda folder: "/proc/self/environ", "No preview: on the special file system /proc"),
        (lambda folder: folder / "[/]\x1b[2J.png", "No preview: not found"),
    ],
    ids=["missing", "not-a-picture", "folder", "proc", "markup-and-escapes"],
)
async def test_a_file_that_is_no_picture_says_why_instead(
    app: ReturnsApp, tmp_path: Path, make: Callable[[Path], Path | str], reason: str
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await give_files(pilot, make(tmp_path))
        await pilot.press("3")
        preview = await settled(pilot)
        assert preview.picture is None
        assert preview.note.startswith(reason)
        assert reason in drawn(pilot)
        assert "▀" not in drawn(pilot)


async def test_an_item_without_a_file_says_how_to_record_one(
    app: ReturnsApp, tmp_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await give_files(pilot, quadrants(tmp_path / "q.png"), "")
        await pilot.press("3", "j")
        preview = await settled(pilot)
        assert preview.path is None
        assert preview.picture is None
        assert "No file recorded for this item: d sets one" in drawn(pilot)


async def test_moving_on_quickly_leaves_the_newest_items_picture(
    app: ReturnsApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first item's picture is still being read (held here until released) when the
    highlight moves to the second: the keys answer, the second's picture shows, and the
    first's, arriving last, is dropped."""
    slow = plain(tmp_path / "slow.png", RED)
    quick = plain(tmp_path / "quick.png", BLUE)
    release = threading.Event()
    read_on: list[threading.Thread] = []
    real = picture.load_picture

    def held(path: Path, *arguments: object) -> object:
        read_on.append(threading.current_thread())
        if path == slow:
            release.wait(timeout=30)
        return real(path, *arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(picture, "load_picture", held)
    async with app.run_test(size=WIDE) as pilot:
        try:
            await give_files(pilot, slow, quick)
            await pilot.press("3")
            checklist_ = pilot.app.screen.query_one(EvidenceList)
            first = checklist_.highlighted
            await pilot.press("j", "k", "j")  # answered while the slow picture is read
            assert checklist_.highlighted == first + 1
            await pilot.pause()
            preview = preview_of(pilot)
            for _ in range(200):
                if preview.picture is not None:
                    break
                await pilot.pause(0.01)
            assert preview.path == quick
            assert preview.picture is not None
            assert close_to(preview.picture.image.getpixel((0, 0)), BLUE)
        finally:
            release.set()
        preview = await settled(pilot)
        assert preview.path == quick
        assert close_to(preview.picture.image.getpixel((0, 0)), BLUE)  # type: ignore[union-attr]
        assert threading.main_thread() not in read_on


@pytest.mark.slow
async def test_a_twenty_megapixel_photo_is_read_while_keys_answer(
    app: ReturnsApp, tmp_path: Path
) -> None:
    path = tmp_path / "big.jpg"
    Image.open(quadrants(tmp_path / "q.png", (5000, 4000))).save(path, "JPEG", quality=90)
    async with app.run_test(size=WIDE) as pilot:
        await give_files(pilot, path, "")
        await pilot.press("3")
        checklist_ = pilot.app.screen.query_one(EvidenceList)
        first = checklist_.highlighted
        await pilot.press("j")
        assert checklist_.highlighted == first + 1
        await pilot.press("k")
        assert checklist_.highlighted == first
        preview = await settled(pilot)
        assert preview.path == path
        assert isinstance(preview.picture, Picture)
        assert (preview.picture.width, preview.picture.height) == (5000, 4000)
        assert max(preview.picture.image.size) <= 160  # shrunk to the pane's size
        assert close_to(preview.picture.image.getpixel((0, 0)), RED, within=30)


async def test_a_case_with_no_file_leaves_the_pane_to_its_checklist(
    app: ReturnsApp, tmp_path: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j", "3")  # the demo's third case has no file
        await pilot.pause()
        assert preview_of(pilot).region.height == 0
        await give_files(pilot, quadrants(tmp_path / "q.png"))
        await settled(pilot)
        assert preview_of(pilot).region.height > 5


async def test_a_small_terminal_keeps_the_pane_for_the_checklist(
    app: ReturnsApp, tmp_path: Path
) -> None:
    """At 80x24 one pane shows at a time and the checklist needs all of it: no preview."""
    async with app.run_test(size=NARROW) as pilot:
        await give_files(pilot, quadrants(tmp_path / "q.png"))
        await pilot.press("3")
        await settled(pilot)
        assert preview_of(pilot).region.height == 0
        assert "▀" not in drawn(pilot)


def _text(path: Path) -> Path:
    path.write_text("Seller: no refund without photos")
    return path


async def test_an_attached_photo_says_when_it_was_taken_and_why_to_doubt_it(
    app: ReturnsApp, tmp_path: Path
) -> None:
    photo = a_photo(tmp_path / "defect.jpg", taken="2026:11:01 09:15:00", offset="+01:00")
    async with app.run_test(size=WIDE) as pilot:
        screen = dashboard(pilot)
        case = screen.selected_case
        assert case is not None
        assert case.received_on is not None
        kept = screen.store.vault.keep(photo, limit=10**6, now=screen.workspace.now, copy=False)
        keys = [item.key for item in checklist(case)]
        key = next(k for k in ("defect_photos", "item_photos") if k in keys)
        screen.store.save(actions.set_evidence_details(case, key, str(photo), "", kept))
        screen.refresh_cases()
        await pilot.press("3")
        screen.query_one(EvidenceList).highlighted = screen.query_one(
            EvidenceList
        ).get_option_index(key)
        await settled(pilot)
        text = drawn(pilot)
        assert f"defect.jpg · {kept.size:,} bytes · path only" in text
        assert f"taken 2026-11-01 09:15 · attached {screen.workspace.now:%Y-%m-%d}" in text
        assert f"⚠ Taken before the parcel arrived ({case.received_on})" in text
        assert "changed since" not in text
        # Only the path is kept: an edit of the same size is found by its SHA-256, off the keys.
        photo.write_bytes(photo.read_bytes()[:-1] + b"\x00")
        screen.query_one(EvidenceList).action_cursor_down()
        screen.query_one(EvidenceList).action_cursor_up()
        await settled(pilot)
        assert "⚠ The file changed since it was attached" in drawn(pilot)


async def test_at_80x24_the_checklist_itself_says_why_to_doubt_a_file(
    app: ReturnsApp, tmp_path: Path
) -> None:
    early = a_photo(tmp_path / "early.jpg", taken="2026:11:01 09:15:00")
    gone = tmp_path / "gone.png"
    gone.write_bytes(b"png")
    async with app.run_test(size=NARROW) as pilot:
        screen = dashboard(pilot)
        case = screen.selected_case
        assert case is not None
        for key, path in (("defect_photos", early), ("order_details", gone)):
            kept = screen.store.vault.keep(path, limit=10**6, now=screen.workspace.now, copy=False)
            case = actions.set_evidence_details(case, key, str(path), "", kept)
        screen.store.save(case)
        gone.unlink()
        screen.refresh_cases()
        await pilot.press("3")
        await settled(pilot)
        text = drawn(pilot)
        assert f"⚠ taken before the parcel arrived ({case.received_on})" in text
        assert "⚠ the file is not found" in text
