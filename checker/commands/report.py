"""`complaints report`: the annual complaints performance and service improvement report."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from checker.calendar import periods
from checker.commands import UsageError, root, write
from checker.engine.run import evaluated
from checker.load.repository import load_repository
from checker.report.counting import Counting
from checker.report.figures import as_at
from checker.report.formats import FORMATS
from checker.report.publish import build


def run(args: argparse.Namespace) -> int:
    repository = load_repository(root(args))
    # the report needs the cases' figures and measures, not their findings: no rule's findings;
    # a frozen year's cases are counted as at its date, whatever the date today
    as_of = args.as_of or date.today()
    dates = as_at(repository)
    done = evaluated(
        repository,
        as_of,
        rules=frozenset(),
        collectors=(Counting(as_of, dates),),
        use_cache=not args.no_cache,
        dates=dates,
    )
    view, (figures,) = done.view, done.tallies
    if view.council is None or view.policy is None:
        raise UsageError(
            "policy/council.yaml and policy/policy.yaml must be valid; `complaints check` says why"
        )
    # the last complete reporting year, as `complaints score` takes: a year just begun is a draft
    # to be asked for by name
    start_month = view.council.data["reporting_year"]["start_month"]
    year = args.year or periods.last_full_year(as_of, start_month)
    text = FORMATS[args.format](build(view, figures, year))
    if args.output:
        write(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
