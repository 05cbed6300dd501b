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
