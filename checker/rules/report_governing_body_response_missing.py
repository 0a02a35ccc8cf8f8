"""An approved annual report without the governing body's consideration and response.

## What it checks
A year's annual report inputs (`policy/reports/YEAR.yaml`) record, under `governing_body`, when the
governing body considered the report (`considered`) and its response (`response`), once either:

- the governing body has met on it: `considered` is on or before the date checked (`--as-of`);
  then the response is due; or
- the report is approved: `figures_as_at`, the date its figures are frozen at its approval, is on
  or before the date checked, and no later meeting is recorded; then both are due.

A `considered` date after the date checked is the meeting the report is going to: nothing is due
until then. A draft report (no `figures_as_at`) is not held to this. The finding cites the Codes
the council is under (those governing a route of its policy).

## Why it matters
HO 8.2: the annual complaints performance and service improvement report "must be reported to the
landlord's governing body (or equivalent) and published on the section of its website relating to
complaints. The governing body's response to the report must be published alongside this." LGSCO
8.2 asks the same of "the relevant governance arrangement". The site publishes the response beside
the report, and the HO's annual submission asks for a link to it.

## Example
    figures_as_at: 2026-06-30
    governing_body:
      name: Audit Committee          # no considered, no response

## How to fix
Record `considered: YYYY-MM-DD` (the meeting, or the one it is going to) and, after it,
`response:` as the governing body gave it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.rules._policy import cited

ID = "report-governing-body-response-missing"
TITLE = "An approved annual report has its governing body's response"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.2", "LGSCO 8.2")
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    provisions = cited(view, "8.2")
    if not provisions:
        return
    for document in view.documents("report"):
        data = document.data
        body = data.get("governing_body") or {}
        name = body.get("name", "the governing body")
        considered = body.get("considered")
        if considered is not None:
            if date.fromisoformat(considered) > view.as_of or body.get("response"):
                continue
            message = (
                f"{name} considered the {data['year']} report on {considered}, but its response "
                "is not recorded; add governing_body.response, to be published alongside the report"
            )
            path: tuple = ("governing_body", "considered")
        elif "figures_as_at" in data and date.fromisoformat(data["figures_as_at"]) <= view.as_of:
            if not body:
                add = "governing_body: {name, considered, response}"
            elif body.get("response"):
                add = "governing_body.considered"
            else:
                add = "governing_body.considered and governing_body.response"
            message = (
                f"the {data['year']} report is approved (figures as at {data['figures_as_at']}) "
                f"but does not record when {name} considered it"
                + ("" if body.get("response") else " or its response")
                + f"; add {add}"
            )
            path = ("governing_body",) if body else ("figures_as_at",)
        else:
            continue
        yield Problem(message, document, path, key=True, provisions=provisions)
