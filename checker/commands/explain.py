"""`complaints explain ID`: one rule's documentation and how to fix its findings."""

from __future__ import annotations

import argparse

from checker.commands import UsageError
from checker.rules import RULES


def run(args: argparse.Namespace) -> int:
    rule = RULES.get(args.rule)
    if rule is None:
        raise UsageError(f"no rule '{args.rule}'; `complaints rules` lists them")
    print(f"{rule.ID}: {rule.TITLE}")
    print(f"severity: {rule.SEVERITY}")
    if rule.PROVISIONS:
        print(f"Code provisions: {', '.join(rule.PROVISIONS)}")
    if rule.POLICY:
        print(f"policy rules: {', '.join(rule.POLICY)}")
    print()
    print((rule.__doc__ or "").strip())
    return 0
