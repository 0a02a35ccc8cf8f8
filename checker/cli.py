"""The `complaints` command: argument parsing only; each subcommand calls one function.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

from checker import check as check_command
from checker import case_schema, periods
from checker.files import replace as replace_file
from checker.formats import FORMATS
from checker.formats.report import FORMATS as REPORT_FORMATS
from checker.formats.score import FORMATS as SCORE_FORMATS
from checker.formats.text import line as render_line
from checker.kinds import KINDS, schema
from checker.loader import LoadError, load
from checker.model import Severity
from checker.changes import GitError, changed_cases
from checker.repository import NotARepository, find_root, load_repository
from checker.workdays import Calendar, parse_timestamp

USAGE_ERROR = 2


class UsageError(Exception):
    """A problem with how the command was called or configured (exit 2)."""


def run() -> None:
    """The `complaints` command: `main`, then an exit that leaves freeing the memory to the system
    (the interpreter frees a large repository's objects one by one: a tenth of a second)."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has gone (`complaints check | head`): nothing to say
        pass
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
        return args.run(args)
    except (UsageError, NotARepository, GitError) as error:
        print(f"complaints: {error}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="complaints",
        description="Check, score and publish a council's complaints against the Complaint Handling Codes.",
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
    check.add_argument("--as-of", type=_date, default=None, help="evaluate as of this date (default: today)")
    check.add_argument("--output", type=Path, help="write the report to this file instead of stdout")
    check.add_argument("--root", type=Path, help="the repository (default: found from here upwards)")
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="check only the case files changed since this git ref (everything when policy/ changed)",
    )
    check.add_argument("--no-cache", action="store_true",
                       help="evaluate every case file again, ignoring the results cache")
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="open the next case file and print its deadlines")
    new.add_argument("--route", required=True, choices=["housing", "general", "data-protection", "statutory"])
    new.add_argument("--service", required=True, type=_slug)
    new.add_argument("--received", required=True, type=_moment, help="when it reached the council (ISO 8601)")
    new.add_argument("--type", dest="case_type", default="unclassified", type=_slug, help="complaint type")
    new.add_argument(
        "--channel",
        default="other",
        choices=["webform", "email", "phone", "letter", "in-person", "social-media", "councillor", "mp",
                 "ombudsman-referral", "other"],
    )
    new.add_argument("--root", type=Path)
    new.set_defaults(run=_new)

    scores = commands.add_parser("score", help="score the self-assessments against the Codes and the cases")
    scores.add_argument("--code", choices=["housing-ombudsman", "lgsco"], help="one Code (default: both)")
    scores.add_argument("--year", type=_year, help="the reporting year of cases (default: the one before "
                        "the self-assessment was completed)")
    scores.add_argument("--format", choices=sorted(SCORE_FORMATS), default="text")
    scores.add_argument("--as-of", type=_date, default=None)
    scores.add_argument("--root", type=Path)
    scores.set_defaults(run=_score)

    report = commands.add_parser("report", help="the annual complaints performance and service improvement report")
    report.add_argument("--year", type=_year, help="the reporting year (default: the latest with cases)")
    report.add_argument("--format", choices=sorted(REPORT_FORMATS), default="markdown")
    report.add_argument("--as-of", type=_date, default=None)
    report.add_argument("--output", type=Path, help="write to this file instead of stdout")
    report.add_argument("--root", type=Path)
    report.set_defaults(run=_report)

    pages = commands.add_parser("pages", help="write the public site's pages and downloads to a folder")
    pages.add_argument("--out", type=Path, required=True, help="the folder to write (a docs folder)")
    pages.add_argument("--as-of", type=_date, default=None)
    pages.add_argument("--root", type=Path)
    pages.set_defaults(run=_pages)

    demo = commands.add_parser("demo-data", help="generate a deterministic example year of cases")
    demo.add_argument("--year", required=True, type=_year, help="reporting year, like 2025-26")
    demo.add_argument("--count", type=int, default=400)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--root", type=Path)
    demo.set_defaults(run=_demo_data)

    due = commands.add_parser("due", help="list what is due or overdue, soonest first")
    due.add_argument("--within", type=int, default=5, help="working days ahead (default 5)")
    due.add_argument("--as-of", type=_date, default=None)
    due.add_argument("--root", type=Path)
    due.set_defaults(run=_due)

    show = commands.add_parser("schema", help="print the JSON Schema of a kind of file")
    show.add_argument("kind", choices=KINDS)
    show.set_defaults(run=_schema)

    workdays = commands.add_parser("workdays", help="working-day arithmetic with the council's calendar")
    workdays.add_argument("--root", type=Path, help="the repository whose calendar to use")
    sums = workdays.add_subparsers(dest="operation", required=True, metavar="OPERATION")
    add = sums.add_parser("add", help="the date N working days after DATE")
    add.add_argument("date", type=_date)
    add.add_argument("n", type=int)
    receipt = sums.add_parser("receipt", help="the date a complaint received at TIMESTAMP counts from")
    receipt.add_argument("timestamp", type=_moment)
    between = sums.add_parser("between", help="working days after A up to and including B")
    between.add_argument("a", type=_date)
    between.add_argument("b", type=_date)
    workdays.set_defaults(run=_workdays)

    _add_step_commands(commands)

    imports = commands.add_parser("import", help="import a case-management system's export (CSV or Excel) as case files")
    imports.add_argument("export", type=Path, metavar="FILE", help="the exported .csv or .xlsx file")
    imports.add_argument("--mapping", type=Path, required=True, help="the mapping file (see examples/import/mapping.yaml)")
    imports.add_argument("--dry-run", action="store_true", help="report what would be imported; write nothing")
    imports.add_argument("--as-of", type=_date, default=None)
    imports.add_argument("--root", type=Path)
    imports.set_defaults(run=_import)

    rules = commands.add_parser("rules", help="list every rule")
    rules.set_defaults(run=_rules)
    explain = commands.add_parser("explain", help="explain one rule and how to fix its findings")
    explain.add_argument("rule")
    explain.set_defaults(run=_explain)
    return parser


def _add_step_commands(commands) -> None:
    """acknowledge, extend, respond, escalate, exclude, explain-breach: one step in one case file."""
    elements = case_schema.enum(("stage1", "response_includes"))
    bodies = case_schema.enum(("stage1", "signposted_to"))

    def step(name: str, help_text: str, on_help: str = "the date it happened (default: today)", on_type=_date):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("case_id", metavar="ID", type=_case_id, help="the case, like CCC-2025-0142")
        command.add_argument("--on", type=on_type, default=None, help=on_help)
        command.add_argument("--as-of", type=_date, default=None, help="today, for the check (default: today)")
        command.add_argument("--root", type=Path)
        command.set_defaults(run=_step, step=name.replace("-", "_"))  # the function in checker.steps
        return command

    acknowledge = step("acknowledge", "record the acknowledgement of a case's current stage")
    acknowledge.add_argument("--definition", help="the complaint as the council understands it (HO 5.6)")
    acknowledge.add_argument("--outcomes", dest="outcomes", help="the outcomes the complainant seeks")
    acknowledge.add_argument("--not-responsible-for", action="append", metavar="TEXT",
                             help="an aspect the council is not responsible for (HO 5.7); repeat for each")
    acknowledge.add_argument("--handler", type=_slug, help="who handles this stage: a role, never a name")
    acknowledge.add_argument("--includes", nargs="+", choices=elements, metavar="ELEMENT",
                             help=f"what the letter contained: {', '.join(elements)}")

    extend = step("extend", "record an extension of the current stage's response deadline",
                  "the date it was agreed (default: today)")
    extend.add_argument("--days", type=_working_days, required=True, help="working days added to the deadline")
    extend.add_argument("--reason", required=True, type=_text, help="why more time is needed")
    extend.add_argument("--good-reason", action="store_true", help="a good reason for a longer extension")
    extend.add_argument("--ombudsman-details-given", action="store_true",
                        help="the extension notice gave the Ombudsman's contact details")

    respond = step("respond", "record the response of a case's current stage")
    respond.add_argument("--decision", required=True, choices=case_schema.enum(("stage1", "decision")))
    respond.add_argument("--includes", nargs="+", required=True, choices=elements, metavar="ELEMENT",
                         help=f"what the letter contained: {', '.join(elements)}")
    respond.add_argument("--handler", type=_slug, help="who responded: a role, never a name")
    respond.add_argument("--signposted-to", nargs="+", choices=bodies, metavar="BODY",
                         help=f"the bodies the letter said the complainant could go to: {', '.join(bodies)}")

    step("escalate", "record a request to escalate a case to stage 2",
         "when the request was received: a date, or a date and time like 2026-03-27T17:42:00+00:00 "
         "(after hours it counts from the next working day; default: today)", _moment)

    exclude = step("exclude", "record that a complaint is not accepted, on one of the policy's grounds",
                   "the date of the decision (default: today)")
    exclude.add_argument("--reason", required=True, type=_slug, metavar="CODE",
                         help="one of the policy's exclusion codes (rules.exclusions in policy/policy.yaml)")
    exclude.add_argument("--explained-on", dest="explained", type=_date,
                         help="when the reasons were sent to the complainant")
    exclude.add_argument("--ombudsman-right-given", action="store_true",
                         help="the letter gave the right to take the decision to the Ombudsman")

    explain = step("explain-breach", "record why a breach happened and who reviewed it (comply or explain)",
                   "the date of the review (default: today)")
    explain.add_argument("rule", metavar="RULE", help="the rule the breach is of, like stage1-response-late")
    explain.add_argument("--reason", required=True, type=_text, help="why it happened")
    explain.add_argument("--by", required=True, type=_slug, help="who reviewed it: a role, never a name")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-27") from None


def _moment(text: str):
    try:
        return parse_timestamp(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _slug(text: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise argparse.ArgumentTypeError(f"'{text}' should be lower-case words joined by hyphens, like housing-repairs")
    return text


def _case_id(text: str) -> str:
    if not re.fullmatch(case_schema.node(("id",))["pattern"], text):
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


def _year(text: str) -> str:
    try:
        periods.bounds(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _root(args) -> Path:
    return find_root(args.root or Path.cwd())


def _check(args) -> int:
    root = _root(args)
    only = changed_cases(root, args.changed_since) if args.changed_since else None
    result = check_command.run(root, args.as_of or date.today(), only, use_cache=not args.no_cache, progress=True)
    stream = sys.stdout
    colour = args.output is None and stream.isatty() and "NO_COLOR" not in os.environ
    text = FORMATS[args.format](result, colour=colour)
    if args.output:
        _write(args.output, text)
        print(FORMATS["text"](result).splitlines()[-1])
    else:
        stream.write(text)
    threshold = None if args.fail_on == "never" else Severity.parse(args.fail_on)
    return 1 if result.fails(threshold) else 0


def _write(path: Path, text: str) -> None:
    """Write a report file atomically (a report is regenerated, so it replaces the last one)."""
    try:
        replace_file(path, text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def _council_and_policy(root: Path) -> tuple[dict, dict]:
    """The council and policy data, or a usage error naming the first problem."""
    loaded = []
    for kind, relative in (("council", "policy/council.yaml"), ("policy", "policy/policy.yaml")):
        document, problems = load(root / relative, relative)
        if document is not None:
            from checker.validate import validate

            problems = validate(document, kind)
        if problems:
            raise UsageError(f"{problems[0].location}: {problems[0].message}")
        loaded.append(document.data)
    return loaded[0], loaded[1]


def _new(args) -> int:
    from checker.new_case import open_case  # each command imports what only it needs: a quick start for `check`

    root = _root(args)
    council, policy = _council_and_policy(root)
    calendar = Calendar.from_council(council)
    opened = open_case(
        root, council, policy, calendar,
        route=args.route, service=args.service, received=args.received,
        case_type=args.case_type, channel=args.channel,
    )
    print(f"Opened {opened.path.relative_to(root).as_posix()}")
    print(f"Counts as received: {opened.received.isoformat()}")
    print(f"Stage 1 acknowledgement due: {opened.acknowledgement_due.isoformat()}")
    print(f"Stage 1 response due: {opened.response_due_latest.isoformat()} at the latest "
          "(counted from the acknowledgement: sooner if it is acknowledged sooner)")
    return 0


def _step(args) -> int:
    from checker import steps

    root = _root(args)
    as_of = args.as_of or date.today()
    options = {k: v for k, v in vars(args).items() if k not in ("case_id", "as_of", "root", "run", "step", "command")}
    options["on"] = options.get("on") or as_of
    try:
        recorded = steps.record(root, args.case_id, as_of, getattr(steps, args.step), **options)
    except steps.StepRefused as error:
        raise UsageError(f"{args.case_id}: {error}; nothing was changed") from None
    print(f"Recorded in {recorded.path}: {recorded.summary}.")
    for line in steps.next_steps(recorded, as_of):
        print(line)
    for finding in recorded.findings:
        print(render_line(finding))
    if not recorded.findings:
        print(f"No findings on {args.case_id} as of {as_of.isoformat()}.")
    return 1 if any(f.severity >= Severity.ERROR and not f.explained for f in recorded.findings) else 0


def _import(args) -> int:
    from checker import importer
    from checker.exports import ExportError
    from checker.formats.imported import render as render_import
    from checker.import_mapping import MappingError

    root = _root(args)
    try:
        outcomes = importer.run(root, args.export, args.mapping, args.as_of or date.today(), args.dry_run)
    except (MappingError, ExportError) as error:
        raise UsageError(f"{error}; nothing was imported") from None
    sys.stdout.write(render_import(outcomes, args.dry_run))
    return 1 if any(o.status == "rejected" for o in outcomes) else 0


def _score(args) -> int:
    from checker.engine import context
    from checker.scoring import latest_assessment, score

    root = _root(args)
    as_of = args.as_of or date.today()
    repository = load_repository(root)
    ctx = context(repository, as_of)
    ctx.use_cache = True  # the scores need only the cases' outcomes, which the last check kept
    codes = [args.code] if args.code else sorted(ctx.codes)
    results = []
    for code in codes:
        if code not in ctx.codes:
            raise UsageError(f"there is no valid policy/codes/{code}.yaml; `complaints check` says why")
        assessment = latest_assessment(ctx, code)
        if assessment is None:
            raise UsageError(f"there is no valid self-assessment against {code} in policy/self-assessment/")
        results.append(score(ctx, assessment, args.year))
    sys.stdout.write(SCORE_FORMATS[args.format](results, as_of))
    return 0


def _report(args) -> int:
    from checker.engine import context
    from checker.published import build as build_report
    from checker.report import years_with_cases

    root = _root(args)
    ctx = context(load_repository(root), args.as_of or date.today())
    ctx.rules = frozenset()  # the report needs the cases' figures and measures, not their findings
    if ctx.council is None or ctx.policy is None:
        raise UsageError("policy/council.yaml and policy/policy.yaml must be valid; `complaints check` says why")
    years = years_with_cases(ctx)
    year = args.year or (years[-1] if years else None)
    if year is None:
        raise UsageError("there are no cases to report on")
    text = REPORT_FORMATS[args.format](build_report(ctx, year))
    if args.output:
        _write(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _pages(args) -> int:
    from checker.pages import build_site
    from checker.pages import write as write_pages
    from checker.privacy import leaks

    root = _root(args)
    result, ctx = check_command.run_with_context(root, args.as_of or date.today(), count=True, progress=True)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR and not f.explained]
    if errors:
        sys.stdout.write(FORMATS["text"](result))
        print("complaints: the data has errors; no pages were written", file=sys.stderr)
        return 1
    site = build_site(ctx)
    if found := leaks(ctx, {**site.pages, **site.files}):
        print("complaints: the pages would publish what belongs to a case; no pages were written:\n  "
              + "\n  ".join(found), file=sys.stderr)
        return 1
    written = write_pages(site, args.out)
    print(f"Wrote {len(written)} pages and files to {args.out}")
    return 0


def _demo_data(args) -> int:
    from checker import demo_data

    root = _root(args)
    try:
        written = demo_data.write(root, args.year, args.count, args.seed)
    except FileExistsError as error:
        where = Path(error.filename).relative_to(root).as_posix() if error.filename else "a case file"
        raise UsageError(f"{where} already exists; nothing was written (generate into an empty year)") from None
    except ValueError as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {len(written)} cases to cases/{args.year}/")
    return 0


def _due(args) -> int:
    from checker.due import open_steps
    from checker.due import render as render_due

    root = _root(args)
    as_of = args.as_of or date.today()
    items = open_steps(load_repository(root), as_of, args.within)
    sys.stdout.write(render_due(items, as_of, args.within))
    return 0


def _schema(args) -> int:
    print(json.dumps(schema(args.kind), indent=2))
    return 0


def _calendar(args) -> Calendar:
    """The council's calendar when run in a repository, England's default otherwise."""
    try:
        root = _root(args)
    except NotARepository:
        return Calendar()
    council_path = root / "policy" / "council.yaml"
    document, problems = load(council_path, "policy/council.yaml")
    if document is not None:
        from checker.validate import validate

        problems = validate(document, "council")
    if problems:
        raise UsageError(f"{problems[0].location}: {problems[0].message}")
    return Calendar.from_council(document.data)


def _workdays(args) -> int:
    calendar = _calendar(args)
    if args.operation == "add":
        print(calendar.add(args.date, args.n).isoformat())
    elif args.operation == "receipt":
        print(calendar.receipt(args.timestamp).isoformat())
    else:
        print(calendar.elapsed(args.a, args.b))
    return 0


def _rules(args) -> int:
    from checker.rules import RULES

    width = max(len(rule_id) for rule_id in RULES)
    for rule_id, rule in RULES.items():
        cites = ", ".join(rule.PROVISIONS)
        print(f"{rule_id:<{width}}  {str(rule.SEVERITY):<7}  {rule.TITLE}" + (f" [{cites}]" if cites else ""))
    return 0


def _explain(args) -> int:
    from checker.rules import RULES

    rule = RULES.get(args.rule)
    if rule is None:
        raise UsageError(f"no rule '{args.rule}'; `complaints rules` lists them")
    print(f"{rule.ID}: {rule.TITLE}")
    print(f"severity: {rule.SEVERITY}")
    if rule.PROVISIONS:
        print(f"Code provisions: {', '.join(rule.PROVISIONS)}")
    if rule.POLICY:
        print(f"policy rules: {', '.join(rule.POLICY)}")
    print()
    print((rule.__doc__ or "").strip())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
