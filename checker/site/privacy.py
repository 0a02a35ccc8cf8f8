"""The site's last guard: no page or download may hold a case's id, complainant reference, handler
or text, except learning marked publishable.

What counts as a case's own (the reading, exactly):
- its `id`, `complainant.ref` and every `handler`, each however short, wherever it is found:
  nothing exempts one, not the policy, the council's file, a Code or a self-assessment (a case id
  in a self-assessment's commentary is an error on the page that shows it);
- every other string in it of three words or more, written apart with any kind of space or line
  break (so `upheld`, `large print`, service and type slugs, dates, timestamps and amounts, which
  the report counts or which match innocently, are not);
- but not the text of `learning` marked `publishable: true` (the report publishes it), nor a
  phrase of three to six words (PHRASE) that a parsed string value of a standing published file
  (council, policy, Codes, self-assessments) also holds: a role the policy names or a phrase it
  uses ("Head of Service or above", "the stage 1 response") is public already. A case string of
  more words is a sentence of the case's own: the policy or a self-assessment holding it does not
  make it public (pasted there, it is an error on the page that shows it), so a case that quotes a
  long passage of the policy word for word fails the build too, and is reworded. Only parsed
  values count: a YAML comment is never published, so it exempts nothing. The report inputs
  (policy/reports/) exempt nothing: they are written about the year's cases, where a pasted case
  is most likely.

Text is read as words by `checker.site.words`, the same way on both sides (typography, Unicode
forms, escapes and markup read away); each page or file is read as plain text and as a browser
shows it, and its path is read too.

Each private string is taken where its case is evaluated (`evaluate`, in worker processes) and
kept as four numbers: the CRC-32 of its first word, of its first three words and of all its
words, and how many there are. Each reading of a page costs a checksum and a set look-up a word
however many cases there are (a word that begins some private string, two more). The numbers only
find candidates: each one is confirmed word for word against the case itself before it is
reported, so a collision of the checksums can cost a little time, never a false report or a
missed leak. The standing files' phrases are found the same way, once a build (`SiteGuard`).
"""

from __future__ import annotations

import base64
import functools
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any

from checker.load.repository import load_file
from checker.load.view import View
from checker.model.case import CATEGORIES, IDENTIFIERS, Case
from checker.site.words import plain, readings, tokens

GAP = re.compile(r"\s")
PUBLISHED_FILES = ("council", "policy", "code", "self-assessment")
MIN_WORDS = 3
PHRASE = 6  # the most words of a case string that the standing published files can exempt
KEY = 3  # words in the index key
SEPARATOR = "\x1f"


def _strings(
    node: dict[str, Any] | list[Any], key: str = "", found: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """(field name, text) of each string of a case that may be private, in file order: every
    identifier, and every other string with a gap (a space, a line break, any Unicode space)."""
    if found is None:
        found = []
    items: Iterable[tuple[str, Any]]
    if type(node) is dict:
        learning = node.get("learning")
        published = type(learning) is dict and learning.get("publishable") is True
        items = node.items()
    else:
        published, items = False, zip(repeat(key), node)
    for name, value in items:
        kind = type(value)
        if kind is str:
            if name not in CATEGORIES and (
                " " in value
                or "\n" in value
                or name in IDENTIFIERS
                # every space but U+0020 is unprintable: only such text pays for the search
                or (not value.isprintable() and GAP.search(value))
            ):
                found.append((name, value))
        elif (
            (kind is dict or kind is list)
            and name not in CATEGORIES
            and not (published and name == "learning")
        ):
            _strings(value, name, found)
    return found


def _private(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(field name, words) for every string of a case that the site must not publish, in file
    order."""
    found: list[tuple[str, list[str]]] = []
    for key, text in _strings(data):
        words = tokens(plain(text) if "\\" in text or "%" in text else text)
        if words and (key in IDENTIFIERS or len(words) >= MIN_WORDS):
            found.append((key, words))
    return found


def _checksums(words: list[str]) -> tuple[int, int, int]:
    """The CRC-32 of the first word, of the first KEY words and of all of them (each continued
    from the one before)."""
    first = zlib.crc32(words[0].encode())
    if len(words) == 1:
        return first, first, first
    head = zlib.crc32((SEPARATOR + SEPARATOR.join(words[1:KEY])).encode(), first)
    if len(words) <= KEY:
        return first, head, head
    return first, head, zlib.crc32((SEPARATOR + SEPARATOR.join(words[KEY:])).encode(), head)


class Fingerprints:
    """The private strings of a set of cases, each as five numbers (its `_checksums`, its length
    in words and the CRC-32 of its case file's path), in arrays: 600,000 of them cross from the
    worker processes as bytes. The path's checksum lets a possible leak be confirmed by reading
    the few case files it may come from, never all of them."""

    def __init__(self, *cases: dict[str, Any]) -> None:
        self.firsts, self.heads = array("I"), array("I")
        self.wholes, self.sizes, self.files = array("I"), array("I"), array("I")
        for data in cases:
            self.add(data)

    @property
    def arrays(self) -> tuple[array[int], ...]:
        return (self.firsts, self.heads, self.wholes, self.sizes, self.files)

    def add(self, data: dict[str, Any], path: str = "") -> None:
        """Every private string of one case, from its file `path` (as shown)."""
        file = _path_checksum(path)
        for _, words in _private(data):
            first, head, whole = _checksums(words)
            self.firsts.append(first)
            self.heads.append(head)
            self.wholes.append(whole)
            self.sizes.append(len(words))
            self.files.append(file)

    def extend(self, other: Fingerprints) -> None:
        for mine, more in zip(self.arrays, other.arrays, strict=True):
            mine.extend(more)


def _path_checksum(path: str) -> int:
    """A case file's path as a number (a path may hold bytes that are not UTF-8)."""
    return zlib.crc32(path.encode("utf-8", "surrogateescape"))


def public(data: object) -> Iterator[str]:
    """The text of a case that is published: its learning, when marked publishable."""
    learning = data.get("learning") if isinstance(data, dict) else None
    if isinstance(learning, dict) and learning.get("publishable") is True:
        yield str(learning.get("text", ""))


def values(node: object) -> Iterator[str]:
    """Every string value of parsed YAML (never a key, never a comment)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from values(value)
    elif isinstance(node, list):
        for value in node:
            yield from values(value)


class Guard:
    """Searches texts for the private strings of a set of cases."""

    def __init__(
        self, strings: Fingerprints, standing: Iterable[str] = (), published: Iterable[str] = ()
    ) -> None:
        """`strings` of every case; `standing`, the string values of the standing published files
        (a phrase of theirs is exempt); `published`, case text published anyway."""
        self.strings = strings
        self.firsts = set(strings.firsts)
        self.heads = set(strings.heads)
        # head -> length -> whole -> the checksums of the paths of the case files it is in, for
        # the heads met
        self.index: dict[int, dict[int, dict[int, set[int]]]] = {}
        phrases = self._found([words for text in standing for words in readings(text)])
        texts = self._found([words for text in published for words in readings(text)])
        # no run of fewer than MIN_WORDS words is exempt: each is an identifier (one word each, by
        # the case schema), and only a longer string can be private otherwise
        self.exempt = {run for runs in phrases for run in runs if MIN_WORDS <= len(run) <= PHRASE}
        self.exempt.update(run for runs in texts for run in runs if len(run) >= MIN_WORDS)

    def leaks(self, texts: Mapping[str, str]) -> dict[str, set[tuple[str, ...]]]:
        """For each page or download (by its path) that may hold a private string, in its text or
        its path, the runs of words that do (candidates: `SiteGuard.leaks` confirms them against
        the cases)."""
        paths: list[str] = []
        lists: list[list[str]] = []
        for path, text in texts.items():
            for words in (*readings(text), tokens(plain(path))):
                paths.append(path)
                lists.append(words)
        found: dict[str, set[tuple[str, ...]]] = {}
        for path, runs in zip(paths, self._found(lists)):
            if left := runs - self.exempt:
                found.setdefault(path, set()).update(left)
        return found

    def _found(self, texts: list[list[str]]) -> list[set[tuple[str, ...]]]:
        """For each text (as words), each run of its words that has the checksums of a private
        string."""
        hits = [self._heads_in(words) for words in texts]
        self._index({head for found in hits for _, _, head in found})
        return [self._runs(words, found) for words, found in zip(texts, hits)]

    def _heads_in(self, words: list[str]) -> list[tuple[int, int, int]]:
        """(start, length, checksum) of each run of one to KEY words that begins a private
        string. Each word costs a checksum and a set look-up (in C, by `map`); only a word that
        begins some private string costs more."""
        hits: list[tuple[int, int, int]] = []
        crcs = list(map(zlib.crc32, map(str.encode, words)))
        heads, count = self.heads, len(words)
        for start in compress(range(count), map(self.firsts.__contains__, crcs)):
            head = crcs[start]
            if head in heads:
                hits.append((start, 1, head))
            for length in range(2, min(KEY, count - start) + 1):
                head = zlib.crc32((SEPARATOR + words[start + length - 1]).encode(), head)
                if head in heads:
                    hits.append((start, length, head))
        return hits

    def _index(self, heads: set[int]) -> None:
        """Index the private strings that begin with these checksums (one pass over the arrays)."""
        new = heads - self.index.keys()
        if not new:
            return
        strings = self.strings
        for i in compress(range(len(strings.heads)), map(new.__contains__, strings.heads)):
            sizes = self.index.setdefault(strings.heads[i], {})
            sizes.setdefault(strings.sizes[i], {}).setdefault(strings.wholes[i], set()).add(
                strings.files[i]
            )

    def files(self, runs: Iterable[tuple[str, ...]]) -> set[int]:
        """The checksums of the paths of the case files that hold a private string with the
        checksums of one of these runs (each a run `leaks` found)."""
        found: set[int] = set()
        for run in runs:
            _, head, whole = _checksums(list(run))
            found |= self.index.get(head, {}).get(len(run), {}).get(whole, set())
        return found

    def _runs(self, words: list[str], hits: list[tuple[int, int, int]]) -> set[tuple[str, ...]]:
        """The runs of words, from these beginnings, that have all the checksums of a private
        string."""
        found: set[tuple[str, ...]] = set()
        for start, length, head in hits:
            for size, wholes in self.index[head].items():
                if min(size, KEY) != length or start + size > len(words):
                    continue
                run = words[start : start + size]
                if (
                    size <= KEY
                    or zlib.crc32((SEPARATOR + SEPARATOR.join(run[KEY:])).encode(), head) in wholes
                ):
                    found.add(tuple(run))
        return found


@dataclass
class Strings:
    """The case strings the site must not publish, and those it does (a collector's tally)."""

    private: Fingerprints = field(default_factory=lambda: Fingerprints())
    public: set[str] = field(default_factory=set)


class Fingerprinting:
    """The collector that takes each case's strings as the engine evaluates it
    (`checker.engine.evaluate.Collector`); its tally is `Strings`, kept by the results cache as
    its arrays' bytes (base64) and the public strings."""

    name = "strings"

    def start(self) -> Strings:
        return Strings()

    def add(self, tally: Strings, case: Case) -> None:
        tally.private.add(case.data, case.document.path)
        tally.public.update(public(case.data))

    def merge(self, total: Strings, tally: Strings) -> None:
        total.private.extend(tally.private)
        total.public.update(tally.public)

    def kept(self, tally: Strings) -> dict[str, Any]:
        arrays = tally.private.arrays
        return {
            "private": [base64.b64encode(numbers.tobytes()).decode("ascii") for numbers in arrays],
            "public": sorted(tally.public),
        }

    def restored(self, data: object) -> Strings:
        if type(data) is not dict or data.keys() != {"private", "public"}:
            raise ValueError("not a tally of strings")
        arrays, public = data["private"], data["public"]
        private = Fingerprints()
        numbers = private.arrays
        if type(arrays) is not list or len(arrays) != len(numbers) or type(public) is not list:
            raise ValueError("not a tally of strings")
        if not all(type(text) is str for text in (*arrays, *public)):
            raise ValueError("a string that is not text")
        for into, text in zip(numbers, arrays, strict=True):
            into.frombytes(base64.b64decode(text, validate=True))  # ValueError if not whole
        if len({len(n) for n in numbers}) != 1:
            raise ValueError("arrays of different lengths")
        return Strings(private, set(public))


class SiteGuard:
    """The guard of one build: the exemptions worked out once, then any number of texts checked
    (each page as MkDocs renders it, each file as it is written)."""

    def __init__(self, view: View, strings: Strings) -> None:
        standing = [
            text
            for kind in PUBLISHED_FILES
            for document in view.documents(kind)
            for text in values(document.data)
        ]
        self.view = view
        self.guard = Guard(strings.private, standing, strings.public)

    def leaks(self, texts: Mapping[str, str]) -> list[str]:
        """What these texts (by path) would publish that belongs to a case: one line per path
        and string, naming the case file and what it is (never the text itself, which would leak
        it into a build log)."""
        found = self.guard.leaks(texts)
        if not found:
            return []
        files = self.view.repository.case_files
        held = self.guard.files(set().union(*found.values()))
        loaded = (  # in path order
            load_file(*files[index], "case")
            for index in compress(range(len(files)), map(held.__contains__, self._checksums))
        )
        cases = ((case.path, case.data) for case, problems in loaded if case and not problems)
        return _named(found, cases)

    @functools.cached_property
    def _checksums(self) -> list[int]:
        """The checksum of each case file's path, worked out once a build (not once a page)."""
        return [_path_checksum(shown) for _, shown in self.view.repository.case_files]


def leaks(view: View, strings: Strings, texts: Mapping[str, str]) -> list[str]:
    """What the site would publish that belongs to a case (`SiteGuard.leaks`, for one batch)."""
    return SiteGuard(view, strings).leaks(texts)


def _named(
    found: dict[str, set[tuple[str, ...]]], cases: Iterable[tuple[str, dict[str, Any]]]
) -> list[str]:
    """The candidates that are a case's own, word for word, each named by its case file and what
    it is; a candidate that only shares a case string's checksums is not a leak. The cases are
    read again only here, when something may have leaked."""
    wanted = set().union(*found.values())
    whence: dict[tuple[str, ...], str] = {}
    for path, data in cases:
        for key, words in _private(data):
            if (run := tuple(words)) in wanted:
                whence.setdefault(run, f"{IDENTIFIERS.get(key, f'case text ({key})')} of {path}")
    return sorted(
        {f"{path}: {whence[run]}" for path, runs in found.items() for run in runs if run in whence}
    )
