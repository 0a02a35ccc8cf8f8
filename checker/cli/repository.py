"""The arguments of the commands on a whole repository: check, init, new, score, report,
submission, pages and demo-data; schema and workdays; import, rules, explain and completion."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.cli import types
from checker.formats import FORMATS
from checker.formats.score import FORMATS as SCORE_FORMATS
from checker.formats.submission import FORMATS as SUBMISSION_FORMATS
from checker.report.formats import FORMATS as REPORT_FORMATS
from checker.schemas import KINDS, enum

SHELLS = ("bash", "zsh")


def add(commands: argparse._SubParsersAction) -> None:
    """check, init, new, score, report, submission, pages and demo-data."""
    check = commands.add_parser("check", help="validate every file and apply every rule")
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        default="error",
        help="exit 1 when a finding at or above this severity is not explained (default: error)",
    )
    check.add_argument(
        "--as-of", type=types.day, default=None, help="evaluate as of this date (default: today)"
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
    check.add_argument(
        "--include-explained",
        action="store_true",
        help="sarif: report explained breaches too, as suppressed results (left out by default)",
    )

    start = commands.add_parser("init", help="start a new council's repository in an empty folder")
    start.add_argument("folder", type=Path, help="the empty folder to make it in")
    start.add_argument("--name", required=True, help="the council's name, as it publishes it")
    start.add_argument("--prefix", required=True, help="case id prefix, 2 to 6 capitals: CCC")
    start.add_argument("--website", required=True, help="the council's website (https://)")

    new = commands.add_parser("new", help="open the next case file and print its deadlines")
    new.add_argument("--route", required=True, choices=enum("case", "route"))
    new.add_argument("--service", required=True, type=types.slug)
    new.add_argument(
        "--received",
        required=True,
        type=types.moment,
        help="when it reached the council (ISO 8601)",
    )
    new.add_argument(
        "--type", dest="case_type", default="unclassified", type=types.slug, help="complaint type"
    )
    new.add_argument(
        "--channel",
        default="other",
        choices=enum("case", "channel"),
    )
    new.add_argument(
        "--handler",
        type=types.role,
        help="who handles stage 1: a role, never a name (default: unassigned)",
    )
    new.add_argument(
        "--as-of", type=types.day, default=None, help="today, for the check (default: today)"
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
        type=types.year,
        help="the reporting year of cases (default: the one before "
        "the self-assessment was completed)",
    )
    scores.add_argument("--format", choices=sorted(SCORE_FORMATS), default="text")
    scores.add_argument("--as-of", type=types.day, default=None)
    scores.add_argument("--root", type=Path)

    report = commands.add_parser(
        "report", help="the annual complaints performance and service improvement report"
    )
    report.add_argument(
        "--year",
        type=types.year,
        help="the reporting year (default: the last complete one, as score takes)",
    )
    report.add_argument("--format", choices=sorted(REPORT_FORMATS), default="markdown")
    report.add_argument(
        "--as-of",
        type=types.day,
        default=None,
        help="a draft year's date (default: today); a frozen year is as at its figures_as_at",
    )
    report.add_argument("--output", type=Path, help="write to this file instead of stdout")
    report.add_argument("--root", type=Path)
    report.add_argument(
        "--no-cache", action="store_true", help="count every case again, without the results cache"
    )

    submission = commands.add_parser(
        "submission",
        help="what the Housing Ombudsman's annual submission form asks, and what is missing",
    )
    submission.add_argument(
        "--year",
        type=types.year,
        help="the reporting year it reports on (default: the last full one)",
    )
    submission.add_argument("--format", choices=sorted(SUBMISSION_FORMATS), default="text")
    submission.add_argument(
        "--as-of",
        type=types.day,
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
    pages.add_argument(
        "--config",
        type=Path,
        help="also write the site's mkdocs.yml for these pages, for a generator that runs no "
        "MkDocs plugin (Zensical): in a folder that holds --out",
    )
    pages.add_argument("--as-of", type=types.day, default=None)
    pages.add_argument("--root", type=Path)
    pages.add_argument(
        "--no-cache", action="store_true", help="count every case again, without the results cache"
    )

    demo = commands.add_parser("demo-data", help="generate a deterministic example year of cases")
    demo.add_argument("--year", required=True, type=types.year, help="reporting year, like 2025-26")
    demo.add_argument("--count", type=int, default=400)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--root", type=Path)


def add_tools(commands: argparse._SubParsersAction) -> None:
    """schema and workdays: a kind of file's schema, and working-day arithmetic."""
    schema = commands.add_parser("schema", help="print the JSON Schema of a kind of file")
    schema.add_argument("kind", choices=KINDS)

    workdays = commands.add_parser(
        "workdays", help="working-day arithmetic with the council's calendar"
    )
    workdays.add_argument("--root", type=Path, help="the repository whose calendar to use")
    sums = workdays.add_subparsers(dest="operation", required=True, metavar="OPERATION")
    add = sums.add_parser("add", help="the date N working days after DATE")
    add.add_argument("date", type=types.day)
    add.add_argument("n", type=int)
    receipt = sums.add_parser(
        "receipt", help="the date a complaint received at TIMESTAMP counts from"
    )
    receipt.add_argument("timestamp", type=types.moment)
    between = sums.add_parser("between", help="working days after A up to and including B")
    between.add_argument("a", type=types.day)
    between.add_argument("b", type=types.day)


def add_reference(commands: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    """import, rules, explain and completion (which writes a script for `parser` itself)."""
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
    imports.add_argument("--as-of", type=types.day, default=None)
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

    completion = commands.add_parser(
        "completion", help="print the shell completion script for bash or zsh (see README)"
    )
    completion.add_argument("shell", choices=SHELLS)
    completion.set_defaults(parser=parser)
