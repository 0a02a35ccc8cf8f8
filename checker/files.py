"""Writing files without ever losing one: atomic, never overwriting, safe when run twice at once;
and opening one without following a symbolic link (`NO_FOLLOW`)."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has none: there a link is looked for first


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


def replace(path: Path, text: str | bytes | memoryview, mode: int | None = None) -> None:
    """Replace `path` with `text` atomically (a report being regenerated, never a data file);
    with `mode`, the new file has those permissions from the moment it has the name."""
    temporary = _temporary(path, text.encode("utf-8") if isinstance(text, str) else bytes(text))
    try:
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


if sys.platform == "win32":

    @contextmanager
    def locked(folder: Path) -> Iterator[None]:
        """No advisory locks here: `edit`'s comparison of bytes alone refuses a lost write."""
        yield

else:
    import fcntl

    @contextmanager
    def locked(folder: Path) -> Iterator[None]:
        """Hold the lock on a folder of data files while one of them is read, checked and edited.

        Every command of this tool that edits a file takes it, so two of them take turns and
        neither acts on bytes the other is about to replace; `edit` still compares the bytes, so
        an editor that takes no lock cannot lose a write either. The lock is the kernel's
        (flock on the folder): released when the command ends, however it ends.
        """
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)


class ChangedOnDisk(Exception):
    """The file changed between reading it and writing the edit: someone else edited it."""


def edit(path: Path, before: bytes, after: bytes) -> None:
    """Replace an existing data file with `after`, atomically, only if it still holds `before`.

    The new bytes are written and flushed beside it, keep its permissions and owner, and are
    renamed over it: a reader sees the old file or the new one, never half of either. If the file
    no longer holds the bytes the edit was made from, nothing is written (ChangedOnDisk), so a
    concurrent edit is never silently lost (and `locked` makes this tool's own writers take
    turns).
    """
    if path.read_bytes() != before:
        raise ChangedOnDisk(path)
    temporary = _temporary(path, after)
    try:
        shutil.copymode(path, temporary)
        _keep_owner(path, temporary)
        if path.read_bytes() != before:  # checked again just before the rename: the window is tiny
            raise ChangedOnDisk(path)
        os.replace(temporary, path)
        _sync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _keep_owner(path: Path, temporary: Path) -> None:
    """The replacement keeps the file's owner and group, where this user may give them."""
    status = path.stat()
    # not permitted (another user's file), or a system without owners: the mode is kept still
    with contextlib.suppress(OSError, AttributeError):
        os.chown(temporary, status.st_uid, status.st_gid)


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
