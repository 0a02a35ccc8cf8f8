"""The results cache: each case file's outcome kept, so an unchanged repository is checked at once.

What decides an outcome besides the case file is hashed into one fingerprint: the checker's own
code and schemas, the installed copies of the libraries that decide results (the YAML parsers,
the schema validator, the bank holidays), every policy file (council, policy, Codes,
self-assessments, reports), the git config (whose remotes one rule reads) and the as-of date. A
different fingerprint means a fresh cache. Each case file's outcome is kept with the file's size,
modification time, change time and inode, as git's index keeps them: a file whose are not exactly
the same is evaluated again. A file changed in the two seconds before its signature was taken,
or at any time since, is never kept (git's "racy" rule: a later edit in the same tick of the clock
would not change its time), so a cached outcome can never hide a finding. When nothing is kept
yet, the files are not signed first: each is signed by the worker that reads it, just before the
read (`checker.engine.evaluate`), and the racy rule counts from before the first of them.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME` or ~/.cache, or
`$COMPLAINTS_CACHE_DIR`), a few files per repository, never in the repository: nothing committed
can plant a cache. Outcomes are kept as a base and the changes since (`checker.engine.deltas`), so
a run that evaluated one file writes one outcome. The cache is made private (a folder only its
user may enter, files only its user may read) and kept as plain data (`cache_format`: JSON,
checked field by field, never a format that can name code to run). A cache file is read only if
it is a regular file of this user that no one else may write: anything else (another user's
file, a link, a pipe) is never opened for reading, and the check says in one note that it was
ignored. A file that cannot be read, or holds anything but what this module writes, counts as no
cache; either way the check runs without it and keeps a new one.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from checker import installed
from checker.engine import cache_format, chunks, deltas
from checker.engine import signatures as signing
from checker.engine.untraced import untraced
from checker.files import NO_FOLLOW, replace
from checker.load.git import git_config
from checker.load.layout import LAYOUT_RULE, Repository
from checker.model.findings import Finding
from checker.model.outcome import Outcome

if TYPE_CHECKING:  # the evaluation's types only: an unchanged check loads no rule
    from checker.engine.evaluate import Collector, Evaluation

T = TypeVar("T")

RACY_NS = 2_000_000_000
# The libraries whose code decides a case's outcome, by the name they are imported by: the YAML
# parsers, the schema validator, the bank holidays and the time zones.
LIBRARIES = ("yaml", "yaml_rs", "jsonschema_rs", "holidays", "tzdata")
PACKAGE = Path(__file__).resolve().parent.parent  # the whole checker: every module and schema
SOURCES = (".py", ".json")  # what of the package decides a result: its code and its schemas


def kept_findings(
    repository: Repository, as_of: date
) -> tuple[bytes | None, tuple[Finding, ...] | None]:
    """The whole check's findings, if nothing at all has changed since they were kept (checked by
    the fingerprint and every case file's signature: no file is read, no case evaluated); and the
    key they were looked for under. With no findings kept, nothing is signed here (None, None):
    the key is taken when this check's findings are kept, from the signatures its evaluation
    took."""
    kept = _private_bytes(_file(repository.root, "findings"))
    if kept is None:
        return None, None
    key = _findings_key(repository, as_of)
    return key, _decoded(kept, key, cache_format.findings)


def keep_findings(
    repository: Repository, as_of: date, key: bytes | None, findings: tuple[Finding, ...]
) -> None:
    """Keep the check's findings under `key` (or its key now, if none was taken), unless a case
    file was not signed, or had changed too recently to be trusted, when it was read."""
    signatures = repository.signatures
    if signatures is None or None in signatures:
        return
    known = cast("list[signing.Signature]", signatures)  # when complete
    changed = max(  # the last modification or change, by map: 100,000 files
        max(map(itemgetter(1), known), default=0), max(map(itemgetter(2), known), default=0)
    )
    if changed < _settled(repository):
        key = key or _findings_key(repository, as_of)
        _write(_file(repository.root, "findings"), key, list(findings))


def _findings_key(repository: Repository, as_of: date) -> bytes:
    """What the whole check's findings depend on: the fingerprint, and every case file's path and
    signature; the files in the wrong place too (a stray .yml file or a case outside a year folder
    changes no case file's signature, but does change the check's findings). Only the layout's
    findings: the policy files' (added when they are loaded) are decided by their bytes, which the
    fingerprint holds, and the key is the same whether they are loaded yet or not."""
    shown = [shown for _, shown in repository.case_files]
    layout = [(str(f.location), f.message) for f in repository.findings if f.rule == LAYOUT_RULE]
    return hashlib.sha256(
        _fingerprint(repository, as_of) + signing.plain((shown, _signatures(repository), layout))
    ).digest()


def outcomes(
    repository: Repository,
    as_of: date,
    evaluate: Callable[[list[tuple[str, str]], bool], Evaluation],
) -> tuple[list[Outcome], int]:
    """The outcome of every case file: kept ones where the file is unchanged, the rest by
    `evaluate` (which signs each file as it reads it when asked: when none is kept, and so none
    needs comparing first); and how many were evaluated."""
    files = repository.case_files
    split = Split.read(
        _file(repository.root, "cases"),
        _fingerprint(repository, as_of),
        lambda entries: (cache_format.outcomes(entries),),
    )
    (kept,) = split.merged
    found: list[Kept | None] = [None] * len(files)
    if not kept and repository.signatures is None:
        before = time.time_ns()
        done = evaluate(files, True)
        repository.signatures, repository.signed_before = done.signatures, before
        found[:] = zip(done.signatures, done.outcomes)
        todo = list(range(len(files)))
    else:
        signatures, todo = _signatures(repository), []
        for index, ((_, shown), signature) in enumerate(zip(files, signatures)):
            entry = kept.get(shown)
            if signature is not None and entry is not None and entry[0] == signature:
                found[index] = entry  # the very entry read: `deltas.changes` knows it by identity
            else:
                todo.append(index)
        if todo:
            done = evaluate([files[i] for i in todo], False)
            for index, outcome in zip(todo, done.outcomes):
                found[index] = (signatures[index], outcome)
    settled = _settled(repository)
    final = {
        entry[1].path: entry
        for entry in found
        if entry is not None and entry[0] is not None and max(entry[0][1], entry[0][2]) < settled
    }
    split.keep((final,), lambda parts: cache_format.outcome_columns(list(parts[0].values())))
    return [entry[1] for entry in found if entry is not None], len(todo)


Kept = tuple[signing.Signature | None, Outcome]  # an outcome, and its file's signature if any
Parts = tuple[dict[Any, Any], ...]  # a cache file's entries: maps of keys to what is kept


@dataclass(frozen=True)
class Split:
    """A cache file kept as a base and the changes since (`checker.engine.deltas`)."""

    where: Path
    fingerprint: bytes
    base: Parts  # empty maps if there is none to use
    changes: Parts | None  # None if there are none (never read over no base)

    @classmethod
    def read(
        cls, where: Path, fingerprint: bytes, decode: Callable[[object], Parts], parts: int = 1
    ) -> Split:
        base = _read(where, fingerprint, decode)
        changes = None if base is None else _read(cls.changes_file(where), fingerprint, decode)
        return cls(where, fingerprint, base or tuple({} for _ in range(parts)), changes)

    @property
    def merged(self) -> Parts:
        if self.changes is None:
            return self.base
        return tuple(deltas.merged(base, more) for base, more in zip(self.base, self.changes))

    def keep(self, final: Parts, plain: Callable[[Parts], object]) -> None:
        """Keep `final`'s entries: as changes to the base while they are few, or as a whole new
        base (the changes removed); nothing is written if the kept changes are these already."""
        found = [deltas.changes(base, part) for base, part in zip(self.base, final)]
        changes = tuple(part for part in found if part is not None)
        if len(changes) < len(found):
            _write(self.where, self.fingerprint, plain(final))
            _forget(self.changes_file(self.where))
        elif changes != (self.changes or tuple({} for _ in final)):
            _write(self.changes_file(self.where), self.fingerprint, plain(changes))

    @staticmethod
    def changes_file(where: Path) -> Path:
        return where.with_name(where.name.removesuffix(".json") + ".changes.json")


def _signatures(repository: Repository) -> list[signing.Signature | None]:
    """Each case file's signature, taken once for the repository as loaded."""
    if repository.signatures is None:
        repository.signed_before = time.time_ns()
        repository.signatures = signing.take(repository.case_files)
    return repository.signatures


def _settled(repository: Repository) -> int:
    """A file changed at or after this time (ns) is not trusted: an edit in the same tick of the
    clock after it was read would not change its signature."""
    return repository.signed_before - RACY_NS


def collected(
    repository: Repository,
    as_of: date,
    dates: Mapping[str, date],
    collectors: tuple[Collector, ...],
    rules: frozenset[str] | None,
    evaluate: Callable[[list[list[tuple[str, str]]]], list[Evaluation]],
) -> tuple[list[Outcome], int, tuple[Any, ...]]:
    """The outcome of every case file under `rules` (None: every rule) and each collector's tally
    over them all, kept by chunk (`checker.engine.chunks`): a chunk whose files are all unchanged
    is taken from the cache, the others are evaluated by `evaluate`, a batch a chunk; and how
    many files were evaluated. `dates` are the frozen years'. Each set of collectors and rules
    (the report's, the site's) has a cache file of its own."""
    files = repository.case_files
    kind = signing.plain(([c.name for c in collectors], None if rules is None else sorted(rules)))
    fingerprint = hashlib.sha256(
        _fingerprint(repository, as_of) + kind + signing.plain(sorted(map(str, dates.items())))
    ).digest()
    where = _file(repository.root, f"publication-{hashlib.sha256(kind).hexdigest()[:16]}")
    split = Split.read(where, fingerprint, cache_format.publication, parts=2)
    kept_outcomes, kept_chunks = split.merged
    signatures = _signatures(repository)
    parts = chunks.cut(files)
    keys = [chunks.key(files[a:b], signatures[a:b]) for a, b in parts]
    entries: list[Kept | None] = [None] * len(files)
    plain: list[list | None] = []  # each chunk's tallies as kept
    restored: list[list[Any] | None] = []  # and as read back (None: to be evaluated)
    for (a, b), key in zip(parts, keys):
        kept = kept_chunks.get(key) if key else None
        tallies = _restored(collectors, kept)
        for index in range(a, b) if tallies is not None else ():
            entry = kept_outcomes.get(files[index][1])
            if entry is None or entry[0] != signatures[index]:
                tallies = None
                break
            entries[index] = entry  # the very entry read: `deltas.changes` knows it by identity
        plain.append(kept if tallies is not None else None)
        restored.append(tallies)
    todo = [n for n, tallies in enumerate(restored) if tallies is None]
    for n, done in zip(todo, evaluate([files[slice(*parts[n])] for n in todo])):
        a, b = parts[n]
        entries[a:b] = zip(signatures[a:b], done.outcomes)
        plain[n] = [c.kept(t) for c, t in zip(collectors, done.tallies)]  # before any merge
        restored[n] = done.tallies
    totals = [collector.start() for collector in collectors]
    for tallies in restored:
        for collector, total, tally in zip(collectors, totals, tallies or ()):
            collector.merge(total, tally)
    settled = _settled(repository)
    trusted = [s is not None and max(s[1], s[2]) < settled for s in signatures]
    split.keep(
        (
            {e[1].path: e for e, ok in zip(entries, trusted) if ok and e is not None},
            {
                key: tallies
                for (a, b), key, tallies in zip(parts, keys, plain)
                if key is not None and all(trusted[a:b])
            },
        ),
        lambda final: {
            "outcomes": cache_format.outcome_columns(list(final[0].values())),
            "chunks": final[1],
        },
    )
    return (
        [entry[1] for entry in entries if entry is not None],
        sum(b - a for a, b in map(parts.__getitem__, todo)),
        tuple(totals),
    )


def _restored(collectors: tuple[Collector, ...], kept: list | None) -> list[Any] | None:
    """A chunk's kept tallies, each read back by its collector (None if any cannot be)."""
    if kept is None or len(kept) != len(collectors):
        return None
    try:
        return [collector.restored(data) for collector, data in zip(collectors, kept)]
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


def folder() -> Path:
    """Where the caches of every repository are kept."""
    configured = os.environ.get("COMPLAINTS_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "complaints-as-code"


def _file(root: Path, part: str) -> Path:
    return folder() / f"{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]}.{part}.json"


def _fingerprint(repository: Repository, as_of: date | None) -> bytes:
    digest = hashlib.sha256(_tool())
    for path, shown, _ in repository.policy_files:
        digest.update(shown.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    config = git_config(repository.root / "cases")  # its remotes decide cases-in-public-repository
    digest.update(config.read_bytes() if config and config.is_file() else b"no git config")
    digest.update(repr(as_of).encode())
    return digest.digest()


@functools.cache
def _tool() -> bytes:
    """The checker's own code and schemas, Python's version and the deciding libraries' installed
    copies (once per process: a long-running process, like `mkdocs serve`, is restarted to pick up
    a new version)."""
    digest = hashlib.sha256(sys.version.encode())
    for library in _installed():
        digest.update(library)
    sources: list[str] = []
    for folder, subfolders, names in os.walk(PACKAGE):  # (a third of `rglob`'s time)
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        sources.extend(os.path.join(folder, name) for name in names if name.endswith(SOURCES))
    for source in sorted(sources):
        digest.update(os.path.relpath(source, PACKAGE).encode())
        with open(source, "rb") as handle:
            digest.update(handle.read())
    return digest.digest()


def _installed() -> list[bytes]:
    """Which copy of each deciding library is installed (`checker.installed`: a new version, or the
    same one installed again, is another copy)."""
    return [name.encode() + b"\0" + (installed(name) or b"not installed") for name in LIBRARIES]


KEPT_RENDERS = 20  # of each kind: the renders of the last builds, the older ones removed


def rendered(
    kind: str, key: bytes, make: Callable[[], bytes], valid: Callable[[bytes], bool]
) -> bytes:
    """What `make` renders (the report's charts, its PDF), kept by a hash of all it is made from
    (`key`, and the tool's own fingerprint), so that the same input is rendered once: a private
    file of this user's in the cache folder, used again if `valid` accepts it."""
    name = hashlib.sha256(_tool() + kind.encode() + key).hexdigest()
    where = folder() / "rendered" / f"{kind}-{name}"
    kept = _private_bytes(where)
    if kept is not None and valid(kept):
        with contextlib.suppress(OSError):  # a read-only cache folder is still read
            os.utime(where)  # recently used: kept longest
        return kept
    made = make()
    try:
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        replace(where, made, mode=0o600)
        older = sorted(where.parent.glob(f"{kind}-*"), key=lambda p: p.lstat().st_mtime_ns)
        for old in older[:-KEPT_RENDERS]:
            _forget(old)
    except OSError:
        pass  # a read-only home or a full disk: the next build renders it again
    return made


def _private_bytes(where: Path) -> bytes | None:
    """A cache file's bytes, if it is a private file of this user's (anything else is never read,
    and noted); None if there is none."""
    try:
        descriptor = os.open(where, os.O_RDONLY | NO_FOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EACCES, errno.EPERM):  # a link, another's file
            _note(where)
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not _private(os.fstat(handle.fileno())) or (not NO_FOLLOW and where.is_symlink()):
                _note(where)
                return None
            return handle.read()
    except OSError:
        return None


def _read(where: Path, fingerprint: bytes, decode: Callable[[object], T]) -> T | None:
    """What a cache file keeps under this fingerprint, if it is a private file of this user's
    (anything else is never read, and noted) holding exactly what `_write` writes (if not, None)."""
    kept = _private_bytes(where)
    return None if kept is None else _decoded(kept, fingerprint, decode)


def _decoded(kept: bytes, fingerprint: bytes, decode: Callable[[object], T]) -> T | None:
    try:
        with untraced():
            return decode(cache_format.entries(fingerprint, kept))
    except (OSError, ValueError, TypeError, RecursionError, MemoryError):
        return None  # unreadable, stale or not what `_write` writes: as if there were no cache


_noted: set[Path] = set()


def _note(where: Path) -> None:
    """Say once that a cache file was ignored because it is not a private file of this user."""
    if where not in _noted:
        _noted.add(where)
        print(
            f"note: the results cache {where} is not a private file of yours; it was ignored",
            file=sys.stderr,
        )


def _private(status: os.stat_result) -> bool:
    """A regular file owned by this user, which neither its group nor others may write."""
    return stat.S_ISREG(status.st_mode) and _yours(status) and not status.st_mode & 0o022


def _yours(status: os.stat_result) -> bool:
    owner = getattr(os, "geteuid", None)  # Windows has no owners to compare
    return owner is None or status.st_uid == owner()


def _write(where: Path, fingerprint: bytes, entries: object) -> None:
    try:
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        kept = cache_format.document(fingerprint, entries)
        replace(where, kept, mode=0o600)  # explanations are case text: the user's only
    except (OSError, ValueError, TypeError):
        return  # a read-only home or a full disk: the next run is simply not faster
    _forget(where.with_suffix(".pickle"))


def _forget(old: Path) -> None:
    """Remove a file the cache no longer needs (an old render, changes written into a new base,
    what an earlier version kept in pickle), if it is a regular file of this user's."""
    try:
        status = old.lstat()
        if stat.S_ISREG(status.st_mode) and _yours(status):
            old.unlink()
    except OSError:
        pass  # not there, or not this user's to remove: it is never read either way
