"""`complaints submission` output: the form's questions and answers for people, JSON for machines.

The JSON, stable (bump VERSION on an incompatible change):

    {"version": 1, "code": "housing-ombudsman", "council": "...", "as_of": "2026-09-01",
     "year": "2025-26", "form": "2026-27",
     "deadline": {"date": "2026-09-30", "verified": true, "basis": "...", "days_left": 29,
                  "source": "https://..."},
     "submitted": null,
     "section_1": {"organisation": {"name": "...", "housing_stock": {...} | null,
                                    "complaints_officer": {...} | null,
                                    "senior_lead": {...} | null,
                                    "member_responsible": {...} | null},
                   "publications": {"policy": "https://...", "self_assessment": ... | null,
                                    "annual_report": ... | null,
                                    "governing_body_response": ... | null}},
     "section_2": {"self_assessment": "policy/self-assessment/...yaml" | null,
                   "provisions": [{"provision": "1.2", "complies": "yes" | "no" | null,
                                   "declared": "yes" | "no" | "partial" | null,
                                   "action": "..." | null, "timescale": "2027-03-31" | null}]},
     "missing": ["..."], "applies": true, "complete": false, "lgsco": "..."}

For a council with no route under the HO's Code: {"version": 1, "code": "housing-ombudsman",
"council": "...", "applies": false, "complete": true, "lgsco": "..."}.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from checker.model.submission import SOURCE, Submission

VERSION = 1
LGSCO = (
    'The LGSCO asks for no annual submission: it says there is "no legal obligation" to '
    "self-assess against its Code, whose text asks for none."
)
SECTION_2_NOTE = (
    "The HO's guidance for the 2025-26 form asks for a yes or no on each provision; it says the "
    "year 3 (2026-27) form drops the self-assessment questions: check the form you are given."
)
EXAMPLE = " (an illustrative value, not the council's)"


def days_left(submission: Submission) -> int:
    """Days from the date checked to the deadline (negative once it has passed)."""
    return (submission.due.date - submission.as_of).days


def text(submission: Submission) -> str:
    s, due = submission, submission.due
    left = days_left(s)
    when = (
        f"{left} days left"
        if left > 0
        else ("due today" if left == 0 else f"the deadline passed {-left} days ago")
    )
    lines = [
        f"Housing Ombudsman annual submission for {due.year} (the {due.form} form)",
        f"{s.council}, as of {s.as_of.isoformat()}",
        f"Due by {due.date.isoformat()}: {when} ({due.basis}){due.unconfirmed()}",
        f"Submitted {s.submitted}." if s.submitted else "Not yet submitted.",
        "",
        "Section 1: about the organisation",
        *(f"  {label}: {value}" for label, value in _organisation(s.organisation)),
        "",
        "Section 1: key publications",
        *(
            f"  {label}: {s.publications[key] or 'none (see missing)'}"
            for key, label in PUBLICATIONS.items()
        ),
        "",
        "Section 2: compliance with each provision"
        + (f" (from {s.assessment})" if s.assessment else ""),
        f"  {SECTION_2_NOTE}",
    ]
    for answer in s.answers:
        said = (answer.complies or "not answered").capitalize()
        if answer.declared == "partial":
            said += " (answered partial)"
        if answer.complies == "no":
            said += f"; action: {answer.action or 'none'}; timescale: {answer.timescale or 'none'}"
        lines.append(f"  {answer.provision:<5} {said}")
    lines.append("")
    if s.missing:
        lines.append(f"Missing ({len(s.missing)}):")
        lines += [f"  - {item}" for item in s.missing]
    else:
        lines.append("Nothing is missing.")
    lines += ["", LGSCO]
    return "\n".join(lines) + "\n"


PUBLICATIONS = {
    "policy": "Complaints policy",
    "self_assessment": "Self-assessment",
    "annual_report": "Annual complaints performance and service improvement report",
    "governing_body_response": "Governing body's response to the report",
}


def _organisation(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """Section 1's facts about the organisation, each as the form's reader reads it."""
    stock, officer = facts["housing_stock"], facts["complaints_officer"]
    lead, member = facts["senior_lead"], facts["member_responsible"]
    return [
        ("Name", facts["name"]),
        (
            "Housing stock",
            f"{stock['homes']:,} homes at {stock['as_of']}" + (EXAMPLE if stock["example"] else "")
            if stock
            else "not stated",
        ),
        (
            "Complaints officer",
            f"{officer['officer']} (access to staff at all levels: "
            f"{_yes(officer['access_to_all_staff'])}; authority to resolve: "
            f"{_yes(officer['authority_to_resolve'])})" + (EXAMPLE if officer["example"] else "")
            if officer
            else "not stated",
        ),
        (
            "Senior lead for complaints",
            lead["role"] + (EXAMPLE if lead["example"] else "") if lead else "not stated",
        ),
        (
            "Member Responsible for Complaints",
            member["title"]
            + (
                ", a member of the governing body"
                if member["kind"] == "member"
                else ", a committee"
            )
            + (EXAMPLE if member["example"] else "")
            if member
            else "not stated",
        ),
    ]


def _yes(flag: bool | None) -> str:
    return "not stated" if flag is None else ("yes" if flag else "no")


def as_json(submission: Submission) -> str:
    s, due = submission, submission.due
    data = {
        "version": VERSION,
        "code": "housing-ombudsman",
        "council": s.council,
        "as_of": s.as_of.isoformat(),
        "year": due.year,
        "form": due.form,
        "deadline": {
            "date": due.date.isoformat(),
            "verified": due.verified,
            "basis": due.basis,
            "days_left": days_left(s),
            "source": SOURCE,
        },
        "submitted": s.submitted,
        "section_1": {"organisation": s.organisation, "publications": s.publications},
        "section_2": {
            "self_assessment": s.assessment,
            "provisions": [
                {
                    "provision": a.provision,
                    "complies": a.complies,
                    "declared": a.declared,
                    "action": a.action,
                    "timescale": a.timescale,
                }
                for a in s.answers
            ],
        },
        "missing": list(s.missing),
        "applies": True,
        "complete": not s.missing,
        "lgsco": LGSCO,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[Submission], str]] = {"text": text, "json": as_json}


def _none_text(council: str) -> str:
    return (
        f"{council} has no route under the Housing Ombudsman's Code: it makes no annual "
        f"submission to the Housing Ombudsman.\n{LGSCO}\n"
    )


def _none_json(council: str) -> str:
    data = {"version": VERSION, "code": "housing-ombudsman", "council": council}
    data.update(applies=False, complete=True, lgsco=LGSCO)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# For a council that is not a landlord: nothing to submit to the Housing Ombudsman.
NOT_A_LANDLORD: dict[str, Callable[[str], str]] = {"text": _none_text, "json": _none_json}
