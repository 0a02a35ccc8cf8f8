"""Personal data in a case file.

## What it checks
Every free-text value of a case (definition, outcomes sought, reasons, actions, remedies,
learning, explanations and the rest) is searched for an email address, a UK phone number, a
UK postcode and a National Insurance number.

## Why it matters
Case files live in git, where history is forever and copies are many. They hold a pseudonymous
complainant reference and roles, never a name or contact details: those stay in the
case-management system. Complaint records can be special category data (a disclosed disability);
a leak is a data breach. This can never be explained away.

## Example
    definition: Mrs Smith (07700 900123) reports a leak at CT1 1YW.

## How to fix
Remove the personal data from the file and rewrite the text impersonally. If the file was
committed, the data is still in git history: ask the repository owner to purge it, and report it
to your data protection officer.
"""

import re

from checker.cases import ROUTES
from checker.model import Problem, Severity

ID = "personal-data"
TITLE = "Case files hold no personal data"
SEVERITY = Severity.ERROR
SCOPE = "case"
ROUTES = ROUTES
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()

PATTERNS = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    # +44 or 0, then 9 or 10 more digits, allowing spaces, hyphens and brackets: (01227) 862 000
    ("a phone number", re.compile(r"(?<![\w-])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:\d[\s)-]{0,2}){9,10}(?![\w-])")),
    # capitals only: "Flat B2 1st floor" is not a postcode, "CT1 1YW" is
    ("a postcode", re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}\b")),
    # any two letters: the test prefixes (QQ) and unissued ones look just as personal in a file
    ("a National Insurance number", re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.I)),
)
DATE_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")
NOT_TEXT = {"id", "route", "service", "type", "channel", "received", "ref", "handler", "rule", "reviewed_by", "agreed_by"}


HAS_DIGIT_OR_AT = re.compile(r"[0-9@]")  # every pattern needs one: most text is skipped at once


def check(case):
    for path, text in _texts(case.data, ()):
        if not HAS_DIGIT_OR_AT.search(text):
            continue
        for kind, pattern in PATTERNS:
            if pattern.search(text):
                yield Problem(
                    f"{'.'.join(str(p) for p in path)} contains what looks like {kind}; remove it: "
                    "case files hold no personal data",
                    case.document,
                    path,
                )
                break


def _texts(node, path):
    """Every free-text string in the case, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_TEXT:
                yield from _texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, (*path, index))
    elif isinstance(node, str) and not DATE_VALUE.fullmatch(node):
        yield path, node
