"""`complaints show ID`: one case's line, its timeline, what is due next and its findings; as text
or JSON. The id may be typed in any case, or short within the current reporting year."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import PurePosixPath

from checker.calendar import periods
from checker.commands import UsageError, policy_file, root
from checker.commands.list_cases import record
from checker.engine.case_ids import UnknownCase, resolve
from checker.engine.cases import whole_cases
from checker.engine.check import check
from checker.engine.due import left
from checker.engine.listing import Deadline, Open
from checker.engine.show import Event, Shown, show
from checker.formats import json_format
from checker.formats.text import line, printable
from checker.load.repository import load_repository
from checker.load.view import view
from checker.model.case import UNDER_A_CODE

VERSION = 1


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    where = root(args)
    start_month = policy_file(where, "council")["reporting_year"]["start_month"]
    files: dict[str, list[str]] = {}
    for shown in load_repository(where, policy=False).case_paths:
        files.setdefault(PurePosixPath(shown).stem, []).append(shown)
    try:
        case_id = resolve(args.case_id, files, periods.label(as_of, start_month))
    except UnknownCase as error:
        raise UsageError(str(error)) from None
    if len(files[case_id]) > 1:
        raise UsageError(f"{case_id} is in more than one folder ({', '.join(files[case_id])})")
    path = files[case_id][0]
    repository = load_repository(where, {path})  # the policy files, and this case's file
    findings = [f for f in check(repository, as_of).findings if f.location.path == path]
    cases = whole_cases(view(repository, as_of))
    if not cases:
        first = f": {findings[0].location}: {findings[0].message}" if findings else ""
        raise UsageError(f"{path} is not a valid case file{first}; `complaints check` says more")
    sys.stdout.write(FORMATS[args.format](show(cases[0], findings, start_month)))
    return 0


def text(shown: Shown) -> str:
    """The case for people: a header, the timeline, what is next, the findings."""
    row = shown.summary
    state = f"closed {row.closed.isoformat()}" if row.closed else row.state
    lines = [
        f"{row.case_id}  {row.route}  {row.service}  {row.type}  stage {row.stage}, {state} "
        f"(as of {shown.as_of.isoformat()})",
        f"Received {row.received.isoformat()} (reporting year {row.year}); handler "
        f"{row.handler or '(unassigned)'}",
        "",
        "Timeline:",
        *([f"  {_event(event)}" for event in shown.timeline] or ["  nothing yet"]),
        "",
        *(_next(step) for step in shown.next),
    ]
    if not shown.next:
        lines.append(_nothing_due(shown))
    lines += ["", "Findings:"]
    lines += [f"  {line(finding)}" for finding in shown.findings] or ["  none"]
    return printable("\n".join(lines), breaks=True) + "\n"


def _event(event: Event) -> str:
    stage = f"stage {event.stage} " if event.stage else ""
    said = f"{event.day.isoformat()}  {stage}{event.what}"
    if event.who:
        said += f" by {event.who}"
    if event.detail:
        said += f": {event.detail}"
    if event.deadlines:
        first, *others = event.deadlines
        due = "due" if first.binds else _whose(first)
        said += f"; {due} {first.day.isoformat()} ({first.how}), {_verdict(first)}"
        said += "".join(
            f"; {_whose(d)} {d.day.isoformat()} ({d.how}), {_verdict(d)}"
            for d in others
            if d.day != first.day
        )
    return said


def _verdict(deadline: Deadline) -> str:
    left = deadline.left
    if left < 0:
        return f"missed by {-left} working day{'s' if left != -1 else ''}"
    if left == 0:
        return "met on the day"
    return f"met with {left} working day{'s' if left != 1 else ''} to spare"


def _whose(deadline: Deadline) -> str:
    whose = "the policy" if deadline.by == "policy" else "the Code"
    return f"{whose} aims for" if deadline.advisory else f"{whose}'s"


def _next(step: Open) -> str:
    due = step.due
    others = "".join(
        f"; {_whose(d)} {d.day.isoformat()} ({d.how})" for d in step.deadlines if d.day != due.day
    )
    return (
        f"Next: stage {step.stage} {step.step} due {due.day.isoformat()}, {left(due.left)} "
        f"({due.how}{others})"
    )


def _nothing_due(shown: Shown) -> str:
    row = shown.summary
    if row.route not in UNDER_A_CODE:
        return f"Next: no Code timescales apply to the {row.route} route."
    if row.closed:
        return f"Next: nothing is due; the council's process ended on {row.closed.isoformat()}."
    return "Next: nothing is due."


def as_json(shown: Shown) -> str:
    """The same as a JSON object, keys in a fixed order."""
    document = {
        "version": VERSION,
        "as_of": shown.as_of.isoformat(),
        "case": record(shown.summary),
        "timeline": [
            {
                "date": e.day.isoformat(),
                "what": e.what,
                "stage": e.stage,
                "who": e.who,
                "detail": e.detail,
                "deadlines": [_deadline(d, done=True) for d in e.deadlines],
            }
            for e in shown.timeline
        ],
        "next": [
            {
                "stage": step.stage,
                "step": step.step,
                "deadlines": [_deadline(d, done=False) for d in step.deadlines],
            }
            for step in shown.next
        ],
        "findings": [json_format.record(f) for f in shown.findings],
    }
    return json_format.escaped(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _deadline(deadline: Deadline, done: bool) -> dict:
    """A deadline: for a step done, the working days it came before it (negative: after) and
    whether it was met; for a step still open, the working days left and whether it is overdue."""
    head = {
        "date": deadline.day.isoformat(),
        "by": deadline.by,
        "how": deadline.how,
        "advisory": deadline.advisory,
        "binds": deadline.binds,
    }
    if done:
        return {**head, "working_days_to_spare": deadline.left, "met": deadline.left >= 0}
    return {**head, "working_days_left": deadline.left, "overdue": deadline.left < 0}


FORMATS = {"text": text, "json": as_json}
