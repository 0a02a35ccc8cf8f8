"""`complaints check`: every file validated and every rule applied; exit 1 on a finding at or
above --fail-on that is not explained."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from checker.commands import UsageError, root, write
from checker.engine import cache
from checker.engine.untraced import untraced
from checker.formats import FORMATS
from checker.load.git import changed_cases
from checker.load.layout import listed
from checker.model.findings import Severity
from checker.model.result import Result


@untraced()  # 100,000 case files listed, signed and reported on: no cycle among them
def run(args: argparse.Namespace) -> int:
    top = root(args)
    as_of = args.as_of or date.today()
    only = changed_cases(top, args.changed_since) if args.changed_since else None
    # Every case file is listed even when only the changed ones are reported: the self-assessments
    # are scored on all the cases (the unchanged ones from the results cache), never on a few.
    repository = listed(top)  # the cache hashes the policy files' bytes: none is read yet
    key, kept = (None, None) if args.no_cache else cache.kept_findings(repository, as_of)
    if kept is not None:  # nothing changed: the last check's findings, without loading a rule
        findings = tuple(kept)
    else:
        from checker.engine.check import check
        from checker.load.repository import load_policy

        load_policy(repository)
        findings = check(repository, as_of, use_cache=not args.no_cache, progress=True).findings
        if not args.no_cache:
            cache.keep_findings(repository, as_of, key, findings)
    paths = repository.case_paths
    shown = paths if only is None else tuple(p for p in paths if p in only)
    unchanged = set(paths).difference(shown) if only is not None else set()
    found = Result(
        repository.root,
        as_of,
        len(repository.policy_files) + len(shown),
        tuple(f for f in findings if f.location.path not in unchanged),
        shown,
        repository.other_paths,
    )
    colour = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if args.format == "sarif" and args.include_explained:
        from checker.formats import sarif  # (its rule catalogue loads every rule)

        text = sarif.render(found, colour, include_explained=True)
    else:
        text = FORMATS[args.format](found, colour=colour)
    if args.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from checker.formats import github

        _append_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), github.job_summary(found))
    if args.output:
        write(args.output, text)
        print(FORMATS["text"](found).splitlines()[-1])
    else:
        sys.stdout.write(text)
    threshold = None if args.fail_on == "never" else Severity.parse(args.fail_on)
    return 1 if found.fails(threshold) else 0


def _append_summary(path: Path, markdown: str) -> None:
    """Add the findings to the Actions job summary (the runner's file: appended to, as every
    step's summary is)."""
    try:
        with path.open("a", encoding="utf-8") as summary:
            summary.write(markdown)
    except OSError as error:
        raise UsageError(f"cannot write the job summary {path}: {error.strerror}") from None
