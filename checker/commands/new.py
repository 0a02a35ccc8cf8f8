"""`complaints new`: open the next case file and print its deadlines."""

from __future__ import annotations

import argparse

from checker.calendar.workdays import Calendar
from checker.commands import UsageError, policy_file, root
from checker.edit.new_case import Refused, open_case


def run(args: argparse.Namespace) -> int:
    top = root(args)
    council, policy = policy_file(top, "council"), policy_file(top, "policy")
    try:
        opened = open_case(
            top,
            council,
            policy,
            Calendar.from_council(council),
            route=args.route,
            service=args.service,
            received=args.received,
            case_type=args.case_type,
            channel=args.channel,
        )
    except Refused as error:
        raise UsageError(f"{error}; no case was opened") from None
    print(f"Opened {opened.path.relative_to(top).as_posix()}")
    print(f"Counts as received: {opened.received.isoformat()}")
    print(f"Stage 1 acknowledgement due: {opened.acknowledgement_due.isoformat()}")
    print(
        f"Stage 1 response due: {opened.response_due_latest.isoformat()} at the latest "
        "(counted from the acknowledgement: sooner if it is acknowledged sooner)"
    )
    return 0
