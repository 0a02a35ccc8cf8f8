"""A speed trick: the signatures of many files taken by two processes.

The results cache (`checker.engine.cache`) knows a case file is unchanged by its signature: size,
modification and change times and inode, as git's index keeps them. An unchanged check of 100,000
case files is mostly these 100,000 lstat calls; a second process takes half of them, so the system
calls run on two cores (bench/RESULTS.md, "signatures in two processes"). Elsewhere than Linux, for
fewer files than PARALLEL_FROM, or if the second process fails, they are taken in this one.
"""

from __future__ import annotations

import marshal
import os
import sys
from typing import Any

Signature = tuple[int, int, int, int]
PARALLEL_FROM = 20_000  # case files: fewer are signed faster than a second process starts


def take(files: list[tuple[str, str]]) -> list[Signature | None]:
    """Each file's signature (one lstat each: an unchanged 100,000-case check is mostly this). A
    large repository's are taken by two processes, half each, so that the system calls run on two
    cores (threads would queue for the interpreter's lock)."""
    if len(files) < PARALLEL_FROM or sys.platform != "linux":
        return stat(files)
    half = len(files) // 2
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the second half, marshalled back through the pipe
        try:
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(marshal.dumps(stat(files[half:])))
        finally:
            os._exit(0)
    os.close(write)
    first = stat(files[:half])
    with os.fdopen(read, "rb") as pipe:
        second = pipe.read()
    os.waitpid(child, 0)
    try:
        return first + marshal.loads(second)
    except (EOFError, ValueError, TypeError):  # the child did not finish: its half is taken here
        return first + stat(files[half:])


def plain(value: Any) -> bytes:
    """Paths and signatures as bytes to hash into a cache key: the same bytes for equal values,
    however they were made. Marshal's version 2 writes no references; later versions mark each
    object that something else also holds, so the same signatures would give other bytes, and
    another key, in a process that holds them elsewhere too (as a cold check's outcomes do)."""
    return marshal.dumps(value, 2)


def stat(files: list[tuple[str, str]]) -> list[Signature | None]:
    return [one(path) for path, _ in files]


def one(path: str) -> Signature | None:
    """A file's signature (None if it cannot be looked at): on a cold check, each file's is taken
    by the worker that reads it, just before it does, where the file's entry is already at hand."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
