"""The footer of keys, rebuilt once for a burst of binding changes."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer, rebuilt once however many times the bindings change before it is.

    Textual's footer rebuilds every key it shows each time the bindings change, and a start-up
    changes them four times in a row (focus moving, screens put in place): each rebuild mounts
    some thirty keys (20-30 ms of the keyboard thread while a big store is still loading).
    Changes that come before the rebuild has run share it.
    """

    _rebuild_asked = False

    def bindings_changed(self, screen: Screen) -> None:
        if not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen) -> None:
        self._rebuild_asked = False
        super().bindings_changed(screen)
