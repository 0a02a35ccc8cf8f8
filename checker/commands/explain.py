"""`complaints explain ID`: one rule's documentation and how to fix its findings; inside a
council's repository, also the council's own figures for the timescales the rule enforces."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.commands import UsageError, code_files, policy_file
from checker.load.repository import NotARepository, find_root
from checker.model.clocks import START_WORDS, code_clock, policy_clock
from checker.model.codes import SHORT, governing
from checker.rules import RULES

FORCE_NOTE = (
    " at most: a finding is lowered to the force of the Code provision it cites (a 'should'"
    " warns, a 'may' is a note, an unverified provision never fails), except a case that misses a"
    " timescale the council's own policy promises; the policy's rules.severity sets it either way"
)


def run(args: argparse.Namespace) -> int:
    rule = RULES.get(args.rule)
    if rule is None:
        raise UsageError(f"no rule '{args.rule}'; `complaints rules` lists them")
    print(f"{rule.ID}: {rule.TITLE}")
    print(f"severity: {rule.SEVERITY}{FORCE_NOTE if rule.PROVISIONS else ''}")
    if rule.PROVISIONS:
        print(f"Code provisions: {', '.join(rule.PROVISIONS)}")
    if rule.POLICY:
        print(f"policy rules: {', '.join(rule.POLICY)}")
    print()
    print((rule.__doc__ or "").strip())
    figures = council_figures(rule.POLICY, args.root)
    if figures:
        print("\n## This council's figures")
        print("\n".join(figures))
    return 0


def council_figures(paths: tuple[str, ...], where: Path | None) -> list[str]:
    """Each timescale the rule enforces, as this council's policy states it (and each governing
    Code's figure beside it); nothing outside a repository or with an invalid policy."""
    names = [p.split(".", 1)[1] for p in paths if p.startswith("timescales.")]
    if not names:
        return []
    try:
        top = find_root(where or Path.cwd())
        policy, codes = policy_file(top, "policy"), code_files(top)
    except (NotARepository, UsageError):
        return []
    stated = policy["rules"].get("timescales") or {}
    lines = []
    for name in names:
        ours = policy_clock(name, stated.get(name))
        theirs = [
            f"{SHORT[c]} {clock.amount()}"
            for c in sorted(governing(policy) & set(codes))
            if (clock := code_clock(name, codes[c]))
        ]
        if ours is not None:
            said = f"{ours.amount()} {START_WORDS[ours.start]}"
            said += ", advisory" if ours.advisory else ""
            said += f" (clauses {', '.join(ours.cites)})" if ours.cites else ""
        else:
            said = "not stated"
        beside = f"; the Codes: {', '.join(theirs)}" if theirs else ""
        lines.append(f"- {name}: the policy: {said}{beside}")
    return lines
