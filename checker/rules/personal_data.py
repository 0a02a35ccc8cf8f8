"""Personal data in a data file: a case, or the policy, Code, self-assessment and report files.

## What it checks
Every free-text value of every data file (in a case: definition, outcomes sought, reasons,
actions, remedies, learning, explanations and the rest; in the other files: clause text,
evidence, commentary, letters, notes) is searched for an email address, a UK phone number, a
UK postcode and a National Insurance number, and so is every comment of every file (git keeps
a comment as surely as a value). A case may hold none, nor a person's name: a title before a
capitalised name ("Mr Smith", "Cllr Patel") or a common forename before a capitalised surname
("John Smith"), though not a place or a body named after a person ("William Harvey Hospital").
The other files are published, and may quote the council's own contact details (those under
`contact` in `policy/council.yaml`) and the ombudsmen's and the Information Commissioner's
published ones; anything else is reported. They may name the council's officers and members, so
only a case is searched for names.

## Why it matters
Case files live in git, where history is forever and copies are many. They hold a pseudonymous
complainant reference and roles, never a name or contact details: those stay in the
case-management system. Complaint records can be special category data (a disclosed disability);
a leak is a data breach. The policy, self-assessments and reports are published on the site, so
a resident's or an officer's details pasted into them are published too. This can never be
explained away.

## Example
    definition: Mrs Smith (07700 900123) reports a leak at CT1 1YW.

## How to fix
Remove the personal data from the file and rewrite the text impersonally. If the file was
committed, the data is still in git history: ask the repository owner to purge it, and report it
to your data protection officer. A contact number or address the council publishes belongs under
`contact` in `policy/council.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.model.case import NOT_FREE_TEXT, ROUTES, Case
from checker.model.findings import Document, Problem, Severity
from checker.rules._names import has_name, joined
from checker.schemas import HEADER_LINE, closed_keys

ID = "personal-data"
TITLE = "Data files hold no personal data"
SEVERITY = Severity.ERROR
ROUTES = ROUTES
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()

PATTERNS = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    # +44 or 0, then 9 or 10 more digits, allowing spaces, hyphens and brackets: (01227) 862 000
    (
        "a phone number",
        re.compile(r"(?<![\w-])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:\d[\s)-]{0,2}){9,10}(?![\w-])"),
    ),
    # capitals only: "Flat B2 1st floor" is not a postcode, "CT1 1YW" is
    ("a postcode", re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}\b")),
    # any two letters: the test prefixes (QQ) and unissued ones look just as personal in a file
    (
        "a National Insurance number",
        re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.I),
    ),
)
DATE_VALUE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?"
)
NOT_TEXT = NOT_FREE_TEXT
# In a case, the keys the case schema closes as well (their values are closed lists, dates,
# booleans and numbers, where no personal data can be written: tested): the first look at a case
# skips them, which leaves a sixth of its strings.
NOT_TEXT_IN_A_CASE = NOT_TEXT | closed_keys("case")


MAX_COMMENTS = 50  # comments reported one by one in a file; one more finding counts the rest
# A comment: # at the start of a line or after a space (one inside a value is found again there).
COMMENT = re.compile(r"(?:^|[ \t])#([^\n]*)", re.M)
DIGITS_AND_AT = "0123456789@"  # every pattern needs one: most text is skipped at once
# The ombudsmen's and the Information Commissioner's published contact details, which a policy
# may quote: allowed in every file but a case.
PUBLISHED = (
    "\n"
    "Housing Ombudsman Service, PO Box 1484, Unit D, Preston PR2 0ET, 0300 111 3000, "
    "info@housing-ombudsman.org.uk\n"
    "Local Government and Social Care Ombudsman, PO Box 4771, Coventry CV4 0EH, 0300 061 0614\n"
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, "
    "0303 123 1113\n"
)


def check(case: Case) -> Iterator[Problem]:
    because = "case files hold no personal data"
    document = case.document
    text = joined(_strings(document.data, NOT_TEXT_IN_A_CASE))  # found once, looked at twice
    yield from problems_in(document, frozenset(), because, text)
    commented = not _no_comment(document.text)  # nearly every case file has no comment
    if commented:
        yield from in_comments(document, because)
    yield from names_in(document, because, text, commented)


def names_in(
    document: Document, because: str, texts: str | None = None, commented: bool | None = None
) -> Iterator[Problem]:
    """Each free-text value, and each comment, that looks like it names a person (never quoting
    the name: the message is shown and logged where the case is not). `texts`: the document's
    free-text values `joined`, and `commented`: whether it has a comment to look at, if they
    have been found already."""
    # a first look, without the paths `free_texts` keeps
    named = has_name(joined(_strings(document.data)) if texts is None else texts)
    for path, text in free_texts(document.data, ()) if named else ():
        if has_name(text):
            yield Problem(
                f"{'.'.join(str(p) for p in path)} contains what looks like a person's name; "
                f"refer to them by role (the tenant, the officer): {because}",
                document,
                path,
            )
    text = document.text
    if commented is None:
        commented = not _no_comment(text)
    if not commented:
        return
    for comment in COMMENT.finditer(text):
        if has_name(comment[1]):
            start = comment.start(1)
            line = text.count("\n", 0, start) + 1
            yield Problem(
                f"a comment on line {line} contains what looks like a person's name; "
                f"remove it: {because}",
                document,
                at=(line, start - text.rfind("\n", 0, start)),
            )


def _no_comment(text: str) -> bool:
    """Whether a file has no comment to look at: none at all, or only the schema line the tool
    writes (nearly every case file)."""
    count = text.count("#")
    return count == 0 or count == 1 and HEADER_LINE.match(text) is not None


def in_comments(
    document: Document, because: str, allowed: frozenset[str] | set[str] = frozenset()
) -> Iterator[Problem]:
    """What looks like personal data in the file's comments, which git keeps as surely as its
    values (a `#` inside a value is part of the value, which `problems_in` has looked at); what
    the file's own values say, or `allowed`, is not reported again."""
    text = document.text
    if _no_comment(text):
        return
    said: set[str] = set(allowed).union(
        *(found_keys(value) for _, value in free_texts(document.data, ()) if _digit_or_at(value))
    )
    line, counted, found = 1, 0, 0  # lines counted once, as the comments are met in order
    for comment in COMMENT.finditer(text):
        words = comment[1]
        if not _digit_or_at(words):
            continue
        for kind, pattern in PATTERNS:
            match = next((m for m in pattern.finditer(words) if _key(m[0]) not in said), None)
            if match is not None:
                start = comment.start(1) + match.start()
                line += text.count("\n", counted, start)
                counted = start
                found += 1
                if found <= MAX_COMMENTS:
                    column = start - text.rfind("\n", 0, start)
                    yield Problem(
                        f"a comment on line {line} contains what looks like {kind}; "
                        f"remove it: {because}",
                        document,
                        at=(line, column),
                    )
                break
    if found > MAX_COMMENTS:
        yield Problem(
            f"and {found - MAX_COMMENTS:,} more comments that look like personal data; "
            f"remove them all: {because}",
            document,
            at=(1, 1),
        )


def problems_in(
    document: Document,
    allowed: frozenset[str] | set[str],
    because: str,
    texts: str | None = None,
) -> Iterator[Problem]:
    """Each free-text value that holds what looks like an email address, a phone number, a
    postcode or an NI number, other than `allowed` ones. `texts`: as for `names_in`."""
    # every pattern needs a digit or an @: a quick first look, which most files need no more than
    if not _digit_or_at(joined(_strings(document.data)) if texts is None else texts):
        return
    for path, text in free_texts(document.data, ()):
        if not _digit_or_at(text):
            continue
        for kind, pattern in PATTERNS:
            if any(_key(match[0]) not in allowed for match in pattern.finditer(text)):
                yield Problem(
                    f"{'.'.join(str(p) for p in path)} contains what looks like {kind}; "
                    f"remove it: {because}",
                    document,
                    path,
                )
                break


def _digit_or_at(text: str) -> bool:
    """Whether a text holds an ASCII digit or an @ (eleven scans by `in`, which finds a character
    several times faster than a pattern's character class)."""
    return any(character in text for character in DIGITS_AND_AT)


def found_keys(text: str) -> set[str]:
    """Every email address, phone number, postcode and NI number in a text, as comparable keys."""
    return {_key(match[0]) for _, pattern in PATTERNS for match in pattern.finditer(text)}


def _key(found: str) -> str:
    """A match as a key: no spaces, brackets or hyphens, upper case, +44 written as 0."""
    key = re.sub(r"[\s()-]", "", found).upper()
    return "0" + key[3:].removeprefix("0") if key.startswith("+44") else key


def _strings(data: object, skip: frozenset[str] = NOT_TEXT) -> Iterator[str]:
    """Every free-text string in the data, as `free_texts` finds them, without their paths (and
    none under the keys in `skip`)."""
    stack: list[Any] = [[data]]  # the YAML mappings and lists still to look into
    while stack:
        node = stack.pop()
        for value in [v for k, v in node.items() if k not in skip] if type(node) is dict else node:
            kind = type(value)
            if kind is str:
                # a date starts with a digit (`isdigit` holds for every digit `\d` matches)
                if not (value[:1].isdigit() and DATE_VALUE.fullmatch(value)):
                    yield value
            elif kind is dict or kind is list:
                stack.append(value)


def free_texts(
    node: object, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every free-text string in the case, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_TEXT:
                yield from free_texts(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from free_texts(value, (*path, index))
    elif isinstance(node, str) and not DATE_VALUE.fullmatch(node):
        yield path, node
