"""Every use of Textual's private or undocumented parts, in one place.

The rest of the app and the tests call the plainly named functions and classes here, never a
Textual name that starts with an underscore, and never replace a Textual class at run time.
`tests/unit/test_textual_compat.py` checks that each private name used here still exists with
the shape this module expects (so a Textual upgrade fails there, loudly, not in a user's
terminal), and scans the rest of the source so that no such use creeps back elsewhere.

What each workaround is for, and why Textual's public API does not do it (Textual 8.2):

- A terminal that goes away never hangs the app (`install_bounded_writer`, `abandon_terminal`):
  Textual's writer thread blocks for ever on a dead terminal (Textual issue #6692).
- Keys typed while a dialog opens are dropped (`KeyGateApp`): no public hook sees a key before
  the focused widget and the bindings do.
- The footer of keys is rebuilt once per burst of binding changes (`BatchedFooter`): Textual's
  footer rebuilds on every change, and offers no public hook for when the bindings change.
- The agenda scrolls to an option's first line (`option_at_lines`, `option_first_line`,
  `option_height`): `OptionList` says which line draws which option only in private properties.
- Tests read the screen as text and wait for it to be idle (`screen_lines`, `wait_for_screen`,
  `render_now`): Pilot offers `pause`, which does both waits and sleeps on top, and no text of
  the screen but an SVG.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Sequence
from typing import IO, Any, TypeVar

from textual import events
from textual.app import App
from textual.drivers import _writer_thread, linux_driver
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, OptionList

# ----- A terminal that goes away never hangs the app (Textual issue #6692) ------------------
#
# Textual writes to the terminal through a thread fed by a queue of at most 30 writes. When the
# terminal closes under the app (the window is closed, `tmux kill-session`), that thread dies on
# the first failed write (EIO) and nobody empties the queue again: the next `Queue.put` blocks
# the event loop for ever, in `App._shutdown` -> `LinuxDriver.close` -> `WriterThread.stop`. The
# hung process then ignores SIGTERM and keeps the store's lock. Textual 8.2's `WriterThread`
# still puts and joins with no timeout, and `LinuxDriver` takes its writer class from its module
# with no public way to pass another, so the module's name is replaced.

# How long a write may wait for room in the queue before the terminal is taken for dead.
PUT_SECONDS = 3.0
# How long stopping waits for the thread to write out what is queued.
STOP_SECONDS = 2.0


class BoundedWriterThread(_writer_thread.WriterThread):
    """Textual's terminal writer, except that nothing ever blocks on a dead terminal.

    A failed write marks the terminal dead and everything after it is dropped; a write that
    cannot be queued within `PUT_SECONDS` (a terminal that stopped reading) does the same;
    stopping waits at most `STOP_SECONDS`.
    """

    def __init__(self, file: IO[str]) -> None:
        super().__init__(file)
        self.dead = threading.Event()

    def write(self, text: str) -> None:
        if self.dead.is_set():
            return
        try:
            self._queue.put(text, timeout=PUT_SECONDS)
        except queue.Full:
            self.abandon()

    def abandon(self) -> None:
        """The terminal is gone: drop what is queued and everything written from now on."""
        self.dead.set()
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)  # wakes the thread if it waits, so that it ends

    def run(self) -> None:
        try:
            super().run()
        except (OSError, ValueError):  # EIO, a broken pipe, a closed file
            self.abandon()

    def stop(self) -> None:
        if not self.dead.is_set():
            try:
                self._queue.put(None, timeout=PUT_SECONDS)
            except queue.Full:
                self.abandon()
        self.join(STOP_SECONDS)


def install_bounded_writer() -> None:
    """Make Textual's terminal driver write through `BoundedWriterThread` (idempotent)."""
    linux_driver.WriterThread = BoundedWriterThread  # type: ignore[misc]


def abandon_terminal(app: App[Any]) -> None:
    """Stop writing to `app`'s terminal at once: it was closed (SIGHUP), so that shutting down
    never waits on it and goes straight to closing the store and releasing its lock."""
    writer = getattr(app._driver, "_writer_thread", None)
    if isinstance(writer, BoundedWriterThread):
        writer.abandon()


# ----- Keys dropped while a dialog opens -----------------------------------------------------
#
# Every key reaches `App.on_event` twice: coming in from the driver, and on its way back up from
# the focused widget before the app's bindings run. Returning there without passing it on is the
# one place that stops a key before a widget or a binding acts on it.

ReturnType = TypeVar("ReturnType")


class KeyGateApp(App[ReturnType]):
    """An app that drops every key while `keys_closed` says so."""

    def keys_closed(self) -> bool:
        """Whether keys are dropped now (never, unless a subclass says otherwise)."""
        return False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.keys_closed():
            return
        await super().on_event(event)


# ----- The footer of keys, rebuilt once per burst of binding changes --------------------------
#
# Textual's footer subscribes `Footer.bindings_changed` to the screen's `bindings_updated_signal`
# and rebuilds every key it shows on each call; a start-up changes the bindings four times in a
# row. `bindings_changed` is the only place to hook in: it also marks the footer's bindings as
# ready, so the rebuild goes through it, later, once.


class BatchedFooter(Footer):
    """Textual's footer, rebuilt once however many times the bindings change before it is."""

    _rebuild_asked = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen[Any]) -> None:
        self._rebuild_asked = False
        super().bindings_changed(screen)


# ----- Where each option of an option list is drawn --------------------------------------------
#
# `OptionList` keeps which of its lines draws which option (an option can take several lines)
# only in private properties; the agenda needs it to scroll to an option's first line.


def option_at_lines(option_list: OptionList) -> Sequence[tuple[int, int]]:
    """For each line `option_list` draws: its option's index and the line's place in it."""
    return option_list._lines


def option_first_line(option_list: OptionList, index: int) -> int:
    """The line on which option `index` of `option_list` starts."""
    return option_list._index_to_line[index]


def option_height(option_list: OptionList, index: int) -> int:
    """How many lines option `index` of `option_list` takes."""
    return option_list._heights[index]


# ----- For tests and benchmarks ----------------------------------------------------------------


async def wait_for_screen(pilot: Pilot[Any]) -> None:
    """Wait until the screen and its widgets have handled every message sent so far (what
    `Pilot.pause` waits for first, without the sleep and render after it)."""
    await pilot._wait_for_screen()


def render_now(screen: Screen[Any]) -> None:
    """Render `screen` now, as its next frame would (what `Pilot.pause` does last)."""
    screen._on_timer_update()


def screen_lines(screen: Screen[Any]) -> list[str]:
    """The text of every line `screen` shows, one character per cell."""
    return [strip.text for strip in screen._compositor.render_strips()]
