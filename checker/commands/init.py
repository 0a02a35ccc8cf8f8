"""`complaints init`: start a new council's repository in an empty folder."""

from __future__ import annotations

import argparse

from checker.commands import UsageError
from checker.edit.init import Council, Refused, init


def run(args: argparse.Namespace) -> int:
    try:
        written = init(args.folder, Council(args.name, args.prefix, args.website))
    except Refused as error:
        raise UsageError(f"{error}; nothing was written") from None
    print(f"Started {args.name}'s complaints repository in {args.folder} ({len(written)} files).")
    print("Next, in that folder:")
    print("  1. Encode the published procedure in policy/policy.yaml (see its comments).")
    print("  2. Fill in policy/council.yaml: contacts, calendar, services.")
    print("  3. Run `complaints check`, then `mkdocs build --strict` for the site.")
    return 0
