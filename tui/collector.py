"""Pausing Python's garbage collector while a large, long-lived structure is built.

Reading a store or working out every case's deadlines allocates hundreds of thousands of
objects and frees almost none: each collection the allocations set off walks them all for
nothing (a tenth or more of the work at 100,000 cases).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection inside the block (the collector's state is restored after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_out_of_sight() -> None:
    """Move every object alive now out of the collector's sight (`gc.freeze`): what a long pass
    built lives as long as the app. Called before the collector is enabled again, so that its
    first collection does not walk the pass's million objects (half a second at 100,000
    cases); anything among them freed later is still freed when no longer referenced."""
    gc.freeze()
