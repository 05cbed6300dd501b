"""Whatever a shopper types shows exactly as typed, in every pane, and never crashes."""

from __future__ import annotations

import html
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ui.helpers import dashboard
from tui.app.returns_app import ReturnsApp
from tui.app.text import user_text
from tui.domain.actions import add_custom_evidence, add_event
from tui.domain.model import EventKind
from tui.printable import printable

HOSTILE = [
    "[bold]Shop[/]",
    "[/]",
    "[link=http://x]click[/link]",
    "\\[escaped\\]",
    "$accent $error",
    "متجر عربي",
    "店铺 🛍️",
    "end\x1b[2Jwiped",
]


@given(st.text())
@settings(max_examples=300)
def test_any_string_becomes_the_same_text_minus_control_characters(text: str) -> None:
    shown = user_text(text).plain
    assert shown == printable(text)
    assert len(shown) == len(text)
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in shown)


def test_control_characters_become_visible_symbols() -> None:
    assert printable("a\x1b[2Jb\x07") == "a␛[2Jb␇"
    assert printable("line\nbreak", multiline=True) == "line\nbreak"
    assert printable("line\nbreak") == "line␊break"


async def test_hostile_text_shows_verbatim_in_every_pane(app: ReturnsApp) -> None:
    case = app.store.cases()[0]
    for index, text in enumerate(HOSTILE):
        changed = replace(case, id=f"hostile-{index}", item=text, store=text, order_number=text)
        changed = add_event(changed, EventKind.NOTE, text, app.clock.now())
        changed, _ = add_custom_evidence(changed, text)
        app.store.save(changed)
    async with app.run_test(size=(250, 80)) as pilot:
        for index, text in enumerate(HOSTILE):
            dashboard(pilot).select_case(f"hostile-{index}")
            await pilot.pause()
            screen = html.unescape(pilot.app.export_screenshot()).replace("\u00a0", " ")
            assert printable(text) in screen
            assert "\x1b" not in screen
