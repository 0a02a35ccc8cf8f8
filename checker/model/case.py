"""A case as the rules see it: its data, the policy and Code that govern its route, its clocks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import ModuleType
from typing import NamedTuple

from checker.calendar.workdays import Calendar
from checker.model import clocks, deadlines
from checker.model.clocks import STAGE_NAMES
from checker.model.findings import Document, Problem
from checker.schemas import enum

ROUTES = enum("case", "route")
# a statutory process is under neither Code
UNDER_A_CODE = tuple(route for route in ROUTES if route != "statutory")
# What each kind of value in a case file is, for the privacy checks: identifiers are never
# published; categories come from closed lists and are counted in the report; moments and the
# names of rules and roles are not free text; everything else may be free text.
IDENTIFIERS = {
    "id": "a case id",
    "ref": "a complainant reference",
    "handler": "a handler",
    "role": "a handler's role",
    "person": "a handler's pseudonym",
}
CATEGORIES = frozenset({"route", "service", "tenure", "type", "channel"})
NOT_FREE_TEXT = (
    frozenset(IDENTIFIERS) | CATEGORIES | {"received", "rule", "reviewed_by", "agreed_by"}
)


class Handler(NamedTuple):
    """Who handled a stage: a role, a person's pseudonym, or both (never a name)."""

    role: str | None
    person: str | None

    def __str__(self) -> str:
        if self.role and self.person:
            return f"{self.role} ({self.person})"
        return self.role or self.person or ""


def handler(record: dict) -> Handler | None:
    """Who handled a stage, as its record says: `handler` is a role (a slug) or
    `{role, person}`; None where it records neither."""
    found = record.get("handler")
    if isinstance(found, dict):
        role, person = found.get("role"), found.get("person")
        return Handler(role, person) if role or person else None
    return Handler(found, None) if found else None


@dataclass
class Case:
    """One valid case file, evaluated as of a date."""

    document: Document
    council: dict
    policy: dict
    codes: dict[str, dict]
    calendar: Calendar
    as_of: date
    # what each case rule found in this case, once (`problems`): the checker and metrics share it
    found: dict[ModuleType, list[Problem]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # plain attributes, not properties: the rules read them a hundred times a case
        self.data: dict = self.document.data
        self.id: str = self.data["id"]
        self.route: str = self.data["route"]
        self.rules: dict = self.policy["rules"]
        # None: a route the policy lacks
        self.route_rules: dict | None = self.rules["routes"].get(self.route)
        code_name = (self.route_rules or {}).get("code")
        self.code: dict | None = self.codes.get(code_name) if code_name else None
        # the policy's and the Code's timescales for this route
        self.clocks: clocks.Clocks = clocks.of(self.rules, self.code)

    def problems(self, rule: ModuleType) -> list[Problem]:
        """What a case rule finds in this case, found once: the checker and the metrics share it."""
        found = self.found.get(rule)  # by the module itself: no attribute to look up
        if found is None:
            found = self.found[rule] = list(rule.check(self))
        return found

    @cached_property
    def received(self) -> date:
        """The day the complaint counts as received: stage 1's start, where it has begun."""
        first = self.stages.get(1)
        return first.started if first else deadlines.received(self.data, self.calendar)

    @cached_property
    def stages(self) -> dict[int, deadlines.Stage]:
        """The clocks of each stage that has started by the as-of date."""
        return {
            s.number: s for s in deadlines.stages(self.data, self.clocks, self.calendar, self.as_of)
        }

    def time_limits(self) -> list[deadlines.TimeLimit]:
        """The time limit for complaining under each floor, the policy's first: the day each
        runs from and the last day a complaint is in time (none without the issue's dates)."""
        issue = self.data.get("issue")
        if not issue:
            return []
        return deadlines.time_limits(issue, self.clocks.time_limits, self.calendar)

    def exclusion_grounds(self) -> list[str]:
        """The codes a complaint may be refused on: the policy's exclusions, and `late` wherever a
        time limit applies (the policy's, or where it states none, the Code's)."""
        codes = [e["code"] for e in self.rules.get("exclusions", [])]
        if "late" not in codes and self.clocks.time_limits:
            codes.append("late")
        return codes

    def record(self, number: int) -> dict:
        return self.data.get(STAGE_NAMES[number - 1]) or {}

    def happened(self, value: str | None) -> date | None:
        return deadlines.happened(value, self.as_of)

    def open_steps(self) -> Iterator[tuple[int, deadlines.Step]]:
        """Each (stage number, step) not yet done as of the date; none once it is withdrawn."""
        if self.happened(self.data.get("withdrawn")):
            return
        for number, stage in self.stages.items():
            for step in stage.steps():
                if step.done is None:
                    yield number, step

    @cached_property
    def closed(self) -> date | None:
        """The day the council's process ended (final response, exclusion or withdrawal), if it
        has."""
        ends = [
            self.happened(self.data.get("withdrawn")),
            self.happened((self.data.get("exclusion") or {}).get("decided")),
        ]
        last = max(self.stages) if self.stages else None
        if last is not None:
            ends.append(self.stages[last].response.done)
        return min((d for d in ends if d), default=None)
