"""The step commands (acknowledge, extend, respond, escalate, exclude, explain-breach, remedy,
action, update, refer, withdraw, learning and the rest, and amend to correct one): one step
recorded in one case file, then the case checked again."""

from __future__ import annotations

import argparse
from datetime import date

from checker.commands import UsageError, root
from checker.edit import more_steps, steps
from checker.edit.amend import amend
from checker.formats.text import line
from checker.model.findings import Severity

NOT_OPTIONS = ("case_id", "as_of", "root", "command")

# Each step command's function, by the command's name.
STEPS: dict[str, steps.StepFunction] = {**steps.STEPS, **more_steps.STEPS, "amend": amend}


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
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
    if not recorded.findings:
        print(f"No findings on {args.case_id} as of {as_of.isoformat()}.")
    return (
        1 if any(f.severity >= Severity.ERROR and not f.explained for f in recorded.findings) else 0
    )
