"""Every screen renders at any terminal size, from 1x1 to 250x80, without an error."""

from __future__ import annotations

import pytest

from tui.app.returns_app import ReturnsApp

SIZES = [(1, 1), (20, 5), (40, 12), (80, 24), (250, 80)]
SCREENS = {
    "dashboard": [],
    "timeline": ["2"],
    "evidence": ["3"],
    "deadlines": ["4"],
    "case form": ["e"],
    "event form": ["a"],
    "stage picker": ["s"],
    "help": ["question_mark"],
    "prompt": ["w"],
    "palette": ["ctrl+p"],
    "message": ["m", "enter"],
    "statistics": ["S"],
    "settings": ["comma"],
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_every_screen_renders(app: ReturnsApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        for keys in SCREENS.values():
            await pilot.press(*keys)
            await pilot.pause()
            assert app.export_screenshot()
            while len(app.screen_stack) > 1:
                app.pop_screen()
                await pilot.pause()
            assert app.is_running
