"""Recording the rest of a complaint: remedies and outstanding actions and their completion,
updates during a delay, a refused escalation, withdrawal, the ombudsman's referral and decision,
learning and the discrimination flag.

Each step works as those in `checker.edit.steps` do, through `steps.record`: it refuses, changing
nothing, what the case's state does not allow (a remedy before the response, a decision before
the referral), edits the file's text in place and is checked, schema and all, before it is saved.
Vocabularies (remedy kinds, ombudsman bodies and outcomes) are read from the case schema when the
command runs; the outcomes a body may give are those the schema allows for it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from checker.edit.roundtrip import Edit, Flow, Keys
from checker.edit.steps import StepFunction, StepRefused, current_stage, moment, still_open
from checker.load import case_schema
from checker.model.case import Case
from checker.model.categories import suggestion
from checker.schemas import schema


def remedy(
    case: Case,
    edit: Edit,
    *,
    kind: str,
    amount: float | None = None,
    by: date | None = None,
    what: str | None = None,
    stage: int | None = None,
) -> str:
    """Add a remedy to a stage's response (the current stage's, unless another is named)."""
    if amount is not None and kind != "financial":
        raise StepRefused("--amount is for a financial remedy; give --kind financial")
    still_open(case)
    number = _responded(case, stage, "a remedy is offered in")
    entry = Flow(kind=kind)
    for key, value in (("amount", amount), ("what", what), ("by", by)):
        if value is not None:
            entry[key] = value
    edit.append((f"stage{number}", "remedies"), entry)
    count = len(case.record(number).get("remedies", [])) + 1
    money = f" £{amount:g}" if amount is not None else ""
    due = f", due {by.isoformat()}" if by else ""
    return f"remedy {count} of stage {number}: {kind}{money}{due}"


def remedy_done(case: Case, edit: Edit, *, number: int, on: date, stage: int | None = None) -> str:
    """Record the day remedy `number` (1 for the stage's first) was delivered."""
    return _done(case, edit, "remedies", "remedy", number, on, stage)


def action(case: Case, edit: Edit, *, what: str, by: date, stage: int | None = None) -> str:
    """Add an outstanding action a stage's response promised, with the day it is due."""
    still_open(case)
    number = _responded(case, stage, "an outstanding action is promised in")
    edit.append((f"stage{number}", "actions"), Flow(what=what, due=by))
    count = len(case.record(number).get("actions", [])) + 1
    return f"action {count} of stage {number}, due {by.isoformat()}"


def action_done(case: Case, edit: Edit, *, number: int, on: date, stage: int | None = None) -> str:
    """Record the day outstanding action `number` (1 for the stage's first) was completed."""
    return _done(case, edit, "actions", "action", number, on, stage)


def update(case: Case, edit: Edit, *, on: date, every: int | None = None) -> str:
    """Record an update sent on a delayed response; with `every`, the day the complainant was
    told of the delay and agreed how often they would be updated (HO 5.9, LGSCO 5.5)."""
    still_open(case)
    number = current_stage(case)
    record = case.record(number)
    if record.get("responded"):
        raise StepRefused(
            f"stage {number} was responded to on {record['responded']}; updates are sent while "
            f"a response is delayed (`complaints show {case.id}` shows what is due)"
        )
    stage = f"stage{number}"
    agreed = record.get("update_intervals")
    if every is not None:
        if agreed:
            raise StepRefused(
                f"stage {number} already has update intervals (agreed {agreed['agreed']}, every "
                f"{agreed['every_working_days']} working days); record an update sent without "
                "--every, or correct the intervals in the file if they changed"
            )
        edit.set((stage, "update_intervals"), Flow(agreed=on, every_working_days=every))
        return f"stage {number}: updates every {every} working days, agreed {on.isoformat()}"
    if not agreed:
        raise StepRefused(
            f"stage {number} has no update intervals agreed; record them first with --every N "
            "(the working days between updates)"
        )
    if on.isoformat() in record.get("updates", []):
        raise StepRefused(
            f"stage {number} already records an update on {on.isoformat()}; give --on the day "
            "of another update"
        )
    edit.append((stage, "updates"), on)
    return f"stage {number} update sent {on.isoformat()}"


def refuse_escalation(
    case: Case,
    edit: Edit,
    *,
    requested: date | datetime,
    on: date,
    reason: str,
    explained: date | None = None,
    ombudsman_right_given: bool = False,
) -> str:
    """Record that the council refused to escalate the complaint, on one of the policy's grounds
    (HO 5.11, LGSCO 5.7)."""
    still_open(case)
    if case.data.get("escalation_refused"):
        raise StepRefused(
            f"an escalation was already refused on {case.data['escalation_refused']['decided']}; "
            "a case records one refusal: correct it in the file if it changed "
            "(`complaints check` checks it)"
        )
    current = current_stage(case)
    if current >= case.rules["stages"]:
        raise StepRefused(
            f"the complaint is at stage {current}, the policy's last; there is no escalation "
            f"to refuse (`complaints show {case.id}` shows its timeline)"
        )
    if not case.record(current).get("responded"):
        raise StepRefused(
            f"stage {current} has not been responded to; an escalation is refused after the "
            "response: record it first (complaints respond)"
        )
    codes = case.exclusion_grounds()
    if reason not in codes:
        close = suggestion(reason, codes) if codes else None
        hint = f"did you mean '{close}'? " if close else ""
        raise StepRefused(
            f"'{reason}' is not one of the policy's exclusions; {hint}give --reason one of: "
            f"{', '.join(codes) or '(none stated in rules.exclusions)'}"
        )
    if isinstance(requested, datetime) and requested.tzinfo is None:
        requested = requested.replace(tzinfo=case.calendar.zone)
    refusal = Flow(requested=moment(requested), decided=on, reason=reason)
    if explained:
        refusal["explained"] = explained
    if ombudsman_right_given:
        refusal["ombudsman_right_given"] = True
    edit.set(("escalation_refused",), refusal)
    return f"escalation to stage {current + 1} refused ({reason}), decided {on.isoformat()}"


def withdraw(case: Case, edit: Edit, *, on: date) -> str:
    """Record that the complainant withdrew the complaint."""
    still_open(case)
    if case.closed is not None:
        raise StepRefused(
            f"the council's process ended on {case.closed.isoformat()}; a complaint is "
            f"withdrawn while it is open (`complaints show {case.id}` shows its timeline)"
        )
    edit.set(("withdrawn",), on)
    return f"withdrawn {on.isoformat()}"


def refer(case: Case, edit: Edit, *, body: str, on: date) -> str:
    """Record that the complaint was referred to an ombudsman (or the ICO)."""
    referral = case.data.get("ombudsman")
    if referral:
        raise StepRefused(
            f"the case was already referred to {referral['body']} on {referral['referred']}; "
            "record its decision with `complaints ombudsman-decision`"
        )
    edit.set(("ombudsman",), {"body": body, "referred": on})
    return f"referred to {body} {on.isoformat()}"


def ombudsman_decision(
    case: Case,
    edit: Edit,
    *,
    outcome: str,
    on: date,
    compensation: float | None = None,
    recommendations: list[str] | None = None,
    by: list[date] | None = None,
) -> str:
    """Record the ombudsman's decision: its outcome in the body's own categories, any
    compensation ordered and its recommendations with their due days."""
    referral = case.data.get("ombudsman")
    if not referral:
        raise StepRefused(
            "the case has not been referred; record the referral first (complaints refer)"
        )
    if referral.get("decided"):
        raise StepRefused(
            f"the {referral['body']} decision of {referral['decided']} is already recorded; "
            "correct it in the file if it changed (`complaints check` checks it)"
        )
    allowed = outcomes(referral["body"])
    if outcome not in allowed:
        raise StepRefused(
            f"'{outcome}' is not one of the {referral['body']}'s outcomes; "
            f"give --outcome one of: {', '.join(allowed)}"
        )
    recommendations, by = recommendations or [], by or []
    if len(recommendations) != len(by):
        raise StepRefused("give one --by DATE after each --recommendation TEXT")
    path: Keys = ("ombudsman",)
    edit.set((*path, "decided"), on)
    edit.set((*path, "outcome"), outcome)
    if compensation is not None:
        edit.set((*path, "compensation_ordered"), compensation)
    for text, day in zip(recommendations, by, strict=True):
        edit.append((*path, "recommendations"), Flow(what=text, due=day))
    return f"{referral['body']} decided {on.isoformat()}: {outcome}"


def learning(
    case: Case, edit: Edit, *, text: str, publishable: bool, theme: str | None = None
) -> str:
    """Record what the council learned from the complaint, its theme (counted in the annual
    report), and whether its words may be published."""
    if case.data.get("learning"):
        raise StepRefused(
            "the case already records its learning; correct it in the file if it changed "
            "(`complaints check` checks it)"
        )
    entry = Flow(text=text, theme=theme, publishable=publishable) if theme else None
    edit.set(("learning",), entry or Flow(text=text, publishable=publishable))
    on = f", theme {theme}" if theme else ""
    return f"learning recorded ({'publishable' if publishable else 'private'}{on})"


def discrimination(case: Case, edit: Edit, *, claimed: bool, officer: date | None = None) -> str:
    """Record whether the complainant claims discrimination and, where they do, the day the
    equalities officer was involved."""
    if officer is not None and not claimed:
        raise StepRefused("--equalities-officer goes with --claimed")
    recorded = case.data.get("discrimination_claimed") is claimed
    if recorded and (officer is None or case.data.get("equalities_officer_involved")):
        raise StepRefused(
            f"the case already records discrimination_claimed: {str(claimed).lower()}; "
            f"to change it, give {'--not-claimed' if claimed else '--claimed'}"
        )
    if not recorded:
        edit.set(("discrimination_claimed",), claimed)
    if officer is not None:
        edit.set(("equalities_officer_involved",), officer)
    involved = f", the equalities officer involved {officer.isoformat()}" if officer else ""
    return f"discrimination {'claimed' if claimed else 'not claimed'}{involved}"


def outcomes(body: str) -> tuple[str, ...]:
    """The outcomes the case schema allows for a decision of `body`: its `allOf` if/then where it
    narrows them, else every outcome the schema names."""
    referral = case_schema.node(("ombudsman",)) or {}
    every: list[str] = list(case_schema.enum(("ombudsman", "outcome")))
    for clause in referral.get("allOf", []):
        condition = clause.get("if", {}).get("properties", {}).get("body", {})
        narrowed = clause.get("then", {}).get("properties", {}).get("outcome")
        if narrowed is None:
            continue
        if body == condition.get("const") or body in condition.get("enum", ()):
            return _enum(narrowed)
        every += [outcome for outcome in _enum(narrowed) if outcome not in every]
    return tuple(every)


def _enum(found: dict[str, Any]) -> tuple[str, ...]:
    ref = found.get("$ref", "")
    if ref.startswith("#/$defs/"):
        found = schema("case")["$defs"][ref.rsplit("/", 1)[-1]]
    return tuple(found.get("enum", ()))


def stage_named(case: Case, stage: int | None) -> int:
    """The stage --stage names, which the case must have; else the current one."""
    if stage is None:
        return current_stage(case)
    if stage > current_stage(case):
        raise StepRefused(
            f"the case has no stage {stage}; give --stage with one it has (1 to "
            f"{current_stage(case)}), or leave it out for the current one"
        )
    return stage


def _responded(case: Case, stage: int | None, what: str) -> int:
    """The stage named (or the current one), which must have been responded to."""
    number = stage_named(case, stage)
    if not case.record(number).get("responded"):
        raise StepRefused(
            f"stage {number} has not been responded to; {what} the response: record it first "
            "(complaints respond)"
        )
    return number


def _done(
    case: Case, edit: Edit, key: str, noun: str, number: int, on: date, stage: int | None
) -> str:
    """Mark item `number` of a stage's `key` list done on a day."""
    where = stage_named(case, stage)
    items = case.record(where).get(key) or []
    if not items:
        others = [n for n in range(1, case.rules["stages"] + 1) if case.record(n).get(key)]
        hint = f": give --stage {others[0]}" if others else f"; add one with `complaints {noun}`"
        raise StepRefused(f"stage {where} records no {key}{hint}")
    if not 1 <= number <= len(items):
        raise StepRefused(
            f"stage {where} has {len(items)} {key}; give a number from 1 to {len(items)} "
            f"(`complaints show {case.id}` lists them)"
        )
    if items[number - 1].get("done"):
        raise StepRefused(
            f"{noun} {number} of stage {where} was already done on {items[number - 1]['done']}; "
            f"give another N (`complaints show {case.id}` lists them)"
        )
    # Edit follows an int through a list to its item; the schema gives no order inside one
    edit.set(cast(Keys, (f"stage{where}", key, number - 1, "done")), on)
    return f"{noun} {number} of stage {where} done {on.isoformat()}"


# Each command's function, by the command's name.
STEPS: dict[str, StepFunction] = {
    "remedy": remedy,
    "remedy-done": remedy_done,
    "action": action,
    "action-done": action_done,
    "update": update,
    "refuse-escalation": refuse_escalation,
    "withdraw": withdraw,
    "refer": refer,
    "ombudsman-decision": ombudsman_decision,
    "learning": learning,
    "discrimination": discrimination,
}
