"""Reporting years: April to March for most councils, labelled like 2025-26; a year that starts in
January is a calendar year, labelled like 2026."""

from __future__ import annotations

import re
from datetime import date


class NotAYear(ValueError):
    """A reporting year's label that is not the council's shape (2025-26, or 2026 from January)."""


LABEL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def label(day: date, start_month: int = 4) -> str:
    """The reporting year `day` falls in, e.g. 2025-26 for 2025-06-02 with an April start."""
    first = day.year if day.month >= start_month else day.year - 1
    if start_month == 1:
        return str(first)
    return f"{first}-{(first + 1) % 100:02d}"


def bounds(text: str, start_month: int = 4) -> tuple[date, date]:
    """First and last day of the reporting year labelled `text`."""
    match = LABEL.match(text)
    first = int(match.group(1)) if match else 0
    if not match or text != label(date(first, start_month, 1), start_month):
        raise NotAYear(
            f"'{text}' is not a reporting year of this council, whose years are labelled like "
            f"{label(date(2025, 6, 1), start_month)}"
        )
    start = date(first, start_month, 1)
    end = date(first + 1, start_month, 1).toordinal() - 1
    return start, date.fromordinal(end)


def before(text: str) -> str:
    """The label of the reporting year before the one labelled `text`: 2024-25 for 2025-26, 2025
    for 2026."""
    first = int(text[:4]) - 1
    return str(first) if len(text) == 4 else f"{first}-{(first + 1) % 100:02d}"


def last_full_year(day: date, start_month: int = 4) -> str:
    """The label of the last reporting year that ended before `day`."""
    this_year_start, _ = bounds(label(day, start_month), start_month)
    return label(date.fromordinal(this_year_start.toordinal() - 1), start_month)
