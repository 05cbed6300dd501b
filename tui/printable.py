"""Making any text safe to print to a terminal without changing what it says.

Control characters (C0, DEL and C1) become visible symbols, so an escape sequence inside a store
name cannot reach the terminal and repaint it. Used by the app and by the command line alike.
"""

from __future__ import annotations

import re

# C0 controls become their Unicode "control picture" (U+2400 + code), DEL becomes ␡, C1
# controls become the replacement character.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_CONTROL_PICTURES.update(dict.fromkeys(range(128, 160), "�"))
_KEEP_LINE_BREAKS = {**_CONTROL_PICTURES, ord("\n"): "\n"}
# Most text has no control character at all: finding none is much cheaper than translating.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters replaced by visible symbols (line breaks kept if asked)."""
    if _ANY_CONTROL.search(text) is None:
        return text
    return text.translate(_KEEP_LINE_BREAKS if multiline else _CONTROL_PICTURES)
