"""A letter the policy describes without an element the Code requires.

## What it checks
Where the policy lists what a letter contains (`rules.letters`: the acknowledgement and the
response at each stage), each element the governing Code requires for that letter is in the
list: HO 5.6 and 5.7 for acknowledgements, 6.9 for the stage 1 response, 6.19 for the final
response (including how to escalate to the Ombudsman). Code lists not yet verified against the
Code's text (part of the LGSCO's) are not used.

## Why it matters
Officers write letters from the policy and its templates; an element missing from the policy's
list is missing from every letter. Canterbury's 10.3.10 tells a stage 2 complainant how to
escalate "to stage two", not to the Ombudsman: a real finding in the worked example.

## Example
    stage2_response: {includes: [stage, definition, decision, reasons, remedy, outstanding-actions,
                                 escalation], ...}

## How to fix
Correct the policy clause and its list. Until the policy is revised, record the finding under the
policy's `explanations`, with the subject the finding names.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import cite, governing
from checker.model.findings import Severity
from checker.rules._policy import Breach

ID = "policy-letter-incomplete"
TITLE = "The policy's letters contain what the Codes require"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 5.6", "HO 5.7", "HO 6.9", "HO 6.19")
POLICY = ("letters",)
LETTERS = {
    "stage1_acknowledgement": "stage 1 acknowledgement",
    "stage1_response": "stage 1 response",
    "stage2_acknowledgement": "stage 2 acknowledgement",
    "stage2_response": "final response",
}


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    letters = view.policy.data["rules"].get("letters", {})
    for code_name in sorted(governing(view.policy.data) & set(view.codes)):
        code = view.codes[code_name].data
        for name, label in LETTERS.items():
            required = code["letters"][name]
            if name not in letters or not required.get("verified", True):
                continue
            missing = [e for e in required["includes"] if e not in letters[name]["includes"]]
            if missing:
                clauses = ", ".join(letters[name]["clauses"])
                breach = (
                    f"the {label} the policy describes (clause {clauses}) leaves out "
                    f"{', '.join(missing)}, which the {code['publisher']}'s Code requires"
                )
                yield Breach(
                    breach,
                    view.policy,
                    ("rules", "letters", name, "includes"),
                    provisions=cite(code_name, required["provisions"]),
                    subject=f"{code_name}:{name}",
                    breach=breach,
                )
