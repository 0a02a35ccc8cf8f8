"""What the policy-against-the-Codes rules share: a problem that says in a few words what the
policy does, for `self_assessment_contradicts_policy` to quote beside a "yes" answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.load.view import View
from checker.model.codes import counterpart, governing
from checker.model.findings import Document, Problem


@dataclass(frozen=True)
class Breach(Problem):
    """A policy's breach of a Code: a problem, and what the policy does (the message before its
    advice)."""

    breach: str = field(kw_only=True)


def applying(view: View) -> list[tuple[str, Document]]:
    """The Codes the policy answers to: those that govern one of its routes (a council without a
    housing route answers to no Housing Ombudsman's Code), each held in `policy/codes/`."""
    if view.policy is None:
        return []
    names = governing(view.policy.data) & set(view.codes)
    return [(name, view.codes[name]) for name in sorted(names)]


def cited(view: View, *numbers: str) -> tuple[str, ...]:
    """The provisions, of each Code the policy answers to, that say what the Housing Ombudsman's
    `numbers` say ("4.1" -> "HO 4.1", "LGSCO 4.1"): what a finding about the council's governance
    cites. Empty when the council answers to neither Code."""
    return tuple(
        citation
        for _, code in applying(view)
        for number in numbers
        for citation in counterpart(code.data, number)
    )


def working_days_at_most(figure: int, unit: str) -> int:
    """The most working days a timescale can hold: a week of calendar days holds five; a month,
    twenty-three."""
    if unit == "working_days":
        return figure
    if unit == "calendar_days":
        return -(-figure * 5 // 7)
    return figure * 23


def working_days_at_least(figure: int, unit: str) -> int:
    """The fewest working days a timescale can hold (a month holds at least nineteen, bank
    holidays aside)."""
    if unit == "working_days":
        return figure
    if unit == "calendar_days":
        return figure * 5 // 7
    return figure * 19
