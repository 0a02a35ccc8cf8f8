"""A rule the Codes require the policy to state, which it leaves out.

## What it checks
For every Code that governs one of the policy's routes, the policy states each timescale the Code
sets (`rules.timescales`: the stage 1 and stage 2 acknowledgement, response and extension, and
the time limit for complaining, `late_complaint`) and the circumstances in which a matter will not
be treated as a complaint (`rules.exclusions`: HO 2.2, LGSCO 2.3). An extension counts as stated
when the policy says anything about taking longer, with or without a figure.

## Why it matters
What a policy leaves out, residents cannot rely on and staff cannot follow. The tool never
invents the value: cases are still held to the Code's figure (a rule left out falls back to the
Code's), and the public pages say that the figure is the Code's. But the council must decide, and
say so in its policy. A warning, not an error: silence is not a breach of a Code's timescale, only
an omission the Code asks the policy to fill.

## Example
    timescales:
      stage1_response: {working_days: 10, clauses: ["3.2"]}
      # no stage1_acknowledgement: HO 6.2 and LGSCO 6.2 set 5 working days

## How to fix
State the rule in the policy (its clause, then the rule under `rules`, citing the clause). If the
council has decided to follow the Code without restating it, record that under the policy's
`explanations` with this rule and the finding's subject.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import cite
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying

ID = "policy-rule-not-stated"
TITLE = "The policy states each rule the Codes require"
SEVERITY = Severity.WARNING
EXPLAINABLE = True
PROVISIONS = (
    "HO 2.2",
    "HO 2.3",
    "HO 6.2",
    "HO 6.3",
    "HO 6.4",
    "HO 6.11",
    "HO 6.14",
    "HO 6.15",
    "LGSCO 2.2",
    "LGSCO 2.3",
    "LGSCO 6.2",
    "LGSCO 6.3",
    "LGSCO 6.4",
)
POLICY = ("timescales", "exclusions")
LABELS = {
    "stage1_acknowledgement": "how soon a complaint is acknowledged",
    "stage1_response": "how soon the stage 1 response is sent",
    "stage1_extension": "how much longer a stage 1 response may take",
    "stage2_acknowledgement": "how soon a stage 2 request is acknowledged",
    "stage2_response": "how soon the stage 2 response is sent",
    "stage2_extension": "how much longer a stage 2 response may take",
    "late_complaint": "the time limit for making a complaint",
}


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    rules = view.policy.data["rules"]
    stated = rules.get("timescales") or {}
    where = ("rules", "timescales") if "timescales" in rules else ("rules",)
    for code_name, code in applying(view):
        for name, label in LABELS.items():
            theirs = code.data["timescales"].get(name)
            if theirs is None or name in stated:
                continue
            figure = (
                f"{theirs['working_days']} working days"
                if "working_days" in theirs
                else f"{theirs['months']} months"
            )
            breach = f"the policy does not state {label}"
            yield Breach(
                f"{breach} (rules.timescales.{name}); cases are held to the "
                f"{code.data['publisher']}'s Code's {figure}: state it, or explain",
                view.policy,
                where,
                key=True,
                provisions=cite(code_name, theirs["provisions"]),
                subject=f"{code_name}:{name}",
                breach=breach,
            )
        if not rules.get("exclusions"):
            accepted = code.data.get("accepted_exclusions") or {}
            breach = "the policy does not say when a matter will not be treated as a complaint"
            yield Breach(
                f"{breach} (rules.exclusions); the {code.data['publisher']}'s Code asks it to: "
                "state the grounds, or explain",
                view.policy,
                ("rules",),
                key=True,
                provisions=cite(code_name, accepted.get("provisions", ())),
                subject=f"{code_name}:exclusions",
                breach=breach,
            )
