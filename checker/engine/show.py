"""`complaints show`: one case as a handler reads it: its line of `complaints list`, every step
in date order (who took it, and for an acknowledgement or a response the deadline it met or
missed), what is due next, and its findings as `complaints check` gives them.

Only what the case file records as identifiers, dates, categories, roles and rule ids is shown:
never its free text (the complaint's definition, an extension's or an explanation's reason),
which may say more about the complainant than any output should. Anything dated after the as-of
date has not happened yet, and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.calendar.workdays import parse_timestamp
from checker.engine.listing import Deadline, Open, Summary, deadlines, open_deadlines, summary
from checker.model.case import Case, handler
from checker.model.clocks import STAGE_NAMES
from checker.model.findings import Finding


@dataclass(frozen=True)
class Event:
    """One step of the case's timeline."""

    day: date
    what: str  # received, acknowledged, extended, responded, requested, withdrawn, ...
    stage: int | None = None
    who: str | None = None
    detail: str = ""
    deadlines: tuple[Deadline, ...] = ()  # an acknowledgement's or a response's, binding first


@dataclass(frozen=True)
class Shown:
    """A case as `complaints show` prints it."""

    as_of: date
    summary: Summary
    timeline: list[Event]
    next: list[Open]
    findings: list[Finding]


def show(case: Case, findings: list[Finding], start_month: int) -> Shown:
    """The case as of its date, with its findings (from the check of its file)."""
    return Shown(
        case.as_of, summary(case, start_month), timeline(case), open_deadlines(case), findings
    )


def timeline(case: Case) -> list[Event]:
    """Every dated step the case records up to its as-of date, in date order."""
    data = case.data
    events = [Event(_day(data["received"]), "received", detail=_counts(case, data["received"]))]
    if (refused := data.get("exclusion")) is not None:
        events.append(Event(_day(refused["decided"]), "not accepted", detail=refused["reason"]))
        if refused.get("explained"):
            events.append(Event(_day(refused["explained"]), "reasons for not accepting sent"))
    if isinstance(straight := data.get("direct_to_stage2"), dict):
        events.append(
            Event(_day(straight["date"]), "taken straight to stage 2", who=straight["agreed_by"])
        )
    if data.get("equalities_officer_involved"):
        events.append(
            Event(_day(data["equalities_officer_involved"]), "equalities officer involved")
        )
    for number, name in enumerate(STAGE_NAMES, 1):
        if name in data:
            events.extend(_stage(case, number, data[name]))
    if (refusal := data.get("escalation_refused")) is not None:
        events.append(Event(_day(refusal["requested"]), "escalation requested"))
        events.append(
            Event(_day(refusal["decided"]), "escalation refused", detail=refusal["reason"])
        )
    for issue in data.get("new_issues", []):
        logged = f", as {issue['case']}" if issue.get("case") else ""
        events.append(
            Event(_day(issue["raised"]), "new issue raised", detail=issue["handled"] + logged)
        )
    if (ombudsman := data.get("ombudsman")) is not None:
        events.append(Event(_day(ombudsman["referred"]), f"referred to {ombudsman['body']}"))
        if ombudsman.get("decided"):
            outcome = ombudsman.get("outcome", "")
            events.append(Event(_day(ombudsman["decided"]), "ombudsman decided", detail=outcome))
    if data.get("withdrawn"):
        events.append(Event(_day(data["withdrawn"]), "withdrawn"))
    for explanation in data.get("explanations", []):
        events.append(
            Event(
                _day(explanation["date"]),
                "breach explained",
                who=explanation["reviewed_by"],
                detail=explanation["rule"],
            )
        )
    # sorted by day alone: steps of the same day keep the order the case records them in
    return sorted((e for e in events if e.day <= case.as_of), key=lambda e: e.day)


def _stage(case: Case, number: int, record: dict) -> list[Event]:
    """The steps of one stage: requested, acknowledged, extended, updates, responded."""
    stage = case.stages.get(number)
    who = handler(record)
    by = str(who) if who else None
    events = []
    if record.get("requested"):
        events.append(
            Event(
                _day(record["requested"]),
                "requested",
                number,
                detail=_counts(case, record["requested"]),
            )
        )
    if record.get("acknowledged"):
        done = _day(record["acknowledged"])
        dues = deadlines(case, number, stage.acknowledgement, done) if stage else ()
        events.append(Event(done, "acknowledged", number, by, deadlines=dues))
    if extension := record.get("extension"):
        events.append(
            Event(
                _day(extension["agreed"]),
                "extended",
                number,
                detail=_extended(case, number, extension),
            )
        )
    if intervals := record.get("update_intervals"):
        every = intervals["every_working_days"]
        events.append(
            Event(
                _day(intervals["agreed"]),
                "updates agreed",
                number,
                detail=f"every {every} working day{'s' if every != 1 else ''}",
            )
        )
    events.extend(Event(_day(day), "updated", number) for day in record.get("updates", []))
    if record.get("responded"):
        done = _day(record["responded"])
        dues = deadlines(case, number, stage.response, done) if stage else ()
        told = record.get("signposted_to")
        detail = record.get("decision", "") + (f"; signposted to {', '.join(told)}" if told else "")
        events.append(Event(done, "responded", number, by, detail, dues))
    for remedy in record.get("remedies", []):
        if remedy.get("done"):
            events.append(Event(_day(remedy["done"]), "remedy done", number, detail=remedy["kind"]))
    return events


def _extended(case: Case, number: int, extension: dict) -> str:
    days = extension["days"]
    text = f"by {days} working day{'s' if days != 1 else ''}"
    stage = case.stages.get(number)
    if stage is not None and stage.extension_days == 0:
        text += ", agreed after the deadline it extends: not counted"
    elif stage is not None and stage.response.due is not None:
        text += f", response now due {stage.response.due.isoformat()}"
    if extension.get("good_reason"):
        text += "; a good reason is recorded"
    return text


def _counts(case: Case, moment: str) -> str:
    """'counts from 2025-06-03' where a moment after hours counts from a later day."""
    counted = case.calendar.receipt(parse_timestamp(moment))
    return f"counts from {counted.isoformat()}" if counted != _day(moment) else ""


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])
