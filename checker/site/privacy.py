"""The site's last guard: no page or download may hold a case's id, complainant reference, handler
or text, except learning marked publishable.

What counts as a case's own (the reading, exactly):
- its `id`, `complainant.ref` and every `handler`, each however short;
- every other string in it of three words or more, written apart with spaces or line breaks (so
  `upheld`, `large print`, service and type slugs, dates, timestamps and amounts, which the
  report counts or which match innocently, are not);
- but not the text of `learning` marked `publishable: true` (the report publishes it), nor a
  string that the standing published files (council, policy, Codes, self-assessments) or a
  published value of the cases (route, service, type, channel) also contain: a role named in the
  policy, or a phrase it uses, is public already. The report inputs (policy/reports/) are not
  exempt: they are written about the year's cases, where a pasted case is most likely.

Text is compared as words (letters and digits, kept together across hyphens and apostrophes, in
any case, HTML tags dropped and entities decoded), so markup, line breaks and punctuation do not
hide a leak. Each private string is taken where its case is evaluated (`evaluate`, in worker
processes) and kept as three numbers: the CRC-32 of its first three words, the CRC-32 of all its
words and how many there are. A page is read once, and each of its words costs three set look-ups
however many cases there are. The numbers only find candidates: each one is confirmed word for
word against the case itself before it is reported, so a collision of the checksums can cost a
little time, never a false report or a missed leak.
"""

from __future__ import annotations

import html
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any

from checker.load.view import View
from checker.model.case import CATEGORIES, IDENTIFIERS, Case

TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
TAG = re.compile(r"<[^<>]*>")
# \w, or a gap
ASCII_GAPS = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(256))
PUBLISHED_FILES = ("council", "policy", "code", "self-assessment")
MIN_WORDS = 3
KEY = 3  # words in the index key
SEPARATOR = "\x1f"


def _words(text: str) -> list[str]:
    """A text's words, casefolded: what TOKEN finds in it (by a byte table for ASCII text with no
    hyphen or apostrophe, which is most text and three times faster, with the same result)."""
    if "<" in text:
        text = TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii() or "-" in text or "'" in text:
        return TOKEN.findall(text.casefold())
    return text.encode().translate(ASCII_GAPS).decode().lower().split()


def _strings(
    node: dict[str, Any] | list[Any], key: str = "", found: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """(field name, text) of each string of a case that may be private, in file order: every
    identifier, and every other string with a space or a line break."""
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
            if (" " in value or "\n" in value or name in IDENTIFIERS) and name not in CATEGORIES:
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
        words = _words(text)
        if words and (key in IDENTIFIERS or len(words) >= MIN_WORDS):
            found.append((key, words))
    return found


def _checksums(words: list[str]) -> tuple[int, int]:
    """The CRC-32 of the first KEY words, and that of all of them (continued from the first)."""
    head = zlib.crc32(SEPARATOR.join(words[:KEY]).encode())
    if len(words) <= KEY:
        return head, head
    return head, zlib.crc32((SEPARATOR + SEPARATOR.join(words[KEY:])).encode(), head)


class Fingerprints:
    """The private strings of a set of cases, each as three numbers (`_checksums` and its length
    in words), in arrays: 600,000 of them cross from the worker processes as bytes."""

    def __init__(self, *cases: dict[str, Any]) -> None:
        self.heads, self.wholes, self.sizes = array("I"), array("I"), array("I")
        for data in cases:
            self.add(data)

    def add(self, data: dict[str, Any]) -> None:
        """Every private string of one case."""
        for _, words in _private(data):
            head, whole = _checksums(words)
            self.heads.append(head)
            self.wholes.append(whole)
            self.sizes.append(len(words))

    def extend(self, other: Fingerprints) -> None:
        self.heads.extend(other.heads)
        self.wholes.extend(other.wholes)
        self.sizes.extend(other.sizes)


def public(data: object) -> Iterator[str]:
    """The strings of a case that are published: its counted values and its publishable learning."""
    learning = data.get("learning") if isinstance(data, dict) else None
    if isinstance(learning, dict) and learning.get("publishable") is True:
        yield str(learning.get("text", ""))
    for name in CATEGORIES:
        if isinstance(data, dict) and isinstance(data.get(name), str):
            yield data[name]


class Guard:
    """Searches texts for the private strings of a set of cases."""

    def __init__(self, strings: Fingerprints, published: Iterable[str] = ()) -> None:
        """`strings` of every case; `published`, texts published anyway."""
        self.strings = strings
        self.heads = set(strings.heads)
        # head -> length -> wholes, for the heads met
        self.index: dict[int, dict[int, set[int]]] = {}
        self.published = set().union(*self._found([_words(text) for text in published]))

    def leaks(self, texts: dict[str, str]) -> dict[str, set[tuple[str, ...]]]:
        """For each page or download that may hold a private string, the runs of words that do
        (candidates: `leaks` confirms them against the cases)."""
        found = zip(texts, self._found([_words(text) for text in texts.values()]))
        return {path: left for path, runs in found if (left := runs - self.published)}

    def _found(self, texts: list[list[str]]) -> list[set[tuple[str, ...]]]:
        """For each text (as words), each run of its words that has the checksums of a private
        string."""
        hits = [self._heads_in(words) for words in texts]
        self._index({head for found in hits for _, _, head in found})
        return [self._runs(words, found) for words, found in zip(texts, hits)]

    def _heads_in(self, words: list[str]) -> list[tuple[int, int, int]]:
        """(start, length, checksum) of each run of one to KEY words that begins a private
        string."""
        hits: list[tuple[int, int, int]] = []
        for start in range(len(words)):
            head = 0
            for length in range(1, min(KEY, len(words) - start) + 1):
                word = words[start + length - 1]
                head = zlib.crc32((SEPARATOR + word if length > 1 else word).encode(), head)
                if head in self.heads:
                    hits.append((start, length, head))
        return hits

    def _index(self, heads: set[int]) -> None:
        """Index the private strings that begin with these checksums (one pass over the arrays)."""
        new = heads - self.index.keys()
        if not new:
            return
        strings = self.strings
        for i in compress(range(len(strings.heads)), map(new.__contains__, strings.heads)):
            self.index.setdefault(strings.heads[i], {}).setdefault(strings.sizes[i], set()).add(
                strings.wholes[i]
            )

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
    (`checker.engine.evaluate.Collector`); its tally is `Strings`."""

    def start(self) -> Strings:
        return Strings()

    def add(self, tally: Strings, case: Case) -> None:
        tally.private.add(case.data)
        tally.public.update(public(case.data))

    def merge(self, total: Strings, tally: Strings) -> None:
        total.private.extend(tally.private)
        total.public.update(tally.public)


def leaks(view: View, strings: Strings, texts: dict[str, str]) -> list[str]:
    """What the site would publish that belongs to a case: one line per page and string, naming
    the case file and what it is (never the text itself, which would leak it into a build log)."""
    published = [document.text for kind in PUBLISHED_FILES for document in view.documents(kind)]
    found = Guard(strings.private, [*published, *strings.public]).leaks(texts)
    if not found:
        return []
    return _named(found, ((case.path, case.data) for case in view.documents("case")))


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
