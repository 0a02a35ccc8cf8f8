"""A policy exclusion that the Code does not list as acceptable: for a person to judge.

## What it checks
Each of the policy's exclusions against the acceptable exclusions of each Code governing one of
its routes that lists them (the HO's 2.2: events more than twelve months ago, legal proceedings
started, matters already considered under the policy), by meaning: a policy may call the Code's
`late` `out-of-time` or `historic`, and the Code file lists those names (`aliases`). A name
close to one of them gets a suggestion. The LGSCO lists none, only a test of
reasonableness (2.3), so nothing is compared against it.

## Why it matters
An exclusion outside the Code's list is not necessarily wrong (a statutory appeal route is a
sound reason), but it must be fair and reasonable to residents (HO 2.2) and never a blanket
refusal (2.5). The warning puts each one in front of someone who can judge it.

## Example
    exclusions:
      - {code: personnel, text: is a personnel matter, clauses: ["5.2.1"]}

## How to fix
Judge it: if it stays, record the reasoning under the policy's `explanations` (this rule, subject
`housing-ombudsman:<code>`); if not, remove it.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.categories import suggestion
from checker.model.codes import cite, governing
from checker.model.findings import Problem, Severity

ID = "policy-exclusion-not-in-code"
TITLE = "Policy exclusions the Code does not list are judged"
SEVERITY = Severity.WARNING
EXPLAINABLE = True
PROVISIONS = ("HO 2.2", "HO 2.5", "LGSCO 2.3")
POLICY = ("exclusions",)


def check(view: View) -> Iterator[Problem]:
    if view.policy is None:
        return
    for code_name in sorted(governing(view.policy.data) & set(view.codes)):
        accepted = view.codes[code_name].data["accepted_exclusions"]
        if not accepted["codes"]:
            continue
        names = {code: code for code in accepted["codes"]}
        for code, others in (accepted.get("aliases") or {}).items():
            names.update(dict.fromkeys(others, code))
        for index, exclusion in enumerate(view.policy.data["rules"].get("exclusions", [])):
            if exclusion["code"] not in names:
                close = suggestion(exclusion["code"], names)
                hint = f" (if it is the Code's '{names[close]}', name it so)" if close else ""
                yield Problem(
                    f"the exclusion '{exclusion['code']}' is not one the "
                    f"{view.codes[code_name].data['publisher']}'s Code lists as acceptable{hint}; "
                    "judge whether it is fair and reasonable, and record why it stays",
                    view.policy,
                    ("rules", "exclusions", index, "code"),
                    provisions=cite(code_name, accepted["provisions"]),
                    clauses=tuple(exclusion.get("clauses", ())),
                    subject=f"{code_name}:{exclusion['code']}",
                )
