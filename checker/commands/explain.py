"""`complaints explain ID`: one rule's documentation and how to fix its findings; inside a
council's repository, also the council's own figures for the timescales the rule enforces."""

from __future__ import annotations

import argparse
import difflib
from importlib import resources
from pathlib import Path

import yaml

from checker.commands import UsageError, code_files, policy_file
from checker.load.layout import NotARepository, find_root
from checker.model.clocks import START_WORDS, code_clock, policy_clock
from checker.model.codes import SHORT, governing, provisions
from checker.rules import RULES

FORCE_NOTE = (
    " at most: a finding is lowered to the force of the Code provision it cites (a 'should'"
    " warns, a 'may' is a note, an unverified provision never fails), except a case that misses a"
    " timescale the council's own policy promises; the policy's rules.severity sets it either way"
)


def run(args: argparse.Namespace) -> int:
    rule = RULES.get(args.rule)
    if rule is None:
        close = difflib.get_close_matches(args.rule, list(RULES), 1, 0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise UsageError(f"no rule '{args.rule}'{hint}; `complaints rules` lists them")
    print(f"{rule.ID}: {rule.TITLE}")
    print(f"severity: {rule.SEVERITY}{FORCE_NOTE if rule.PROVISIONS else ''}")
    if rule.PROVISIONS:
        print(f"Code provisions: {', '.join(rule.PROVISIONS)}")
    if rule.POLICY:
        print(f"policy rules: {', '.join(rule.POLICY)}")
    print()
    print((rule.__doc__ or "").strip())
    quoted = provisions_quoted(rule.PROVISIONS, args.root)
    if quoted:
        print("\n## The provisions it enforces")
        print("\n".join(quoted))
    figures = council_figures(rule.POLICY, args.root)
    if figures:
        print("\n## This council's figures")
        print("\n".join(figures))
    return 0


def provisions_quoted(cited: tuple[str, ...], where: Path | None) -> list[str]:
    """Each provision the rule cites, quoted from the Codes (this repository's, or those bundled
    with the tool outside one), with its force and whether its text is verified."""
    codes = _codes(where)
    found = {
        f"{SHORT[code['code']]} {p.number}": p for code in codes.values() for p in provisions(code)
    }
    lines = []
    for citation in cited:
        provision = found.get(citation)
        if provision is None:
            continue
        duty = provision.data.get("duty", "must")
        unverified = "" if provision.verified else ", wording not yet verified"
        text = " ".join(provision.data["requirement"].split())
        lines.append(f"- {citation} ({duty}{unverified}): {text}")
    return lines


def _codes(where: Path | None) -> dict[str, dict]:
    try:
        return code_files(find_root(where or Path.cwd()))
    except (NotARepository, UsageError):
        folder = resources.files("checker.edit").joinpath("templates", "codes")
        bundled = [yaml.safe_load(f.read_text("utf-8")) for f in folder.iterdir()]
        return {code["code"]: code for code in bundled}


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
