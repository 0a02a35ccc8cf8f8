"""The demo generator's vocabulary, typed: vocabulary.yaml (shipped beside this module) read once.

The file holds the words a generated case draws on (the council's services, what their complaints
are about, remedies, reasons, adjustments) and the relative weight of each draw (routes, channels,
decisions, ombudsman outcomes, deliberate breaches). Nothing here draws: the order of the draws is
the story's (story.py, case.py and sections.py), so the same seed and file give the same cases.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import yaml

T = TypeVar("T")

FILE = "vocabulary.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML's safe loader, in C if built


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """Values with relative weights, drawn with one call (cumulative weights computed once)."""

    values: tuple[T, ...]
    weights: tuple[int, ...]
    cumulative: tuple[int, ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[T, int]]) -> Weighted[T]:
        """Values and weights from (value, weight) pairs, in their order."""
        listed = list(pairs)
        weights = tuple(weight for _, weight in listed)
        return cls(tuple(value for value, _ in listed), weights, tuple(accumulate(weights)))

    def pick(self, rng: random.Random) -> T:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]

    def only(self, keep: Callable[[T], bool]) -> Weighted[T]:
        """The values `keep` accepts, each with its weight."""
        return Weighted.of((v, w) for v, w in zip(self.values, self.weights) if keep(v))


@dataclass(frozen=True)
class Service:
    """One service: its route, complaint types, handlers and the texts its cases draw on."""

    route: str
    noun: str  # how a sentence names it: "the repairs service"
    types: tuple[str, ...]
    handler: str  # stage 1
    reviewer: str  # stage 2: a different, more senior role
    not_responsible_for: tuple[str, ...]  # aspects the council is not responsible for
    actions: tuple[str, ...]
    learning: tuple[str, ...]
    exclusions: tuple[str, ...]  # exclusion codes that fit, besides the route's own


@dataclass(frozen=True)
class ComplaintType:
    """What a complaint of one type is about, and what the complainant wants ("{noun}" in each
    sentence is the service)."""

    definitions: tuple[str, ...]
    outcomes_sought: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Everything in vocabulary.yaml, in the file's order (the order the draws depend on)."""

    routes: Weighted[str]
    channels: Weighted[str]
    out_of_hours: Mapping[str, float]  # by channel: the share that arrives outside working hours
    representatives: Weighted[str]
    services: Mapping[str, Service]
    types: Mapping[str, ComplaintType]
    learning: tuple[str, ...]  # any service's, besides its own
    learning_themes: Mapping[str, str]  # each piece of learning's theme
    needs: tuple[str, ...]
    extension_reasons: tuple[str, ...]
    discretion_reasons: tuple[str, ...]
    direct_reasons: tuple[str, ...]
    financial: tuple[str, ...]
    recommendations: tuple[str, ...]
    breaches: Weighted[str]  # the rule each deliberate breach breaks
    breach_reasons: Mapping[str, tuple[str, ...]]
    decisions: Mapping[int, Weighted[str]]  # by stage number
    ombudsman_outcomes: Mapping[str, Weighted[str]]  # by body
    housing_exclusions: tuple[str, ...]  # the only ones the Housing Ombudsman accepts
    general_exclusions: tuple[str, ...]  # every other route's, besides the service's own


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package, read and checked once per process."""
    text = resources.files("checker.demo").joinpath(FILE).read_text("utf-8")
    return parse(yaml.load(text, Loader=_LOADER))


def parse(data: dict[str, Any]) -> Vocabulary:
    """The vocabulary from the file's data; ValueError if a service names what the file lacks."""
    words = Vocabulary(
        routes=_weighted(data["routes"]),
        channels=Weighted.of((name, c["weight"]) for name, c in data["channels"].items()),
        out_of_hours=MappingProxyType(
            {name: c["out_of_hours"] for name, c in data["channels"].items() if "out_of_hours" in c}
        ),
        representatives=_weighted(data["representatives"]),
        services=MappingProxyType({n: _service(s) for n, s in data["services"].items()}),
        types=MappingProxyType(
            {
                name: ComplaintType(tuple(t["definitions"]), tuple(t["outcomes_sought"]))
                for name, t in data["types"].items()
            }
        ),
        learning=tuple(data["learning"]),
        learning_themes=MappingProxyType(dict(data["learning_themes"])),
        needs=tuple(data["needs"]),
        extension_reasons=tuple(data["extension_reasons"]),
        discretion_reasons=tuple(data["discretion_reasons"]),
        direct_reasons=tuple(data["direct_reasons"]),
        financial=tuple(data["financial"]),
        recommendations=tuple(data["recommendations"]),
        breaches=Weighted.of((rule, b["weight"]) for rule, b in data["breaches"].items()),
        breach_reasons=MappingProxyType(
            {rule: tuple(b["reasons"]) for rule, b in data["breaches"].items()}
        ),
        decisions=MappingProxyType({n: _weighted(data["decisions"][f"stage{n}"]) for n in (1, 2)}),
        ombudsman_outcomes=MappingProxyType(
            {body: _weighted(o) for body, o in data["ombudsman_outcomes"].items()}
        ),
        housing_exclusions=tuple(data["exclusions"]["housing"]),
        general_exclusions=tuple(data["exclusions"]["general"]),
    )
    for name, service in words.services.items():
        unknown = [t for t in service.types if t not in words.types]
        if service.route not in words.routes.values or unknown:
            what = ", ".join(unknown) or service.route
            raise ValueError(f"{FILE}: service {name} names {what}, which the file does not have")
    return words


def _weighted(weights: dict[str, int]) -> Weighted[str]:
    return Weighted.of(weights.items())


def _service(row: dict[str, Any]) -> Service:
    return Service(
        row["route"],
        row["noun"],
        tuple(row["types"]),
        row["handler"],
        row["reviewer"],
        tuple(row.get("not_responsible_for", ())),
        tuple(row.get("actions", ())),
        tuple(row.get("learning", ())),
        tuple(row.get("exclusions", ())),
    )
