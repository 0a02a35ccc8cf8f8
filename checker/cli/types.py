"""The argument types of the command line: each turns what was typed into a value, or refuses it
with a message argparse prints under the command's usage."""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime

from checker.calendar import periods
from checker.calendar.workdays import FIRST_YEAR, LAST_YEAR, parse_timestamp

SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
PSEUDONYM = r"[Pp]-[A-Za-z0-9]{4,12}"


def day(text: str) -> date:
    """A date like 2026-03-27, within the years the calendar knows."""
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-27") from None
    return _in_range(parsed, text)


def _in_range(parsed: date, text: str) -> date:
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' is not between {FIRST_YEAR} and {LAST_YEAR}")
    return parsed


def moment(text: str) -> date | datetime:
    """A date, or a date and time (ISO 8601)."""
    try:
        parsed = parse_timestamp(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    _in_range(parsed, text)
    return parsed


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, like housing-repairs."""
    if not re.fullmatch(SLUG, text):
        raise argparse.ArgumentTypeError(
            f"'{text}' should be lower-case words joined by hyphens, like housing-repairs"
        )
    return text


def handler(text: str) -> str:
    """A handler as the case files record one: a role (a slug) or a pseudonym (P-7Q2K9)."""
    if re.fullmatch(f"{SLUG}|{PSEUDONYM}", text):
        return text
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a role like housing-repairs-manager or a pseudonym like P-7Q2K9: "
        "record a role or pseudonym, never a name"
    )


def role(text: str) -> str:
    """A handler's role as a step records it (a slug, like housing-repairs-manager)."""
    if re.fullmatch(SLUG, text):
        return text
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a role like housing-repairs-manager: record a role or pseudonym, never "
        "a name (a pseudonym like P-7Q2K9 is recorded as handler: {role: R, person: P-7Q2K9})"
    )


def case_id(text: str) -> str:
    """A case id as typed: whole (CCC-2025-0142) in any case, or short (0142, 2025-142); which
    case it names is resolved against the repository when the command runs."""
    if not re.fullmatch(r"(?:[A-Za-z]{2,6}-)?(?:\d{4}-)?\d{1,6}", text.strip()):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a case id like CCC-2025-0142 (or 142 in the current year)"
        )
    return text.strip()


def text(typed: str) -> str:
    """Some text, its runs of white space made one space."""
    typed = " ".join(typed.split())
    if not typed:
        raise argparse.ArgumentTypeError("give some text")
    return typed


def working_days(typed: str) -> int:
    """A number of working days, 1 or more."""
    if not typed.isdigit() or int(typed) < 1:
        raise argparse.ArgumentTypeError(f"'{typed}' is not a number of working days like 10")
    return int(typed)


def number(typed: str) -> int:
    """A number from 1."""
    if not typed.isdigit() or int(typed) < 1:
        raise argparse.ArgumentTypeError(f"'{typed}' is not a number like 1")
    return int(typed)


def pounds(typed: str) -> float | int:
    """An amount in pounds, written as a whole number where it is one (150, not 150.0)."""
    try:
        amount = float(typed.lstrip("£"))
    except ValueError:
        amount = -1.0
    if not 0 <= amount <= 10_000_000:  # NaN fails too
        raise argparse.ArgumentTypeError(f"'{typed}' is not an amount in pounds like 150 or 75.50")
    return int(amount) if amount.is_integer() else amount


def year(typed: str) -> str:
    """A reporting year's label of either shape (2025-26, or 2026 for a calendar year); whether it
    is the council's shape is checked against council.yaml where the year is used."""
    try:
        periods.bounds(typed, 1 if len(typed) == 4 else 4)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{typed}' is not a reporting year like 2025-26 (or 2026, for a year from January)"
        ) from None
    return typed
