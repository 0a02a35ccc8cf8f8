"""The senior lead for complaints or the Member Responsible for Complaints not recorded.

## What it checks
`policy/council.yaml` names, by role or title, the senior lead accountable for complaint handling
(`senior_lead: {role}`) and the Member Responsible for Complaints (`member_responsible: {kind,
title}`). Under the Housing Ombudsman's Code the MRC is a member of the governing body
(`kind: member`); under the LGSCO's the Member may be an individual or a committee. Each finding
cites the Codes the council is under (those governing a route of its policy): a council with no
housing route gets no Housing Ombudsman citation, and may have a committee as its Member.

## Why it matters
HO 9.4: "Landlords must appoint a suitably senior lead person as accountable for their complaint
handling." HO 9.5: "a member of the governing body (or equivalent) must be appointed to have lead
responsibility for complaints ... the Member Responsible for Complaints ('the MRC')". LGSCO 9.4
and 9.5 ask the same, the Member being "an individual or a committee". The HO's annual submission
asks for both.

## Example
    senior_lead: {role: Head of Customer Services}
    member_responsible: {kind: committee, title: Audit Committee}   # a landlord council

## How to fix
Add `senior_lead: {role: ...}` and `member_responsible: {kind: member, title: ...}` with the
council's own titles, never a person's name. A council that is a landlord names one member of
its governing body (a Cabinet Member, say) as its MRC; a committee may be the LGSCO's Member.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import SHORT
from checker.model.findings import Problem, Severity
from checker.rules._policy import cited

ID = "complaints-leads-not-named"
TITLE = "The council names its senior lead and its Member Responsible for Complaints"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 9.4", "HO 9.5", "LGSCO 9.4", "LGSCO 9.5")
POLICY: tuple[str, ...] = ()
HO = SHORT["housing-ombudsman"]


def check(view: View) -> Iterator[Problem]:
    if view.council is None or not cited(view, "9.4", "9.5"):
        return
    council = view.council.data
    if "senior_lead" not in council:
        yield Problem(
            "council.yaml does not name the senior lead accountable for complaint handling; add "
            "senior_lead: {role: <the lead's role>}",
            view.council,
            ("name",),
            provisions=cited(view, "9.4"),
        )
    member = council.get("member_responsible")
    if member is None:
        yield Problem(
            "council.yaml does not name the Member Responsible for Complaints; add "
            "member_responsible: {kind: member or committee, title: <the title>}",
            view.council,
            ("name",),
            provisions=cited(view, "9.5"),
        )
    elif member["kind"] == "committee":
        housing = tuple(c for c in cited(view, "9.5") if c.partition(" ")[0] == HO)
        if housing:
            yield Problem(
                f"the Member Responsible for Complaints is a committee ({member['title']}); the "
                "Housing Ombudsman's Code asks for a member of the governing body: name one "
                "(kind: member)",
                view.council,
                ("member_responsible", "kind"),
                provisions=housing,
            )
