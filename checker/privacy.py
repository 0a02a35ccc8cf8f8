"""The site's last guard: no page or download may hold a case's id, complainant reference, handler
or text, except learning marked publishable.

What counts as a case's own (the reading, exactly):
- its `id`, `complainant.ref` and every `handler`, each however short;
- every other string in it of three words or more (so `upheld`, `large print`, service and type
  slugs, dates and amounts, which the report counts or which match innocently, are not);
- but not the text of `learning` marked `publishable: true` (the report publishes it), nor a
  string that the standing published files (council, policy, Codes, self-assessments) or a
  published value of the cases (route, service, type, channel) also contain: a role named in the
  policy, or a phrase it uses, is public already. The report inputs (policy/reports/) are not
  exempt: they are written about the year's cases, where a pasted case is most likely.

Text is compared as words (letters and digits, kept together across hyphens and apostrophes, in
any case, HTML tags dropped and entities decoded), so markup, line breaks and punctuation do not
hide a leak. Each private string is kept as a hash, indexed by its first three words: a page is
read once, and each of its words costs three dictionary look-ups however many cases there are.
The hashes are taken where each case is evaluated (`evaluate`, in worker processes), so they are
stable ones (BLAKE2b), not Python's per-process `hash`.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Iterator

TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
TAG = re.compile(r"<[^<>]*>")
IDENTIFIERS = {"id": "a case id", "ref": "a complainant reference", "handler": "a handler"}
PUBLISHED_VALUES = ("route", "service", "type", "channel")
PUBLISHED_FILES = ("council", "policy", "code", "self-assessment")
MIN_WORDS = 3
KEY = 3  # words in the index key


def _words(text: str) -> list[str]:
    if "<" in text:
        text = TAG.sub(" ", text)
    return TOKEN.findall((html.unescape(text) if "&" in text else text).casefold())


def _private(data) -> list[tuple[str, list[str]]]:
    """(what, words) for every string of a case that the site must not publish, in file order."""
    found, stack = [], [(data, "")]
    while stack:
        node, key = stack.pop()
        if type(node) is dict:
            learning = node.get("learning")
            published = type(learning) is dict and learning.get("publishable") is True
            stack.extend(
                (value, name)
                for name, value in reversed(node.items())
                if name not in PUBLISHED_VALUES and not (published and name == "learning")
            )
        elif type(node) is list:
            stack.extend((value, key) for value in reversed(node))
        elif type(node) is str and (" " in node or key in IDENTIFIERS):
            words = _words(node)
            if key in IDENTIFIERS or len(words) >= MIN_WORDS:
                found.append((IDENTIFIERS.get(key, f"case text ({key})"), words))
    return found


def _hash(words: list[str]) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(words).encode(), digest_size=8).digest(), "big")


def private(data) -> Iterator[tuple[int, int, int]]:
    """(hash of the first words, hash of all, number of words) of each private string of a case."""
    for _, words in _private(data):
        if words:
            whole = _hash(words)
            yield (_hash(words[:KEY]) if len(words) > KEY else whole), whole, len(words)


def public(data) -> Iterator[str]:
    """The strings of a case that are published: its counted values and its publishable learning."""
    learning = data.get("learning") if isinstance(data, dict) else None
    if isinstance(learning, dict) and learning.get("publishable") is True:
        yield str(learning.get("text", ""))
    for name in PUBLISHED_VALUES:
        if isinstance(data, dict) and isinstance(data.get(name), str):
            yield data[name]


class Guard:
    """The private strings of a set of cases, as hashes, ready to search pages for."""

    def __init__(self, strings: Iterable[tuple[int, int, int]], published: Iterable[str] = ()):
        """`strings` from `private` of every case; `published`, texts published anyway."""
        self.index: dict[int, dict[int, int]] = {}  # hash of the first words -> {hash of all: words}
        for key, whole, size in strings:
            self.index.setdefault(key, {})[whole] = size
        for text in published:  # what is published anyway is not a leak
            for key, whole in self._found(_words(text)):
                self.index[key].pop(whole, None)

    def _found(self, words: list[str]) -> set[tuple[int, int]]:
        """(key, hash) of each private string that occurs in a text's words."""
        found = set()
        for start in range(len(words)):
            for length in range(1, min(KEY, len(words) - start) + 1):
                key = _hash(words[start : start + length])
                for whole, size in self.index.get(key, {}).items():
                    if _hash(words[start : start + size]) == whole:
                        found.add((key, whole))
        return found

    def leaks(self, texts: dict[str, str]) -> dict[str, set[int]]:
        """For each page or download that holds a private string, the strings it holds."""
        found = {path: {whole for _, whole in self._found(_words(text))} for path, text in texts.items()}
        return {path: hashes for path, hashes in found.items() if hashes}


def leaks(ctx, texts: dict[str, str]) -> list[str]:
    """What the site would publish that belongs to a case: one line per page and string, naming
    the case file and what it is (never the text itself, which would leak it into a build log)."""
    from checker.engine import evaluation  # the cases' strings come from their evaluation

    cases = evaluation(ctx, count=True)
    published = [document.text for kind in PUBLISHED_FILES for document in ctx.documents(kind)]
    found = Guard(cases.private, [*published, *cases.public]).leaks(texts)
    if not found:
        return []
    wanted = set().union(*found.values())
    whence: dict[int, str] = {}
    for case in ctx.documents("case"):  # only when something leaked: load the cases to name them
        for what, words in _private(case.data):
            whole = _hash(words)
            if whole in wanted:
                whence.setdefault(whole, f"{what} of {case.path}")
    return [f"{path}: {whence.get(h, 'case text')}" for path, hashes in sorted(found.items()) for h in sorted(hashes)]
