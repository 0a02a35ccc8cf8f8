"""A restriction on a complainant's contact without recorded reasons, Equality Act regard or
review.

## What it checks
Each restriction under `complainant.contact_restrictions` (imposed on or before the date
checked) records:
- that its reasons are recorded (`reasons_recorded: true`; the reasons themselves stay in the
  council's own records, never in the case file);
- that it was judged proportionate with regard to the Equality Act 2010
  (`equality_act_considered: true`);
- when it is next to be reviewed (`review_by`): the date by which the next review is due, set
  to the following one after each review (whose date goes under `reviewed`). So a restriction
  that still stands is never past its `review_by`: past it, either no review is recorded since
  (the review is overdue) or one is and no next review is set. A restriction `lifted` after its
  review date needs a review recorded between the two; one lifted on or before it needs none.

## Why it matters
HO 5.14: landlords "must be able to evidence reasons for putting any restrictions in place and
must keep restrictions under regular review." HO 5.15: "Any restrictions placed on contact due to
unacceptable behaviour must be proportionate and demonstrate regard for the provisions of the
Equality Act 2010." The LGSCO's counterparts (5.10, 5.11) are mirrored from these and not yet
verified against its text, so on its routes the findings warn. A restriction nobody reviews
becomes a permanent barrier to complaining.

## Example
    complainant:
      ref: P-7Q2K9
      contact_restrictions:
        - {imposed: 2025-06-10, reasons_recorded: true, equality_act_considered: true,
           review_by: 2025-09-10}        # checked on 2025-10-01, no review recorded

## How to fix
Record the reasons and the Equality Act assessment in the council's records and say so here;
review the restriction when it is due, record the date under `reviewed` and set `review_by` to
the next review, or record the date it was `lifted`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "contact-restriction-not-reviewed"
TITLE = "Contact restrictions are evidenced, proportionate and reviewed"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 5.14", "HO 5.15", "LGSCO 5.10", "LGSCO 5.11")
POLICY: tuple[str, ...] = ()
REASONS = ("HO 5.14", "LGSCO 5.10")
EQUALITY = ("HO 5.15", "LGSCO 5.11")


def check(case: Case) -> Iterator[Problem]:
    restrictions = case.data["complainant"].get("contact_restrictions", [])
    for index, restriction in enumerate(restrictions):
        imposed = case.happened(restriction["imposed"])
        if imposed is None:
            continue
        path = ("complainant", "contact_restrictions", index)
        what = f"the contact restriction imposed {imposed.isoformat()}"
        if restriction.get("reasons_recorded") is not True:
            yield Problem(
                f"{what} does not record that its reasons are recorded (reasons_recorded: true); "
                "record the reasons in the council's records and say so",
                case.document,
                path,
                provisions=REASONS,
            )
        if restriction.get("equality_act_considered") is not True:
            yield Problem(
                f"{what} does not record that it was judged proportionate, with regard to the "
                "Equality Act 2010 (equality_act_considered: true); assess it and record it",
                case.document,
                path,
                provisions=EQUALITY,
            )
        yield from _review(case, restriction, path, what)


def _review(case: Case, restriction: dict, path: tuple, what: str) -> Iterator[Problem]:
    """A restriction with no review date, or one whose review date passed while it stood without
    a review, or with none set after the last review."""
    lifted = case.happened(restriction.get("lifted"))
    review_by = restriction.get("review_by")
    if review_by is None:
        if lifted is None:
            yield Problem(
                f"{what} has no review date; set review_by",
                case.document,
                path,
                provisions=REASONS,
            )
        return
    due = date.fromisoformat(review_by)
    until = lifted or case.as_of
    if due >= until:  # not yet due while it stood
        return
    reviewed = [r for r in restriction.get("reviewed", []) if r <= until.isoformat()]
    since = [r for r in reviewed if r >= review_by]
    if not since:
        last = f"the last on {max(reviewed)}" if reviewed else "none"
        yield Problem(
            f"{what} was due for review by {review_by} while it stood, and no review is "
            f"recorded since ({last}); review it, record the date under reviewed and set "
            "review_by to the next review",
            case.document,
            (*path, "review_by"),
            provisions=REASONS,
        )
    elif lifted is None:
        yield Problem(
            f"{what} was reviewed {max(since)} and still stands, but its review_by "
            f"({review_by}) was not moved on to the next review; set review_by to the next "
            "review's date",
            case.document,
            (*path, "review_by"),
            provisions=REASONS,
        )
