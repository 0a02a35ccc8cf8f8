"""Writing files without ever losing one: atomic, never overwriting, safe when run twice at once."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`, whole or not at all; FileExistsError if it already exists.

    The text goes to a temporary file in the same folder, is flushed to disk, and is then linked
    into place: `link` fails if the name exists, so two writers can never take the same name and
    a reader never sees half a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path, text.encode("utf-8"))
    try:
        os.link(temporary, path)
        _sync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def replace(path: Path, text: str | bytes | memoryview) -> None:
    """Replace `path` with `text` atomically (a report being regenerated, never a data file)."""
    temporary = _temporary(path, text.encode("utf-8") if isinstance(text, str) else bytes(text))
    try:
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class ChangedOnDisk(Exception):
    """The file changed between reading it and writing the edit: someone else edited it."""


def edit(path: Path, before: bytes, after: bytes) -> None:
    """Replace an existing data file with `after`, atomically, only if it still holds `before`.

    The new bytes are written and flushed beside it, keep its permissions, and are renamed over
    it: a reader sees the old file or the new one, never half of either. If the file no longer
    holds the bytes the edit was made from, nothing is written (ChangedOnDisk), so a concurrent
    edit is never silently lost.
    """
    if path.read_bytes() != before:
        raise ChangedOnDisk(path)
    temporary = _temporary(path, after)
    try:
        shutil.copymode(path, temporary)
        if path.read_bytes() != before:  # checked again just before the rename: the window is tiny
            raise ChangedOnDisk(path)
        os.replace(temporary, path)
        _sync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _temporary(path: Path, data: bytes) -> Path:
    """`data` written and flushed to a new temporary file beside `path`."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
