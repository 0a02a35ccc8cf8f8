"""`complaints rules`: every rule, its severity, title and the Code provisions it enforces."""

from __future__ import annotations

import argparse

from checker.rules import RULES


def run(args: argparse.Namespace) -> int:
    width = max(len(rule_id) for rule_id in RULES)
    for rule_id, rule in RULES.items():
        cites = ", ".join(rule.PROVISIONS)
        print(
            f"{rule_id:<{width}}  {str(rule.SEVERITY):<7}  {rule.TITLE}"
            + (f" [{cites}]" if cites else "")
        )
    return 0
