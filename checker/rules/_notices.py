"""What the refusal rules share: a refusal (a complaint not accepted, an escalation refused, a
remedy that cannot be delivered) is told to the complainant, with their right to go to the
Ombudsman. Each rule names the date field that records the telling."""

from __future__ import annotations

from checker.model.case import Case

RIGHT = "that they were told of their right to go to the Ombudsman (ombudsman_right_given: true)"


def untold(case: Case, record: dict, told: str, what: str) -> list[str]:
    """What `record` does not show of the notice: the date in `told` (on or before the date
    checked), described as `what`, and the Ombudsman right."""
    missing = [] if case.happened(record.get(told)) else [f"{what} ({told})"]
    if record.get("ombudsman_right_given") is not True:
        missing.append(RIGHT)
    return missing
