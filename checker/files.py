"""Writing files without ever losing one: atomic, never overwriting, safe when run twice at once."""

from __future__ import annotations

import os
from pathlib import Path


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`, whole or not at all; FileExistsError if it already exists.

    The text goes to a temporary file in the same folder, is flushed to disk, and is then linked
    into place: `link` fails if the name exists, so two writers can never take the same name and
    a reader never sees half a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
        _sync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def replace(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically (a report being regenerated, never a data file)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
