"""`complaints report`: the annual complaints performance and service improvement report."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from checker.commands import UsageError, root, write
from checker.engine.run import evaluated
from checker.load.repository import load_repository
from checker.report.figures import Counting, as_at, years_with_cases
from checker.report.publish import build
from checker.report.render import FORMATS


def run(args: argparse.Namespace) -> int:
    repository = load_repository(root(args))
    # the report needs the cases' figures and measures, not their findings: no rule's findings;
    # a frozen year's cases are counted as at its date, whatever the date today
    done = evaluated(
        repository,
        args.as_of or date.today(),
        rules=frozenset(),
        collectors=(Counting(),),
        dates=as_at(repository),
    )
    view, (figures,) = done.view, done.tallies
    if view.council is None or view.policy is None:
        raise UsageError(
            "policy/council.yaml and policy/policy.yaml must be valid; `complaints check` says why"
        )
    years = years_with_cases(view)
    year = args.year or (years[-1] if years else None)
    if year is None:
        raise UsageError("there are no cases to report on")
    text = FORMATS[args.format](build(view, figures, year))
    if args.output:
        write(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
