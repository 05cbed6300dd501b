"""Python's garbage collector, handled in one place: paused while a large, long-lived structure
is built, and what was built frozen out of its sight once done.

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


def freeze_long_lived() -> None:
    """Move every object alive now out of the collector's sight (`gc.freeze`), for what lives as
    long as the app (the cases read, every case's deadlines, the first screen): its collections
    never walk those million objects again (half a second at 100,000 cases). Anything among
    them freed later is still freed when no longer referenced."""
    gc.freeze()
