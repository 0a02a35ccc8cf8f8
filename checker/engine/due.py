"""`complaints due`: what is due or overdue, soonest first, for handlers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.engine.cases import whole_cases
from checker.load.layout import Repository
from checker.load.view import view
from checker.model.case import UNDER_A_CODE, Handler, handler
from checker.model.deadlines import Step
from checker.rules import (
    later_stage_late,
    stage1_acknowledgement_late,
    stage1_response_late,
    stage2_acknowledgement_late,
    stage2_response_late,
)
from checker.rules._timescales import binding

RULE_AT_STAKE = {
    (1, "acknowledgement"): stage1_acknowledgement_late.ID,
    (1, "response"): stage1_response_late.ID,
    (2, "acknowledgement"): stage2_acknowledgement_late.ID,
    (2, "response"): stage2_response_late.ID,
}


@dataclass(frozen=True)
class Due:
    """One open step and its deadline."""

    due: date
    case_id: str
    stage: int
    step: str
    handler: str | None
    working_days_left: int  # negative when overdue
    rule: str
    path: str
    also: str = ""  # the other floor's deadline, where it differs


def open_steps(
    repository: Repository, as_of: date, within: int, handled: str | None = None
) -> list[Due]:
    """Every open step due within `within` working days of `as_of`, or overdue, soonest first;
    with `handled`, only those of the stages that role or pseudonym handles."""
    found = []
    for case in whole_cases(view(repository, as_of)):
        if case.route not in UNDER_A_CODE:
            continue
        for number, step in case.open_steps():
            due = binding(step)
            if due is None:
                continue
            left = case.calendar.elapsed(as_of, due.day)
            who = handler(case.record(number))
            if left <= within and (handled is None or handled_by(who, handled)):
                rule = RULE_AT_STAKE.get((number, step.name), later_stage_late.ID)
                found.append(
                    Due(
                        due.day,
                        case.id,
                        number,
                        step.name,
                        str(who) if who else None,
                        left,
                        rule,
                        case.document.path,
                        also(step, due.day),
                    )
                )
    return sorted(found, key=lambda d: (d.due, d.case_id, d.stage))


def handled_by(who: Handler | None, wanted: str) -> bool:
    """Whether a stage's handler is `wanted`: its role or its person's pseudonym, in any case."""
    names = (who.role, who.person) if who else ()
    return any(name and name.casefold() == wanted.casefold() for name in names)


def also(step: Step, binding_day: date) -> str:
    """The other floors' deadlines for a step, where they differ from the one that binds:
    '(the policy's 2026-02-03)', '(the policy aims for 2026-01-20)'."""
    parts = []
    for due in step.dues:
        if due.day == binding_day:
            continue
        whose = "the policy" if due.clock.council else "the Code"
        verb = f"{whose} aims for" if due.clock.advisory else f"{whose}'s"
        parts.append(f"{verb} {due.day.isoformat()}")
    return f" ({'; '.join(parts)})" if parts else ""


def overdue_by(days: int) -> str:
    """'OVERDUE by 3 working days': how late a step is, with its unit wherever it is printed."""
    return f"OVERDUE by {working_days(days)}"


def left(days: int) -> str:
    """'in 3 working days', 'today' or 'OVERDUE by 2 working days': when a step is due."""
    return overdue_by(-days) if days < 0 else "today" if days == 0 else f"in {working_days(days)}"


def working_days(days: int) -> str:
    return f"{days} working day{'s' if days != 1 else ''}"


def render(items: list[Due], as_of: date, within: int, handled: str | None = None) -> str:
    """A table a handler reads at a glance (`handled`: the handler it was narrowed to)."""
    if not items:
        whose = f" for {handled}" if handled else ""
        return (
            f"Nothing due{whose} within {within} working days of {as_of.isoformat()}, "
            "and nothing overdue.\n"
        )
    rows = [("due", "when", "case", "step", "handler", "rule at stake")]
    for item in items:
        when = left(item.working_days_left)
        rows.append(
            (
                item.due.isoformat(),
                when,
                item.case_id,
                f"stage {item.stage} {item.step}{item.also}",
                item.handler or "(unassigned)",
                item.rule,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows
    ]
    overdue = sum(1 for item in items if item.working_days_left < 0)
    lines.append(
        f"{len(items)} open step{'s' if len(items) != 1 else ''} as of {as_of.isoformat()}: "
        f"{overdue} overdue."
    )
    return "\n".join(lines) + "\n"
