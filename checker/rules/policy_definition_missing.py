"""A policy that does not give the Code's definition of a complaint.

## What it checks
For each Code that governs one of the policy's routes, the Code's definition of a complaint
appears in the policy's text (a clause's text or quotation), word for word apart from
punctuation and capitals.

## Why it matters
HO 1.2: a complaint must be defined as the Code defines it ("an expression of dissatisfaction,
however made, ..."); the LGSCO's 1.4 gives its own. A narrower definition lets dissatisfaction
go unrecorded.

## Example
A policy that defines a complaint as "a formal written objection" fails.

## How to fix
Quote the Code's definition in the policy's definition clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import cite, governing
from checker.model.findings import Severity
from checker.model.policy import clauses
from checker.rules._policy import Breach

ID = "policy-definition-missing"
TITLE = "The policy uses the Code's definition of a complaint"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 1.2", "LGSCO 1.4")
POLICY: tuple[str, ...] = ()


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    text = " | ".join(_words(t) for clause in clauses(view.policy.data) for t, _ in clause.texts())
    for code_name in sorted(governing(view.policy.data) & set(view.codes)):
        definition = view.codes[code_name].data.get("definition")
        if definition and _words(definition["text"]) not in text:
            breach = (
                f"the policy does not give the {view.codes[code_name].data['publisher']}'s "
                "definition of a complaint"
            )
            yield Breach(
                f"{breach}; quote it in the definition clause",
                view.policy,
                ("sections",),
                key=True,
                provisions=cite(code_name, definition["provisions"]),
                subject=f"{code_name}:definition",
                breach=breach,
            )
