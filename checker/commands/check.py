"""`complaints check`: every file validated and every rule applied; exit 1 on a finding at or
above --fail-on that is not explained."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from checker.commands import root, write
from checker.engine import cache
from checker.formats import FORMATS
from checker.load.git import changed_cases
from checker.load.repository import load_policy, load_repository
from checker.model.findings import Severity
from checker.model.result import Result


def run(args: argparse.Namespace) -> int:
    top = root(args)
    as_of = args.as_of or date.today()
    only = changed_cases(top, args.changed_since) if args.changed_since else None
    # the cache hashes the policy files' bytes
    repository = load_repository(top, only, policy=False)
    key, kept = (None, None) if args.no_cache else cache.kept_findings(repository, as_of)
    if kept is not None:  # nothing changed: the last check's findings, without loading a rule
        found = Result(repository.root, as_of, repository.files, kept, repository.case_paths)
    else:
        load_policy(repository)
        from checker.engine.check import check

        found = check(repository, as_of, use_cache=not args.no_cache, progress=True)
        if not args.no_cache:
            cache.keep_findings(repository, key, found.findings)
    colour = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = FORMATS[args.format](found, colour=colour)
    if args.output:
        write(args.output, text)
        print(FORMATS["text"](found).splitlines()[-1])
    else:
        sys.stdout.write(text)
    threshold = None if args.fail_on == "never" else Severity.parse(args.fail_on)
    return 1 if found.fails(threshold) else 0
