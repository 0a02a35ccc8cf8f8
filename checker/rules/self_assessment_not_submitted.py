"""A self-assessment against the Housing Ombudsman's Code not approved, or not submitted in time.

## What it checks
For a council that is a landlord (a route of its policy under the Housing Ombudsman's Code):

- a self-assessment against the HO's Code that is `status: approved` or `published`, or has been
  `submitted`, records the governing body's approval (`approved: {by, date}`);
- once the deadline of the annual submission has passed (as of `--as-of`), the latest
  self-assessment for the reporting year it reports on (the last full year before it was
  `completed`, as `complaints score` measures it) records when it was `submitted`, on or before
  the date checked.

A year with no self-assessment against the HO's Code at all is not this rule's finding:
`complaints submission` lists it among what the year's submission is missing.

The deadline comes from the HO's "Guidance on annual submissions" page and its annual submissions
page, which state it for the year 3 (2026-27) form: landlords with over 1,000 homes
(`housing_stock.homes`) submit by 30 September, those with under 1,000 within six months after
their financial year end (the council's reporting year): for a council whose year ends on 31
March, both are 30 September. Other years' deadlines are unconfirmed: the check takes them to be
the same and says so. `checker/model/submission.py` holds these facts, once. The LGSCO asks for
no submission ("no legal obligation" to self-assess), so its self-assessments are not checked.

## Why it matters
HO 8.1 makes the annual self-assessment part of the annual complaints performance and service
improvement report, and HO 8.2 sends that report to the governing body; the self-assessment form
says the governing body reviews and approves it at least annually. The HO checks compliance
through the annual submission: "Failure to provide the annual submission may result in the
Ombudsman finding failure to comply with the Code", and a published Complaint Handling Failure
Notice. A self-assessment updated during the year (after a significant change, or an Ombudsman
order) is submitted again.

## Example
    code: housing-ombudsman
    status: published          # no approved: {by, date}
    completed: 2026-06-22      # no submitted: the 2025-26 submission was due by 30 September 2026

## How to fix
Record the governing body's approval (`approved: {by: Audit Committee, date: ...}`), submit the
form (`complaints submission` prints what it asks) and record `submitted: YYYY-MM-DD`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.load.view import View
from checker.model.findings import Document, Problem, Severity
from checker.model.submission import due, reported_year
from checker.rules._policy import applying

ID = "self-assessment-not-submitted"
TITLE = "The HO self-assessment is approved and submitted by the deadline"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "HO 8.2")
POLICY: tuple[str, ...] = ()
CODE = "housing-ombudsman"


def check(view: View) -> Iterator[Problem]:
    if view.council is None or CODE not in dict(applying(view)):
        return
    start_month = view.council.data["reporting_year"]["start_month"]
    homes = (view.council.data.get("housing_stock") or {}).get("homes")
    latest: dict[str, Document] = {}
    for document in view.documents("self-assessment"):
        if document.data["code"] != CODE:
            continue
        data = document.data
        if "approved" not in data and (data["status"] != "draft" or "submitted" in data):
            said = f"is {data['status']}" if data["status"] != "draft" else "was submitted"
            yield Problem(
                f"the self-assessment {said} but records no approval by the governing body; add "
                "approved: {by, date}",
                document,
                ("status",) if data["status"] != "draft" else ("submitted",),
            )
        year = reported_year(date.fromisoformat(data["completed"]), start_month)
        if year not in latest or data["completed"] >= latest[year].data["completed"]:
            latest[year] = document
    for year, document in sorted(latest.items()):
        deadline = due(year, start_month, homes)
        submitted = document.data.get("submitted")
        if view.as_of > deadline.date and (
            submitted is None or date.fromisoformat(submitted) > view.as_of
        ):
            yield Problem(
                f"the self-assessment reports on {year}, whose annual submission to the Housing "
                f"Ombudsman was due by {deadline.date.isoformat()}{deadline.unconfirmed()}, but "
                "it records no submitted date; submit it (complaints submission) and record "
                "submitted: YYYY-MM-DD",
                document,
                ("completed",),
            )
