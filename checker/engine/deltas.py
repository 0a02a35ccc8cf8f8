"""A speed trick: a cache file kept as a base and the changes since, as git's split index keeps
its index, so that a run which evaluated one case file writes that file's outcome, not 100,000.

The results cache keeps entries by key: each case file's outcome by its path, each chunk's
tallies by the chunk's key. Every entry is checked against what it stands for when it is used (a
file's outcome against the file's signature; a chunk's key is a hash of its files' signatures),
so a base and changes kept under the same fingerprint always merge into a cache that holds only
what is true, the changes winning: an entry that no longer holds is simply not used, whichever
run wrote it. A run writes the changes since the base alone while they are few (at most REBASE
of the entries, or REBASE_FLOOR); past that, or with no base to change, it writes a whole new
base and removes the changes. bench/RESULTS.md gives what it saves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

REBASE = 0.05  # of the entries: past this many changed or gone, a whole new base is written
REBASE_FLOOR = 1_000  # entries: a repository this small is always rewritten in a moment


def merged(base: dict[K, V], changes: dict[K, V]) -> dict[K, V]:
    """The entries of a base with its changes over them."""
    return {**base, **changes} if changes else base


def changes(base: Mapping[K, V], final: Mapping[K, V]) -> dict[K, V] | None:
    """The entries of `final` that are not the base's own (not the very objects read from it:
    an entry kept unchanged is never compared field by field), if they and the base's entries
    that `final` no longer holds are few enough to be kept as changes; None if a whole new base
    should be written instead."""
    if not base:
        return None
    changed = {key: value for key, value in final.items() if base.get(key) is not value}
    gone = len(base) - (len(final) - len(changed))
    if len(changed) + gone > max(REBASE_FLOOR, REBASE * len(final)):
        return None
    return changed
