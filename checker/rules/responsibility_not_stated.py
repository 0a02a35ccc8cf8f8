"""A stage whose letter does not say which aspects the council is not responsible for.

## What it checks
At each stage, once the letter the governing Code names has gone, the case records
`not_responsible_for:` (the aspects of the complaint the council is not responsible for; `[]` when
there were none), and, where the case records that letter's contents, they list
`not-responsible-for`:

- housing route (HO 5.7): the acknowledgement, at stage 1 and at stage 2
  (`acknowledgement_includes`);
- general route (LGSCO 6.7 at stage 1, 6.17 at stage 2): the response (`response_includes`).

One finding for each stage whose letter falls short, at that letter's date.

## Why it matters
HO 5.7: "When a complaint is acknowledged at either stage, landlords must be clear which aspects of
the complaint they are, and are not, responsible for and clarify any areas where this is not
clear." The LGSCO's Code puts the same duty in its response provisions: LGSCO 6.7 ("be clear which
aspects of the complaint the organisation is, and is not, responsible for") at stage 1, and 6.17
at stage 2, whose wording is not yet verified, so that finding is at most a warning.

The reading: a case that records no contents list for a letter is judged on `not_responsible_for`
alone, the aspects the letter set out; a list that is recorded is the letter, and must name them.

## Example
    stage1:
      acknowledged: 2025-06-04
      acknowledgement_includes: [definition, outcomes-sought]   # housing: no not-responsible-for

## How to fix
Record `not_responsible_for: []`, or list the aspects the letter said were for others, and add
`not-responsible-for` to the letter's contents if it said so; if it did not, explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.codes import SHORT
from checker.model.findings import Problem, Severity

ID = "responsibility-not-stated"
TITLE = "Each stage's letter states what the council is not responsible for"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 5.7", "LGSCO 6.7", "LGSCO 6.17")
POLICY = ("letters.stage1_acknowledgement", "letters.stage2_acknowledgement")

# The letter each Code names, and the provision at each stage.
LETTER = {"housing-ombudsman": "acknowledgement", "lgsco": "response"}
PROVISION = {"housing-ombudsman": {1: "5.7", 2: "5.7"}, "lgsco": {1: "6.7", 2: "6.17"}}


def sent(case: Case) -> list[int]:
    """The stages (1 and 2) whose letter the governing Code names has gone."""
    if case.code is None:
        return []
    letter = LETTER[case.code["code"]]
    return [
        number
        for number, stage in case.stages.items()
        if number <= 2
        and (stage.acknowledgement if letter == "acknowledgement" else stage.response).done
    ]


def check(case: Case) -> Iterator[Problem]:
    stages = sent(case)
    if not stages:
        return
    assert case.code is not None  # a letter was sent under it
    code, letter = case.code["code"], LETTER[case.code["code"]]
    contents = f"{letter}_includes"
    if "not_responsible_for" not in case.data:  # once for the case: the aspects are every stage's
        yield Problem(
            f"the stage {stages[0]} {letter} has gone but not_responsible_for is not recorded; "
            "add the aspects the council is not responsible for, or [] if none",
            case.document,
            ("id",),
            provisions=(f"{SHORT[code]} {PROVISION[code][stages[0]]}",),
            stage=stages[0],
        )
        return
    for number in stages:
        if "not-responsible-for" not in case.record(number).get(contents, ["not-responsible-for"]):
            yield Problem(
                f"the stage {number} {letter} does not record that it said which aspects the "
                f"council is not responsible for; add not-responsible-for to {contents} if it did",
                case.document,
                (f"stage{number}", contents),
                provisions=(f"{SHORT[code]} {PROVISION[code][number]}",),
                stage=number,
            )
