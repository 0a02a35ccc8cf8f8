"""`complaints score`: each self-assessment against its Code and the cases."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from checker.commands import UsageError, root
from checker.engine.run import evaluated
from checker.formats.score import FORMATS
from checker.load.repository import load_repository
from checker.measures.scoring import latest_assessment, score


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    # the scores need only the cases' outcomes, which the last check kept
    view = evaluated(load_repository(root(args)), as_of, use_cache=True).view
    codes = [args.code] if args.code else sorted(view.codes)
    results = []
    for code in codes:
        if code not in view.codes:
            raise UsageError(
                f"there is no valid policy/codes/{code}.yaml; `complaints check` says why"
            )
        assessment = latest_assessment(view, code)
        if assessment is None:
            raise UsageError(
                f"there is no valid self-assessment against {code} in policy/self-assessment/"
            )
        results.append(score(view, assessment, args.year))
    sys.stdout.write(FORMATS[args.format](results, as_of))
    return 0
