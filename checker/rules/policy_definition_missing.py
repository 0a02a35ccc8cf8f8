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

import re

from checker.model.codes import cite, governing
from checker.model.findings import Problem, Severity
from checker.model.policy import clauses

ID = "policy-definition-missing"
TITLE = "The policy uses the Code's definition of a complaint"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 1.2", "LGSCO 1.4")
POLICY: tuple[str, ...] = ()


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def check(ctx):
    if ctx.policy is None:
        return
    text = " | ".join(_words(t) for clause in clauses(ctx.policy.data) for t, _ in clause.texts())
    for code_name in sorted(governing(ctx.policy.data) & set(ctx.codes)):
        definition = ctx.codes[code_name].data.get("definition")
        if definition and _words(definition["text"]) not in text:
            yield Problem(
                f"the policy does not give the {ctx.codes[code_name].data['publisher']}'s definition of a "
                "complaint; quote it in the definition clause",
                ctx.policy,
                ("sections",),
                key=True,
                provisions=cite(code_name, definition["provisions"]),
                subject=f"{code_name}:definition",
            )
