"""A scrolling view for text to read (help, statistics): arrows, j/k, PageUp/PageDown,
Home/End, all from the keyboard, so nothing on it is out of reach on a small terminal."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll


class ReadingScroll(VerticalScroll, can_focus=True):
    """A focusable vertical scroll with the vim keys as well as the usual ones."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]
