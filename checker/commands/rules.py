"""`complaints rules`: every rule, its severity, title and the Code provisions it enforces; with
`--provisions`, every provision of both Codes with the rules that evidence it, or why none can."""

from __future__ import annotations

import argparse

from checker.commands.explain import _codes as codes_here
from checker.formats import provisions
from checker.rules import RULES


def run(args: argparse.Namespace) -> int:
    if args.provisions:
        print(provisions.render(codes_here(args.root)), end="")
        return 0
    width = max(len(rule_id) for rule_id in RULES)
    for rule_id, rule in RULES.items():
        cites = ", ".join(rule.PROVISIONS)
        print(
            f"{rule_id:<{width}}  {str(rule.SEVERITY):<7}  {rule.TITLE}"
            + (f" [{cites}]" if cites else "")
        )
    return 0
