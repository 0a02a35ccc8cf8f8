"""Recording each step of a complaint in its case file: acknowledge, extend, respond, escalate,
exclude, explain a breach (the rest of a case is in `checker.edit.more_steps`, corrections in
`checker.edit.amend`).

Each step first asks whether the case's state allows it (no response before an acknowledgement,
no escalation of a complaint that was not accepted, one extension per stage) and refuses, changing
nothing, when it does not. The edit keeps the file's comments, key order and layout
(`checker.edit.roundtrip`), is checked before it is written (`checker.edit.drafts`: never invalid
data, personal data or dates out of order), is saved atomically, and the case is then checked
again so the handler sees its next deadline and any finding at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from checker.edit import drafts
from checker.edit.new_case import GUIDE
from checker.edit.roundtrip import Edit, EditError, Flow, Moment
from checker.engine.cases import check_case, explainable
from checker.engine.check import check
from checker.engine.due import left
from checker.engine.evaluate import Setting
from checker.files import ChangedOnDisk, locked
from checker.load import case_schema
from checker.load.repository import load_repository
from checker.load.validate import validate
from checker.load.view import view
from checker.load.yaml import RULE, LoadError, parse
from checker.model.case import UNDER_A_CODE, Case
from checker.model.categories import suggestion
from checker.model.clocks import STAGE_NAMES
from checker.model.deadlines import Due, Step
from checker.model.findings import Document, Finding, Location, Severity, relative
from checker.rules import RULES
from checker.rules._timescales import binding, describe, source


class StepRefused(Exception):
    """The case's state, or its file, does not allow this step; nothing was changed."""


@dataclass(frozen=True)
class Recorded:
    """What a step wrote, and the case as it now stands."""

    path: str
    summary: str
    findings: list[Finding]
    open_steps: list[tuple[int, Step]]
    case: Case


StepFunction = Callable[..., str]


def record(
    root: Path, case_id: str, as_of: date, step: StepFunction, **options: object
) -> Recorded:
    """Apply one step to the case file of `case_id`, as of a date, and check the case again
    (`options` are the step's own keywords, given to it as they are)."""
    path = find_case(root, case_id)
    shown = relative(path, root)
    repository = load_repository(root, {shown})  # once: the policy files, and this case's file
    setting = Setting.of(view(repository, as_of))
    if setting is None:
        raise StepRefused(
            "policy/council.yaml and policy/policy.yaml must be valid first; "
            "`complaints check` says why"
        )
    on = options.get("on")
    if isinstance(on, date) and _day(on, setting) > as_of:  # a date, or a datetime
        raise StepRefused(
            f"{_day(on, setting).isoformat()} is after today ({as_of.isoformat()}); "
            "record a step once it has happened (give --on the day it happened)"
        )
    # The case's state is checked on the very bytes the edit replaces, while no other command of
    # this tool edits a file in its folder: of two steps at once, each sees the other's result.
    with locked(path.parent):
        try:
            edit = Edit(path, case_schema.order)
            case = _case(shown, edit.text, setting)
            summary = step(case, edit, **options)
            edit.drop(GUIDE)  # the new file's guide to its first step, once a step is recorded
            refused = drafts.blocking(drafts.findings(edit.text, shown, setting), check_case(case))
            if refused:
                raise StepRefused("; ".join(f"{f.rule}: {f.message}" for f in refused))
            edit.save()
        except EditError as error:
            raise StepRefused(str(error)) from None
        except ChangedOnDisk:
            raise StepRefused(
                "the file changed on disk while the step was being recorded (another edit?); "
                "run the command again"
            ) from None
    result = check(repository, as_of)  # the case file is read again: it has just changed
    found = [f for f in result.findings if f.location.path == shown]
    now = _case(shown, edit.text, setting)
    steps = list(now.open_steps()) if now.route in UNDER_A_CODE else []
    return Recorded(shown, summary, found, steps, now)


def find_case(root: Path, case_id: str) -> Path:
    """The file of case `case_id`, in whichever reporting-year folder holds it."""
    found = sorted((root / "cases").glob(f"*/{case_id}.yaml"))
    if not found:
        raise StepRefused(
            f"there is no case {case_id} under cases/ (looked for cases/*/{case_id}.yaml); "
            "check the id, or open it with `complaints new`"
        )
    if len(found) > 1:
        names = ", ".join(relative(p, root) for p in found)
        raise StepRefused(f"{case_id} is in more than one folder ({names}); keep one and run again")
    return found[0]


def _case(shown: str, text: str, setting: Setting) -> Case:
    """The case a case file's text holds, or the first reason it is not a valid case file."""
    try:
        document = Document(shown, parse(text), text)
    except LoadError as error:
        problems = [
            Finding(RULE, Severity.ERROR, str(error), Location(shown, error.line, error.column))
        ]
    else:
        problems = validate(document, "case")
    if problems:
        raise StepRefused(
            f"{problems[0].location}: {problems[0].message}; fix the file first "
            "(`complaints check` lists every problem), then run again"
        )
    return setting.case(document)


def _day(on: date | datetime, setting: Setting) -> date:
    return setting.calendar.local_day(on)


# The steps. Each checks the case's state, makes its edit and returns what it recorded, in words.


def acknowledge(
    case: Case,
    edit: Edit,
    *,
    on: date,
    definition: str | None = None,
    outcomes: str | None = None,
    not_responsible_for: list[str] | None = None,
    handler: str | None = None,
    includes: list[str] | None = None,
) -> str:
    """Record the acknowledgement of the current stage, with the complaint definition (HO 5.6)."""
    still_open(case)
    number = current_stage(case)
    record = case.record(number)
    if record.get("acknowledged"):
        raise StepRefused(
            f"stage {number} was already acknowledged on {record['acknowledged']}; "
            f"correct it with `complaints amend {case.id} acknowledge`"
        )
    for key, given, option in (
        ("definition", definition, "--definition"),
        ("outcomes_sought", outcomes, "--outcomes"),
    ):
        if given:
            edit.set((key,), given)
        elif not case.data.get(key):
            raise StepRefused(
                f"the case does not record {key} yet; give it with {option} "
                "(the acknowledgement sets out the complaint, HO 5.6)"
            )
    if not_responsible_for:
        for aspect in not_responsible_for:
            edit.append(("not_responsible_for",), aspect)
    elif "not_responsible_for" not in case.data:
        # HO 5.7: stated, even when there is nothing to state
        edit.set(("not_responsible_for",), [])
    stage = f"stage{number}"
    edit.set((stage, "acknowledged"), on)
    if includes:
        edit.set((stage, "acknowledgement_includes"), list(includes))
    if handler:
        edit.set((stage, "handler"), handler)
    return f"stage {number} acknowledged {on.isoformat()}"


def extend(
    case: Case,
    edit: Edit,
    *,
    on: date,
    days: int,
    reason: str,
    good_reason: bool = False,
    ombudsman_details_given: bool = False,
) -> str:
    """Record an extension of the current stage's response deadline, agreed with the complainant."""
    still_open(case)
    number = current_stage(case)
    record = _acknowledged(case, number, "extended")
    if record.get("responded"):
        raise StepRefused(
            f"stage {number} was responded to on {record['responded']}; "
            "there is nothing left to extend (a mistyped date is corrected with "
            f"`complaints amend {case.id} respond --on DATE`)"
        )
    if record.get("extension"):
        extension = record["extension"]
        raise StepRefused(
            f"stage {number} already has an extension (agreed {extension['agreed']}, "
            f"{extension['days']} working days); a stage records one extension: "
            f"correct it with `complaints amend {case.id} extend`"
        )
    extension = Flow(agreed=on, days=days, reason=reason)
    if good_reason:
        extension["good_reason"] = True
    extension["ombudsman_details_given"] = ombudsman_details_given
    edit.set((f"stage{number}", "extension"), extension)
    return f"stage {number} extended by {days} working days, agreed {on.isoformat()}"


def respond(
    case: Case,
    edit: Edit,
    *,
    on: date,
    decision: str,
    includes: list[str],
    handler: str | None = None,
    signposted_to: list[str] | None = None,
) -> str:
    """Record the response of the current stage: its date, decision and what the letter
    contained."""
    still_open(case)
    number = current_stage(case)
    record = _acknowledged(case, number, "responded to")
    if record.get("responded"):
        raise StepRefused(
            f"stage {number} was already responded to on {record['responded']}; "
            f"correct it with `complaints amend {case.id} respond`"
        )
    stage = f"stage{number}"
    if handler:
        edit.set((stage, "handler"), handler)
    edit.set((stage, "responded"), on)
    edit.set((stage, "decision"), decision)
    edit.set((stage, "response_includes"), list(includes))
    if signposted_to:
        edit.set((stage, "signposted_to"), list(signposted_to))
    return f"stage {number} responded {on.isoformat()}: {decision}"


def escalate(case: Case, edit: Edit, *, on: date | datetime) -> str:
    """Record the complainant's request to escalate to the next stage."""
    still_open(case)
    current = current_stage(case)
    number = current + 1
    count = case.rules["stages"]
    if number > count:
        requested = case.record(current).get("requested")
        raise StepRefused(
            f"the complaint is already at stage {current}"
            + (f" (requested {requested})" if requested else "")
            + f", the last of the policy's {count}; after it the complainant may go to the "
            f"ombudsman: record a referral with `complaints refer {case.id} --body BODY`"
        )
    if not case.record(current).get("responded") and not _late_escalation(case, current, on):
        raise StepRefused(
            f"stage {current} has not been responded to; stage {number} follows a stage "
            f"{current} response (HO 5.3, 6.10): record the response first (complaints respond)"
        )
    if isinstance(on, datetime) and on.tzinfo is None:
        on = on.replace(tzinfo=case.calendar.zone)  # an officer's time is council-local
    edit.set((f"stage{number}",), {"requested": moment(on)})
    return f"stage {number} requested {moment(on)}"


def _late_escalation(case: Case, number: int, on: date | datetime) -> bool:
    """Whether the policy lets the complainant escalate because the stage's response is late,
    and it is (its deadline passed before the request)."""
    if not (case.rules.get("escalation") or {}).get("when_response_late"):
        return False
    stage = case.stages.get(number)
    day = on.date() if isinstance(on, datetime) else on
    return bool(stage and stage.response.due and day > stage.response.due)


def exclude(
    case: Case,
    edit: Edit,
    *,
    on: date,
    reason: str,
    explained: date | None = None,
    ombudsman_right_given: bool = False,
) -> str:
    """Record that the complaint is not accepted, on one of the policy's grounds."""
    still_open(case)
    codes = case.exclusion_grounds()
    if reason not in codes:
        if not codes:
            raise StepRefused(
                "the policy states no grounds for not accepting a complaint (rules.exclusions); "
                "a complaint can only be excluded on a ground the policy states (`complaints "
                "explain exclusion-reason-unknown`)"
            )
        close = suggestion(reason, codes)
        hint = f"did you mean '{close}'? " if close else ""
        raise StepRefused(
            f"'{reason}' is not one of the policy's exclusions; {hint}"
            f"give --reason one of: {', '.join(codes)}"
        )
    for number in range(1, current_stage(case) + 1):
        if case.record(number).get("responded"):
            raise StepRefused(
                f"stage {number} was responded to on {case.record(number)['responded']}; "
                "a complaint is excluded instead of being answered, not after "
                f"(`complaints show {case.id}` shows its timeline)"
            )
    if "stage2" in case.data:
        raise StepRefused(
            "the complaint is at stage 2; a complaint is excluded when it arrives, "
            "not once escalated: refuse the escalation with `complaints refuse-escalation`"
        )
    exclusion = Flow(reason=reason, decided=on)
    if explained:
        exclusion["explained"] = explained
    if ombudsman_right_given:
        exclusion["ombudsman_right_given"] = True
    edit.set(("exclusion",), exclusion)
    return f"not accepted ({reason}), decided {on.isoformat()}"


def explain_breach(case: Case, edit: Edit, *, on: date, rule: str, reason: str, by: str) -> str:
    """Record why a breach that cannot be mended happened, and who reviewed it (comply or
    explain)."""
    if rule not in RULES:
        raise StepRefused(f"there is no rule '{rule}'; `complaints rules` lists them")
    if not explainable(rule):
        raise StepRefused(
            f"{rule} cannot be explained away; put it right instead (`complaints explain {rule}`)"
        )
    if any(e["rule"] == rule for e in case.data.get("explanations", [])):
        raise StepRefused(
            f"the case already explains {rule}; correct that explanation in the file if it changed "
            "(`complaints check` checks it)"
        )
    if not any(f.rule == rule for f in check_case(case)):
        raise StepRefused(
            f"{rule} does not fire on this case as of {case.as_of.isoformat()}; "
            f"there is nothing to explain (`complaints show {case.id}` lists its findings)"
        )
    edit.append(("explanations",), Flow(rule=rule, reason=reason, reviewed_by=by, date=on))
    return f"explanation of {rule}, reviewed by {by}"


def current_stage(case: Case) -> int:
    """The stage a step applies to: the last one escalated to (stage 2 if taken straight there),
    else 1."""
    recorded = [n for n, name in enumerate(STAGE_NAMES, 1) if name in case.data]
    if case.data.get("direct_to_stage2"):
        recorded.append(2)
    return max(recorded, default=1)


def still_open(case: Case) -> None:
    """Refuse any step on a complaint that was withdrawn or not accepted."""
    if case.data.get("withdrawn"):
        raise StepRefused(
            f"the complaint was withdrawn on {case.data['withdrawn']}; no further step can be "
            f"recorded (`complaints show {case.id}` shows its timeline)"
        )
    exclusion = case.data.get("exclusion")
    if exclusion:
        raise StepRefused(
            f"the complaint was not accepted ({exclusion['reason']}, "
            f"decided {exclusion['decided']}); no further step can be recorded (correct the "
            f"exclusion with `complaints amend {case.id} exclude`)"
        )


def _acknowledged(case: Case, number: int, verb: str) -> dict[str, Any]:
    record = case.record(number)
    if not record.get("acknowledged"):
        raise StepRefused(
            f"stage {number} has not been acknowledged; it cannot be {verb} before it is "
            "acknowledged: record the acknowledgement first (complaints acknowledge)"
        )
    return record


def moment(on: date | datetime) -> Moment | date:
    """A date as it is written, or a date and time written plain (a Moment)."""
    return Moment(on.isoformat()) if isinstance(on, datetime) else on


def next_steps(recorded: Recorded, as_of: date) -> list[str]:
    """The case's open steps in words, soonest first; or what ends it."""
    case = recorded.case
    lines = []
    timed = [(n, step, due) for n, step in recorded.open_steps if (due := binding(step))]
    for number, step, due in sorted(timed, key=lambda triple: triple[2].day):
        when = left(case.calendar.elapsed(as_of, due.day))
        lines.append(
            f"Next: stage {number} {step.name} due {due.day.isoformat()}, {when} "
            f"({describe(due, number)}{other_deadlines(step, due, number)})"
        )
    if lines:
        return lines
    if case.route not in UNDER_A_CODE:
        return [f"No Code timescales apply to the {case.route} route."]
    if case.closed is not None and case.stages:
        last = max(case.stages)
        more = last < case.rules["stages"] and f"stage{last + 1}" not in case.data
        if more and case.stages[last].response.done:
            return [
                f"Nothing is due. If the complainant asks for stage {last + 1}, record it with "
                f"`complaints escalate {case.id}`."
            ]
    return [
        f"Nothing is due: the council's process ended on {case.closed.isoformat()}."
        if case.closed
        else "Nothing is due."
    ]


# Each step command's function, by the command's name.
STEPS: dict[str, StepFunction] = {
    "acknowledge": acknowledge,
    "extend": extend,
    "respond": respond,
    "escalate": escalate,
    "exclude": exclude,
    "explain-breach": explain_breach,
}


def other_deadlines(step: Step, due: Due, number: int) -> str:
    """The other floor's deadline for a step, where it falls on another day: a handler sees both
    (the policy's and the Code's) and which one binds."""
    return "".join(
        f"; {source(other)}'s{' aim' if other.clock.advisory else ''}: "
        f"{other.day.isoformat()} ({describe(other, number)})"
        for other in step.dues
        if other.day != due.day
    )
