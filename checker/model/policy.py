"""The policy as data: its clauses in order, and clause text rendered with figures from its rules.

Clause text says `{{ stage1_response }}` (or `{{ stage1_response | words }}`) where the published
policy states a figure that the rules hold, so the text and the rule cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.model.clocks import figure_of

TEMPLATE = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*(?:\|\s*([a-z]+)\s*)?\}\}")
# anything in braces, to report what TEMPLATE cannot read
ANY_TEMPLATE = re.compile(r"\{\{(.*?)\}\}")
FOOTNOTE = re.compile(r"\[\^([0-9a-z-]+)\]")
TEXT_KEYS = ("title", "text", "quote", "items", "after")

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@dataclass(frozen=True)
class Clause:
    """One numbered clause, with the YAML path that locates it."""

    number: str
    data: dict
    path: tuple

    @property
    def parts(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.number.split("."))

    def texts(self) -> Iterator[tuple[str, tuple]]:
        """Every piece of text in the clause, with the path of each."""
        for key in TEXT_KEYS:
            value = self.data.get(key)
            if isinstance(value, str):
                yield value, (*self.path, key)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    yield item, (*self.path, key, index)


def clauses(policy: dict) -> list[Clause]:
    """Every clause of the policy in document order, sections included."""
    found: list[Clause] = []

    def walk(items: list, path: tuple) -> None:
        for index, item in enumerate(items):
            here = (*path, index)
            found.append(Clause(item["number"], item, here))
            walk(item.get("clauses", []), (*here, "clauses"))

    walk(policy.get("sections", []), ("sections",))
    return found


def figures(policy: dict) -> dict[str, int]:
    """The figures clause text may draw on: each stated timescale's figure, in its own unit."""
    timescales = policy["rules"].get("timescales") or {}
    return {
        name: found[0]
        for name, spec in timescales.items()
        if isinstance(spec, dict) and (found := figure_of(spec)) is not None
    }


def words(number: int) -> str:
    """A whole number in words, as policies write small figures ("five working days")."""
    if number < 20:
        return _UNITS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    return str(number)


def render(text: str, values: dict[str, int]) -> str:
    """Clause text with every `{{ name }}` replaced by its figure; unknown names are left as
    they are."""

    def substitute(match: re.Match) -> str:
        name, style = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        return words(values[name]) if style == "words" else str(values[name])

    return TEMPLATE.sub(substitute, text)
