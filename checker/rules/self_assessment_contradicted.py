"""A self-assessment "yes" that the cases contradict.

## What it checks
For each measurable provision answered "yes", the case metrics that evidence it (the Code file's
`metrics`) over the reporting year assessed, against the policy's `targets`: a rate below target
contradicts the "yes". The period is the last full reporting year before the self-assessment was
completed. Warning by default; a policy can make it an error with
`rules.severity: {self-assessment-contradicted: error}`.

## Why it matters
A self-assessment is published for the Ombudsman and residents to rely on. "Yes, we respond
within 10 working days" while a third of responses were late is the drift this tool exists to
stop. `complaints score` shows the figures.

## Example
    - {provision: "6.3", comply: "yes"}     # stage1-responded-in-time 64% against a 95% target

## How to fix
Answer "partial" or "no" with an action, or improve performance and reassess.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity

ID = "self-assessment-contradicted"
TITLE = "Self-assessment answers agree with the cases"
SEVERITY = Severity.WARNING
EXPLAINABLE = True
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY = ("targets",)


def check(view: View) -> Iterator[Problem]:
    if view.calendar is None or view.policy is None:
        return
    for document in view.documents("self-assessment"):
        if document.path not in view.scores:
            continue
        result = view.scores[document.path]
        index = {a["provision"]: i for i, a in enumerate(document.data["answers"])}
        for provision in result.contradictions:
            if provision.contradiction != "yes-contradicted":
                continue
            figures = "; ".join(
                f"{e.measure.metric} {e.measure.met}/{e.measure.applicable} "
                f"({e.measure.rate:.1%}) against a target of {e.target:.0%}"
                for e in provision.evidence
                if e.met is False
            )
            yield Problem(
                f"provision {provision.number} is answered yes, but the {result.period} cases show "
                f"{figures}; answer partial or no with an action, or explain",
                document,
                ("answers", index[provision.number], "comply"),
                subject=f"{document.data['code']}:{provision.number}",
            )
