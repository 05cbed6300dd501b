"""The footer of keys, rebuilt once for a burst of binding changes."""

from __future__ import annotations

from tui.app.textual_compat import BatchedFooter


class KeyFooter(BatchedFooter):
    """Textual's footer, rebuilt once however many times the bindings change before it is.

    Textual's footer rebuilds every key it shows each time the bindings change, and a start-up
    changes them four times in a row (focus moving, screens put in place): each rebuild mounts
    some thirty keys (20-30 ms of the keyboard thread while a big store is still loading).
    Changes that come before the rebuild has run share it.
    """
