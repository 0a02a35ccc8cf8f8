"""`complaints workdays`: working-day arithmetic with the council's calendar."""

from __future__ import annotations

import argparse

from checker.calendar.workdays import Calendar
from checker.commands import policy_file, root
from checker.load.layout import NotARepository


def run(args: argparse.Namespace) -> int:
    calendar = _calendar(args)
    if args.operation == "add":
        print(calendar.add(args.date, args.n).isoformat())
    elif args.operation == "receipt":
        print(calendar.receipt(args.timestamp).isoformat())
    else:
        print(calendar.elapsed(args.a, args.b))
    return 0


def _calendar(args: argparse.Namespace) -> Calendar:
    """The council's calendar when run in a repository, England's default otherwise."""
    try:
        top = root(args)
    except NotARepository:
        return Calendar()
    return Calendar.from_council(policy_file(top, "council"))
