"""`complaints import`: a case-management system's export (CSV or Excel) as case files."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from checker.commands import UsageError, root
from checker.formats.imported import render
from checker.importer import rows
from checker.importer.exports import ExportError
from checker.importer.mapping import MappingError


def run(args: argparse.Namespace) -> int:
    try:
        outcomes = rows.run(
            root(args), args.export, args.mapping, args.as_of or date.today(), args.dry_run
        )
    except (MappingError, ExportError) as error:
        raise UsageError(f"{error}; nothing was imported") from None
    sys.stdout.write(render(outcomes, args.dry_run))
    return 1 if any(o.status == "rejected" for o in outcomes) else 0
