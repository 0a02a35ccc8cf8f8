"""A time limit for complaining stricter than the Codes allow.

## What it checks
The policy's `late_complaint` against each Code that governs one of its routes (HO 2.3, LGSCO
2.2: accept complaints made within 12 months of the issue occurring or of the complainant
becoming aware of it, and consider discretion for later ones with good reason):
- its length is at least 12 months (a figure in days is compared by the fewest working or
  calendar days 12 months can hold: 365 calendar days, 252 working days);
- it runs from the later of the two events, or from becoming aware: a limit from the event alone
  shuts out a resident who found out late;
- it does not rule out discretion (`discretion: false`).

## Why it matters
A council may be more generous than the Code, never less. A six-month limit refuses complaints
the Ombudsman will expect the council to have accepted.

## Example
    late_complaint: {months: 6, from: the-event, discretion: false, clauses: ["4.2"]}

## How to fix
Bring the limit to the Code's. Until the policy is revised, record why under its
`explanations`; cases excluded as late within the Code's 12 months are findings of
`late-exclusion-in-time` meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.clocks import amount, figure_of
from checker.model.codes import cite
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying

ID = "policy-time-limit-stricter-than-code"
TITLE = "The time limit for complaining is no stricter than the Codes'"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 2.3", "LGSCO 2.2")
POLICY = ("timescales.late_complaint",)
# the fewest days twelve months can hold, in each unit
YEAR = {"months": 12, "calendar_days": 365, "working_days": 252}


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    spec = (view.policy.data["rules"].get("timescales") or {}).get("late_complaint")
    if not isinstance(spec, dict) or (found := figure_of(spec)) is None:
        return
    figure, unit = found
    path = ("rules", "timescales", "late_complaint")
    for code_name, code in applying(view):
        theirs = code.data["timescales"].get("late_complaint")
        if theirs is None:
            continue
        provisions = cite(code_name, theirs["provisions"])
        publisher = code.data["publisher"]
        problems = []
        if figure * YEAR["months"] < theirs["months"] * YEAR[unit]:
            problems.append((unit, f"the policy's time limit is {amount(figure, unit)}", "length"))
        if spec.get("from") == "the-event":
            problems.append(("from", "the policy's time limit runs from the issue alone", "from"))
        if spec.get("discretion") is False:
            problems.append(
                ("discretion", "the policy rules out accepting a later complaint", "discretion")
            )
        for key, breach, part in problems:
            yield Breach(
                f"{breach}; the {publisher}'s Code accepts complaints within "
                f"{theirs['months']} months of the issue or of becoming aware of it, and asks "
                "for discretion with good reason after that",
                view.policy,
                (*path, key),
                provisions=provisions,
                clauses=tuple(spec.get("clauses", ())),
                subject=f"{code_name}:late_complaint:{part}",
                breach=breach,
            )
