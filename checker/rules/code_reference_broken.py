"""A Code file that cites a provision it does not have.

## What it checks
The provisions cited by a Code's timescales, letters, stages, definition, accepted exclusions
and form rows exist in that Code; each LGSCO provision's `corresponds_to` names provisions of
the Housing Ombudsman's Code.

## Why it matters
Findings cite these provisions, and the HO to LGSCO map lets one council answer both Codes
consistently: a citation to nothing breaks both.

Each provision's `metrics` name case metrics the checker knows (`complaints score` lists them).

## Example
    stage1_response: {working_days: 10, provisions: ["6.33"]}

## How to fix
Cite the provision that sets the requirement.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import provisions
from checker.model.findings import Problem, Severity

ID = "code-reference-broken"
TITLE = "Code files cite provisions that exist"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    for document in view.documents("code"):
        own = {p.number for p in provisions(document.data)}
        for provision in provisions(document.data):
            for index, metric in enumerate(provision.data.get("metrics", [])):
                if metric not in view.metrics:
                    yield Problem(
                        f"provision {provision.number} names the metric {metric}, which the "
                        f"checker does not have; use one of: {', '.join(view.metrics)}",
                        document,
                        (*provision.path, "metrics", index),
                    )
        for path, cited in _citations(document.data, ()):
            for index, number in enumerate(cited):
                if number not in own:
                    yield Problem(
                        f"{_label(path)} cites provision {number}, which this Code does not have",
                        document,
                        (*path, index),
                    )
        housing = view.codes.get("housing-ombudsman")
        if document.data["code"] == "housing-ombudsman" or housing is None:
            continue
        theirs = {p.number for p in provisions(housing.data)}
        for provision in provisions(document.data):
            for index, number in enumerate(provision.data.get("corresponds_to", [])):
                if number not in theirs:
                    yield Problem(
                        f"provision {provision.number} corresponds to HO {number}, which the "
                        "Housing Ombudsman's Code does not have",
                        document,
                        (*provision.path, "corresponds_to", index),
                    )


def _citations(
    node: object, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], list[str]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "provisions" and value and isinstance(value[0], str):
                yield (*path, key), value
            elif key != "sections":
                yield from _citations(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _citations(value, (*path, index))


def _label(path: tuple[str | int, ...]) -> str:
    return ".".join(str(step) for step in path[:-1])
