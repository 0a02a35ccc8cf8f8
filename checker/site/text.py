"""Text from the data as a page shows it: escaped (`checker.report.plain`, the one function every
page uses for every string from the data), in table cells, and the anchors that link to policy
clauses (one place, so that every page says a thing the same way)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from checker.model.policy import figures
from checker.report.plain import escaped

# A self-assessment's answer as a page shows it (looked up with None for an unanswered one).
ANSWER: Mapping[str | None, str] = {"yes": "Yes", "no": "No", "partial": "Partly"}
WEEK = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def anchor(number: str, seen: dict[str, int] | None = None) -> str:
    """A clause's stable anchor: 10.2.6 -> clause-10-2-6 (a repeated number gets -2, -3 ...)."""
    base = "clause-" + re.sub(r"[^0-9]+", "-", number).strip("-")  # digits and hyphens only
    if seen is None:
        return base
    seen[number] = seen.get(number, 0) + 1
    return base if seen[number] == 1 else f"{base}-{seen[number]}"


def cell_text(text: str) -> str:
    """Code or form text for a table cell: its "- " lines become a list."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    items = [line[2:] for line in lines if line.startswith("- ")]
    prose = [line for line in lines if not line.startswith("- ")]
    out = "<br>".join(escaped(p) for p in prose)
    if items:
        out += "<ul>" + "".join(f"<li>{escaped(i)}</li>" for i in items) + "</ul>"
    return out


def timescale_figures(policy: dict[str, Any]) -> dict[str, int]:
    """The figures the policy's text draws on (`figures`): each stated timescale's number."""
    return figures(policy)
