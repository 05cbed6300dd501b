"""Showing text a user typed or imported exactly as it is, safely.

Everything user-provided reaches the screen through `user_text`, which builds a `Content` (never
parsed as markup, so `[bold]Shop[/]` shows as typed) after swapping terminal control characters
for visible symbols: an escape sequence inside a store name must not reach the terminal and
repaint the screen. The stored text is left exactly as the user gave it.
"""

from __future__ import annotations

from textual.content import Content

# C0 controls become their Unicode "control picture" (U+2400 + code), DEL becomes ␡, C1
# controls become the replacement character.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_CONTROL_PICTURES.update(dict.fromkeys(range(128, 160), "�"))
_KEEP_LINE_BREAKS = {**_CONTROL_PICTURES, ord("\n"): "\n"}


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters replaced by visible symbols (line breaks kept if asked)."""
    return text.translate(_KEEP_LINE_BREAKS if multiline else _CONTROL_PICTURES)


def user_text(text: str, style: str = "", *, multiline: bool = False) -> Content:
    """User-provided text as `Content`, shown verbatim, optionally styled as a whole."""
    return Content.styled(printable(text, multiline=multiline), style)
