"""A case id as a handler types it: in any case (`ccc-2025-0002`), or short within the current
reporting year (`0002`, `2`: case number 2 of the year the as-of date falls in), or with the year
and no prefix (`2025-2`). A short id stands for a case only where exactly one matches; an unknown
id gets the nearest known one as a suggestion."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

MISREAD = str.maketrans("OIL", "011")
SHORT = re.compile(r"^(?:([A-Z]{2,6})-)?(?:(\d{4})-)?(\d{1,6})$")


class UnknownCase(Exception):
    """No case, or more than one, answers to the id given (a usage error)."""


def resolve(text: str, ids: Iterable[str], year: str) -> str:
    """The one case id of `ids` that `text` names; `year` is the current reporting year's label
    (2025-26: a short id means a case numbered CCC-2025-...)."""
    known = sorted(set(ids))
    typed = text.strip().upper()
    if typed in known:
        return typed
    match = SHORT.match(typed)
    if match is None:
        raise UnknownCase(f"there is no case {text}{_suggestion(typed, known)}")
    prefix, given_year, number = match.groups()
    found = [
        case_id
        for case_id in known
        if _answers(case_id, prefix, given_year or year[:4], int(number))
    ]
    if len(found) == 1:
        return found[0]
    if found:
        raise UnknownCase(f"{text} could be any of {', '.join(found)}; give the whole id")
    where = f"in {given_year}" if given_year else f"in {year}, the current reporting year"
    raise UnknownCase(f"there is no case {text} {where}{_suggestion(typed, known)}")


def _answers(case_id: str, prefix: str | None, year: str, number: int) -> bool:
    parts = case_id.split("-")
    return (
        len(parts) == 3
        and parts[1] == year
        and parts[2].isdigit()
        and int(parts[2]) == number
        and (prefix is None or parts[0] == prefix)
    )


def _suggestion(typed: str, known: list[str]) -> str:
    prefix, dash, rest = typed.partition("-")
    misread = prefix + dash + rest.translate(MISREAD)  # CCC-2025-O002: a letter for a digit
    close = [misread] if misread in known else difflib.get_close_matches(typed, known, 1, 0.8)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"{hint}; `complaints list` lists the cases"
