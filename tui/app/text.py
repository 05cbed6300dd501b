"""Showing text a user typed or imported exactly as it is, safely.

Everything user-provided reaches the screen through `user_text`, which builds a `Content` (never
parsed as markup, so `[bold]Shop[/]` shows as typed) from the text made printable: control
characters are swapped for visible symbols. The stored text is left exactly as the user gave it.
"""

from __future__ import annotations

from textual.content import Content

from tui.printable import printable


def user_text(text: str, style: str = "", *, multiline: bool = False) -> Content:
    """User-provided text as `Content`, shown verbatim, optionally styled as a whole."""
    return Content.styled(printable(text, multiline=multiline), style)


def editable(text: str) -> str:
    """What an input field shows for stored `text`: control characters made visible."""
    return printable(text)


def as_edited(shown: str, stored: str) -> str:
    """The text to keep from a field: the stored text itself unless the user changed it.

    Fields show control characters as symbols (`editable`); saving an untouched field must not
    replace the stored characters with those symbols.
    """
    return stored if shown == editable(stored) else shown
