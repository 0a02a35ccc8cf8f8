"""Clause text that draws on a figure the rules do not hold.

## What it checks
Every `{{ name }}` in clause text names a timescale under `rules.timescales`, and its style, if
any, is `words`.

## Why it matters
Figures in the published text come from the rules, so the text and the checker cannot drift
apart. An unknown name would print as `{{ name }}` on the council's website.

## Example
    text: This must be done within {{ stage1_acknowledgment }} working days.   # misspelt

## How to fix
Use one of the timescale names the message lists, spelt as under `rules.timescales`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.model.policy import ANY_TEMPLATE, TEMPLATE, clauses, figures

ID = "policy-template-unknown"
TITLE = "Clause text draws only on figures the rules hold"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    if view.policy is None:
        return
    values = figures(view.policy.data)
    for clause in clauses(view.policy.data):
        for text, path in clause.texts():
            for whole in ANY_TEMPLATE.finditer(text):
                match = TEMPLATE.fullmatch(whole.group(0))
                if match is None:
                    yield Problem(
                        f"clause {clause.number} has {whole.group(0)}, which is not a figure "
                        "from the rules; write {{ name }} or {{ name | words }} with a timescale "
                        "name",
                        view.policy,
                        path,
                    )
                    continue
                name, style = match.group(1), match.group(2)
                if name not in values:
                    yield Problem(
                        f"clause {clause.number} uses {{{{ {name} }}}}, which is not a timescale "
                        f"of the rules; use one of: {', '.join(sorted(values))}",
                        view.policy,
                        path,
                    )
                elif style not in (None, "words"):
                    yield Problem(
                        f"clause {clause.number} uses the style '{style}'; the only style is "
                        f"'words' ({{{{ {name} | words }}}})",
                        view.policy,
                        path,
                    )
