"""A speed trick: the cycle collector paused while the engine makes containers by the 100,000.

Python's collector runs whenever a few hundred more containers (lists, dicts, tuples, objects) have
been made than freed, and every tenth run traces the older ones too, so a process that keeps
100,000 outcomes traces them again and again while it makes them. What the engine makes (parsed
cases, outcomes and findings, the cache's columns) holds no cycles: reference counting frees all
of it, and the collector finds nothing. So the collector is paused while a batch is evaluated,
while the outcomes come back and are kept, and while a cache file is read; it runs again after,
as before. Measured at 100,000 cases, the main process's collections took 0.36 s of a cold check
(bench/RESULTS.md, "the cycle collector paused").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

PAUSE = True  # the bench turns the trick off to time it


@contextmanager
def untraced() -> Iterator[None]:
    """The collector paused inside the block (if it was running), and running again after."""
    collecting = gc.isenabled() and PAUSE
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
