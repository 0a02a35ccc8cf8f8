"""A speed trick: a batch of cases checked rule by rule, each rule over every case of the batch in
turn, rather than each case through every rule.

A case's evaluation runs some 30 rules, each a few microseconds of Python. One case at a time, the
interpreter goes through the code of every rule for each case, and the processor's caches keep
little of it from one rule to the next, let alone to the next case. Rule by rule, one rule's code
stays in the caches over the whole batch: a case's evaluation takes about a quarter less
(bench/RESULTS.md, "each rule over a batch of cases").

What a rule finds is kept on the case (`Case.found`); `checker.engine.cases.check_case` then stamps
each case's findings in its route's order of rules, as it would have found them itself. The
findings are the same, in the same order (tests/test_cache.py), because a rule depends on nothing
but its case: the order in which the cases are given to it changes nothing.
"""

from __future__ import annotations

from checker.model.case import Case
from checker.rules import CASE

BY_RULE = True  # the bench turns the trick off to time it

# each case rule, the key a case needs for it to find anything (`NEEDS`) and the routes it checks
ORDER = tuple((rule, getattr(rule, "NEEDS", None), frozenset(rule.ROUTES)) for rule in CASE)


def check_by_rule(cases: list[Case], rules: frozenset[str] | None = None) -> None:
    """Each case rule (of `rules`, if given) over every case it applies to, one rule at a time,
    its problems kept on each case."""
    if not BY_RULE:
        return
    for rule, needs, routes in ORDER:
        if rules is not None and rule.ID not in rules:
            continue
        for case in cases:
            if case.route in routes and (needs is None or needs in case.data):
                case.problems(rule)
