"""The complaints officer, and what it may do, not recorded.

## What it checks
`policy/council.yaml` names the complaints officer under `complaint_handling`: the person or team
responsible for complaint handling, by role or team (`officer`), and says that it has access to
staff at all levels (`access_to_all_staff: true`) and the authority and autonomy to resolve
complaints (`authority_to_resolve: true`). A flag left out counts as not evidenced, like one set
to false. Each finding cites the Codes the council is under (those governing a route of its
policy): a council with no housing route gets no Housing Ombudsman citation.

## Why it matters
HO 4.1: "Landlords must have a person or team assigned to take responsibility for complaint
handling, including liaison with the Ombudsman and ensuring complaints are reported to the
governing body". HO 4.2: "The complaints officer must have access to staff at all levels to
facilitate the prompt resolution of complaints. They must also have the authority and autonomy
to act to resolve disputes promptly and fairly." LGSCO 4.1 and 4.2 ask the same (their wording
is not yet verified, so their findings are at most warnings). The HO's annual submission asks
who it is.

## Example
    complaint_handling:
      officer: Complaints team
      access_to_all_staff: true
      # authority_to_resolve left out

## How to fix
Add `complaint_handling: {officer: <role or team>, access_to_all_staff: true,
authority_to_resolve: true}` where that is so, never a person's name. Where the officer lacks
either, give it them (and answer 4.2 no in the self-assessment, with the action, until then).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.rules._policy import cited

ID = "complaints-officer-not-named"
TITLE = "The council names its complaints officer, with access to all staff and authority"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 4.1", "HO 4.2", "LGSCO 4.1", "LGSCO 4.2")
POLICY: tuple[str, ...] = ()
FLAGS = {
    "access_to_all_staff": "access to staff at all levels",
    "authority_to_resolve": "the authority and autonomy to resolve complaints",
}


def check(view: View) -> Iterator[Problem]:
    if view.council is None or not cited(view, "4.1"):
        return
    handling = view.council.data.get("complaint_handling")
    if handling is None:
        yield Problem(
            "council.yaml does not say who the complaints officer is; add complaint_handling: "
            "{officer: <role or team>, access_to_all_staff, authority_to_resolve}",
            view.council,
            ("name",),
            provisions=cited(view, "4.1", "4.2"),
        )
        return
    officer = handling["officer"]
    for flag, what in FLAGS.items():
        if flag not in handling:
            message = (
                f"council.yaml does not say whether the complaints officer ({officer}) has {what}; "
                f"set {flag}: true where it has"
            )
        elif handling[flag] is not True:
            message = (
                f"council.yaml says the complaints officer ({officer}) does not have {what}, "
                f"which the Codes ask it to have; give it that, then set {flag}: true"
            )
        else:
            continue
        yield Problem(
            message,
            view.council,
            ("complaint_handling", flag) if flag in handling else ("complaint_handling",),
            key=flag not in handling,
            provisions=cited(view, "4.2"),
        )
