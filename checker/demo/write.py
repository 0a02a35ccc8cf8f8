"""Saving generated case files: all of them or none, never over a file that is already there."""

from __future__ import annotations

import errno
from pathlib import Path


def save(folder: Path, files: list[tuple[str, str]]) -> list[Path]:
    """Write each (file name, text) to `folder`; refuse if any of the files exists."""
    paths = [folder / name for name, _ in files]
    if folder.exists():
        for path in paths:
            if path.exists() or path.is_symlink():
                message = "a case file is already there; nothing was written"
                raise FileExistsError(errno.EEXIST, message, str(path))
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for path, (_, text) in zip(paths, files):
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(path)
    except FileExistsError:  # created by someone else meanwhile: take back what this call wrote
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
