"""The arguments of the commands a handler reads cases with: due, show and list."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.cli import types
from checker.schemas import enum


def add(commands: argparse._SubParsersAction) -> None:
    """due, show and list: what is due, one case, or the cases, as a handler reads them."""
    due = commands.add_parser("due", help="list what is due or overdue, soonest first")
    due.add_argument("--within", type=int, default=5, help="working days ahead (default 5)")
    due.add_argument(
        "--handler", type=types.handler, help="only the stages this role or pseudonym handles"
    )
    due.add_argument("--as-of", type=types.day, default=None)
    due.add_argument("--root", type=Path)

    show = commands.add_parser(
        "show", help="one case: its timeline, what is due next and its findings"
    )
    show.add_argument(
        "case_id", metavar="ID", help="the case: CCC-2025-0142, or 142 in the current year"
    )
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.add_argument("--as-of", type=types.day, default=None)
    show.add_argument("--root", type=Path)

    cases = commands.add_parser(
        "list", help="the cases, a line each, by next deadline; narrowed by filters"
    )
    state = cases.add_mutually_exclusive_group()
    state.add_argument(
        "--open", dest="state", action="store_const", const="open", help="only open cases"
    )
    state.add_argument(
        "--closed",
        dest="state",
        action="store_const",
        const="closed",
        help="only cases whose process has ended (a final response, exclusion or withdrawal)",
    )
    cases.add_argument("--stage", type=int, help="only cases at this stage")
    cases.add_argument("--overdue", action="store_true", help="only cases with a step overdue")
    cases.add_argument(
        "--due-within",
        type=int,
        metavar="N",
        help="only cases with a step due within N working days, or overdue",
    )
    cases.add_argument("--handler", type=types.handler, help="a role or pseudonym")
    cases.add_argument("--service", type=types.slug)
    cases.add_argument("--route", choices=enum("case", "route"))
    cases.add_argument(
        "--year", type=types.year, help="the reporting year of receipt, like 2025-26"
    )
    cases.add_argument("--format", choices=["text", "json", "csv"], default="text")
    cases.add_argument("--as-of", type=types.day, default=None)
    cases.add_argument("--root", type=Path)
