"""Whatever a shopper types shows exactly as typed, in every pane, and never crashes."""

from __future__ import annotations

import html
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ui.helpers import dashboard
from tui.app.returns_app import ReturnsApp
from tui.app.text import user_text
from tui.app.textual_compat import screen_lines
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


BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@given(st.text())
@settings(max_examples=300)
def test_any_string_becomes_the_same_text_minus_control_characters(text: str) -> None:
    shown = user_text(text).plain
    assert shown == printable(text)
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in shown)
    assert not set(shown) & set(BIDI_CONTROLS)


def test_control_characters_become_visible_symbols() -> None:
    assert printable("a\x1b[2Jb\x07") == "a␛[2Jb␇"
    assert printable("line\nbreak", multiline=True) == "line\nbreak"
    assert printable("line\nbreak") == "line␊break"
    assert printable("invoice\u202efdp.exe") == "invoice<U+202E>fdp.exe"


async def test_bidi_controls_never_bend_a_pane_border(app: ReturnsApp) -> None:
    case = app.store.cases()[0]
    hostile = "Earbuds " + "x".join(BIDI_CONTROLS) + " end"
    app.store.save(replace(case, item=hostile, store=hostile))
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard(pilot).select_case(case.id)
        await pilot.pause()
        lines = screen_lines(pilot.app.screen)
    assert any("Earbuds <U+061C>x<U+200E>x" in line for line in lines)
    # One character per cell: no zero-width character a terminal could draw or reorder.
    assert [len(line) for line in lines] == [120] * 40


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
