"""What the response-content rules share: the elements a stage's response must contain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.model.case import Case
from checker.model.codes import cite
from checker.model.findings import Problem

BODY = {"housing-ombudsman": "the Housing Ombudsman", "lgsco": "the LGSCO", "ico": "the ICO"}


def _has(record: dict, element: str, responded: date) -> bool:
    """Whether the stage has anything for the element to say: the Codes ask for "any remedy" and
    "details of any outstanding actions", so a response with no remedy recorded, or no action
    still to do on the day it went, cannot have left them out."""
    if element == "remedy":
        return bool(record.get("remedies"))
    if element == "outstanding-actions":
        return any(
            not action.get("done") or date.fromisoformat(action["done"]) > responded
            for action in record.get("actions", [])
        )
    return True


def incomplete(case: Case, number: int) -> Iterator[Problem]:
    """Problems when a stage's response lacks an element its Code requires, or names the wrong
    body. A Code list not yet verified against the Code's text (`verified: false`) is never
    enforced on a case: `code-unverified` says which it is."""
    stage = case.stages.get(number)
    if stage is None or stage.response.done is None or case.code is None:
        return
    letter = case.code["letters"][f"stage{number}_response"]
    required = letter["includes"]
    record = case.record(number)
    included = set(record.get("response_includes", []))
    verified = letter.get("verified", True)
    missing = [
        element
        for element in required
        if verified and element not in included and _has(record, element, stage.response.done)
    ]
    if missing:
        yield Problem(
            f"the stage {number} response does not record {', '.join(missing)}, which the "
            f"{case.code['title']} ({case.code['code']}) requires; record what the letter "
            "contained, or explain the breach",
            case.document,
            (f"stage{number}", "response_includes")
            if "response_includes" in record
            else (f"stage{number}", "responded"),
            provisions=cite(case.code["code"], letter["provisions"]),
        )
    if number == 2 and "ombudsman" in required:
        expected = set((case.route_rules or {}).get("escalates_to", []))
        told = set(record.get("signposted_to", []))
        if told != expected:
            names = " and ".join(BODY[b] for b in sorted(expected))
            yield Problem(
                f"the final response must tell the complainant how to go to {names} for the "
                f"{case.route} route; record signposted_to: [{', '.join(sorted(expected))}]",
                case.document,
                ("stage2", "signposted_to")
                if "signposted_to" in record
                else ("stage2", "responded"),
            )
