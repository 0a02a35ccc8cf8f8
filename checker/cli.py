"""The `complaints` command: argument parsing only; each subcommand calls one function.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from checker.calendar import periods
from checker.calendar.workdays import FIRST_YEAR, LAST_YEAR, OutOfRange, parse_timestamp
from checker.commands import UsageError
from checker.formats import FORMATS
from checker.formats.score import FORMATS as SCORE_FORMATS
from checker.formats.submission import FORMATS as SUBMISSION_FORMATS
from checker.formats.text import printable
from checker.load import case_schema
from checker.load.git import GitError
from checker.load.repository import NotARepository
from checker.report.render import FORMATS as REPORT_FORMATS
from checker.schemas import KINDS, enum

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
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its own message
        return int(exit_.code or 0)
    try:
        command = importlib.import_module(f"checker.commands.{COMMANDS[args.command]}")
        code: int = command.run(args)
        return code
    except (UsageError, NotARepository, GitError, OutOfRange, periods.NotAYear) as error:
        print(f"complaints: {printable(str(error), breaks=True)}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        return 0
    except OSError as error:  # a full disk, a folder that cannot be written: said, not a traceback
        where = f"{error.filename}: " if error.filename else ""
        said = printable(f"{where}{error.strerror or error}", breaks=True)
        print(f"complaints: {said}", file=sys.stderr)
        return USAGE_ERROR


class _Parser(argparse.ArgumentParser):
    """argparse, echoing what was typed with every control character written as an escape (a file
    name or value pasted into an argument never drives the terminal)."""

    def error(self, message: str) -> NoReturn:
        super().error(printable(message, breaks=True))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="complaints",
        description=(
            "Check, score and publish a council's complaints against the Complaint Handling Codes."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate every file and apply every rule")
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        default="error",
        help="exit 1 when a finding at or above this severity is not explained (default: error)",
    )
    check.add_argument(
        "--as-of", type=_date, default=None, help="evaluate as of this date (default: today)"
    )
    check.add_argument(
        "--output", type=Path, help="write the report to this file instead of stdout"
    )
    check.add_argument(
        "--root", type=Path, help="the repository (default: found from here upwards)"
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help=(
            "check only the case files changed since this git ref (everything when policy/ changed)"
        ),
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="evaluate every case file again, ignoring the results cache",
    )

    start = commands.add_parser("init", help="start a new council's repository in an empty folder")
    start.add_argument("folder", type=Path, help="the empty folder to make it in")
    start.add_argument("--name", required=True, help="the council's name, as it publishes it")
    start.add_argument("--prefix", required=True, help="case id prefix, 2 to 6 capitals: CCC")
    start.add_argument("--website", required=True, help="the council's website (https://)")

    new = commands.add_parser("new", help="open the next case file and print its deadlines")
    new.add_argument("--route", required=True, choices=enum("case", "route"))
    new.add_argument("--service", required=True, type=_slug)
    new.add_argument(
        "--received", required=True, type=_moment, help="when it reached the council (ISO 8601)"
    )
    new.add_argument(
        "--type", dest="case_type", default="unclassified", type=_slug, help="complaint type"
    )
    new.add_argument(
        "--channel",
        default="other",
        choices=enum("case", "channel"),
    )
    new.add_argument("--root", type=Path)

    scores = commands.add_parser(
        "score", help="score the self-assessments against the Codes and the cases"
    )
    scores.add_argument(
        "--code",
        choices=enum("code", "code"),
        help="one Code (default: both)",
    )
    scores.add_argument(
        "--year",
        type=_year,
        help="the reporting year of cases (default: the one before "
        "the self-assessment was completed)",
    )
    scores.add_argument("--format", choices=sorted(SCORE_FORMATS), default="text")
    scores.add_argument("--as-of", type=_date, default=None)
    scores.add_argument("--root", type=Path)

    report = commands.add_parser(
        "report", help="the annual complaints performance and service improvement report"
    )
    report.add_argument(
        "--year",
        type=_year,
        help="the reporting year (default: the last complete one, as score takes)",
    )
    report.add_argument("--format", choices=sorted(REPORT_FORMATS), default="markdown")
    report.add_argument(
        "--as-of",
        type=_date,
        default=None,
        help="a draft year's date (default: today); a frozen year is as at its figures_as_at",
    )
    report.add_argument("--output", type=Path, help="write to this file instead of stdout")
    report.add_argument("--root", type=Path)

    submission = commands.add_parser(
        "submission",
        help="what the Housing Ombudsman's annual submission form asks, and what is missing",
    )
    submission.add_argument(
        "--year", type=_year, help="the reporting year it reports on (default: the last full one)"
    )
    submission.add_argument("--format", choices=sorted(SUBMISSION_FORMATS), default="text")
    submission.add_argument(
        "--as-of",
        type=_date,
        default=None,
        help="count the days left from this date (default: today)",
    )
    submission.add_argument("--root", type=Path)

    pages = commands.add_parser(
        "pages", help="write the public site's pages and downloads to a folder"
    )
    pages.add_argument(
        "--out", type=Path, required=True, help="the folder to write (a docs folder)"
    )
    pages.add_argument("--as-of", type=_date, default=None)
    pages.add_argument("--root", type=Path)

    demo = commands.add_parser("demo-data", help="generate a deterministic example year of cases")
    demo.add_argument("--year", required=True, type=_year, help="reporting year, like 2025-26")
    demo.add_argument("--count", type=int, default=400)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--root", type=Path)

    due = commands.add_parser("due", help="list what is due or overdue, soonest first")
    due.add_argument("--within", type=int, default=5, help="working days ahead (default 5)")
    due.add_argument(
        "--handler", type=_handler, help="only the stages this role or pseudonym handles"
    )
    due.add_argument("--as-of", type=_date, default=None)
    due.add_argument("--root", type=Path)
    _add_case_commands(commands)

    show = commands.add_parser("schema", help="print the JSON Schema of a kind of file")
    show.add_argument("kind", choices=KINDS)

    workdays = commands.add_parser(
        "workdays", help="working-day arithmetic with the council's calendar"
    )
    workdays.add_argument("--root", type=Path, help="the repository whose calendar to use")
    sums = workdays.add_subparsers(dest="operation", required=True, metavar="OPERATION")
    add = sums.add_parser("add", help="the date N working days after DATE")
    add.add_argument("date", type=_date)
    add.add_argument("n", type=int)
    receipt = sums.add_parser(
        "receipt", help="the date a complaint received at TIMESTAMP counts from"
    )
    receipt.add_argument("timestamp", type=_moment)
    between = sums.add_parser("between", help="working days after A up to and including B")
    between.add_argument("a", type=_date)
    between.add_argument("b", type=_date)

    _add_step_commands(commands)

    imports = commands.add_parser(
        "import", help="import a case-management system's export (CSV or Excel) as case files"
    )
    imports.add_argument(
        "export", type=Path, metavar="FILE", help="the exported .csv or .xlsx file"
    )
    imports.add_argument(
        "--mapping",
        type=Path,
        required=True,
        help="the mapping file (see examples/import/mapping.yaml)",
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="report what would be imported; write nothing"
    )
    imports.add_argument("--as-of", type=_date, default=None)
    imports.add_argument("--root", type=Path)

    listing = commands.add_parser("rules", help="list every rule")
    listing.add_argument(
        "--provisions",
        action="store_true",
        help="instead, every provision of both Codes with the rules that evidence it, or why "
        "none can (Markdown)",
    )
    listing.add_argument(
        "--root",
        type=Path,
        help="the repository whose Codes to read (default: found from here upwards; outside one, "
        "the Codes bundled with the tool)",
    )
    explain = commands.add_parser("explain", help="explain one rule and how to fix its findings")
    explain.add_argument("rule")
    explain.add_argument("--root", type=Path)
    return parser


def _add_case_commands(commands: argparse._SubParsersAction) -> None:
    """show and list: one case, or the cases, as a handler reads them."""
    show = commands.add_parser(
        "show", help="one case: its timeline, what is due next and its findings"
    )
    show.add_argument(
        "case_id", metavar="ID", help="the case: CCC-2025-0142, or 142 in the current year"
    )
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.add_argument("--as-of", type=_date, default=None)
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
    cases.add_argument("--handler", type=_handler, help="a role or pseudonym")
    cases.add_argument("--service", type=_slug)
    cases.add_argument("--route", choices=enum("case", "route"))
    cases.add_argument("--year", type=_year, help="the reporting year of receipt, like 2025-26")
    cases.add_argument("--format", choices=["text", "json", "csv"], default="text")
    cases.add_argument("--as-of", type=_date, default=None)
    cases.add_argument("--root", type=Path)


def _add_step_commands(commands: argparse._SubParsersAction) -> None:
    """acknowledge, extend, respond, escalate, exclude, explain-breach: one step in a case file."""
    elements = case_schema.enum(("stage1", "response_includes"))
    bodies = case_schema.enum(("stage1", "signposted_to"))

    def step(
        name: str,
        help_text: str,
        on_help: str | None = "the date it happened (default: today)",
        on_type: Callable[[str], date | datetime] = _date,
    ) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "case_id", metavar="ID", type=_case_id, help="the case, like CCC-2025-0142"
        )
        if on_help is not None:
            command.add_argument("--on", type=on_type, default=None, help=on_help)
        command.add_argument(
            "--as-of", type=_date, default=None, help="today, for the check (default: today)"
        )
        command.add_argument("--root", type=Path)
        return command

    acknowledge = step("acknowledge", "record the acknowledgement of a case's current stage")
    acknowledge.add_argument(
        "--definition", help="the complaint as the council understands it (HO 5.6)"
    )
    acknowledge.add_argument(
        "--outcomes", dest="outcomes", help="the outcomes the complainant seeks"
    )
    acknowledge.add_argument(
        "--not-responsible-for",
        action="append",
        metavar="TEXT",
        help="an aspect the council is not responsible for (HO 5.7); repeat for each",
    )
    acknowledge.add_argument(
        "--handler", type=_slug, help="who handles this stage: a role, never a name"
    )
    acknowledge.add_argument(
        "--includes",
        nargs="+",
        choices=elements,
        metavar="ELEMENT",
        help=f"what the letter contained: {', '.join(elements)}",
    )

    extend = step(
        "extend",
        "record an extension of the current stage's response deadline",
        "the date it was agreed (default: today)",
    )
    extend.add_argument(
        "--days", type=_working_days, required=True, help="working days added to the deadline"
    )
    extend.add_argument("--reason", required=True, type=_text, help="why more time is needed")
    extend.add_argument(
        "--good-reason", action="store_true", help="a good reason for a longer extension"
    )
    extend.add_argument(
        "--ombudsman-details-given",
        action="store_true",
        help="the extension notice gave the Ombudsman's contact details",
    )

    respond = step("respond", "record the response of a case's current stage")
    respond.add_argument(
        "--decision", required=True, choices=case_schema.enum(("stage1", "decision"))
    )
    respond.add_argument(
        "--includes",
        nargs="+",
        required=True,
        choices=elements,
        metavar="ELEMENT",
        help=f"what the letter contained: {', '.join(elements)}",
    )
    respond.add_argument("--handler", type=_slug, help="who responded: a role, never a name")
    respond.add_argument(
        "--signposted-to",
        nargs="+",
        choices=bodies,
        metavar="BODY",
        help=f"the bodies the letter said the complainant could go to: {', '.join(bodies)}",
    )

    step(
        "escalate",
        "record a request to escalate a case to its next stage",
        "when the request was received: a date, or a date and time like 2026-03-27T17:42:00+00:00 "
        "(after hours it counts from the next working day; default: today)",
        _moment,
    )

    exclude = step(
        "exclude",
        "record that a complaint is not accepted, on one of the policy's grounds",
        "the date of the decision (default: today)",
    )
    exclude.add_argument(
        "--reason",
        required=True,
        type=_slug,
        metavar="CODE",
        help="one of the policy's exclusion codes (rules.exclusions in policy/policy.yaml)",
    )
    exclude.add_argument(
        "--explained-on",
        dest="explained",
        type=_date,
        help="when the reasons were sent to the complainant",
    )
    exclude.add_argument(
        "--ombudsman-right-given",
        action="store_true",
        help="the letter gave the right to take the decision to the Ombudsman",
    )

    explain = step(
        "explain-breach",
        "record why a breach happened and who reviewed it (comply or explain)",
        "the date of the review (default: today)",
    )
    explain.add_argument(
        "rule", metavar="RULE", help="the rule the breach is of, like stage1-response-late"
    )
    explain.add_argument("--reason", required=True, type=_text, help="why it happened")
    explain.add_argument(
        "--by", required=True, type=_slug, help="who reviewed it: a role, never a name"
    )
    _add_case_steps(step)
    _add_amend(step)


def _add_case_steps(step: Callable[..., argparse.ArgumentParser]) -> None:
    """The rest of a case: remedies, actions, updates, refusal, withdrawal, ombudsman, learning."""
    remedies = case_schema.node(("stage1", "remedies")) or {}
    kinds = tuple(remedies.get("items", {}).get("properties", {}).get("kind", {}).get("enum", ()))
    remedy = step("remedy", "add a remedy to a stage's response", None)
    remedy.add_argument("--kind", required=True, choices=kinds)
    remedy.add_argument("--amount", type=_pounds, help="for a financial remedy, in pounds")
    remedy.add_argument("--by", type=_date, help="the day it is to be delivered by")
    remedy.add_argument("--what", type=_text, help="what the remedy is")
    remedy.add_argument("--stage", type=_number, help="the stage (default: the current one)")
    action = step("action", "add an outstanding action a stage's response promised", None)
    action.add_argument("--what", required=True, type=_text, help="what is to be done")
    action.add_argument("--by", required=True, type=_date, help="the day it is due")
    action.add_argument("--stage", type=_number, help="the stage (default: the current one)")
    for name, noun in (("remedy-done", "a remedy"), ("action-done", "an outstanding action")):
        done = step(name, f"record the day {noun} was done", "the day it was done (default: today)")
        done.add_argument(
            "number", metavar="N", type=_number, help="which of the stage's, from 1 as listed"
        )
        done.add_argument("--stage", type=_number, help="the stage (default: the current one)")

    update = step(
        "update", "record an update sent on a delayed response, or (--every) the intervals agreed"
    )
    update.add_argument(
        "--every",
        type=_working_days,
        metavar="N",
        help="instead, the working days between updates, agreed with the complainant on --on",
    )
    refuse = step(
        "refuse-escalation",
        "record that the council refused to escalate a complaint",
        "the date of the decision (default: today)",
    )
    refuse.add_argument(
        "--requested", required=True, type=_moment, help="when the escalation was requested"
    )
    refuse.add_argument(
        "--reason", required=True, type=_slug, metavar="CODE", help="one of the policy's exclusions"
    )
    refuse.add_argument(
        "--explained-on", dest="explained", type=_date, help="when the reasons were sent"
    )
    refuse.add_argument(
        "--ombudsman-right-given",
        action="store_true",
        help="the letter gave the right to take the refusal to the Ombudsman",
    )
    step("withdraw", "record that the complainant withdrew a complaint")

    refer = step("refer", "record a referral to an ombudsman", "the date of the referral")
    refer.add_argument("--body", required=True, choices=case_schema.enum(("ombudsman", "body")))
    decision = step(
        "ombudsman-decision", "record an ombudsman's decision", "the date of the decision"
    )
    decision.add_argument(
        "--outcome",
        required=True,
        type=_slug,
        help="in the body's own categories, as the case schema lists them for it",
    )
    decision.add_argument("--compensation", type=_pounds, help="compensation ordered, in pounds")
    decision.add_argument(
        "--recommendation",
        dest="recommendations",
        action="append",
        type=_text,
        metavar="TEXT",
        help="a recommendation; repeat for each, each followed by its --by",
    )
    decision.add_argument(
        "--by", action="append", type=_date, help="the day the recommendation before it is due"
    )

    learning = step("learning", "record what the council learned from a complaint", None)
    learning.add_argument("--text", required=True, type=_text)
    publish = learning.add_mutually_exclusive_group(required=True)
    publish.add_argument("--publishable", dest="publishable", action="store_true")
    publish.add_argument("--private", dest="publishable", action="store_false")
    discrimination = step("discrimination", "record whether discrimination is claimed", None)
    claimed = discrimination.add_mutually_exclusive_group(required=True)
    claimed.add_argument("--claimed", dest="claimed", action="store_true")
    claimed.add_argument("--not-claimed", dest="claimed", action="store_false")


def _add_amend(step: Callable[..., argparse.ArgumentParser]) -> None:
    """amend: correct a value a step recorded, as if it had been recorded right."""
    amend = step(
        "amend",
        "correct a value a step recorded (acknowledge, extend, respond, escalate)",
        "the corrected date (a date and time for escalate)",
        _moment,
    )
    amend.add_argument(
        "amended", metavar="STEP", choices=("acknowledge", "extend", "respond", "escalate")
    )
    amend.add_argument("--stage", type=_number, help="the stage (default: the current one)")
    amend.add_argument("--days", type=_working_days, help="extend: the working days")
    amend.add_argument("--reason", type=_text, help="extend: why more time is needed")
    amend.add_argument("--decision", choices=case_schema.enum(("stage1", "decision")))
    amend.add_argument(
        "--includes",
        nargs="+",
        choices=case_schema.enum(("stage1", "response_includes")),
        metavar="ELEMENT",
        help="respond: what the letter contained",
    )
    amend.add_argument("--handler", type=_slug, help="acknowledge, respond: a role")


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-27") from None
    return _in_range(day, text)


def _in_range(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' is not between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def _moment(text: str) -> date | datetime:
    try:
        moment = parse_timestamp(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    _in_range(moment, text)
    return moment


def _slug(text: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise argparse.ArgumentTypeError(
            f"'{text}' should be lower-case words joined by hyphens, like housing-repairs"
        )
    return text


def _handler(text: str) -> str:
    """A handler as the case files record one: a role (a slug) or a pseudonym (P-7Q2K9)."""
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|[Pp]-[A-Za-z0-9]{4,12}", text):
        return text
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a role like housing-repairs-manager or a pseudonym like P-7Q2K9"
    )


def _case_id(text: str) -> str:
    if not re.fullmatch((case_schema.node(("id",)) or {})["pattern"], text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a case id like CCC-2025-0142")
    return text


def _text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise argparse.ArgumentTypeError("give some text")
    return text


def _working_days(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of working days like 10")
    return int(text)


def _number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number like 1")
    return int(text)


def _pounds(text: str) -> float | int:
    """An amount in pounds, written as a whole number where it is one (150, not 150.0)."""
    try:
        amount = float(text.lstrip("£"))
    except ValueError:
        amount = -1.0
    if not 0 <= amount <= 10_000_000:  # NaN fails too
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount in pounds like 150 or 75.50")
    return int(amount) if amount.is_integer() else amount


def _year(text: str) -> str:
    """A reporting year's label of either shape (2025-26, or 2026 for a calendar year); whether it
    is the council's shape is checked against council.yaml where the year is used."""
    try:
        periods.bounds(text, 1 if len(text) == 4 else 4)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a reporting year like 2025-26 (or 2026, for a year from January)"
        ) from None
    return text


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
