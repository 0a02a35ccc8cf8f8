"""`complaints demo-data`: a deterministic example year of cases."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.commands import UsageError, root
from checker.demo import generate


def run(args: argparse.Namespace) -> int:
    top = root(args)
    try:
        written = generate.write(top, args.year, args.count, args.seed)
    except FileExistsError as error:
        where = (
            Path(error.filename).relative_to(top).as_posix() if error.filename else "a case file"
        )
        raise UsageError(
            f"{where} already exists; nothing was written (generate into an empty year)"
        ) from None
    except ValueError as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {len(written)} cases to cases/{args.year}/")
    return 0
