"""An approved annual report whose inputs still hold placeholder text.

## What it checks
Once a year's report is approved (`figures_as_at` in `policy/reports/YEAR.yaml` on or before the
date checked), none of the text its inputs publish (the introduction, the ombudsmen's letters,
findings of non-compliance and the council's responses, service improvements, the governing body's
response) may still be a placeholder: "Example entry", "TODO", "TBC", "TBD", "to be confirmed",
"lorem ipsum", "XXX", or a bracketed instruction such as "[insert the letter's summary]". A draft
(no `figures_as_at`, or a later one) is not held to this: placeholders are how a draft is written.

## Why it matters
HO 8.1 and LGSCO 8.1 list what the annual complaints performance and service improvement report
contains, and HO 8.2 and LGSCO 8.2 have it published with the governing body's response. A report
published with a placeholder where the ombudsman's letter or the committee's response should be
tells residents nothing, and says the council did not finish it. The site publishes the inputs as
they are written, so the check is the last place to catch one.

## Example
    figures_as_at: 2026-06-30
    governing_body:
      name: Audit Committee
      considered: 2026-07-28
      response: TBC after the meeting

## How to fix
Replace the placeholder with the real text (the letter's summary, the committee's response as it
gave it). If the report is not final yet, remove `figures_as_at` until it is approved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.rules._policy import cited

ID = "report-placeholder-text"
TITLE = "An approved annual report holds no placeholder text"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "HO 8.2", "LGSCO 8.1", "LGSCO 8.2")
POLICY: tuple[str, ...] = ()

PLACEHOLDER = re.compile(
    r"\b(?:example entry|todo|tb[cd]|to be (?:confirmed|added|completed)|lorem ipsum|x{3,})\b"
    r"|\[(?:insert|add|enter|replace|tbc|todo)\b[^\]]*\]",
    re.IGNORECASE,
)


def check(view: View) -> Iterator[Problem]:
    provisions = cited(view, "8.1", "8.2")
    if not provisions:
        return
    for document in view.documents("report"):
        approved = document.data.get("figures_as_at")
        if approved is None or date.fromisoformat(approved) > view.as_of:
            continue
        for path, text in _texts(document.data):
            found = PLACEHOLDER.search(text)
            if found:
                yield Problem(
                    f"the {document.data['year']} report is approved (figures as at {approved}) "
                    f'but {".".join(map(str, path))} still reads "{found[0]}", a placeholder; '
                    "write the real text, or remove figures_as_at until the report is final",
                    document,
                    path,
                    provisions=provisions,
                )


def _texts(node: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string of the inputs with its path (keys and list positions)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _texts(value, (*path, n))
    elif isinstance(node, str) and path and path[-1] not in ("$schema", "url"):
        yield path, node
