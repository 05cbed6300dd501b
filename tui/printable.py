"""Making any text safe to print to a terminal without changing what it says.

Control characters (C0, DEL and C1) become visible symbols, so an escape sequence inside a store
name cannot reach the terminal and repaint it; bidirectional controls (right-to-left override,
isolates, marks) become visible escapes such as `<U+202E>`, so they cannot reorder what a line
shows. Used by the app, the command line and the evidence pack alike.
"""

from __future__ import annotations

import re

# C0 controls become their Unicode "control picture" (U+2400 + code), DEL becomes ␡, C1
# controls become the replacement character.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_CONTROL_PICTURES.update(dict.fromkeys(range(128, 160), "�"))
# Bidirectional controls (the Arabic letter mark, LRM and RLM, embeddings, overrides, isolates)
# become their code point, `<U+202E>`.
_BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROL_PICTURES.update({code: f"<U+{code:04X}>" for code in _BIDI_CONTROLS})
_KEEP_LINE_BREAKS = {**_CONTROL_PICTURES, ord("\n"): "\n"}
# Most text has no control character at all: finding none is much cheaper than translating.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(map(chr, _BIDI_CONTROLS)) + "]")


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters replaced by visible symbols (line breaks kept if asked)."""
    if _ANY_CONTROL.search(text) is None:
        return text
    return text.translate(_KEEP_LINE_BREAKS if multiline else _CONTROL_PICTURES)
