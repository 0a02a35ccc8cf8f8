"""What the timescale rules share: finding a step done late, and describing its deadline."""

from __future__ import annotations

from collections.abc import Iterator

from checker.calendar.deadlines import Step
from checker.model.case import Case
from checker.model.findings import Problem

CLOCK = {
    (1, "acknowledgement"): ("stage1_acknowledgement", "from receipt"),
    (1, "response"): ("stage1_response", "from the acknowledgement"),
    (2, "acknowledgement"): ("stage2_acknowledgement", "from the escalation request"),
    (2, "response"): ("stage2_response", "from the stage 2 acknowledgement"),
}
FIELD = {"acknowledgement": "acknowledged", "response": "responded"}


def late(case: Case, number: int, step_name: str) -> Iterator[Problem]:
    """A problem when the step was done after its deadline."""
    stage = case.stages.get(number)
    if stage is None:
        return
    step: Step = getattr(stage, step_name)
    if step.done is None or not step.late:  # a step not done is never late
        return
    days = case.calendar.elapsed(step.due, step.done)
    yield Problem(
        f"stage {number} {FIELD[step_name]} {step.done.isoformat()}, {days} working "
        f"day{'s' if days != 1 else ''} after its deadline {step.due.isoformat()} "
        f"({describe(case, number, step_name)}); record an explanation if it cannot be mended",
        case.document,
        (f"stage{number}", FIELD[step_name]),
    )


def describe(case: Case, number: int, step_name: str) -> str:
    """How the deadline was set, e.g. '10 working days from the acknowledgement, +5 extension'."""
    name, start = CLOCK[(number, step_name)]
    text = f"{case.timescales[name]['working_days']} working days {start}"
    stage = case.stages[number]
    if step_name == "response" and stage.extension_days:
        text += f", extended by {stage.extension_days}"
    return text


def where(case: Case, number: int) -> tuple[tuple[str, ...], bool]:
    """The path (and whether it is a key) to point at for a stage: its block, or the receipt."""
    if f"stage{number}" in case.data:
        return (f"stage{number}",), True
    return (("stage2", "requested") if number == 2 else ("received",)), False
