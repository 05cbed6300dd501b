"""How pictures are drawn: the terminal's own graphics where it has them, half-blocks elsewhere.

textual-image draws a picture with Kitty's graphics protocol or Sixel where the terminal has
them and with coloured half-blocks (two pixels a cell) everywhere else, tmux and plain xterm
included. It finds out which by asking the terminal (escape sequences answered on stdin) when
`textual_image.renderable` is first imported, and the asking must be over before Textual
starts reading stdin, or Textual reads the answers as keys.

Asking costs: tmux answers the Sixel question but not Kitty's, which waits out a 100 ms
timeout; asking it took 122 ms in the app (tmux 3.3a, 160x48), and the app's first paint in tmux
went from 698 to 815 ms (medians). So it asks only where the environment says the terminal may
draw pictures (kitty, WezTerm, foot..., never inside tmux or screen), from the command line
just before the app starts
(`probe_terminal`). Everywhere else, and in tests, pictures are half-blocks and the library is
imported on first use with its questions switched off (`picture_kind`): nothing is ever asked
of a terminal Textual is reading. `RETURNS_TUI_GRAPHICS=ask` asks in any terminal (a Sixel
xterm, tmux built with Sixel), `=blocks` never asks.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GRAPHICS_ENVIRONMENT_VARIABLE = "RETURNS_TUI_GRAPHICS"
# Terminals that draw pictures, as they name themselves in TERM, TERM_PROGRAM or a variable
# of their own. Inside tmux or screen these variables are inherited from the terminal outside
# while pictures would have to pass through the multiplexer: half-blocks there.
_PICTURE_TERMS = frozenset(
    {"xterm-kitty", "xterm-ghostty", "foot", "foot-extra", "wezterm", "mlterm", "contour"}
)
_PICTURE_PROGRAMS = frozenset({"WezTerm", "ghostty", "iTerm.app", "mintty"})
_PICTURE_VARIABLES = ("KITTY_WINDOW_ID", "WEZTERM_PANE", "KONSOLE_VERSION")
_MULTIPLEXER_VARIABLES = ("TMUX", "STY")
# textual-image's own cell size when it cannot find the terminal's (a VT340's), in pixels.
_DEFAULT_CELL = (10, 20)


def may_draw_pictures(environ: Mapping[str, str]) -> bool:
    """Whether the terminal is worth asking whether it draws pictures."""
    choice = environ.get(GRAPHICS_ENVIRONMENT_VARIABLE, "").strip().lower()
    if choice in ("ask", "blocks"):
        return choice == "ask"
    term = environ.get("TERM", "")
    if any(environ.get(name) for name in _MULTIPLEXER_VARIABLES) or term.startswith(
        ("screen", "tmux")
    ):
        return False
    return (
        term in _PICTURE_TERMS
        or environ.get("TERM_PROGRAM", "") in _PICTURE_PROGRAMS
        or any(environ.get(name) for name in _PICTURE_VARIABLES)
    )


@dataclass(frozen=True, slots=True)
class PictureKind:
    """How pictures are drawn: the textual-image widget class, and a cell's size in the
    picture's pixels (1 x 2 for half-blocks)."""

    widget: type[Any]
    cell: tuple[int, int]
    name: str


_lock = threading.Lock()
_asked = False
_kind: PictureKind | None = None


def probe_terminal(environ: Mapping[str, str] = os.environ) -> bool:
    """Ask the terminal what it draws, if it may draw pictures and stdin and stdout are a
    terminal; whether it was asked. Call only before the app starts reading stdin."""
    global _asked
    stdin, stdout = sys.__stdin__, sys.__stdout__
    if not (stdin and stdout and stdin.isatty() and stdout.isatty()):
        return False
    if not may_draw_pictures(environ):
        return False
    with _lock:
        if _kind is None and not _asked:
            try:
                import textual_image.widget  # noqa: F401 (importing it asks)
            except Exception:  # (a terminal of 0 columns divides by zero): half-blocks then
                return False
            _asked = True
    return _asked


def picture_kind() -> PictureKind:
    """How pictures are drawn here, importing textual-image (about 20 ms, Pillow included)
    the first time; safe from any thread, and never asks the terminal anything."""
    global _kind
    with _lock:
        if _kind is None:
            if not _asked:
                _switch_off_questions()
            _kind = _chosen_kind(asked=_asked)
        return _kind


def _switch_off_questions() -> None:
    """Make every question textual-image would ask the terminal fail at once, without a
    byte written or read, so that its detection settles on half-blocks; and give it its own
    default cell size rather than the terminal's (half-blocks draw two pixels a cell whatever
    the cell's size, and the same picture then takes the same cells in every terminal).
    Done before its modules that ask are imported (they bind the function as they load)."""
    from textual_image import _terminal

    def asks_nothing(*_arguments: object, **_options: object) -> Any:
        raise _terminal.TerminalError("returns-tui asks the terminal nothing once it runs")

    _terminal.capture_terminal_response = asks_nothing  # type: ignore[assignment]
    # get_cell_size keeps its answer here (and otherwise divides by a terminal's columns,
    # which a pseudo-terminal never sized reports as 0).
    _terminal.get_cell_size._result = _terminal.CellSize(*_DEFAULT_CELL)  # type: ignore[attr-defined]


def _chosen_kind(*, asked: bool) -> PictureKind:
    from textual_image import renderable, widget
    from textual_image._terminal import get_cell_size

    if asked and renderable.Image is renderable.TGPImage:
        cell = get_cell_size()
        return PictureKind(widget.TGPImage, (cell.width, cell.height), "Kitty graphics")
    if asked and renderable.Image is renderable.SixelImage:
        cell = get_cell_size()
        return PictureKind(widget.SixelImage, (cell.width, cell.height), "Sixel")
    return PictureKind(widget.HalfcellImage, (1, 2), "half-blocks")
