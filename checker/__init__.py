"""complaints as code: the checker, the annual report and the public site of a council's
complaints process, from one git repository."""

from __future__ import annotations

import importlib.util
import os


class ExtraMissing(Exception):
    """A command needs a part of the tool that is installed only with an extra (the site, the
    charts, the Excel import): `pip install complaints-as-code` brings only what `check` needs."""

    def __init__(self, extra: str, module: str, what: str) -> None:
        super().__init__(
            f"{what} needs {module}, which is installed with the tool's [{extra}] extra: "
            f"pip install 'complaints-as-code[{extra}]'"
        )


def installed(module: str) -> bytes | None:
    """Which copy of a library is installed, found without loading it (matplotlib's import and
    WeasyPrint's take a quarter and half a second) or reading the installed distributions'
    metadata (whose reader takes longer to import than an unchanged check's other imports): its
    file, and that file's size, modification time and inode, which any install, upgrade or
    reinstall writes anew. So what was made with one copy is known from what another would make;
    None if it is not installed."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):  # a parent that cannot be imported; loaded without a spec
        return None
    if spec is None or spec.origin is None:
        return None
    try:
        status = os.stat(spec.origin)
    except OSError:
        return f"{spec.origin}\0unreadable".encode("utf-8", "surrogateescape")
    copy = f"{spec.origin}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ino}"
    return copy.encode("utf-8", "surrogateescape")
