"""Correcting a step already recorded: `complaints amend ID STEP --field value`.

A mistyped value (`extend --days 25` for 5, a response dated a day out, the wrong decision) is
corrected in place: the value's text is replaced where it stands, so the file is then byte for byte
what it would have been had the step been recorded right the first time. Only the values a step
command itself writes can be amended, each under the option that step takes (acknowledge: --on,
--includes, --handler; extend: --on, --days, --reason, --ombudsman-details-given; respond: --on,
--decision, --includes, --handler; escalate: --on; exclude: --on, --explained-on,
--ombudsman-right-given), on the current stage or the one --stage names. The correction goes
through `steps.record` like any step: it is refused, changing nothing, when the step was never
recorded or when the corrected case would be invalid or its dates out of order (a response before
its acknowledgement), and the case is checked again afterwards.
"""

from __future__ import annotations

from datetime import date, datetime

from checker.edit.more_steps import stage_named
from checker.edit.roundtrip import Edit, EditError, Flow
from checker.edit.steps import StepRefused, moment
from checker.model.case import Case

# For each step that can be amended: its options, and the key (under the stage) each one wrote.
FIELDS: dict[str, dict[str, str]] = {
    "acknowledge": {
        "on": "acknowledged",
        "includes": "acknowledgement_includes",
        "handler": "handler",
    },
    "extend": {
        "on": "agreed",
        "days": "days",
        "reason": "reason",
        "ombudsman_details_given": "ombudsman_details_given",
    },
    "respond": {
        "on": "responded",
        "decision": "decision",
        "includes": "response_includes",
        "handler": "handler",
    },
    "escalate": {"on": "requested"},
    "exclude": {
        "on": "decided",
        "explained": "explained",
        "ombudsman_right_given": "ombudsman_right_given",
    },
}

# The key whose presence shows that a stage's step was recorded.
RECORDED = {
    "acknowledge": "acknowledged",
    "extend": "extension",
    "respond": "responded",
    "escalate": "requested",
    "exclude": "exclusion",
}


def amend(
    case: Case, edit: Edit, *, amended: str, stage: int | None = None, **values: object
) -> str:
    """Replace values the step `amended` recorded with the ones given."""
    step = amended
    given = {option: value for option, value in values.items() if value is not None}
    fields = FIELDS[step]
    takes = ", ".join(_flag(option) for option in fields)
    wrong = sorted(set(given) - set(fields))
    if wrong:
        raise StepRefused(f"amend {step} takes {takes}, not {_flag(wrong[0])}")
    if not given:
        raise StepRefused(f"give the corrected value: amend {step} takes {takes}")
    if step == "exclude":  # the exclusion is the case's, not a stage's
        return _amend_exclusion(case, edit, given)
    number = stage_named(case, stage)
    record = case.record(number)
    if not record.get(RECORDED[step]):
        raise StepRefused(
            f"stage {number} records no {RECORDED[step]} to amend; record the step with "
            f"`complaints {step}`" + ("" if stage else ", or name another stage with --stage")
        )
    on = given.get("on")
    if isinstance(on, datetime) and step != "escalate":
        raise StepRefused(f"{step} --on takes a date like 2026-03-27, not a time")
    if isinstance(on, datetime) and on.tzinfo is None:
        given["on"] = on.replace(tzinfo=case.calendar.zone)  # an officer's time is council-local
    changes = {fields[option]: _written(value) for option, value in given.items()}
    where = f"stage{number}"
    if step == "extend":
        _amend_extension(edit, where, record["extension"], changes)
    else:
        for key, value in changes.items():
            edit.set((where, key), value)
    said = ", ".join(_flag(option) for option in given)
    return f"stage {number} {step} amended ({said})"


def _flag(option: str) -> str:
    """The command-line flag of a step's keyword: explained is --explained-on."""
    return "--explained-on" if option == "explained" else "--" + option.replace("_", "-")


def _amend_exclusion(case: Case, edit: Edit, given: dict[str, object]) -> str:
    """Correct or complete the exclusion `exclude` recorded (the date the reasons were explained,
    the right to the Ombudsman), rewriting its mapping as `exclude` writes it."""
    exclusion = case.data.get("exclusion")
    if not exclusion:
        raise StepRefused(
            "the case records no exclusion to amend; record it with `complaints exclude`"
        )
    if isinstance(given.get("on"), datetime):
        raise StepRefused("exclude --on takes a date like 2026-03-27, not a time")
    whole = Flow(exclusion)
    for key in ("decided", "explained"):
        if isinstance(whole.get(key), str):
            whole[key] = date.fromisoformat(whole[key])
    whole.update({FIELDS["exclude"][option]: value for option, value in given.items()})
    edit.set(("exclusion",), whole)
    said = ", ".join(_flag(option) for option in given)
    return f"exclusion amended ({said})"


def _amend_extension(edit: Edit, where: str, extension: dict, changes: dict[str, object]) -> None:
    """Text inside a one-line {mapping} is quoted as the whole mapping is written, so a changed
    reason rewrites the mapping as `extend` writes it; a number or a date is replaced alone."""
    if "reason" in changes:
        whole = Flow(extension)
        whole["agreed"] = date.fromisoformat(whole["agreed"])
        whole.update(changes)
        try:
            edit.set((where, "extension"), whole)
            return
        except EditError:  # written over several lines: each value is then on its own line
            pass
    for key, value in changes.items():
        edit.set((where, "extension", key), value)


def _written(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return moment(value)
    if isinstance(value, list):
        return list(value)
    return value
