"""What the timescale rules share: finding a step done late against either floor (the council's
policy and the Code), describing a deadline, and citing the floor it comes from.

Every case is held to both floors: the Code's figure and the council's policy (its figure, unit
and start event: "15 working days of receipt", "28 calendar days"). The earlier firm deadline
binds. One finding per late step: where the Code's deadline was missed, it cites the Code's
provisions and the policy's clauses for the same timescale (the policy restates, loosens or
tightens it); where only the policy's stricter deadline was missed, it cites the policy's clauses
and no Code provision. A timescale the policy does not state is held at the Code's figure alone;
one it only aims for (`advisory`) holds no case to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.calendar.workdays import parse_timestamp
from checker.model.case import Case
from checker.model.deadlines import Due, Step, after
from checker.model.findings import Problem

FIELD = {"acknowledgement": "acknowledged", "response": "responded"}


def late(case: Case, number: int, step_name: str) -> Iterator[Problem]:
    """A problem when the step was done after a firm deadline of either floor."""
    stage = case.stages.get(number)
    if stage is None:
        return
    step: Step = getattr(stage, step_name)
    missed = step.missed()
    if not missed or step.done is None:  # a step not done is never late
        return
    code = next((d for d in missed if not d.clock.council), None)
    first = code or missed[0]
    days = case.calendar.elapsed(first.day, step.done)
    text = (
        f"stage {number} {FIELD[step_name]} {step.done.isoformat()}, {days} working "
        f"day{'s' if days != 1 else ''} after "
    )
    others = [d for d in step.dues if d is not first and not d.clock.advisory]
    if all(d.day == first.day for d in step.dues):
        text += f"its deadline {first.day.isoformat()} ({describe(first, number)})"
    else:
        text += f"{source(first)}'s deadline {first.day.isoformat()} ({describe(first, number)})"
        for other in others:
            verdict = "was missed too" if other in missed else "was met"
            text += (
                f"; {source(other)}'s deadline {other.day.isoformat()} "
                f"({describe(other, number)}) {verdict}"
            )
    if step_name == "acknowledgement" and stage.response.done is None:
        response = binding(stage.response)
        if response is not None:  # a late acknowledgement moves the response's deadline with it
            text += (
                f"; the response is still due {response.day.isoformat()} "
                f"({describe(response, number)})"
            )
    provisions, clauses = citations(step, first)
    yield Problem(
        f"{text}; record an explanation if it cannot be mended",
        case.document,
        (f"stage{number}", FIELD[step_name]),
        provisions=provisions,
        clauses=clauses,
    )


def citations(step: Step, due: Due) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a finding about this deadline cites: the Code's provisions, if it is the Code's, and
    the policy's clauses for the same timescale, if the policy states it."""
    policy = step.due_by(True)
    # the policy's clauses where it makes the timescale a promise (an aim binds no case)
    clauses = policy.clock.cites if policy and not policy.clock.advisory else ()
    return (() if due.clock.council else due.clock.cites), clauses


def source(due: Due) -> str:
    return "the policy" if due.clock.council else "the Code"


def describe(due: Due, number: int) -> str:
    """How a deadline was set, e.g. '10 working days from the acknowledgement, extended by 5'."""
    clock = due.clock
    step = clock.name.rpartition("_")[2]
    if clock.start == "acknowledgement":
        start = (
            f"from the stage {number} acknowledgement" if number > 1 else "from the acknowledgement"
        )
    elif step == "acknowledgement" and clock.start == "receipt":
        start = "from receipt" if number == 1 else "from the escalation request"
    else:
        event = "receipt" if number == 1 else "the escalation request"
        start = (
            f"from the day after {event}" if clock.start == "day-after-receipt" else f"of {event}"
        )
    text = f"{clock.amount()} {start}"
    if due.extension_days:
        text += f", extended by {due.extension_days}"
    if clock.advisory:
        text += ", advisory"
    return text


def binding(step: Step) -> Due | None:
    """The deadline that binds a step (the earliest firm one; the Code's where both fall on the
    same day), if any floor sets one."""
    firm = [d for d in step.dues if not d.clock.advisory and d.day == step.due]
    return next((d for d in firm if not d.clock.council), firm[0] if firm else None)


def where(case: Case, number: int) -> tuple[tuple[str, ...], bool]:
    """The path (and whether it is a key) to point at for a stage: its block, or the receipt."""
    if f"stage{number}" in case.data:
        return (f"stage{number}",), True
    return ((f"stage{number}", "requested") if number > 1 else ("received",)), False


def request_late(case: Case, number: int) -> Iterator[Problem]:
    """A problem when a stage was requested after the policy's firm window for asking, counted
    from the previous stage's response."""
    name = f"stage{number}_request_window"
    window = case.clocks.policy(name)
    since = 1 if case.clocks.stated.get(name, {}).get("from") == "stage1-response" else number - 1
    responded = case.record(since).get("responded")
    record = case.record(number)
    if window is None or window.advisory or not responded or "requested" not in record:
        return
    if case.stages.get(number) is None:
        return
    closes = after(date.fromisoformat(responded), window.figure, window.unit, case.calendar)
    requested = case.calendar.local_day(parse_timestamp(record["requested"]))
    if requested > closes:
        yield Problem(
            f"stage {number} was requested {requested.isoformat()}, after the window of "
            f"{window.amount()} from the stage {since} reply closed on {closes.isoformat()}; "
            "explain why it was accepted",
            case.document,
            (f"stage{number}", "requested"),
            provisions=(),
            clauses=window.cites,
        )
