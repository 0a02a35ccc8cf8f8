"""`complaints pages`: the public site's pages and downloads written to a folder."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from checker.commands import UsageError, root
from checker.engine.check import result
from checker.formats import FORMATS
from checker.load.repository import load_repository
from checker.model.findings import Severity
from checker.site.build import publication
from checker.site.pages import build_site, write
from checker.site.privacy import leaks
from checker.site.project import NotWritten, refusal, write_config


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    folder = root(args)  # a council's repository has its mkdocs.yml
    if args.config and (why := refusal(args.config, args.out)):
        raise UsageError(why)
    repository = load_repository(folder)
    # every rule: it refuses on any error
    found = publication(repository, as_of, rules=None, progress=True, use_cache=not args.no_cache)
    checked = result(repository, as_of, found.run.findings)
    if any(f.severity >= Severity.ERROR and not f.explained for f in checked.findings):
        sys.stdout.write(FORMATS["text"](checked))
        print("complaints: the data has errors; no pages were written", file=sys.stderr)
        return 1
    site = build_site(found.run.view, found.figures)
    if leaked := leaks(found.run.view, found.strings, {**site.pages, **site.files}):
        print(
            "complaints: the pages would publish what belongs to a case; no pages were written:\n  "
            + "\n  ".join(leaked),
            file=sys.stderr,
        )
        return 1
    written = write(site, args.out)
    print(f"Wrote {len(written)} pages and files to {args.out}")
    if args.config:
        try:
            write_config(folder / "mkdocs.yml", args.config, args.out, site.nav)
        except NotWritten as error:
            raise UsageError(str(error)) from None
        print(f"Wrote {args.config}: build the pages with `zensical build -f {args.config}`")
    return 0
