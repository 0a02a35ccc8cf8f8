"""A new issue raised during a complaint, not handled as HO 6.8 says.

## What it checks
Each issue under `new_issues` (raised on or before the date checked) is handled as its facts
require:
- `included` in the stage 1 response where it is `related` to the issues being investigated, was
  raised before the stage 1 response was sent (or while it is still to be sent), and including
  it would not unreasonably delay the response (`would_delay` is not true);
- otherwise logged as a `new-complaint`: raised after the stage 1 response, unrelated, or one
  that would delay it. A new complaint names its case under `case` (its id, not this case's),
  which is the record that it was logged.

Raised on the day the stage 1 response was sent, either is accepted: the dates do not show which
came first.

## Why it matters
HO 6.8: "Where residents raise additional complaints during the investigation, these must be
incorporated into the stage 1 response if they are related and the stage 1 response has not been
issued. Where the stage 1 response has been issued, the new issues are unrelated to the issues
already being investigated or it would unreasonably delay the response, the new issues must be
logged as a new complaint." An issue folded into the wrong place is either never answered or
held up behind another; the LGSCO's Code has no counterpart that is known, so this is the
housing route's.

## Example
    stage1: {acknowledged: 2025-06-04, responded: 2025-06-13, ...}
    new_issues:
      - {raised: 2025-06-20, related: true, handled: included}   # after the response

## How to fix
Log the issue as a new complaint and record its id under `case` (`handled: new-complaint`), or,
if it was raised in time and related, answer it in the stage 1 response (`handled: included`).
If the facts recorded are wrong (`related`, `would_delay`, `raised`), correct them.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import Case
from checker.model.findings import Problem, Severity

ID = "new-issue-not-handled"
TITLE = "New issues are answered at stage 1 or logged as new complaints"
SEVERITY = Severity.ERROR
ROUTES = ("housing",)  # HO 6.8; no LGSCO counterpart is known
NEEDS = "new_issues"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 6.8",)
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    responded = case.happened(case.record(1).get("responded"))
    for index, issue in enumerate(case.data.get("new_issues", [])):
        raised = case.happened(issue["raised"])
        if raised is None:
            continue
        path = ("new_issues", index)
        handled = issue["handled"]
        reasons = []
        if responded is not None and raised > responded:
            reasons.append(f"it came after the stage 1 response of {responded.isoformat()}")
        if not issue["related"]:
            reasons.append("it is unrelated to the complaint")
        if issue.get("would_delay"):
            reasons.append("including it would unreasonably delay the response")
        on_the_day = responded is not None and raised == responded
        if handled == "included" and reasons:
            yield Problem(
                f"the new issue raised {raised.isoformat()} is recorded as included in the "
                f"stage 1 response, but {' and '.join(reasons)}; log it as a new complaint "
                "(handled: new-complaint, case: its id)",
                case.document,
                (*path, "handled"),
            )
        elif handled == "new-complaint" and not reasons and not on_the_day:
            yield Problem(
                f"the new issue raised {raised.isoformat()} is related and came before the "
                "stage 1 response, but is recorded as logged as a new complaint "
                "(handled: new-complaint); include it in the stage 1 response (handled: "
                "included), or record would_delay: true if including it would have unreasonably "
                "delayed the response",
                case.document,
                (*path, "handled"),
            )
        elif handled == "new-complaint" and issue.get("case") in (None, case.id):
            said = "names this case" if issue.get("case") else "does not name it"
            yield Problem(
                f"the new issue raised {raised.isoformat()} was logged as a new complaint but "
                f"{said}; record the new complaint's id under case",
                case.document,
                path,
            )
