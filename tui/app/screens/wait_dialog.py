"""Waiting for a big store's start-up pass, in sight: a command that needs every case shows
how far the pass is, keeps answering keys, and goes on by itself once it is done."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from tui.app.screens.dialog import Dialog
from tui.workspace import Loading

# How often the dialog looks how far the pass is.
_LOOK_SECONDS = 0.1


class WaitDialog(Dialog[bool]):
    """Shows `loading`'s progress; True once it is done, None if escape gives up waiting."""

    DEFAULT_CSS = """
    WaitDialog { background: $background 60%; }
    WaitDialog > #dialog { width: 64; }
    WaitDialog #text { margin: 1 0 0 0; }
    """

    def __init__(self, loading: Loading, what: str) -> None:
        super().__init__()
        self.start_up = loading  # not `loading`: Textual shows a loading indicator for that
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "One moment"
            dialog.border_subtitle = "esc cancel"
            yield Static(
                f"{self.what} needs every case: reading {self.start_up.total:,} cases…", id="text"
            )
            # Pulsing while the cases are read, then how many are worked out.
            yield ProgressBar(total=None, show_eta=False)

    def on_mount(self) -> None:
        self._looking = self.set_interval(_LOOK_SECONDS, self._look)
        self._look()

    def _look(self) -> None:
        if not self.is_current:
            return  # dismissed already (escape), or covered
        if self.start_up.finished or self.start_up.stop.is_set():
            self._looking.stop()  # dismissed once: a later look would find it gone
            self.dismiss(self.start_up.finished)
            return
        if self.start_up.done:
            self.query_one(ProgressBar).update(
                total=self.start_up.total, progress=self.start_up.done
            )
