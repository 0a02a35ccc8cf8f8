"""What the privacy guard reads of each file a build publishes: the docs folder holds real files
only, and every file is read by its content, never its name.

- A symbolic link anywhere in the docs folder (or the theme's `custom_dir`), or the folder itself
  being one, is refused, and so is anything that is neither a regular file nor a folder (a pipe
  would hang the build). MkDocs follows links, so `ln -s ../cases site/allcases` would publish
  every case file; no link is followed here, out of the folder or within it.
- A file in UTF-8 (a byte-order mark allowed) is text.
- A gzip file is decompressed, and each member of a zip archive (an office document, say) taken
  out, and what it holds read by these same rules, to MAX_BYTES in all.
- Any other file that holds a byte text never holds (NUL, or another control character but tab,
  line and page breaks and escape) is binary: a picture, a font, a PDF. It is read as the text it
  holds uncompressed (UTF-8 where its bytes are, Windows-1252 where not), twice: with each NUL
  byte as a line break (it ends a string in many formats), and as it is (the guard drops NUL
  bytes, so UTF-16 reads as text). A picture's text chunk is checked; its pixels cannot be.
- Anything else, and text that starts with a UTF-16 or UTF-32 byte-order mark, is text in another
  encoding: refused, at the line and column of its first byte that is not UTF-8, since a browser
  might read it otherwise than the guard would.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from checker.model.findings import relative

MAX_BYTES = 64 * 1024 * 1024  # all a compressed file may hold, decompressed
MAX_DEPTH = 3  # archives within archives
MAX_MEMBERS = 10_000
BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
GZIP = b"\x1f\x8b\x08"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class Unreadable:
    """Why a file cannot be read as text: where in it (`line:column`, or nothing) and a reason
    that ends with the fix."""

    where: str
    reason: str


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (a byte it leaves out is a gap)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("complaints-windows-1252", _windows_1252)


def links(folder: Path, root: Path) -> list[str]:
    """A line naming each symbolic link in a folder the site publishes from (the folder itself
    too), and each thing in it that is neither a regular file nor a folder, found without
    following any link."""
    fix = "the site publishes only real files from its folder: replace it with a real file"
    if folder.is_symlink():
        return [
            f"{relative(folder, root)}: a folder the site publishes from is a symbolic link; {fix}"
        ]
    found: list[str] = []
    folders = [folder]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                name = relative(Path(entry.path), root)
                if entry.is_symlink():
                    found.append(f"{name}: a symbolic link; {fix}")
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif not entry.is_file(follow_symlinks=False):
                    found.append(f"{name}: not a regular file; {fix}")
    return sorted(found)


def read_file(path: Path) -> bytes:
    """A regular file's bytes, never through a link (a link put in its place since the docs folder
    was checked is an error, not followed)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


def read(data: bytes, *, text_only: bool = False) -> str | Unreadable:
    """The text the guard reads of a file's bytes (by the rules above); with `text_only` (a page
    MkDocs renders), anything but UTF-8 is refused."""
    if text_only:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return _not_utf8(data, error)
    budget = [MAX_BYTES]
    return _read(data, 0, budget)


def _read(data: bytes, depth: int, budget: list[int]) -> str | Unreadable:
    if depth < MAX_DEPTH and data.startswith(GZIP):
        return _gunzip(data, depth, budget)
    if depth < MAX_DEPTH and data.startswith(ZIP):
        return _unzip(data, depth, budget)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if data.startswith(OTHER_BOMS):
            return Unreadable("", "is UTF-16 or UTF-32 text, not UTF-8: save it as UTF-8")
        if BINARY.search(data):
            text = data.decode("utf-8", errors="complaints-windows-1252")
            # NUL ends a string in many binary formats, and is every other byte of UTF-16 text
            # (which the guard reads by dropping it): both readings
            return f"{text.replace(chr(0), chr(10))}\n{text}"
        return _not_utf8(data, error)


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> Unreadable:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    return Unreadable(f"{line}:{column}", "is not UTF-8 text: save it as UTF-8")


def _too_large() -> Unreadable:
    return Unreadable("", f"holds over {MAX_BYTES // 1024 // 1024} MiB uncompressed: leave it out")


def _gunzip(data: bytes, depth: int, budget: list[int]) -> str | Unreadable:
    try:
        inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        inner = inflate.decompress(data, budget[0] + 1)
    except zlib.error:
        return Unreadable("", "is a damaged gzip file: leave it out or replace it")
    if len(inner) > budget[0] or inflate.unconsumed_tail:
        return _too_large()
    budget[0] -= len(inner)
    return _read(inner, depth + 1, budget)


def _unzip(data: bytes, depth: int, budget: list[int]) -> str | Unreadable:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return _too_large()
            texts = []
            for member in members:
                with archive.open(member) as file:
                    inner = file.read(budget[0] + 1)
                if len(inner) > budget[0]:
                    return _too_large()
                budget[0] -= len(inner)
                found = _read(inner, depth + 1, budget)
                if isinstance(found, Unreadable):  # its name is not given: it may be a case's
                    return Unreadable("", f"holds a file that {found.reason}")
                texts.append(f"{member.filename}\n{found}")
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
        return Unreadable("", "is a zip archive that cannot be read: leave it out or replace it")
    return "\n".join(texts)
