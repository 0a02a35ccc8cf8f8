"""Dates of a case that are out of order.

## What it checks
Each step follows the one before it: received, stage 1 acknowledged, stage 1 responded, stage 2
requested, stage 2 acknowledged, stage 2 responded; an extension is agreed after the stage began
and before its response; an exclusion is decided, and a withdrawal made, after receipt; an
ombudsman decision follows its referral.

## Why it matters
A date before the step it depends on is a typing error (2025-07-01 for 2025-01-07), and every
deadline and statistic computed from it would be wrong.

## Example
    received: 2025-06-02T10:00:00+01:00
    stage1:
      acknowledged: 2025-06-01     # before receipt

## How to fix
Correct the date from the case correspondence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.model.case import ROUTES, Case
from checker.model.findings import Problem, Severity

ID = "case-dates-order"
TITLE = "Case dates are in order"
SEVERITY = Severity.ERROR
ROUTES = ROUTES
EXPLAINABLE = False
PROVISIONS = ("HO 5.12",)
POLICY: tuple[str, ...] = ()

SEQUENCE = (
    ("received",),
    ("stage1", "acknowledged"),
    ("stage1", "responded"),
    ("stage2", "requested"),
    ("stage2", "acknowledged"),
    ("stage2", "responded"),
)


EXTENSIONS = (("stage1", "extension", "agreed"), ("stage2", "extension", "agreed"))
AFTER_RECEIPT = (("exclusion", "decided"), ("withdrawn",), ("ombudsman", "referred"))
DATED = (*SEQUENCE, *EXTENSIONS, *AFTER_RECEIPT, ("ombudsman", "decided"))


def _dates(data: dict[str, Any]) -> dict[tuple[str, ...], str | None]:
    """Each date of DATED in the case as written (YYYY-MM-DD: the schema's date and date-time
    formats both start so, and such dates sort as their days do), None where it is not recorded."""
    found: dict[tuple[str, ...], str | None] = dict.fromkeys(DATED)
    for path in DATED:
        node = data.get(path[0])
        if node is None:  # most cases have no stage 2, exclusion or ombudsman
            continue
        for step in path[1:]:
            node = node.get(step) if type(node) is dict else None
        if type(node) is str:
            found[path] = node[:10]
    return found


def _label(path: tuple[str, ...]) -> str:
    return " ".join(step.replace("stage", "stage ") for step in path)


def check(case: Case) -> Iterator[Problem]:
    dates = _dates(case.data)
    previous = None
    for path in SEQUENCE:
        when = dates[path]
        if when is None:
            continue
        if previous is not None and when < previous[1]:
            yield _problem(case, path, when, previous)
        previous = (path, when)
    received = dates[("received",)]
    for number, agreed_path in zip((1, 2), EXTENSIONS):
        start = dates[("stage2", "requested")] if number == 2 else received
        agreed, responded = dates[agreed_path], dates[(f"stage{number}", "responded")]
        if agreed and start and agreed < start:
            yield _problem(case, agreed_path, agreed, ((f"stage{number}",), start))
        elif agreed and responded and agreed > responded:
            yield Problem(
                f"stage {number} extension agreed {agreed} is after the response "
                f"{responded}; correct the date",
                case.document,
                agreed_path,
            )
    for path in AFTER_RECEIPT:
        when = dates[path]
        if when and received and when < received:
            yield _problem(case, path, when, (("received",), received))
    decided, referred = dates[("ombudsman", "decided")], dates[("ombudsman", "referred")]
    if decided and referred and decided < referred:
        yield _problem(
            case, ("ombudsman", "decided"), decided, (("ombudsman", "referred"), referred)
        )


def _problem(
    case: Case, path: tuple[str, ...], when: str, previous: tuple[tuple[str, ...], str]
) -> Problem:
    before_path, before = previous
    return Problem(
        f"{_label(path)} {when} is before {_label(before_path)} {before}; correct the date",
        case.document,
        path,
    )
