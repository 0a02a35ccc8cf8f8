"""`complaints report`: a small year whose every figure is worked out by hand, the example year in
all three formats, the open-data schema, and what must never be published.

The fixture year (cases/2025-26/CCC-2025-0001 ... 0029, and five cases in 2024-25 for the
comparison) is written by the test. Every expected figure below is written out literally and was
counted by hand from the dates in FIXTURE, using the England and Wales bank holidays of 2025 (Fri 18
and Mon 21 April, Mon 5 and Mon 26 May, Mon 25 August, Thu 25 and Fri 26 December, Thu 1 January
2026). "Within N working days of X": X is day 0. Something received from 17:00, or on a non-working
day, counts from the next working day (policy 12.2).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from checker.load.yaml import parse
from checker.report.figures import METHOD
from tests.conftest import ROOT, check, run_cli, scratch

AS_OF = "2026-11-23"
SCHEMA = json.loads((ROOT / "checker" / "schemas" / "report-data.schema.json").read_text("utf-8"))

# ---------------------------------------------------------------------------------------------
# The fixture year, case by case
# ---------------------------------------------------------------------------------------------

ACK1 = ["definition", "outcomes-sought", "not-responsible-for", "process"]
ACK2 = ["definition", "outcomes-sought", "not-responsible-for"]
RESPONSE1 = [
    "stage",
    "definition",
    "decision",
    "reasons",
    "remedy",
    "outstanding-actions",
    "escalation",
]
RESPONSE2 = [
    "stage",
    "definition",
    "decision",
    "reasons",
    "remedy",
    "outstanding-actions",
    "ombudsman",
]
SIGNPOST = {
    "housing": ["housing-ombudsman"],
    "general": ["lgsco"],
    "data-protection": ["ico", "lgsco"],
}
HANDLERS = {  # stage 1 handler, stage 2 handler (roles, never names)
    "housing-repairs": ("housing-repairs-manager", "head-of-housing"),
    "housing-management": ("tenancy-team-leader", "head-of-housing"),
    "council-tax": ("revenues-team-leader", "head-of-finance"),
    "parking": ("parking-services-manager", "head-of-transport"),
    "information-governance": ("information-rights-officer", "data-protection-lead"),
}


def _words(n: int, year: int) -> str:
    """A tag without digits, unique to the case (free text with digits may look like personal
    data)."""
    return chr(65 + year - 2024) + chr(65 + n // 26) + chr(65 + n % 26)


def stage1(ack, responded, decision, service, **more) -> dict:
    record = {
        "acknowledged": ack,
        "acknowledgement_includes": ACK1,
        "handler": HANDLERS[service][0],
    }
    if "extension" in more:
        record["extension"] = more.pop("extension")
    record.update({"responded": responded, "decision": decision, "response_includes": RESPONSE1})
    record.update(more)
    return record


def stage2(requested, ack, responded, decision, service, route, **more) -> dict:
    record = {} if requested is None else {"requested": requested}
    record.update(
        {"acknowledged": ack, "acknowledgement_includes": ACK2, "handler": HANDLERS[service][1]}
    )
    if "extension" in more:
        record["extension"] = more.pop("extension")
    record.update(
        {
            "responded": responded,
            "decision": decision,
            "response_includes": RESPONSE2,
            "signposted_to": SIGNPOST[route],
        }
    )
    record.update(more)
    return record


def explain(rule: str, on: str) -> list[dict]:
    return [
        {
            "rule": rule,
            "reason": f"Fixture explanation {rule} reviewed by the lead",
            "reviewed_by": "complaints-lead",
            "date": on,
        }
    ]


def case(n, route, service, type_, channel, received, s1=None, s2=None, year=2025, **more) -> dict:
    data = {
        "id": f"CCC-{year}-{n:04d}",
        "route": route,
        "service": service,
        "type": type_,
        "channel": channel,
        "received": received,
        "complainant": {"ref": f"P-FX{year % 100}{n:04d}"},
        "discrimination_claimed": more.pop("discrimination_claimed", False),
    }
    if "equalities_officer_involved" in more:
        data["equalities_officer_involved"] = more.pop("equalities_officer_involved")
    data["definition"] = f"Fixture complaint {_words(n, year)} about the service received."
    data["outcomes_sought"] = f"Fixture outcome {_words(n, year)} put right."
    data["not_responsible_for"] = []
    for key in ("issue", "exclusion", "direct_to_stage2"):
        if key in more:
            data[key] = more.pop(key)
    if s1:
        data["stage1"] = s1
    if s2:
        data["stage2"] = s2
    data.update(more)
    return data


HR, HM, CT, PK, IG = (
    "housing-repairs",
    "housing-management",
    "council-tax",
    "parking",
    "information-governance",
)
LS = "leasehold-services"
BST, GMT = "+01:00", "+00:00"

FIXTURE = [
    # ---- housing repairs (route housing, type repairs-delay): 8 stage 1, 4 of them escalated ----
    # 0001: Wed 16 Apr 10:00. Ack due 25 Apr (17, [18, 21 Easter], 22, 23, 24, 25); acknowledged Mon
    # 28 Apr: LATE (explained). Response due 10 WD from the acknowledgement due date (a late
    # acknowledgement buys no time): 12 May ([5 May]); responded Fri 9 May: in time.
    # 14 working days.
    case(
        1,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-04-16T10:00:00{BST}",
        stage1(
            "2025-04-28",
            "2025-05-09",
            "upheld",
            HR,
            remedies=[
                {"kind": "apology"},
                {"kind": "action", "what": "Leak repaired", "done": "2025-05-20"},
                {"kind": "financial", "amount": 50, "done": "2025-05-20"},
            ],
        ),
        learning={
            "text": "Repairs reported twice are now inspected by a surveyor.",
            "theme": "quality-of-service",
            "publishable": True,
        },
        explanations=explain("stage1-acknowledgement-late", "2025-04-29"),
    ),
    # 0002: Mon 7 Apr; ack Wed 9 Apr; responded Thu 17 Apr (due 25 Apr): 8 WD.
    # Stage 2 requested Thu 24 Apr; ack due Thu 1 May (25, 28, 29, 30, 1); acknowledged Fri 2 May:
    # LATE (explained). Response due 1 May + 20 = Mon 2 Jun ([5 May], [26 May]); responded
    # Thu 29 May: in time, 23 WD from the request (25 Apr .. 29 May).
    case(
        2,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-04-07T10:00:00{BST}",
        stage1("2025-04-09", "2025-04-17", "not-upheld", HR),
        stage2(
            f"2025-04-24T10:00:00{BST}", "2025-05-02", "2025-05-29", "not-upheld", HR, "housing"
        ),
        explanations=explain("stage2-acknowledgement-late", "2025-05-06"),
    ),
    # 0003: Mon 2 Jun; ack Wed 4 Jun; responded Fri 13 Jun (due 18 Jun): 9 WD.
    # Stage 2 requested Mon 16 Jun; ack Wed 18 Jun; due 16 Jul; responded Fri 11 Jul: 19 WD.
    # Housing Ombudsman: maladministration, 2 recommendations
    # (one done on time, one late: explained).
    case(
        3,
        "housing",
        HR,
        "repairs-delay",
        "email",
        f"2025-06-02T10:00:00{BST}",
        stage1("2025-06-04", "2025-06-13", "not-upheld", HR),
        stage2(
            f"2025-06-16T10:00:00{BST}",
            "2025-06-18",
            "2025-07-11",
            "partly-upheld",
            HR,
            "housing",
            remedies=[
                {"kind": "action", "what": "Damp survey", "done": "2025-07-30"},
                {"kind": "financial", "amount": 250, "done": "2025-07-30"},
            ],
        ),
        ombudsman={
            "body": "housing-ombudsman",
            "referred": "2025-08-01",
            "decided": "2026-02-10",
            "outcome": "maladministration",
            "recommendations": [
                {"what": "Apologise in writing", "due": "2026-03-10", "done": "2026-03-05"},
                {"what": "Review the damp procedure", "due": "2026-03-10", "done": "2026-03-20"},
            ],
        },
        explanations=explain("actions-overdue", "2026-03-23"),
    ),
    # 0004: Tue 3 Jun; ack Thu 5 Jun; due 19 Jun; EXTENSION agreed Tue 17 Jun (before the deadline)
    # of 5 WD -> 26 Jun; responded Wed 25 Jun: in time with the extension, not without. 16 WD.
    # Stage 2 requested Fri 27 Jun 16:00 (before 17:00: counts that day); ack Tue 1 Jul (due 4 Jul);
    # due 29 Jul; EXTENSION agreed Mon 28 Jul of 10 WD -> 12 Aug; responded Fri 8 Aug: in time with
    # the extension. 30 WD (30 Jun .. 8 Aug).
    # Housing Ombudsman: referred, no decision yet (pending).
    case(
        4,
        "housing",
        HR,
        "repairs-delay",
        "email",
        f"2025-06-03T10:00:00{BST}",
        stage1(
            "2025-06-05",
            "2025-06-25",
            "not-upheld",
            HR,
            extension={
                "agreed": "2025-06-17",
                "days": 5,
                "reason": "Fixture extension reason awaiting a survey",
                "ombudsman_details_given": True,
            },
        ),
        stage2(
            f"2025-06-27T16:00:00{BST}",
            "2025-07-01",
            "2025-08-08",
            "not-upheld",
            HR,
            "housing",
            extension={
                "agreed": "2025-07-28",
                "days": 10,
                "reason": "Fixture extension reason awaiting the contractor",
                "ombudsman_details_given": True,
            },
        ),
        ombudsman={"body": "housing-ombudsman", "referred": "2025-09-01"},
    ),
    # 0005: Mon 9 Jun; ack Tue 10 Jun; due 24 Jun; responded Thu 26 Jun: LATE (explained). 13 WD.
    # Housing Ombudsman: premature. Learning not publishable.
    case(
        5,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-06-09T10:00:00{BST}",
        stage1(
            "2025-06-10",
            "2025-06-26",
            "upheld",
            HR,
            # HO 5.9: told on the deadline that it would be late; no update was due before 1 Jul
            update_intervals={"agreed": "2025-06-24", "every_working_days": 5},
            remedies=[
                {"kind": "apology"},
                {"kind": "action", "what": "Gutter cleared", "done": "2025-07-01"},
            ],
        ),
        ombudsman={
            "body": "housing-ombudsman",
            "referred": "2025-07-10",
            "decided": "2025-07-20",
            "outcome": "premature",
        },
        learning={
            "text": "Fixture private learning the contractor missed the visit.",
            "theme": "contractor-management",
            "publishable": False,
        },
        explanations=explain("stage1-response-late", "2025-06-27"),
    ),
    # 0006: Mon 30 Jun at 17:42: AFTER 17:00, counts from Tue 1 Jul (so July, not June). Ack due
    # 8 Jul (2, 3, 4, 7, 8); acknowledged Tue 8 Jul: in time (it would be late counted from 30 Jun).
    # Response due 22 Jul; responded Fri 18 Jul: 13 WD (2 Jul .. 18 Jul).
    case(
        6,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-06-30T17:42:00{BST}",
        stage1(
            "2025-07-08",
            "2025-07-18",
            "upheld",
            HR,
            remedies=[
                {"kind": "apology"},
                {"kind": "financial", "amount": 25.50, "done": "2025-07-25"},
            ],
        ),
        learning={
            "text": "Repairs reported twice are now inspected by a surveyor.",
            "theme": "quality-of-service",
            "publishable": True,
        },
    ),
    # 0007: Mon 1 Sep; ack Wed 3 Sep; responded Fri 12 Sep (due 17 Sep): 9 WD.
    # Stage 2 requested Fri 19 Sep; ack Tue 23 Sep (due 26 Sep); due 21 Oct; responded Thu 23 Oct:
    # LATE (explained). 24 WD.
    case(
        7,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-09-01T10:00:00{BST}",
        stage1("2025-09-03", "2025-09-12", "partly-upheld", HR, remedies=[{"kind": "explanation"}]),
        stage2(
            f"2025-09-19T10:00:00{BST}",
            "2025-09-23",
            "2025-10-23",
            "not-upheld",
            HR,
            "housing",
            # HO 5.9: told on the deadline that it would be late; no update was due before 28 Oct
            update_intervals={"agreed": "2025-10-21", "every_working_days": 5},
        ),
        explanations=explain("stage2-response-late", "2025-10-24"),
    ),
    # ---- housing management (route housing, type tenancy-management): 4 stage 1 ----
    # 0008: Tue 1 Apr; ack Thu 3 Apr; responded Thu 10 Apr: 7 WD.
    case(
        8,
        "housing",
        HM,
        "tenancy-management",
        "webform",
        f"2025-04-01T10:00:00{BST}",
        stage1("2025-04-03", "2025-04-10", "upheld", HM, remedies=[{"kind": "apology"}]),
    ),
    # 0009: SATURDAY 24 May: Sun, then Mon 26 May (bank holiday): counts from Tue 27 May. Ack due
    # Tue 3 Jun (28, 29, 30, 2, 3); acknowledged 3 Jun: in time.
    # Due 17 Jun; responded Fri 13 Jun: 13 WD.
    case(
        9,
        "housing",
        HM,
        "tenancy-management",
        "phone",
        f"2025-05-24T11:00:00{BST}",
        stage1(
            "2025-06-03",
            "2025-06-13",
            "upheld",
            HM,
            remedies=[{"kind": "action", "what": "Tenancy record corrected", "done": "2025-06-20"}],
        ),
    ),
    # 0010: Wed 11 Jun; ack Fri 13 Jun; responded Wed 25 Jun (due 27 Jun): 10 WD.
    # Discrimination claimed.
    case(
        10,
        "housing",
        HM,
        "tenancy-management",
        "webform",
        f"2025-06-11T10:00:00{BST}",
        stage1("2025-06-13", "2025-06-25", "not-upheld", HM),
        discrimination_claimed=True,
        equalities_officer_involved="2025-06-12",
    ),
    # 0011: Mon 14 Jul; ack Wed 16 Jul; responded Tue 22 Jul: 6 WD.
    case(
        11,
        "housing",
        HM,
        "tenancy-management",
        "letter",
        f"2025-07-14T10:00:00{BST}",
        stage1("2025-07-16", "2025-07-22", "not-upheld", HM),
    ),
    # 0012 (housing repairs): Mon 8 Sep; ack Tue 9 Sep; responded Fri 19 Sep (due 23 Sep): 9 WD.
    case(
        12,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-09-08T10:00:00{BST}",
        stage1(
            "2025-09-09",
            "2025-09-19",
            "upheld",
            HR,
            remedies=[
                {"kind": "apology"},
                {"kind": "financial", "amount": 100, "done": "2025-09-30"},
            ],
        ),
    ),
    # ---- council tax (route general, type billing): 6 stage 1 ----
    # 0013: Mon 14 Apr; ack Tue 15 Apr; due Thu 1 May (Easter); responded Wed 30 Apr: 10 WD.
    case(
        13,
        "general",
        CT,
        "billing",
        "email",
        f"2025-04-14T10:00:00{BST}",
        stage1("2025-04-15", "2025-04-30", "upheld", CT, remedies=[{"kind": "apology"}]),
        learning={"text": "Council tax bills now show each instalment date.", "publishable": True},
    ),
    # 0014: Mon 2 Jun; ack Tue 3 Jun; responded Fri 13 Jun: 9 WD.
    case(
        14,
        "general",
        CT,
        "billing",
        "email",
        f"2025-06-02T10:00:00{BST}",
        stage1("2025-06-03", "2025-06-13", "not-upheld", CT),
    ),
    # 0015: Mon 16 Jun; ack Wed 18 Jun; responded Tue 1 Jul (due 2 Jul): 11 WD. LGSCO: no fault.
    case(
        15,
        "general",
        CT,
        "billing",
        "email",
        f"2025-06-16T10:00:00{BST}",
        stage1("2025-06-18", "2025-07-01", "not-upheld", CT),
        ombudsman={
            "body": "lgsco",
            "referred": "2025-08-01",
            "decided": "2025-10-01",
            "outcome": "no-fault",
        },
    ),
    # 0016: Tue 1 Jul; ack Wed 2 Jul; responded Mon 14 Jul (due 16 Jul): 9 WD.
    case(
        16,
        "general",
        CT,
        "billing",
        "email",
        f"2025-07-01T10:00:00{BST}",
        stage1("2025-07-02", "2025-07-14", "not-upheld", CT),
    ),
    # 0017: Mon 21 Jul; ack Wed 23 Jul; responded Mon 4 Aug (due 6 Aug): 10 WD.
    # Discrimination claimed.
    case(
        17,
        "general",
        CT,
        "billing",
        "email",
        f"2025-07-21T10:00:00{BST}",
        stage1("2025-07-23", "2025-08-04", "partly-upheld", CT),
        discrimination_claimed=True,
        equalities_officer_involved="2025-07-22",
    ),
    # 0018: Mon 15 Sep; ack Wed 17 Sep; due 1 Oct; EXTENSION agreed Mon 29 Sep of 10 WD -> 15 Oct;
    # responded Mon 13 Oct: in time with the extension. 20 WD.
    # LGSCO: fault, 1 recommendation on time.
    case(
        18,
        "general",
        CT,
        "billing",
        "webform",
        f"2025-09-15T10:00:00{BST}",
        stage1(
            "2025-09-17",
            "2025-10-13",
            "upheld",
            CT,
            extension={
                "agreed": "2025-09-29",
                "days": 10,
                "reason": "Fixture extension reason awaiting the valuation office",
                "ombudsman_details_given": True,
            },
            remedies=[{"kind": "action", "what": "Account rebuilt", "done": "2025-10-20"}],
        ),
        ombudsman={
            "body": "lgsco",
            "referred": "2025-11-01",
            "decided": "2025-12-15",
            "outcome": "fault",
            "recommendations": [
                {"what": "Refund the fee", "due": "2026-02-01", "done": "2026-01-20"}
            ],
        },
    ),
    # ---- parking (route general, type enforcement): 4 stage 1 and one direct to stage 2 ----
    # 0019: FRIDAY 2 May at 18:30: after hours, then the weekend, then Mon 5 May (bank holiday):
    # counts from Tue 6 May. Ack due Tue 13 May; acknowledged 13 May: in time. Due Wed 28 May
    # ([26 May]); responded 28 May: in time, 15 WD.
    case(
        19,
        "general",
        PK,
        "enforcement",
        "webform",
        f"2025-05-02T18:30:00{BST}",
        stage1("2025-05-13", "2025-05-28", "not-upheld", PK),
    ),
    # 0020: Thu 19 Jun; ack Fri 20 Jun; responded Thu 26 Jun: 5 WD.
    case(
        20,
        "general",
        PK,
        "enforcement",
        "phone",
        f"2025-06-19T10:00:00{BST}",
        stage1("2025-06-20", "2025-06-26", "not-upheld", PK),
    ),
    # 0021: Mon 7 Jul; ack Tue 8 Jul; responded Fri 11 Jul: 4 WD.
    case(
        21,
        "general",
        PK,
        "enforcement",
        "webform",
        f"2025-07-07T10:00:00{BST}",
        stage1("2025-07-08", "2025-07-11", "upheld", PK, remedies=[{"kind": "apology"}]),
    ),
    # 0022: Mon 15 Dec; ack Wed 17 Dec; due Mon 5 Jan 2026 (Christmas, Boxing Day, New Year's Day);
    # responded Fri 2 Jan 2026: 11 WD.
    case(
        22,
        "general",
        PK,
        "enforcement",
        "letter",
        f"2025-12-15T10:00:00{GMT}",
        stage1("2025-12-17", "2026-01-02", "not-upheld", PK),
    ),
    # 0023: Mon 1 Dec, straight to stage 2 by agreement: counts at stage 2 only (not escalated).
    # Ack Wed 3 Dec (due 8 Dec); due Mon 5 Jan 2026; responded Tue 23 Dec: 16 WD. LGSCO: no fault.
    case(
        23,
        "general",
        PK,
        "enforcement",
        "email",
        f"2025-12-01T10:00:00{GMT}",
        None,
        stage2(None, "2025-12-03", "2025-12-23", "not-upheld", PK, "general"),
        direct_to_stage2={
            "reason": "Fixture direct reason a senior officer already replied",
            "agreed_by": "head-of-transport",
            "date": "2025-12-02",
        },
        ombudsman={
            "body": "lgsco",
            "referred": "2026-01-20",
            "decided": "2026-04-10",
            "outcome": "no-fault",
        },
    ),
    # ---- information governance (route data-protection, type data-handling): 3 stage 1 ----
    # 0024: Wed 2 Apr; ack Fri 4 Apr; responded Wed 16 Apr (due 22 Apr): 10 WD.
    case(
        24,
        "data-protection",
        IG,
        "data-handling",
        "webform",
        f"2025-04-02T10:00:00{BST}",
        stage1(
            "2025-04-04",
            "2025-04-16",
            "upheld",
            IG,
            remedies=[{"kind": "financial", "amount": 75, "done": "2025-04-30"}],
        ),
    ),
    # 0025: Mon 28 Jul; ack Tue 29 Jul; responded Fri 8 Aug: 9 WD.
    case(
        25,
        "data-protection",
        IG,
        "data-handling",
        "email",
        f"2025-07-28T10:00:00{BST}",
        stage1("2025-07-29", "2025-08-08", "partly-upheld", IG, remedies=[{"kind": "explanation"}]),
    ),
    # 0026: Wed 3 Dec; ack Fri 5 Dec; responded Wed 17 Dec: 10 WD. ICO: not investigated.
    case(
        26,
        "data-protection",
        IG,
        "data-handling",
        "phone",
        f"2025-12-03T10:00:00{GMT}",
        stage1("2025-12-05", "2025-12-17", "not-upheld", IG),
        ombudsman={"body": "ico", "referred": "2026-01-05", "outcome": "not-investigated"},
    ),
    # ---- not accepted: 2 late, 1 previously considered
    # (one of them a housing complaint: not in CH01) ----
    case(
        27,
        "general",
        CT,
        "billing",
        "email",
        f"2025-08-11T10:00:00{BST}",
        issue={"occurred": "2023-05-01"},
        exclusion={
            "reason": "late",
            "decided": "2025-08-13",
            "explained": "2025-08-13",
            "ombudsman_right_given": True,
        },
    ),
    case(
        28,
        "housing",
        HM,
        "tenancy-management",
        "phone",
        f"2025-10-14T10:00:00{BST}",
        issue={"occurred": "2024-01-10"},
        exclusion={
            "reason": "late",
            "decided": "2025-10-16",
            "explained": "2025-10-16",
            "ombudsman_right_given": True,
        },
    ),
    case(
        29,
        "general",
        PK,
        "enforcement",
        "webform",
        f"2025-11-03T10:00:00{GMT}",
        exclusion={
            "reason": "previously-considered",
            "decided": "2025-11-05",
            "explained": "2025-11-05",
            "ombudsman_right_given": True,
        },
    ),
]

PREVIOUS = [  # 2024-25: 5 stage 1 complaints, 3 of them housing; one late response (explained)
    case(
        1,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-03-03T10:00:00{GMT}",
        stage1("2025-03-05", "2025-03-14", "upheld", HR, remedies=[{"kind": "apology"}]),
        year=2024,
    ),
    case(
        2,
        "housing",
        HR,
        "repairs-delay",
        "webform",
        f"2025-03-04T10:00:00{GMT}",
        stage1("2025-03-06", "2025-03-18", "not-upheld", HR),
        year=2024,
    ),
    case(
        3,
        "housing",
        HM,
        "tenancy-management",
        "phone",
        f"2025-03-10T10:00:00{GMT}",
        stage1("2025-03-12", "2025-03-24", "not-upheld", HM),
        year=2024,
    ),
    # due 25 Mar (10 WD from Tue 11 Mar); responded Wed 26 Mar: late
    case(
        4,
        "general",
        CT,
        "billing",
        "email",
        f"2025-03-10T10:00:00{GMT}",
        stage1("2025-03-11", "2025-03-26", "not-upheld", CT),
        year=2024,
        explanations=explain("stage1-response-late", "2025-03-27"),
    ),
    case(
        5,
        "general",
        CT,
        "billing",
        "email",
        f"2025-03-12T10:00:00{GMT}",
        stage1("2025-03-13", "2025-03-20", "upheld", CT, remedies=[{"kind": "apology"}]),
        year=2024,
    ),
]

# The report inputs that are not case data, written for the fixture (policy/reports/2025-26.yaml).
REPORT_INPUTS = """\
# yaml-language-server: $schema=../../checker/schemas/report.schema.json
year: 2025-26
ombudsman_letters:
  - {body: lgsco, date: 2026-07-15, summary: Fixture annual review letter from the LGSCO.}
  - body: housing-ombudsman
    date: 2026-07-01
    summary: Fixture landlord performance report.
    url: "https://www.example.org/ho-report"
non_compliance_findings:
  - body: housing-ombudsman
    date: 2026-02-10
    provisions: ["6.2"]
    summary: Fixture finding on acknowledgements.
    response: Fixture response to the finding.
other_publications: []
service_improvements:
  - {service: housing-repairs, improvement: Fixture improvement to repairs., date: 2025-11-01}
governing_body:
  name: Audit Committee
  considered: 2026-09-20
  response: Fixture response of the committee.
"""


def to_yaml(data: dict) -> str:
    """A case file as an officer would write it: block style at the top, flow style within."""
    lines = ["# yaml-language-server: $schema=../../checker/schemas/case.schema.json"]
    for key, value in data.items():
        if key in ("stage1", "stage2", "complainant"):
            lines.append(f"{key}:")
            lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


# The fixture's complaint types the example council does not have, declared in its categories
# with their public labels (a case's type must be one the council declares).
FIXTURE_TYPES = {
    "tenancy-management": "Tenancy management",
    "billing": "Billing",
    "enforcement": "Enforcement",
    "data-handling": "Data handling",
}


def write_year(repo: Path) -> Path:
    council = repo / "policy" / "council.yaml"
    declared = "".join(f"    {key}: {label}\n" for key, label in FIXTURE_TYPES.items())
    council.write_text(council.read_text().replace("  types:\n", "  types:\n" + declared, 1))
    for folder, cases in (("2025-26", FIXTURE), ("2024-25", PREVIOUS)):
        (repo / "cases" / folder).mkdir(parents=True, exist_ok=True)
        for data in cases:
            (repo / "cases" / folder / f"{data['id']}.yaml").write_text(
                to_yaml(data), encoding="utf-8"
            )
    (repo / "policy" / "reports" / "2025-26.yaml").write_text(REPORT_INPUTS, encoding="utf-8")
    return repo


@pytest.fixture
def year(repo: Path) -> Path:
    return write_year(repo)


def report(root: Path, fmt: str, year_label: str = "2025-26"):
    return run_cli(
        "report", "--root", root, "--year", year_label, "--format", fmt, "--as-of", AS_OF
    )


def report_as_of(root: Path, as_of: str) -> dict:
    run = run_cli(
        "report", "--root", root, "--year", "2025-26", "--format", "json", "--as-of", as_of
    )
    assert run.code == 0, run.err
    return run.json


# ---------------------------------------------------------------------------------------------
# The figures, worked out by hand
# ---------------------------------------------------------------------------------------------

NO_CH02 = {
    f"stage{n}": {
        "responded": 0,
        "within_timescales": None,
        "within_timescales_without_extensions": None,
    }
    for n in (1, 2)
}


def untagged(stage1: int, stage2: int) -> dict:
    """The TSM figures beside LCRA's of a year whose housing cases record no tenure: all of them
    counted as LCRA (4,980 homes), none as LCHO (120), leaseholder or other, with the default
    treatment."""
    return {
        "tenure": "lcra",
        "label": "Low-cost rental accommodation (LCRA)",
        "TP09": None,  # the fixture's report inputs give no survey figure
        "lcho": {
            "tenure": "lcho",
            "label": "Low-cost home ownership (LCHO)",
            "homes": 120,  # the example council's LCHO homes
            "CH01": {"stage1_per_1000_homes": 0.0, "stage2_per_1000_homes": 0.0},
            "CH02": NO_CH02,
            "TP09": None,
        },
        "apart": [
            {"tenure": t, "label": label, "stage1": 0, "stage2": 0, "CH02": NO_CH02}
            for t, label in (("leaseholder", "Leaseholders"), ("other", "Other tenures"))
        ],
        "tenure_not_recorded": {"stage1": stage1, "stage2": stage2},
        "treatment": {"withdrawn": "include", "refused": "exclude"},
    }


F, H = (
    "fewer than 5",
    "hidden",
)  # a count of 1 to 4; a count hidden so that one cannot be worked out


def _line(table_id, title, dimension, rows, total, column="Complaints") -> dict:
    return {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [column],
        "rows": [{"key": k, "label": label, "values": [v]} for k, label, v in rows],
        "total": [total],
    }


def responses(r1: int, t1: float | str | None, r2: int, t2: float | None) -> dict:
    """A service's responses at each stage and the share in time."""
    return {
        "stage1_responded": r1,
        "stage1_responded_in_time": t1,
        "stage2_responded": r2,
        "stage2_responded_in_time": t2,
    }


def quarter(s1: int, s2: int, r1: int, t1: float, r2: int, t2: float | None) -> dict:
    """A row of the quarterly table: complaints at each stage, responses sent and in time."""
    return {
        "stage1": s1,
        "stage2": s2,
        "stage1_responded": r1,
        "stage1_responded_in_time": t1,
        "stage2_responded": r2,
        "stage2_responded_in_time": t2,
    }


EXPECTED = {
    "version": 1,
    "council": "Canterbury City Council",
    "year": "2025-26",
    "period": {"start": "2025-04-01", "end": "2026-03-31"},
    "as_of": AS_OF,
    "frozen": False,  # the fixture's report inputs give no figures_as_at: a draft
    "method": list(METHOD),  # the counting rules, as checker/report/figures.py states them
    # Only sensitive counts are protected (by default a claim of discrimination, the statutory
    # and data protection routes, and the services the council declares for them).
    "suppression": {
        "threshold": 4,
        "shown_as": "fewer than 5",
        "secondary_shown_as": "hidden",
        "sensitive": {
            "discrimination_claimed": True,
            "routes": ["data-protection", "statutory"],
            "services": ["adult-social-care", "childrens-social-care", IG],
            "tables": [],
            "everything": False,
        },
    },
    # Stage 1: 8 housing repairs + 4 housing management + 6 council tax + 4 parking + 3 information
    # governance = 25. Stage 2: 0002, 0003, 0004, 0007 (escalated) and 0023 (direct) = 5; escalated
    # 4, 4 / 25 = 16.0%, exact (not sensitive). Not accepted: 0027, 0028, 0029. Discrimination:
    # 0010, 0017 (2: sensitive, suppressed).
    "totals": {
        "stage1": 25,
        "stage2": 5,
        "escalated": 4,
        "escalation_rate": 16.0,
        "not_accepted": 3,
        "discrimination_claimed": F,
    },
    "volumes": [
        # housing 12, general 6 + 4 + 1 direct = 11, data protection 3: the 3 is suppressed, so the
        # smallest other count (general, 11) is hidden with it; the total stays.
        {
            "id": "route",
            "title": "Complaints by route",
            "dimension": "route",
            "columns": ["Complaints"],
            "rows": [
                {"key": "housing", "label": "Housing", "values": [12]},
                {"key": "general", "label": "General", "values": [11]},
                {"key": "data-protection", "label": "Data protection", "values": [3]},
            ],
            "total": [26],
        },
        # stage 1 / stage 2: housing repairs 8/4, council tax 6/0, parking 4/1, housing management
        # 4/0, information governance 3/0. Only information governance (data protection) is
        # sensitive: its 3 is protected by hiding council tax's 6. No row totals: a complaint
        # escalated counts at both stages, so stage 1 and stage 2 are not added together; rows by
        # the stage 1 count shown, largest first (ties in key order), then the withheld.
        {
            "id": "service",
            "title": "Complaints by service and stage",
            "dimension": "service",
            "columns": ["Stage 1", "Stage 2"],
            "rows": [
                {"key": HR, "label": "Housing repairs", "values": [8, 4]},
                {"key": HM, "label": "Housing management", "values": [4, 0]},
                {"key": PK, "label": "Parking", "values": [4, 1]},
                {"key": CT, "label": "Council Tax", "values": [6, 0]},
                {"key": IG, "label": "Information governance", "values": [3, 0]},
            ],
            "total": [25, 5],
        },
        # repairs-delay 8, billing 6, enforcement 5 (with the direct stage 2), tenancy-management 4,
        # data-handling 3: not sensitive, all exact, largest first.
        {
            "id": "type",
            "title": "Complaints by type: the 10 most common",
            "dimension": "type",
            "columns": ["Complaints"],
            "rows": [
                {"key": "repairs-delay", "label": "Repairs delay", "values": [8]},
                {"key": "billing", "label": "Billing", "values": [6]},
                {"key": "enforcement", "label": "Enforcement", "values": [5]},
                {"key": "tenancy-management", "label": "Tenancy management", "values": [4]},
                {"key": "data-handling", "label": "Data handling", "values": [3]},
            ],
            "total": [26],
        },
        # webform 12, email 9, phone 3 (0009, 0020, 0026), letter 2 (0011, 0022)
        {
            "id": "channel",
            "title": "Complaints by channel",
            "dimension": "channel",
            "columns": ["Complaints"],
            "rows": [
                {"key": "webform", "label": "Online form", "values": [12]},
                {"key": "email", "label": "Email", "values": [9]},
                {"key": "phone", "label": "Telephone", "values": [3]},
                {"key": "letter", "label": "Letter", "values": [2]},
            ],
            "total": [26],
        },
        # By the month the complaint counts as received (0006: 1 Jul; 0009: 27 May; 0019: 6 May),
        # stage 1 / stage 2: Apr 5/1 (0001, 0002, 0008, 0013, 0024; 0002), May 2/0, Jun 7/2 (0003,
        # 0004, 0005, 0010, 0014, 0015, 0020; 0003, 0004), Jul 6/0, Sep 3/1 (0007, 0012, 0018;
        # 0007), Dec 2/1 (0022, 0026; 0023). Secondary cells: Apr s1 (5), May s2 (0), Jun s1 (7),
        # Sep and Dec need none (both cells small); July stays.
        {
            "id": "month",
            "title": "Complaints by month and stage",
            "dimension": "month",
            "columns": ["Stage 1", "Stage 2"],
            "rows": [
                {"key": "Apr", "label": "Apr", "values": [5, 1]},
                {"key": "May", "label": "May", "values": [2, 0]},
                {"key": "Jun", "label": "Jun", "values": [7, 2]},
                {"key": "Jul", "label": "Jul", "values": [6, 0]},
                {"key": "Aug", "label": "Aug", "values": [0, 0]},
                {"key": "Sep", "label": "Sep", "values": [3, 1]},
                {"key": "Oct", "label": "Oct", "values": [0, 0]},
                {"key": "Nov", "label": "Nov", "values": [0, 0]},
                {"key": "Dec", "label": "Dec", "values": [2, 1]},
                {"key": "Jan", "label": "Jan", "values": [0, 0]},
                {"key": "Feb", "label": "Feb", "values": [0, 0]},
                {"key": "Mar", "label": "Mar", "values": [0, 0]},
            ],
            "total": [25, 5],
        },
    ],
    # By quarter: complaints as by month (Q1 Apr-Jun 14/3, Q2 Jul-Sep 9/1, Q3 Oct-Dec 2/1, Q4 0/0);
    # responses in the quarter sent. Stage 1: Q1 0001, 0002, 0003, 0004, 0005 (late), 0008, 0009,
    # 0010, 0013, 0014, 0019, 0020, 0024 = 13, 12 in time (92.3%); Q2 0006, 0007, 0011, 0012,
    # 0015, 0016, 0017, 0021, 0025 = 9; Q3 0018 (15 Oct), 0026 = 2; Q4 0022 (2 Jan 2026) = 1.
    # Stage 2: Q1 0002; Q2 0003, 0004; Q3 0007 (late), 0023 (50.0%); Q4 none (no rate).
    "quarters": {
        "id": "quarter",
        "title": "Complaints and responses in time, by quarter",
        "rows": [
            {"key": "Q1", "label": "Q1: Apr to Jun", **quarter(14, 3, 13, 92.3, 1, 100.0)},
            {"key": "Q2", "label": "Q2: Jul to Sep", **quarter(9, 1, 9, 100.0, 2, 100.0)},
            {"key": "Q3", "label": "Q3: Oct to Dec", **quarter(2, 1, 2, 100.0, 2, 50.0)},
            {"key": "Q4", "label": "Q4: Jan to Mar", **quarter(0, 0, 1, 100.0, 0, None)},
        ],
        "total": quarter(25, 5, 25, 96.0, 5, 80.0),
    },
    # Responses of the year by service: housing repairs 8 at stage 1 (0005 late: 7/8 = 87.5%) and
    # 4 at stage 2 (0007 late: 3/4 = 75.0%); housing management 4 and parking 4 at stage 1, all in
    # time, and parking's 0023 at stage 2; council tax's 6 hidden to protect information
    # governance's 3 (sensitive), as in the volumes table. Rows by the stage 1 count shown.
    "timeliness_by_service": {
        "id": "timeliness-by-service",
        "title": "Responses in time, by service",
        "rows": [
            {"key": HR, "label": "Housing repairs", **responses(8, 87.5, 4, 75.0)},
            {"key": HM, "label": "Housing management", **responses(4, 100.0, 0, None)},
            {"key": PK, "label": "Parking", **responses(4, 100.0, 1, 100.0)},
            {"key": CT, "label": "Council Tax", **responses(6, H, 0, None)},
            {"key": IG, "label": "Information governance", **responses(3, F + " cases", 0, None)},
        ],
    },
    "not_accepted": {
        "id": "exclusion",
        "title": "Complaints not accepted, by reason",
        "dimension": "exclusion",
        "columns": ["Complaints"],
        "rows": [
            {"key": "late", "label": "Late", "values": [2]},
            {"key": "previously-considered", "label": "Previously considered", "values": [1]},
        ],
        "total": [3],
    },
    "timeliness": [
        # Stage 1, 25 cases. Acknowledged late: 0001 only -> 24/25 = 96.0%. Responded late: 0005
        # only -> 96.0%. Also past the unextended deadline: 0004 and 0018 (in time by their
        # extensions) -> 22/25 = 88.0% without extension. Extensions: 2 (suppressed).
        # Working days from the day counted as received to the response, sorted:
        # 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 10, 10, 10, 10, 10, 11, 11, 13, 13, 13, 14, 15, 16, 20
        # (0021, 0020, 0011, 0008, 0002, 0003/0007/0012/0014/0016/0025, 0010/0013/0017/0024/0026,
        # 0015/0022, 0005/0006/0009, 0001, 0019, 0004, 0018): median the 13th = 10; 90th percentile
        # by nearest rank, the ceil(0.9 x 25) = 23rd = 15. Exact: nothing here is sensitive.
        {
            "stage": 1,
            "acknowledged": 25,
            "acknowledged_in_time": 96.0,
            "responded": 25,
            "responded_in_time": 96.0,
            "responded_without_extension": 88.0,
            "extensions": 2,
            "median_working_days": 10,
            "p90_working_days": 15,
        },
        # Stage 2, 5 cases. Acknowledged late: 0002 -> 80.0%. Responded late: 0007 -> 80.0%.
        # Without extension also excludes 0004 -> 3/5 = 60.0%. Extensions: 1.
        # Working days: 16 (0023), 19 (0003), 23 (0002), 24 (0007), 30 (0004): median 23,
        # 90th percentile the 5th = 30. Exact.
        {
            "stage": 2,
            "acknowledged": 5,
            "acknowledged_in_time": 80.0,
            "responded": 5,
            "responded_in_time": 80.0,
            "responded_without_extension": 60.0,
            "extensions": 1,
            "median_working_days": 23,
            "p90_working_days": 30,
        },
    ],
    "outcomes": {
        # stage 1: upheld 10, partly 3, not upheld 12; stage 2: 0, 1 (0003), 4: exact. No column
        # totals: a complaint decided at both stages has two decisions.
        "by_stage": {
            "id": "outcomes-by-stage",
            "title": "Outcomes by stage",
            "dimension": "stage",
            "columns": ["Upheld", "Partly upheld", "Not upheld"],
            "rows": [
                {"key": "stage 1", "label": "Stage 1", "values": [10, 3, 12], "total": 25},
                {"key": "stage 2", "label": "Stage 2", "values": [0, 1, 4], "total": 5},
            ],
        },
        # The final decision of each case (stage 2 where there is one): housing repairs 4/1/3,
        # council tax 2/1/3, parking 1/0/4, housing management 2/0/2, information governance 1/1/1.
        # Information governance is sensitive (3, small); council tax protects it. Rows in an
        # order that gives nothing hidden away: shown totals largest first, then those shown as
        # "hidden", then those shown as "fewer than 5", each in key order.
        "by_service": {
            "id": "outcomes-by-service",
            "title": "Final outcomes by service",
            "dimension": "service",
            "columns": ["Upheld", "Partly upheld", "Not upheld"],
            "rows": [
                {"key": HR, "label": "Housing repairs", "values": [4, 1, 3], "total": 8},
                {"key": CT, "label": "Council Tax", "values": [2, 1, 3], "total": 6},
                {"key": PK, "label": "Parking", "values": [1, 0, 4], "total": 5},
                {"key": HM, "label": "Housing management", "values": [2, 0, 2], "total": 4},
                {"key": IG, "label": "Information governance", "values": [1, 1, 1], "total": 3},
            ],
            "total": [10, 3, 13],
            "grand_total": 26,
        },
        # apology 7 (0001, 0005, 0006, 0008, 0012, 0013, 0021), action 5 (0001, 0005, 0009, 0018,
        # 0003 at stage 2), financial 5, explanation 2 (0007, 0025): exact, largest first (then
        # in key order).
        # by stage: every remedy at stage 1 but 0003's action and payment at stage 2.
        "remedies": {
            "id": "remedies",
            "title": "Remedies by kind and stage",
            "dimension": "remedy",
            "columns": ["Stage 1", "Stage 2"],
            "rows": [
                {"key": "apology", "label": "Apology", "values": [7, 0], "total": 7},
                {"key": "action", "label": "Action", "values": [4, 1], "total": 5},
                {"key": "financial", "label": "Financial", "values": [4, 1], "total": 5},
                {"key": "explanation", "label": "Explanation", "values": [2, 0], "total": 2},
            ],
            "total": [17, 2],
            "grand_total": 19,
        },
        # 50 + 25.50 + 100 + 75 = 250.50 at stage 1 (0001, 0006, 0012, 0024), 250 at stage 2
        # (0003): 500.50 over 5 payments, 100.10 on average. Neither stage's sum is shown: 4 and 1
        # payments are fewer than 5.
        "financial_remedies_total": 500.5,
        "financial_remedies_average": 100.1,
        "financial_remedies_by_stage": {
            "stage1": "not shown: fewer than 5 payments",
            "stage2": "not shown: fewer than 5 payments",
        },
    },
    "ombudsman": {
        # Each decision in the year it was made, a referral of the year undecided at its end as
        # pending. Housing Ombudsman: maladministration (0003), pending (0004), premature (0005);
        # LGSCO: no fault (0015), fault (0018), pending (0023: referred 20 Jan 2026, decided 10
        # April 2026, in 2026-27); ICO: not investigated (0026, no date of decision: known since
        # its referral). Largest first, then in key order.
        # Each body's table in its own categories, in the order the case schema lists them (the
        # findings on the merits first, then those not on the merits, then pending).
        "decisions": [
            _line(
                "ombudsman-housing-ombudsman",
                "Housing Ombudsman: decisions in its own categories",
                "decision",
                [
                    ("maladministration", "Maladministration", 1),
                    ("premature", "Premature: referred back to the council", 1),
                    ("pending", "Not yet decided", 1),
                ],
                3,
            ),
            _line(
                "ombudsman-lgsco",
                "Local Government and Social Care Ombudsman: decisions in its own categories",
                "decision",
                [
                    ("fault", "Fault found (upheld)", 1),
                    ("no-fault", "No fault found (not upheld)", 1),
                    ("pending", "Not yet decided", 1),
                ],
                3,
            ),
            _line(
                "ombudsman-ico",
                "Information Commissioner's Office: decisions in its own categories",
                "decision",
                [("not-investigated", "Not investigated", 1)],
                1,
            ),
        ],
        # the Housing Ombudsman's one decision on the merits: 0003, a repairs delay
        "themes": _line(
            "ombudsman-themes",
            "Housing Ombudsman decisions on the merits, by the type of complaint",
            "type",
            [("repairs-delay", "Repairs delay", 1)],
            1,
        ),
        "compensation_ordered": 0.0,  # no decision ordered any
        # 3 recommendations (two on 0003, one on 0018), 2 on time: exact
        "recommendations": 3,
        "recommendations_complied_on_time": 66.7,
    },
    "tsm": {
        # no fixture case records a tenure: each counts as LCRA, and the report says how many
        **untagged(12, 4),
        "homes": 4980,
        "homes_as_of": "2026-03-31",
        "homes_example": True,
        # CH01: 12 housing stage 1 complaints / 4,980 LCRA homes x 1,000 = 2.41 -> 2.4 (the
        # excluded housing complaint 0028 does not count); 4 housing stage 2 / 4,980 x 1,000 =
        # 0.80 -> 0.8.
        "CH01": {"stage1_per_1000_homes": 2.4, "stage2_per_1000_homes": 0.8},
        "CH02": {
            # Stage 1, 12 housing responses: 0001 (late acknowledgement, response in time) and 0005
            # (late response) are not within the Code's timescales -> 10/12 = 83.3%; 0004 (in time
            # only by its 5-day extension, within the Code's 10) also drops out without extensions
            # -> 9/12 = 75.0%.
            "stage1": {
                "responded": 12,
                "within_timescales": 83.3,
                "within_timescales_without_extensions": 75.0,
            },
            # Stage 2, 4 housing responses: 0003 within; 0004 within by its 10-day extension; 0002
            # late acknowledgement; 0007 late response -> 2/4 = 50.0%,
            # without extensions 1/4 = 25.0%.
            "stage2": {
                "responded": 4,
                "within_timescales": 50.0,
                "within_timescales_without_extensions": 25.0,
            },
        },
    },
    # 2024-25: 5 stage 1, none at stage 2 or refused; 4 of 5 in time (CCC-2024-0004 late) = 80.0%;
    # CH01 3 / 4,980 x 1,000 = 0.60 -> 0.6; CH02: the 3 housing responses all in time. Decided
    # as this year's are: nothing sensitive, so exact (None where there is nothing to divide by).
    "previous_year": {
        "year": "2024-25",
        "stage1": 5,
        "stage2": 0,
        "not_accepted": 0,
        "stage1_responded_in_time": 80.0,
        "stage2_responded_in_time": None,
        "source": "cases",  # counted from the 2024-25 cases, as this year's are
        "tsm": {
            **untagged(3, 0),
            "homes": 4980,
            "homes_as_of": "2026-03-31",
            "homes_example": True,
            "CH01": {"stage1_per_1000_homes": 0.6, "stage2_per_1000_homes": 0.0},
            "CH02": {
                "stage1": {
                    "responded": 3,
                    "within_timescales": 100.0,
                    "within_timescales_without_extensions": 100.0,
                },
                "stage2": {
                    "responded": 0,
                    "within_timescales": None,
                    "within_timescales_without_extensions": None,
                },
            },
        },
    },
    "learning": {
        # Themes (every case's learning, published or not, in the year of its first response):
        # quality of service 0001 and 0006, contractor management 0005, not recorded 0013.
        "themes": _line(
            "learning-themes",
            "Complaints with learning recorded, by theme",
            "theme",
            [
                ("quality-of-service", "Quality of service", 2),
                ("contractor-management", "Contractor management", 1),
                ("not-recorded", "Not recorded", 1),
            ],
            4,
        ),
        # publishable learning once each (0001 and 0006 share a text), not 0005's private learning
        "from_cases": [
            "Repairs reported twice are now inspected by a surveyor.",
            "Council tax bills now show each instalment date.",
        ],
        "service_improvements": [
            {
                "service": "Housing repairs",
                "improvement": "Fixture improvement to repairs.",
                "date": "2025-11-01",
            }
        ],
    },
    "ombudsman_letters": [
        {
            "body": "lgsco",
            "date": "2026-07-15",
            "summary": "Fixture annual review letter from the LGSCO.",
        },
        {
            "body": "housing-ombudsman",
            "date": "2026-07-01",
            "summary": "Fixture landlord performance report.",
            "url": "https://www.example.org/ho-report",
        },
    ],
    "non_compliance_findings": [
        {
            "body": "housing-ombudsman",
            "date": "2026-02-10",
            "provisions": ["6.2"],
            "summary": "Fixture finding on acknowledgements.",
            "response": "Fixture response to the finding.",
        },
    ],
    "other_publications": [],
    "governing_body": {
        "name": "Audit Committee",
        "considered": "2026-09-20",
        "response": "Fixture response of the committee.",
    },
    "introduction": None,  # the fixture's report inputs write none
    "example": False,
    # the council's, by title (policy/council.yaml), never a person's name
    "member_responsible": {
        "kind": "member",
        "title": "Cabinet Member for Corporate Governance",
        "example": True,
    },
}

# The breaches in the fixture, each explained on purpose (comply or explain).
EXPLAINED = {
    ("CCC-2025-0001", "stage1-acknowledgement-late"),
    ("CCC-2025-0002", "stage2-acknowledgement-late"),
    ("CCC-2025-0003", "actions-overdue"),
    ("CCC-2025-0005", "stage1-response-late"),
    ("CCC-2025-0007", "stage2-response-late"),
    ("CCC-2024-0004", "stage1-response-late"),
}


def test_the_fixture_cases_are_valid_and_their_breaches_explained(year):
    run = check(year)
    errors = [f for f in run.findings() if f["severity"] == "error"]
    unexplained = [f for f in errors if not f["explained"]]
    assert unexplained == [], unexplained
    assert {(f["case_id"], f["rule"]) for f in errors if f["case_id"]} == EXPLAINED
    assert run.json["summary"]["cases"] == len(FIXTURE) + len(PREVIOUS)


def agrees(published, expected, where: str = "") -> list[str]:
    """Where the published report disagrees with the hand-worked counts. A count worked out by hand
    may be published as itself, or suppressed: "fewer than 5" for 1 to 4, "hidden" for 0 or more,
    "not shown" for any."""
    if isinstance(expected, dict):
        if not isinstance(published, dict) or set(published) != set(expected):
            return [
                f"{where}: keys {sorted(published) if isinstance(published, dict) else published}"
            ]
        return [
            p for key in expected for p in agrees(published[key], expected[key], f"{where}.{key}")
        ]
    if isinstance(expected, list):
        if not isinstance(published, list) or len(published) != len(expected):
            return [f"{where}: {published!r} is not like {expected!r}"]
        return [
            p
            for n, (a, b) in enumerate(zip(published, expected))
            for p in agrees(a, b, f"{where}[{n}]")
        ]
    if isinstance(expected, int) and not isinstance(expected, bool) and isinstance(published, str):
        ok = (published == F and 1 <= expected <= 4) or (published == H and not 1 <= expected <= 4)
        ok = ok or published == "not shown"  # no label at all: it may stand for any count
        return [] if ok else [f"{where}: {published!r} cannot stand for {expected}"]
    return [] if published == expected else [f"{where}: {published!r} != {expected!r}"]


def test_the_fixture_year_gives_the_figures_worked_out_by_hand(year):
    run = report(year, "json")
    assert run.code == 0, run.err
    published = run.json
    scores = published.pop(
        "self_assessment"
    )  # scored from the example self-assessments, not by hand here
    assert [s["code"] for s in scores] == ["housing-ombudsman", "lgsco"]
    assert agrees(published, EXPECTED) == []


def test_the_fixture_year_matches_the_open_data_schema(year):
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [
        f"{e.json_path}: {e.message}" for e in validator.iter_errors(report(year, "json").json)
    ]
    assert errors == []


def test_the_fixture_year_csv_holds_the_same_figures(year):
    """Values are numbers (or empty), and the status column says why one is withheld."""
    rows = list(csv.reader(io.StringIO(report(year, "csv").out)))
    header = ["year", "section", "table", "row", "column", "value", "unit", "status", "low", "high"]
    assert rows[0] == header
    assert all(len(row) == 10 and row[0] == "2025-26" for row in rows[1:])
    published, small = "published", "fewer than threshold"
    for expected in (
        ["totals", "totals", "stage1", "", "25", "complaints", published],
        ["totals", "totals", "escalation_rate", "", "16.0", "percent", published],
        ["totals", "totals", "discrimination_claimed", "", "", "complaints", small],
        ["volumes", "route", "general", "Complaints", "", "complaints", "withheld"],
        ["volumes", "route", "housing", "Complaints", "12", "complaints", published],
        ["timeliness", "stage1", "median_working_days", "", "10.0", "working days", published],
        ["outcomes", "remedies", "financial_total", "", "500.5", "GBP", published],
        ["timeliness", "stage2", "responded_in_time", "", "80.0", "percent", published],
    ):
        assert ["2025-26", *expected, "", ""] in rows, expected
    values = [row[5] for row in rows[1:]]
    assert all(v == "" or re.fullmatch(r"\d+(\.\d+)?", v) for v in values)
    assert all((row[5] != "") == (row[7] == published) for row in rows[1:])
    days = [row[5] for row in rows[1:] if row[6] == "working days" and row[5]]
    assert days and all("." in v for v in days)  # one type: a median may be a half


def test_the_as_of_date_decides_what_has_happened(year):
    """As of 30 June 2025 only what was recorded by then counts: 0004's stage 2 request (27 Jun) has
    come but is not yet acknowledged, 0003's stage 2 is not yet answered (11 Jul)."""
    published = report_as_of(year, "2025-06-30")
    # received by 30 Jun: Apr 5, May 2, Jun 7 (0006, at 17:42 on 30 Jun, counts from 1 Jul)
    assert published["totals"]["stage1"] == 14
    assert published["totals"]["stage2"] == 3  # 0002, 0003, 0004 (exact: not sensitive)
    stage1, stage2 = published["timeliness"]
    # 0015 is answered on 1 Jul; at stage 2, 0002 and 0003 are acknowledged and 0002 answered
    assert (stage1["acknowledged"], stage1["responded"]) == (14, 13)
    assert (stage2["acknowledged"], stage2["responded"]) == (2, 1)
    assert agrees(published["volumes"][4]["total"], [14, 3]) == []  # by month and stage
    assert agrees(published["previous_year"]["stage1"], 5) == []


def test_complaints_not_yet_received_are_in_no_breakdown(year):
    published = report_as_of(year, "2025-06-30")
    # by 30 Jun: housing 8 (0001-0005, 0008-0010), general 5 (0013-0015, 0019, 0020),
    # data protection 1
    assert (
        agrees([t["total"] for t in published["volumes"]], [[14], [14, 3], [14], [14], [14, 3]])
        == []
    )
    assert published["totals"]["not_accepted"] == 0
    assert published["not_accepted"]["rows"] == []


def test_an_ombudsman_decision_after_the_as_of_date_is_still_pending(year):
    from datetime import date

    from checker.engine.run import evaluated
    from checker.load.repository import load_repository
    from checker.report.counting import Counting
    from checker.report.figures import compute

    done = evaluated(load_repository(year), date(2026, 3, 31), collectors=(Counting(),))
    figures = compute(done.view, done.tallies[0], "2025-26")  # the raw counts
    outcomes = {o: sum(c[o] for c in figures.referrals.values()) for o in ("no-fault", "pending")}
    # no fault: 0015 only; pending: 0004 (no decision) and 0023 (decided after the as-of date)
    assert outcomes == {"no-fault": 1, "pending": 2}


# ---------------------------------------------------------------------------------------------
# Suppression in the published fixture year: the leaks found (expected failures)
# ---------------------------------------------------------------------------------------------


def _tables(published: dict) -> list[dict]:
    return [
        *published["volumes"],
        published["not_accepted"],
        published["outcomes"]["by_stage"],
        published["outcomes"]["by_service"],
        published["outcomes"]["remedies"],
        *published["ombudsman"]["decisions"],
        published["ombudsman"]["themes"],
    ]


def test_a_small_sensitive_cell_of_the_fixture_year_is_suppressed_and_cannot_be_worked_out(
    year,
):
    """Data protection (3 complaints, all on information governance) is sensitive: suppressed,
    with what would give it away; the other small counts are exact."""
    from tests.test_suppression import recoverable

    published = report(year, "json").json
    tables = {t["title"]: t for t in _tables(published)}
    route = tables["Complaints by route"]
    shown = {row["key"]: row["values"][0] for row in route["rows"]}
    assert shown["data-protection"] == F
    assert recoverable(route) == {} and recoverable(route, knows_rules=True) == {}
    for title in ("Complaints by service and stage", "Final outcomes by service"):
        rows = {row["key"]: row for row in tables[title]["rows"]}
        assert F in rows[IG]["values"] and not any(type(v) is int and v for v in rows[IG]["values"])
        assert recoverable(tables[title]) == {}, title
    for title in (
        "Complaints by type: the 10 most common",
        "Complaints by channel",
        "Remedies by kind and stage",
    ):
        values = [v for row in tables[title]["rows"] for v in row["values"]]
        assert all(type(v) is int for v in values) and any(1 <= v <= 4 for v in values), title


def test_a_reader_who_knows_the_rules_cannot_work_out_a_small_cell_of_the_fixture_year(year):
    from tests.test_suppression import recoverable

    published = report(year, "json").json
    month = published["volumes"][4]
    assert agrees(month["rows"][0], {"key": "Apr", "label": "Apr", "values": [5, 1]}) == []
    assert recoverable(month, knows_rules=True) == {}


def test_the_column_totals_of_breakdowns_with_nothing_sensitive_are_exact(year):
    """Outcomes by stage and ombudsman decisions are published exactly, small counts included,
    as the ombudsmen publish theirs."""
    published = report(year, "json").json
    by_stage, decisions = published["outcomes"]["by_stage"], published["ombudsman"]["decisions"]
    totals = [row["total"] for row in by_stage["rows"]]
    totals += [t["total"][0] for t in decisions]
    assert all(type(v) is int for v in totals) and any(1 <= v <= 4 for v in totals)


def test_no_hidden_cell_of_the_fixture_year_can_be_worked_out(year):
    from tests.test_suppression import recoverable

    published = report(year, "json").json
    found = {t["title"]: r for t in _tables(published) if (r := recoverable(t))}
    assert found == {}


# ---------------------------------------------------------------------------------------------
# The example year, in all three formats
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """The example year's report in every format (computed once: 400 cases)."""
    root = scratch(tmp_path_factory.mktemp("report") / "example", with_cases=True)
    result = {}
    for fmt in ("markdown", "json", "csv"):
        run = report(root, fmt)
        assert run.code == 0, run.err
        assert "Traceback" not in run.err
        result[fmt] = run.out
    return result


SECTIONS = [  # the year in brief; policy 15.1, in its order; the governing body's response
    "## In brief",
    "## 1. Self-assessment against the Complaint Handling Codes",
    "## 2. Complaint handling performance",
    "## 3. Findings of non-compliance with the Codes",
    "## 4. Service improvements from learning",
    "## 5. Annual letter from the Local Government and Social Care Ombudsman",
    "## 6. Annual letter from the Housing Ombudsman",
    "## Response of the governing body",
]
PERFORMANCE = [
    "### Volumes",
    "### Complaints not accepted",
    "### Timeliness",
    "### Outcomes and remedies",
    "### Ombudsman referrals",
    "### Tenant Satisfaction Measures",
    "### Compared with the previous year",
]


def test_the_example_year_markdown_follows_policy_15_1(outputs):
    text = outputs["markdown"]
    assert text.startswith(
        "# Annual complaints performance and service improvement report 2025-26\n"
    )
    headings = [line for line in text.splitlines() if re.match(r"## ", line)]
    assert headings == SECTIONS
    performance = text[text.index(SECTIONS[2]) : text.index(SECTIONS[3])]
    assert [line for line in performance.splitlines() if line.startswith("### ")] == PERFORMANCE
    # each section holds what it promises, from the report inputs (policy/reports/2025-26.yaml)
    inputs = parse((ROOT / "policy" / "reports" / "2025-26.yaml").read_text("utf-8"))
    sections = [
        html.unescape(text[text.index(a) : text.index(b)]) for a, b in zip(SECTIONS, SECTIONS[1:])
    ]
    # the council's introduction opens the report, and the year in brief gives its figures first
    assert inputs["introduction"] in html.unescape(text[: text.index(SECTIONS[0])])
    report = json.loads(outputs["json"])
    brief = sections[0]
    assert f"- {report['totals']['stage1']} complaints at stage 1" in brief
    for number in (1, 2):
        in_time = report["timeliness"][number - 1]["responded_in_time"]
        assert f"Stage {number} responses sent in time: {in_time:.1f}%" in brief
    assert "63 provisions met, 0 in part and 9 not, with 9 actions" in brief
    assert "Local Government and Social Care Ombudsman's Code (a draft)" in brief
    assert "<caption>Self-assessment summary</caption>" in sections[1]
    assert "<caption>Tenant Satisfaction Measures CH01 and CH02</caption>" in sections[2]
    assert inputs["service_improvements"]
    for item in inputs["service_improvements"]:
        assert item["improvement"] in sections[4]
    for index, body in ((5, "lgsco"), (6, "housing-ombudsman")):
        letters = [x["summary"] for x in inputs["ombudsman_letters"] if x["body"] == body]
        assert letters and all(summary in sections[index] for summary in letters)


def test_every_table_of_the_example_year_has_a_caption_and_scoped_headers(outputs):
    tables = re.findall(r"<table>(.*?)</table>", outputs["markdown"], re.S)
    assert len(tables) >= 12
    for table in tables:
        assert re.match(r"\s*<caption>[^<]+</caption>", table), table[:200]
        assert "<thead>" in table and "<tbody>" in table
        headers = re.findall(r"<th\b[^>]*>", table)
        assert headers and all(h in ('<th scope="col">', '<th scope="row">') for h in headers), (
            headers
        )
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            if "<td>" in row:
                assert row.startswith('<th scope="row">'), (
                    row
                )  # every data row is named by its header


def test_the_example_year_json_matches_the_open_data_schema(outputs):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    data = json.loads(outputs["json"])
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    assert data["year"] == "2025-26" and data["tsm"] is not None


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("volumes", 0, "rows", 0, "values", 0), "fewer than five"),
        (("volumes", 0, "rows", 0, "values", 0), "suppressed"),
        (("volumes", 0, "rows", 0, "values", 0), -1),
        (
            ("timeliness", 0, "responded_in_time"),
            "fewer than 5",
        ),  # a share says "fewer than 5 cases"
        (("timeliness", 0, "responded_in_time"), "99% to 100%"),  # a range is written to 0.1%
        (("outcomes", "financial_remedies_total"), "unknown"),
        (("volumes", 0, "rows", 0, "case_id"), "CCC-2025-0001"),
        (("totals", "complainants"), ["P-7Q2K9"]),
        (("learning", "from_cases", 0), 7),
        (("suppression", "secondary_shown_as"), "suppressed"),
        (("tsm", "CH01", "stage1_per_1000_homes"), "32"),
    ],
    ids=[
        "words",
        "other-word",
        "negative",
        "count-form-for-a-rate",
        "range-not-as-written",
        "total-text",
        "case-id",
        "complainants",
        "learning-not-text",
        "secondary-word",
        "tsm-as-text",
    ],
)
def test_the_schema_refuses_what_the_report_must_not_hold(outputs, path, value):
    data = json.loads(outputs["json"])
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert not validator.is_valid(data)


def test_the_example_year_csv_has_the_stable_header(outputs):
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    assert rows[0] == [
        *("year", "section", "table", "row", "column"),
        *("value", "unit", "status", "low", "high"),
    ]
    assert len(rows) > 100
    assert all(len(row) == 10 and row[0] == "2025-26" for row in rows[1:])
    assert {row[1] for row in rows[1:]} == {
        "totals",
        "volumes",
        "not_accepted",
        "timeliness",
        "outcomes",
        "ombudsman",
        "learning",
        "tsm",
    }


# ---------------------------------------------------------------------------------------------
# Privacy: nothing that identifies a case or a person, no case text but publishable learning
# ---------------------------------------------------------------------------------------------


def _private(cases_dir: Path) -> dict[str, set[str]]:
    """What the case files hold that must never be published, and the learning that may be."""
    found = {"ids": set(), "refs": set(), "handlers": set(), "texts": set(), "publishable": set()}
    for path in sorted(cases_dir.glob("*/*.yaml")):
        data = parse(path.read_text("utf-8"))
        found["ids"].add(data["id"])
        found["refs"].add(data["complainant"]["ref"])
        for key in ("definition", "outcomes_sought"):
            if data.get(key):
                found["texts"].add(data[key])
        found["texts"].update(data.get("not_responsible_for", []))
        found["texts"].update(e["reason"] for e in data.get("explanations", []))
        found["texts"].update(a["need"] for a in data["complainant"].get("adjustments", []))
        if data.get("direct_to_stage2"):
            found["texts"].add(data["direct_to_stage2"]["reason"])
        for number in (1, 2):
            record = data.get(f"stage{number}") or {}
            if record.get("handler"):
                found["handlers"].add(record["handler"])
            if record.get("extension"):
                found["texts"].add(record["extension"]["reason"])
        learning = data.get("learning")
        if learning:
            found["publishable" if learning["publishable"] else "texts"].add(learning["text"])
    found["texts"] -= found["publishable"]  # the same words marked publishable on another case
    return found


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)] + [str(k) for k in node]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [str(node)]


def _assert_private(outputs: dict[str, str], cases_dir: Path) -> None:
    private = _private(cases_dir)
    assert (
        private["ids"]
        and private["refs"]
        and private["handlers"]
        and private["texts"]
        and private["publishable"]
    )
    readable = {
        "markdown": html.unescape(outputs["markdown"]),
        "json": "\n".join(_strings(json.loads(outputs["json"]))),
        "csv": "\n".join(cell for row in csv.reader(io.StringIO(outputs["csv"])) for cell in row),
    }
    for fmt, text in readable.items():
        assert not re.search(r"\b[A-Z]{2,6}-\d{4}-\d{4,6}\b", text), fmt  # no case id at all
        assert not re.search(r"\bP-[A-Z0-9]{4,12}\b", text), fmt  # no complainant reference at all
        for kind in ("ids", "refs", "handlers", "texts"):
            leaked = sorted(item for item in private[kind] if item in text)
            assert leaked == [], (fmt, kind, leaked)
    for fmt in ("markdown", "json"):
        missing = sorted(t for t in private["publishable"] if t not in readable[fmt])
        assert missing == [], (fmt, missing)


def test_the_example_year_publishes_nothing_private(outputs):
    _assert_private(outputs, ROOT / "cases")


def test_the_fixture_year_publishes_nothing_private(year):
    outputs = {fmt: report(year, fmt).out for fmt in ("markdown", "json", "csv")}
    _assert_private(outputs, year / "cases")


# ---------------------------------------------------------------------------------------------
# Each event in its year, and the TSMs by tenure: a second fixture, worked out by hand
# ---------------------------------------------------------------------------------------------
#
# Eight cases filed under 2025-26, dates only (a date counts from that day; none falls on a bank
# holiday). The council's stock: 5,000 LCRA and 400 LCHO homes. The timescales (the policy's and the
# Housing Ombudsman's Code's alike): acknowledgement within 5 working days of receipt, response
# within 10 (stage 2: 20) working days of the acknowledgement as sent. Bank holidays on the way:
# Fri 3 and Mon 6 April 2026, Mon 4 May 2026.


def _tenure_case(n, service, received, tenure=None, s1=None, s2=None, route="housing", **more):
    data = {
        "id": f"CCC-2025-{n:04d}",
        "route": route,
        "service": service,
        "type": "repairs-delay" if route == "housing" else "billing-error",
        "channel": "email",
        "received": received,
        "complainant": {"ref": f"P-TN{n:04d}"},
        "discrimination_claimed": False,
    }
    if tenure:
        data["tenure"] = tenure
    for key, record in (("stage1", s1), ("stage2", s2)):
        if record:
            data[key] = record
    return data | more


TENURE_CASES = [
    # A, LCRA: received Mon 2 Mar 2026, acknowledged 3 Mar (due 9 Mar), answered Mon 16 Mar (due
    # 17 Mar: 10 working days from 3 Mar): 10 working days from receipt. Escalation requested Wed
    # 1 Apr 2026, after the year end: a 2026-27 stage 2, acknowledged 2 Apr (due 10 Apr, Good
    # Friday and Easter Monday skipped), answered Tue 28 Apr (due Tue 5 May: 20 working days from 2
    # Apr, Early May bank holiday skipped): 17 working days from 1 Apr.
    _tenure_case(
        1,
        "housing-repairs",
        "2026-03-02",
        "lcra",
        {
            "acknowledged": "2026-03-03",
            "responded": "2026-03-16",
            "decision": "upheld",
            "remedies": [{"kind": "apology"}],
        },
        {
            "requested": "2026-04-01",
            "acknowledged": "2026-04-02",
            "responded": "2026-04-28",
            "decision": "not-upheld",
        },
    ),
    # B, LCHO: received Mon 16 Mar 2026, acknowledged 18 Mar (due 23 Mar), answered Thu 2 Apr 2026,
    # after the year end and a day late (due Wed 1 Apr): a 2026-27 response, 13 working days.
    _tenure_case(
        2,
        "housing-management",
        "2026-03-16",
        "lcho",
        {
            "acknowledged": "2026-03-18",
            "responded": "2026-04-02",
            "decision": "partly-upheld",
            "remedies": [{"kind": "financial", "amount": 100}],
        },
    ),
    # C, leaseholder: received Mon 1 Sep 2025, acknowledged 2 Sep, answered 15 Sep (due 16 Sep):
    # 10 working days.
    _tenure_case(
        3,
        "leasehold-services",
        "2025-09-01",
        "leaseholder",
        {"acknowledged": "2025-09-02", "responded": "2025-09-15", "decision": "not-upheld"},
    ),
    # D, LCRA: received Wed 1 Oct 2025, acknowledged 2 Oct, answered 10 Oct (due 16 Oct): 7 days.
    _tenure_case(
        4,
        "housing-repairs",
        "2025-10-01",
        "lcra",
        {
            "acknowledged": "2025-10-02",
            "responded": "2025-10-10",
            "decision": "upheld",
            "remedies": [{"kind": "apology"}, {"kind": "financial", "amount": 50}],
        },
    ),
    # E, no tenure recorded (counted as LCRA): received Mon 3 Nov 2025, acknowledged Tue 11 Nov, a
    # day late (due 10 Nov); answered Mon 24 Nov, in time from the acknowledgement as sent (due 25
    # Nov), so in time for the policy but not within the Code's timescales for CH02: 15 days.
    _tenure_case(
        5,
        "housing-management",
        "2025-11-03",
        None,
        {"acknowledged": "2025-11-11", "responded": "2025-11-24", "decision": "not-upheld"},
    ),
    # F, general route (no TSM): received Tue 6 Jan 2026, acknowledged 7 Jan, answered 14 Jan:
    # 6 working days.
    _tenure_case(
        6,
        "council-tax",
        "2026-01-06",
        None,
        {"acknowledged": "2026-01-07", "responded": "2026-01-14", "decision": "upheld"},
        route="general",
    ),
    # G, LCHO: received 2 Feb 2026, not accepted (late) on 4 Feb: a refused complaint.
    _tenure_case(
        7,
        "housing-management",
        "2026-02-02",
        "lcho",
        exclusion={"reason": "late", "decided": "2026-02-04"},
    ),
    # H, LCRA: received 9 Feb 2026, acknowledged 10 Feb, withdrawn 12 Feb with no response.
    _tenure_case(
        8,
        "housing-repairs",
        "2026-02-09",
        "lcra",
        {"acknowledged": "2026-02-10"},
        withdrawn="2026-02-12",
    ),
]

TENURE_STOCK = """\
housing_stock:
  homes: 5400
  lcra: 5000
  lcho: 400
  as_of: 2026-03-31
"""


def write_tenure_year(repo: Path, frozen: str | None = None) -> Path:
    council = repo / "policy" / "council.yaml"
    text = council.read_text("utf-8")
    start = text.index("housing_stock:")
    end = text.index("\n# ", start) + 1
    council.write_text(text[:start] + TENURE_STOCK + text[end:], encoding="utf-8")
    folder = repo / "cases" / "2025-26"
    folder.mkdir(parents=True, exist_ok=True)
    for data in TENURE_CASES:
        (folder / f"{data['id']}.yaml").write_text(to_yaml(data), encoding="utf-8")
    inputs = REPORT_INPUTS + (f"figures_as_at: {frozen}\n" if frozen else "")
    (repo / "policy" / "reports" / "2025-26.yaml").write_text(inputs, encoding="utf-8")
    return repo


def _ch02(responded, within=None, without=None) -> dict:
    return {
        "responded": responded,
        "within_timescales": within,
        "within_timescales_without_extensions": without,
    }


NOTHING = {"stage1": _ch02(0), "stage2": _ch02(0)}


def _grid(table_id, title, dimension, columns, rows, total, grand, across=True, down=True) -> dict:
    """A two-way table as published: by stage, with no row totals (`across`: a complaint may be
    at both stages); of decisions by stage, with no column totals (`down`)."""
    table = {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": columns,
        "rows": [
            {"key": k, "label": label, "values": values}
            | ({"total": sum(values)} if across else {})
            for k, label, values in rows
        ],
    }
    if down:
        table["total"] = total
    if across and down:
        table["grand_total"] = grand
    return table


def _stages(table_id, title, dimension, rows, total) -> dict:
    """A table of complaints by stage."""
    return _grid(table_id, title, dimension, STAGES_COLUMNS, rows, total, None, across=False)


def _quarters(rows: dict[str, tuple], total: tuple) -> dict:
    """The quarterly table: rows by quarter (the rest nothing), and the year."""
    labels = {"Q1": "Apr to Jun", "Q2": "Jul to Sep", "Q3": "Oct to Dec", "Q4": "Jan to Mar"}
    return {
        "id": "quarter",
        "title": "Complaints and responses in time, by quarter",
        "rows": [
            {"key": q, "label": f"{q}: {months}", **quarter(*rows.get(q, NO_QUARTER))}
            for q, months in labels.items()
        ],
        "total": quarter(*total),
    }


NO_QUARTER = (0, 0, 0, None, 0, None)


def _months(counts: dict[str, list[int]]) -> list:
    months = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
    return [(m, m, counts.get(m, [0, 0])) for m in months]


STAGES_COLUMNS = ["Stage 1", "Stage 2"]
# one payment, at stage 1: no sum or average is shown over fewer than 5 payments; none at stage 2
FEW_PAYMENTS = {
    "financial_remedies_total": "not shown: fewer than 5 payments",
    "financial_remedies_average": "not shown: fewer than 5 payments",
    "financial_remedies_by_stage": {"stage1": "not shown: fewer than 5 payments", "stage2": 0.0},
}
DECISION_COLUMNS = ["Upheld", "Partly upheld", "Not upheld"]

# 2025-26, as at 23 November 2026 (a draft: no figures_as_at).
TENURE_2025 = {
    # Stage 1: A, B, C, D, E, F, H = 7 (G was not accepted). Stage 2: none (A's escalation came on 1
    # April 2026). Of the 7, A has been escalated: 1/7 = 14.3%.
    "totals": {
        "stage1": 7,
        "stage2": 0,
        "escalated": 0,
        "escalation_rate": 14.3,
        "not_accepted": 1,
        "discrimination_claimed": 0,
    },
    "volumes": [
        _line(
            "route",
            "Complaints by route",
            "route",
            [("housing", "Housing", 6), ("general", "General", 1)],
            7,
        ),
        _stages(
            "service",
            "Complaints by service and stage",
            "service",
            [
                ("housing-repairs", "Housing repairs", [3, 0]),  # A, D, H
                ("housing-management", "Housing management", [2, 0]),  # B, E
                ("council-tax", "Council Tax", [1, 0]),  # F
                ("leasehold-services", "Leasehold services", [1, 0]),  # C
            ],
            [7, 0],
        ),
        _line(
            "type",
            "Complaints by type: the 10 most common",
            "type",
            [("repairs-delay", "Repairs delay", 6), ("billing-error", "Billing error", 1)],
            7,
        ),
        _line("channel", "Complaints by channel", "channel", [("email", "Email", 7)], 7),
        # Sep C, Oct D, Nov E, Jan F, Feb H, Mar A and B
        _stages(
            "month",
            "Complaints by month and stage",
            "month",
            _months(
                {
                    "Sep": [1, 0],
                    "Oct": [1, 0],
                    "Nov": [1, 0],
                    "Jan": [1, 0],
                    "Feb": [1, 0],
                    "Mar": [2, 0],
                }
            ),
            [7, 0],
        ),
    ],
    # Responses by service: housing repairs A and D, council tax F, housing management E,
    # leasehold C, all in time (E by the policy's reckoning); rows by count, then in key order.
    "timeliness_by_service": {
        "id": "timeliness-by-service",
        "title": "Responses in time, by service",
        "rows": [
            {"key": "housing-repairs", "label": "Housing repairs", **responses(2, 100.0, 0, None)},
            {"key": "council-tax", "label": "Council Tax", **responses(1, 100.0, 0, None)},
            {"key": HM, "label": "Housing management", **responses(1, 100.0, 0, None)},
            {"key": LS, "label": "Leasehold services", **responses(1, 100.0, 0, None)},
        ],
    },
    # Complaints as by month; responses in the quarter sent: C (15 Sep) in Q2, D (10 Oct) and E
    # (24 Nov) in Q3, F (14 Jan) and A (16 Mar) in Q4, all in time.
    "quarters": _quarters(
        {"Q2": (1, 0, 1, 100.0, 0, None), "Q3": (2, 0, 2, 100.0, 0, None)}
        | {"Q4": (4, 0, 2, 100.0, 0, None)},
        (7, 0, 5, 100.0, 0, None),
    ),
    "not_accepted": _line(
        "exclusion", "Complaints not accepted, by reason", "exclusion", [("late", "Late", 1)], 1
    ),
    "timeliness": [
        # acknowledged: all 7, E late: 6/7 = 85.7%. Answered in the year: A, C, D, E, F (B's answer
        # came in April, H was withdrawn), all in time, none extended. Working days 10, 10, 7, 15,
        # 6: median 10; 90th percentile by nearest rank, the 5th of 5: 15.
        {
            "stage": 1,
            "acknowledged": 7,
            "acknowledged_in_time": 85.7,
            "responded": 5,
            "responded_in_time": 100.0,
            "responded_without_extension": 100.0,
            "extensions": 0,
            "median_working_days": 10,
            "p90_working_days": 15,
        },
        {
            "stage": 2,
            "acknowledged": 0,
            "acknowledged_in_time": None,
            "responded": 0,
            "responded_in_time": None,
            "responded_without_extension": None,
            "extensions": 0,
            "median_working_days": None,
            "p90_working_days": None,
        },
    ],
    "outcomes": {
        # stage 1 answers of the year: A, D, F upheld; C, E not upheld
        "by_stage": _grid(
            "outcomes-by-stage",
            "Outcomes by stage",
            "stage",
            DECISION_COLUMNS,
            [("stage 1", "Stage 1", [3, 0, 2]), ("stage 2", "Stage 2", [0, 0, 0])],
            [3, 0, 2],
            5,
            down=False,
        ),
        # final outcomes: not A's stage 1 (escalated by the as-of date): C, D, E, F
        "by_service": _grid(
            "outcomes-by-service",
            "Final outcomes by service",
            "service",
            DECISION_COLUMNS,
            [
                ("council-tax", "Council Tax", [1, 0, 0]),
                ("housing-management", "Housing management", [0, 0, 1]),
                ("housing-repairs", "Housing repairs", [1, 0, 0]),
                ("leasehold-services", "Leasehold services", [0, 0, 1]),
            ],
            [2, 0, 2],
            4,
        ),
        # A's apology, D's apology and payment of 50 (B's 100 came with its April answer), all at
        # stage 1
        "remedies": _grid(
            "remedies",
            "Remedies by kind and stage",
            "remedy",
            STAGES_COLUMNS,
            [("apology", "Apology", [2, 0]), ("financial", "Financial", [1, 0])],
            [3, 0],
            3,
        ),
        # the sum of 50 is over one payment: withheld, as any sum over fewer than 5 payments is
        **FEW_PAYMENTS,
    },
    "tsm": {
        # LCRA stage 1: A, D, H and E (no tenure: counted as LCRA), the withdrawn H included = 4;
        # 4 / 5,000 x 1,000 = 0.8. CH02: answered in the year A, D within; E's late acknowledgement
        # puts it outside the Code's timescales: 2/3 = 66.7%, no extensions either way.
        "tenure": "lcra",
        "label": "Low-cost rental accommodation (LCRA)",
        "homes": 5000,
        "CH01": {"stage1_per_1000_homes": 0.8, "stage2_per_1000_homes": 0.0},
        "CH02": {"stage1": _ch02(3, 66.7, 66.7), "stage2": _ch02(0)},
        "homes_as_of": "2026-03-31",
        "homes_example": False,
        "TP09": None,
        # LCHO stage 1: B (G was refused: not counted) = 1; 1 / 400 x 1,000 = 2.5. B's answer came
        # in 2026-27: none answered in this year.
        "lcho": {
            "tenure": "lcho",
            "label": "Low-cost home ownership (LCHO)",
            "homes": 400,
            "CH01": {"stage1_per_1000_homes": 2.5, "stage2_per_1000_homes": 0.0},
            "CH02": NOTHING,
            "TP09": None,
        },
        # C, the leaseholder's: 1 at stage 1, answered within the Code's timescales
        "apart": [
            {
                "tenure": "leaseholder",
                "label": "Leaseholders",
                "stage1": 1,
                "stage2": 0,
                "CH02": {"stage1": _ch02(1, 100.0, 100.0), "stage2": _ch02(0)},
            },
            {
                "tenure": "other",
                "label": "Other tenures",
                "stage1": 0,
                "stage2": 0,
                "CH02": NOTHING,
            },
        ],
        "tenure_not_recorded": {"stage1": 1, "stage2": 0},  # E
        "treatment": {"withdrawn": "include", "refused": "exclude"},
    },
}

# 2026-27, as at 23 November 2026: what of the same cases happened after 31 March 2026.
TENURE_2026 = {
    # A's escalation (1 Apr) is the year's one stage 2 complaint; no complaint was received
    "totals": {
        "stage1": 0,
        "stage2": 1,
        "escalated": 1,
        "escalation_rate": None,
        "not_accepted": 0,
        "discrimination_claimed": 0,
    },
    # no complaint received: every breakdown of the complaints is empty; A's stage 2 (housing
    # repairs) counts in April, the month of its request
    "volumes": [
        _line("route", "Complaints by route", "route", [], 0),
        _stages(
            "service",
            "Complaints by service and stage",
            "service",
            [("housing-repairs", "Housing repairs", [0, 1])],
            [0, 1],
        ),
        _line("type", "Complaints by type: the 10 most common", "type", [], 0),
        _line("channel", "Complaints by channel", "channel", [], 0),
        _stages(
            "month", "Complaints by month and stage", "month", _months({"Apr": [0, 1]}), [0, 1]
        ),
    ],
    # B's late stage 1 answer (housing management, named though it had no complaint this year)
    # and A's stage 2 answer (housing repairs, in time)
    "timeliness_by_service": {
        "id": "timeliness-by-service",
        "title": "Responses in time, by service",
        "rows": [
            {"key": HM, "label": "Housing management", **responses(1, 0.0, 0, None)},
            {"key": "housing-repairs", "label": "Housing repairs", **responses(0, None, 1, 100.0)},
        ],
    },
    # A's stage 2 in April; B's late stage 1 answer (2 Apr) and A's stage 2 answer (28 Apr, in
    # time), both in Q1
    "quarters": _quarters({"Q1": (0, 1, 1, 0.0, 1, 100.0)}, (0, 1, 1, 0.0, 1, 100.0)),
    "not_accepted": _line("exclusion", "Complaints not accepted, by reason", "exclusion", [], 0),
    "outcomes": {
        # B's stage 1 answer (partly upheld, final: never escalated) and A's stage 2 (not upheld)
        "by_stage": _grid(
            "outcomes-by-stage",
            "Outcomes by stage",
            "stage",
            DECISION_COLUMNS,
            [("stage 1", "Stage 1", [0, 1, 0]), ("stage 2", "Stage 2", [0, 0, 1])],
            [0, 1, 1],
            2,
            down=False,
        ),
        "by_service": _grid(
            "outcomes-by-service",
            "Final outcomes by service",
            "service",
            DECISION_COLUMNS,
            [
                ("housing-management", "Housing management", [0, 1, 0]),
                ("housing-repairs", "Housing repairs", [0, 0, 1]),
            ],
            [0, 1, 1],
            2,
        ),
        # B's payment of 100, with its stage 1 answer
        "remedies": _grid(
            "remedies",
            "Remedies by kind and stage",
            "remedy",
            STAGES_COLUMNS,
            [("financial", "Financial", [1, 0])],
            [1, 0],
            1,
        ),
        **FEW_PAYMENTS,
    },
    "timeliness": [
        # B's answer of 2 Apr: late, 13 working days
        {
            "stage": 1,
            "acknowledged": 0,
            "acknowledged_in_time": None,
            "responded": 1,
            "responded_in_time": 0.0,
            "responded_without_extension": 0.0,
            "extensions": 0,
            "median_working_days": 13,
            "p90_working_days": 13,
        },
        # A's stage 2: acknowledged 2 Apr and answered 28 Apr, both in time: 17 working days
        {
            "stage": 2,
            "acknowledged": 1,
            "acknowledged_in_time": 100.0,
            "responded": 1,
            "responded_in_time": 100.0,
            "responded_without_extension": 100.0,
            "extensions": 0,
            "median_working_days": 17,
            "p90_working_days": 17,
        },
    ],
    "tsm": {
        # LCRA: A's stage 2, 1 / 5,000 x 1,000 = 0.2, answered within the Code's timescales
        "tenure": "lcra",
        "label": "Low-cost rental accommodation (LCRA)",
        "homes": 5000,
        "CH01": {"stage1_per_1000_homes": 0.0, "stage2_per_1000_homes": 0.2},
        "CH02": {"stage1": _ch02(0), "stage2": _ch02(1, 100.0, 100.0)},
        "homes_as_of": "2026-03-31",
        "homes_example": False,
        "TP09": None,
        # LCHO: B's late answer, 0 of 1 within
        "lcho": {
            "tenure": "lcho",
            "label": "Low-cost home ownership (LCHO)",
            "homes": 400,
            "CH01": {"stage1_per_1000_homes": 0.0, "stage2_per_1000_homes": 0.0},
            "CH02": {"stage1": _ch02(1, 0.0, 0.0), "stage2": _ch02(0)},
            "TP09": None,
        },
        "apart": [
            {
                "tenure": "leaseholder",
                "label": "Leaseholders",
                "stage1": 0,
                "stage2": 0,
                "CH02": NOTHING,
            },
            {
                "tenure": "other",
                "label": "Other tenures",
                "stage1": 0,
                "stage2": 0,
                "CH02": NOTHING,
            },
        ],
        "tenure_not_recorded": {"stage1": 0, "stage2": 0},
        "treatment": {"withdrawn": "include", "refused": "exclude"},
    },
}


NO_LEARNING = _line(
    "learning-themes", "Complaints with learning recorded, by theme", "theme", [], 0
)
NO_REFERRALS = {
    "decisions": [],
    "themes": _line(
        "ombudsman-themes",
        "Housing Ombudsman decisions on the merits, by the type of complaint",
        "type",
        [],
        0,
    ),
    "compensation_ordered": 0.0,
    "recommendations": 0,
    "recommendations_complied_on_time": None,
}


def _whole(year_label: str, expected: dict, **more) -> dict:
    """The whole report of a year of the tenure fixture: its figures and what every year has."""
    start = int(year_label[:4])
    return {
        "version": 1,
        "council": "Canterbury City Council",
        "year": year_label,
        "period": {"start": f"{start}-04-01", "end": f"{start + 1}-03-31"},
        "as_of": AS_OF,
        "frozen": False,
        "method": list(METHOD),
        "ombudsman": NO_REFERRALS,  # no case was referred
        "previous_year": None,
        "introduction": None,  # the fixture's report inputs write none
        "example": False,
        "member_responsible": EXPECTED["member_responsible"],
        **expected,
        **more,
    }


def test_each_event_counts_in_its_own_year_and_the_tsms_by_tenure(repo):
    root = write_tenure_year(repo)
    published = report(root, "json").json
    # the self-assessments are scored from the example's (not by hand here); the disclosure
    # settings are the example's defaults, echoed
    published.pop("self_assessment"), published.pop("suppression")
    inputs = ("ombudsman_letters", "non_compliance_findings", "other_publications")
    assert published == _whole(
        "2025-26",
        TENURE_2025,
        learning={
            "themes": NO_LEARNING,
            "from_cases": [],
            "service_improvements": EXPECTED["learning"]["service_improvements"],
        },
        governing_body=EXPECTED["governing_body"],
        **{key: EXPECTED[key] for key in inputs},
    )
    later = report(root, "json", "2026-27").json
    later.pop("self_assessment"), later.pop("suppression")
    previous = {  # 2025-26's headline figures, as above
        "year": "2025-26",
        "stage1": 7,
        "stage2": 0,
        "not_accepted": 1,
        "stage1_responded_in_time": 100.0,
        "stage2_responded_in_time": None,
        "tsm": TENURE_2025["tsm"],
        "source": "cases",
    }
    assert later == _whole(
        "2026-27",
        TENURE_2026,
        previous_year=previous,
        learning={"themes": NO_LEARNING, "from_cases": [], "service_improvements": []},
        governing_body=None,
        ombudsman_letters=[],
        non_compliance_findings=[],
        other_publications=[],
    )


def test_the_tsm_treatment_of_withdrawn_and_refused_complaints_is_a_setting(repo):
    root = write_tenure_year(repo)
    inputs = root / "policy" / "reports" / "2025-26.yaml"
    inputs.write_text(
        inputs.read_text("utf-8") + "tsm: {withdrawn: exclude, refused: include}\n", "utf-8"
    )
    tsm = report(root, "json").json["tsm"]
    # LCRA: 4 less the withdrawn H = 3, 0.6 per 1,000; LCHO: B and the refused G = 2, 5.0
    assert tsm["CH01"]["stage1_per_1000_homes"] == 0.6
    assert tsm["lcho"]["CH01"]["stage1_per_1000_homes"] == 5.0
    assert tsm["treatment"] == {"withdrawn": "exclude", "refused": "include"}


# Added a year after the freeze: an answer and an escalation of a 2025-26 complaint dated after the
# freeze date, and a complaint of the next year.
LATER_CASES = [
    _tenure_case(
        9,
        "housing-repairs",
        "2026-03-30",
        "lcra",
        {"acknowledged": "2026-07-10", "responded": "2026-07-15", "decision": "upheld"},
        {"requested": "2026-08-03", "acknowledged": "2026-08-04", "responded": "2026-08-20"},
    ),
    _tenure_case(
        10,
        "housing-repairs",
        "2026-09-01",
        "lcho",
        {"acknowledged": "2026-09-02", "responded": "2026-09-10", "decision": "upheld"},
    ),
]


def test_a_frozen_year_publishes_the_same_figures_a_year_later(repo):
    root = write_tenure_year(repo, frozen="2026-06-30")
    opened = dict(LATER_CASES[0])
    opened.pop("stage1"), opened.pop("stage2")  # by the freeze date: received, nothing else
    (root / "cases" / "2025-26" / "CCC-2025-0009.yaml").write_text(to_yaml(opened), "utf-8")
    first = run_cli(
        "report", "--root", root, "--year", "2025-26", "--format", "json", "--as-of", "2026-06-30"
    )
    assert first.code == 0, first.err
    for data in LATER_CASES:
        folder = root / "cases" / ("2025-26" if data["received"] < "2026-04" else "2026-27")
        folder.mkdir(exist_ok=True)
        (folder / f"{data['id']}.yaml").write_text(to_yaml(data), "utf-8")
    later = run_cli(
        "report", "--root", root, "--year", "2025-26", "--format", "json", "--as-of", "2027-06-30"
    )
    assert later.code == 0, later.err
    a, b = first.json, later.json
    assert a["frozen"] and b["frozen"] and a["as_of"] == b["as_of"] == "2026-06-30"
    a.pop("self_assessment"), b.pop("self_assessment")  # scored from the example assessments
    assert a == b
    assert a["totals"]["stage1"] == 8  # the 30 March complaint is the year's, unanswered


def test_a_year_with_no_cases_reports_that_it_has_none(year):
    run = report(year, "markdown", "2030-31")
    assert run.code == 0, run.err
    assert "No complaint was received in this year" in run.out
    assert report(year, "json", "2030-31").json["totals"]["stage1"] == 0


def test_a_year_whose_only_case_is_unanswered_reports_that_none_is_answered(repo):
    folder = repo / "cases" / "2026-27"
    folder.mkdir()
    data = _tenure_case(1, "housing-repairs", "2026-11-02", "lcra")
    data["id"] = "CCC-2026-0001"
    (folder / "CCC-2026-0001.yaml").write_text(to_yaml(data), "utf-8")
    run = run_cli("report", "--root", repo, "--year", "2026-27", "--as-of", "2026-11-03")
    assert run.code == 0, run.err
    assert "No complaint was responded to in this year" in run.out
    published = run_cli(
        "report", "--root", repo, "--year", "2026-27", "--format", "json", "--as-of", "2026-11-03"
    ).json
    assert published["totals"]["stage1"] == 1
    assert [t["responded"] for t in published["timeliness"]] == [0, 0]


def test_report_defaults_to_the_last_complete_year(repo):
    folder = repo / "cases" / "2026-27"
    folder.mkdir()
    data = _tenure_case(1, "housing-repairs", "2026-11-02", "lcra")
    data["id"] = "CCC-2026-0001"
    (folder / "CCC-2026-0001.yaml").write_text(to_yaml(data), "utf-8")
    run = run_cli("report", "--root", repo, "--format", "json", "--as-of", "2026-11-03")
    assert run.code == 0, run.err
    assert run.json["year"] == "2025-26"


def test_a_draft_self_assessment_is_marked_as_a_draft(year):
    published = report(year, "json").json
    statuses = {s["code"]: s["status"] for s in published["self_assessment"]}
    assert statuses == {"housing-ombudsman": "published", "lgsco": "draft"}
    page = report(year, "markdown").out
    assert "Complaint Handling Code (LGSCO 2024) (draft)" in page
    assert "Code is a draft: it has not been approved" in html.unescape(page)


def test_a_tenure_is_recorded_on_housing_cases_only(repo):
    folder = repo / "cases" / "2025-26"
    folder.mkdir()
    data = _tenure_case(1, "council-tax", "2025-06-02", "lcra", route="general")
    text = to_yaml(data)
    (folder / "CCC-2025-0001.yaml").write_text(text, "utf-8")
    line = text.splitlines().index('tenure: "lcra"') + 1
    findings = [f for f in check(repo).findings() if f["path"].startswith("cases/")]
    assert [(f["rule"], f["line"]) for f in findings] == [("schema", line)]


def test_figures_counted_case_by_case_and_merged_are_those_counted_at_once(repo):
    """A case now counts in every year it has an event in: batches of cases (as worker processes
    count them) merged in order give the same figures as one count of them all."""
    from datetime import date

    from checker.engine.evaluate import Setting
    from checker.engine.run import evaluated
    from checker.load.repository import load_file, load_repository
    from checker.report.counting import Counting
    from checker.report.figures import as_at

    root = write_tenure_year(repo, frozen="2026-06-30")
    repository = load_repository(root)
    dates, as_of = as_at(repository), date(2026, 11, 23)
    counting = Counting(as_of, dates)
    done = evaluated(repository, as_of, collectors=(counting,), dates=dates)
    setting = Setting.of(done.view, None, (counting,), dates)
    assert setting is not None
    total = counting.start()
    for path, shown in repository.case_files:
        document, _ = load_file(path, shown, "case")
        assert document is not None
        tally = counting.start()
        counting.add(tally, setting.measured(setting.case(document)))
        counting.merge(total, tally)
    assert sorted(total) == ["2025-26", "2026-27"]
    assert total == done.tallies[0]
