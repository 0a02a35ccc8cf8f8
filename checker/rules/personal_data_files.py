"""Personal data in the policy files: the repository half of `personal_data` (same id).

The council, policy, Code, self-assessment and report files may hold the council's own published
contact details and the ombudsmen's, and nothing else that looks like an email address, phone
number, postcode or National Insurance number. `personal_data`'s docstring documents the rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem
from checker.rules.personal_data import (
    EXPLAINABLE,
    ID,
    POLICY,
    PROVISIONS,
    PUBLISHED,
    SEVERITY,
    TITLE,
    found_keys,
    free_texts,
    in_comments,
    problems_in,
)

__all__ = ["EXPLAINABLE", "ID", "POLICY", "PROVISIONS", "SEVERITY", "TITLE", "check"]

FILES = ("council", "policy", "code", "self-assessment", "report")


def check(view: View) -> Iterator[Problem]:
    """The files other than cases: only the council's and the ombudsmen's contact details."""
    contact = (view.council.data.get("contact") if view.council else None) or {}
    allowed = found_keys(PUBLISHED) | {
        key for _, text in free_texts(contact, ()) for key in found_keys(text)
    }
    because = (
        "only the council's own contact details (under contact in policy/council.yaml) "
        "are published"
    )
    for kind in FILES:
        for document in view.documents(kind):
            yield from problems_in(document, allowed, because)
            yield from in_comments(document, because, allowed)
