"""Self-assessment evidence that points at nothing.

## What it checks
Each evidence link resolves: a `clause` is a clause of the policy, a `file` exists in the
repository.

## Why it matters
Both Codes ask for every statement to be supported by evidence; a link to a clause that was
renumbered away leaves the statement unsupported on the published form.

## Example
    links: [{clause: "10.2.16"}]     # the policy has no 10.2.16

## How to fix
Link to the clause or file that shows the provision is met.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.model.policy import clauses

ID = "self-assessment-evidence-broken"
TITLE = "Self-assessment evidence links resolve"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    numbers = {c.number for c in clauses(view.policy.data)} if view.policy else None
    root = view.repository.root.resolve()
    for document in view.documents("self-assessment"):
        for index, answer in enumerate(document.data["answers"]):
            for link_index, link in enumerate(answer.get("links", [])):
                path = ("answers", index, "links", link_index)
                if "clause" in link and numbers is not None and link["clause"] not in numbers:
                    yield Problem(
                        f"provision {answer['provision']} cites policy clause {link['clause']}, "
                        "which the policy does not have; link the clause that evidences it",
                        document,
                        (*path, "clause"),
                    )
                if "file" in link:
                    target = (root / link["file"]).resolve()
                    if not target.is_relative_to(root) or not target.exists():
                        yield Problem(
                            f"provision {answer['provision']} cites {link['file']}, which is not "
                            "a file in this repository; correct the path",
                            document,
                            (*path, "file"),
                        )
