"""The step commands (acknowledge, extend, respond, escalate, exclude, explain-breach, remedy,
action, update, refer, withdraw, learning and the rest, and amend to correct one): one step
recorded in one case file, then the case checked again."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from checker.calendar import periods
from checker.commands import UsageError, policy_file, root
from checker.edit import more_steps, steps
from checker.edit.amend import amend
from checker.engine.case_ids import UnknownCase, resolve
from checker.formats.text import line
from checker.load import case_schema
from checker.model.findings import Severity
from checker.rules import exclusion_incomplete, extension_ombudsman_details_missing

NOT_OPTIONS = ("case_id", "as_of", "root", "command")

# The command that records what a finding says is missing, for the findings a step's own flag
# would have prevented (the finding names the case file's key; a handler types a flag).
FLAGS = {
    extension_ombudsman_details_missing.ID: (
        "if the notice gave the Ombudsman's details, record it with "
        "`complaints amend {case} extend --ombudsman-details-given`"
    ),
    exclusion_incomplete.ID: (
        "once the reasons are sent, record them with `complaints amend {case} exclude "
        "--explained-on DATE --ombudsman-right-given`"
    ),
}

# Each step command's function, by the command's name.
STEPS: dict[str, steps.StepFunction] = {**steps.STEPS, **more_steps.STEPS, "amend": amend}


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    args.case_id = case_id(root(args), args.case_id, as_of)
    options = {k: v for k, v in vars(args).items() if k not in NOT_OPTIONS}
    if "on" in options and args.command != "amend":  # a correction changes only what is given
        options["on"] = options["on"] or as_of
    try:
        recorded = steps.record(root(args), args.case_id, as_of, STEPS[args.command], **options)
    except steps.StepRefused as error:
        raise UsageError(f"{args.case_id}: {error}; nothing was changed") from None
    print(f"Recorded in {recorded.path}: {recorded.summary}.")
    for text in steps.next_steps(recorded, as_of):
        print(text)
    for finding in recorded.findings:
        print(line(finding))
        if finding.rule in FLAGS:
            print(f"  {FLAGS[finding.rule].format(case=args.case_id)}")
    if not recorded.findings:
        print(f"No findings on {args.case_id} as of {as_of.isoformat()}.")
    return (
        1 if any(f.severity >= Severity.ERROR and not f.explained for f in recorded.findings) else 0
    )


def case_id(where: Path, typed: str, as_of: date) -> str:
    """The case id a handler typed, as `complaints show` takes it: in any case, or short within
    the current reporting year (0002, 2025-2). A whole id no file answers to is passed on as it
    is, for the step to say where it looked."""
    ids = {path.stem for path in (where / "cases").glob("*/*.yaml")}
    if typed in ids:
        return typed
    whole = typed.strip().upper()
    try:
        start_month = policy_file(where, "council")["reporting_year"]["start_month"]
        return resolve(typed, ids, periods.label(as_of, start_month))
    except UnknownCase as error:
        if re.fullmatch((case_schema.node(("id",)) or {})["pattern"], whole):
            return whole
        raise UsageError(f"{error}; nothing was changed") from None
    except UsageError:  # an invalid council.yaml: the step says so
        return whole
