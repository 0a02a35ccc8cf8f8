"""The `complaints` command: argument parsing only; each subcommand calls one function.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

from checker import ExtraMissing
from checker.calendar import periods
from checker.calendar.workdays import OutOfRange
from checker.cli import cases, repository, steps
from checker.cli.parser import Parser, Version
from checker.commands import UsageError
from checker.formats.text import printable
from checker.load.git import GitError
from checker.load.layout import NotARepository

USAGE_ERROR = 2

# Each command's module in checker.commands, imported only when it runs (a quick start for `check`).
COMMANDS = {
    "check": "check",
    "init": "init",
    "new": "new",
    "score": "score",
    "report": "report",
    "submission": "submission",
    "pages": "pages",
    "demo-data": "demo_data",
    "due": "due",
    "show": "show",
    "list": "list_cases",
    "schema": "schema",
    "workdays": "workdays",
    "import": "import_cases",
    "rules": "rules",
    "explain": "explain",
    "completion": "completion",
    **{
        step: "step"
        for step in (
            *("acknowledge", "extend", "respond", "escalate", "exclude", "explain-breach"),
            *("remedy", "remedy-done", "action", "action-done", "update", "refuse-escalation"),
            *("withdraw", "refer", "ombudsman-decision", "learning", "discrimination", "amend"),
        )
    },
}


def run() -> None:
    """The `complaints` command: `main`, then an exit that leaves freeing the memory to the system
    (the interpreter frees a large repository's objects one by one: a tenth of a second)."""
    code = main()
    with contextlib.suppress(BrokenPipeError):  # the reader has gone (`complaints check | head`)
        sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:
            parser.refuse_unknown(args, extras)
    except SystemExit as exit_:  # argparse has printed its own message
        return int(exit_.code or 0)
    try:
        command = importlib.import_module(f"checker.commands.{COMMANDS[args.command]}")
        code: int = command.run(args)
        return code
    except (
        UsageError,
        NotARepository,
        GitError,
        OutOfRange,
        periods.NotAYear,
        ExtraMissing,
    ) as error:
        print(f"complaints: {printable(str(error), breaks=True)}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        return 0
    except OSError as error:  # a full disk, a folder that cannot be written: said, not a traceback
        where = f"{error.filename}: " if error.filename else ""
        said = printable(f"{where}{error.strerror or error}", breaks=True)
        print(f"complaints: {said}", file=sys.stderr)
        return USAGE_ERROR


def _parser() -> Parser:
    parser = Parser(
        prog="complaints",
        description=(
            "Check, score and publish a council's complaints against the Complaint Handling Codes."
        ),
    )
    parser.add_argument("--version", action=Version, help="print the installed version")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    repository.add(commands)
    cases.add(commands)
    repository.add_tools(commands)
    steps.add(commands)
    repository.add_reference(commands, parser)
    return parser
