"""`complaints new`: open the next case file and print its deadlines."""

from __future__ import annotations

import argparse

from checker.calendar.workdays import Calendar
from checker.commands import UsageError, code_files, policy_file, root
from checker.edit.new_case import Refused, open_case
from checker.model.deadlines import Step
from checker.rules._timescales import describe


def run(args: argparse.Namespace) -> int:
    top = root(args)
    council, policy = policy_file(top, "council"), policy_file(top, "policy")
    try:
        opened = open_case(
            top,
            council,
            policy,
            code_files(top),
            Calendar.from_council(council),
            route=args.route,
            service=args.service,
            received=args.received,
            case_type=args.case_type,
            channel=args.channel,
            handler=args.handler,
            today=args.as_of,  # default: the council's today
        )
    except Refused as error:
        raise UsageError(f"{error}; no case was opened") from None
    print(f"Opened {opened.path.relative_to(top).as_posix()}")
    print(f"Counts as received: {opened.received.isoformat()}")
    for step in opened.stage.steps():
        for line in deadline_lines(step):
            print(line)
    return 0


def deadline_lines(step: Step) -> list[str]:
    """Stage 1's deadline for a step, once where both floors agree, else each floor's."""
    if not step.dues:
        return [f"Stage 1 {step.name}: no timescale applies"]
    days = {due.day for due in step.dues}
    lines = []
    for due in step.dues if len(days) > 1 else step.dues[:1]:
        whose = (
            ("the policy" if due.clock.council else "the Code")
            if len(days) > 1
            else " and ".join("the policy" if d.clock.council else "the Code" for d in step.dues)
        )
        latest = " if acknowledged on time" if due.clock.start == "acknowledgement" else ""
        lines.append(
            f"Stage 1 {step.name} due: {due.day.isoformat()}{latest} ({describe(due, 1)}: {whose})"
        )
    if any(due.clock.start == "acknowledgement" for due in step.dues):
        lines.append("  (counted from the acknowledgement as sent: sooner if it is sent sooner)")
    return lines
