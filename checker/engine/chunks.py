"""A speed trick: the collectors' tallies (the report's figures, the site's privacy fingerprints)
kept by chunk of case files, so that one changed case costs one chunk counted again, not all.

The case files, in path order, are cut after each file whose path's CRC-32 is a multiple of
SPAN: chunks of about SPAN files, cut by their paths alone, so a file added or removed changes its
own chunk's members and never where another begins. A run of more than MOST files without such a
cut is cut every MOST files as well, so that no change costs more than MOST files counted again
(at 100,000 cases the longest chunk was 2,631 files, and the chunk of a file picked at random
held 988 on average; with MOST, 549). Those cuts move with a file added or removed before them,
but only as far as the next cut by path. A chunk is known by a hash of its files'
paths and signatures (`key`): the results cache keeps each chunk's tallies under it, and the
engine merges the chunks' tallies in path order, as it merges a full evaluation's batches, so the
figures are the same either way (tests/test_cache.py compares every output with and without the
cache). bench/RESULTS.md gives what it saves.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

from checker.engine.signatures import Signature, plain

SPAN = 512  # files in a chunk, on average: small enough to count again at once, few to merge
MOST = 768  # files in a chunk at most


def cut(files: Sequence[tuple[str, str]]) -> list[tuple[int, int]]:
    """The chunks of `files` (in path order), each as its first index and the one after its last."""
    found, start = [], 0
    for index, (_, shown) in enumerate(files):
        if (
            zlib.crc32(shown.encode("utf-8", "surrogateescape")) % SPAN == 0
            or index + 1 - start >= MOST
        ):
            found.append((start, index + 1))
            start = index + 1
    if start < len(files):
        found.append((start, len(files)))
    return found


def key(files: Sequence[tuple[str, str]], signatures: Sequence[Signature | None]) -> str | None:
    """What a chunk's tallies are kept under: its files' paths and signatures hashed (None if a
    file has no signature, so its tallies are never kept)."""
    if None in signatures:
        return None
    shown = [path for _, path in files]
    return hashlib.sha256(plain((shown, list(signatures)))).hexdigest()
