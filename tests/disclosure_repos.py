"""Repositories for the disclosure attack: a year written to be full of small cells.

`small_year` writes cases/2025-26 (and a few cases in 2024-25, for the comparison) with a seeded
mix of every route, service, channel and outcome the fixture year of `tests.test_report` uses:
escalations, complaints taken straight to stage 2, complaints not accepted, late and extended
responses, remedies and ombudsman referrals, so that nearly every breakdown has counts from 1 to
4 beside larger ones.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from tests.test_report import (
    CT,
    HM,
    HR,
    IG,
    PK,
    REPORT_INPUTS,
    case,
    explain,
    stage1,
    stage2,
    to_yaml,
)

SERVICES = (  # service, route, type
    (HR, "housing", "repairs-delay"),
    (HM, "housing", "tenancy-management"),
    (CT, "general", "billing"),
    (PK, "general", "enforcement"),
    (IG, "data-protection", "data-handling"),
)
CHANNELS = ("webform", "email", "phone", "letter")
DECISIONS = ("upheld", "partly-upheld", "not-upheld")
OUTCOMES = {  # an ombudsman's decisions, as the fixture year records them
    "housing": ("housing-ombudsman", ("maladministration", "premature", "no-maladministration")),
    "general": ("lgsco", ("fault", "no-fault", "premature")),
    "data-protection": ("lgsco", ("no-fault", "not-investigated")),
}


def _weekday(day: date) -> date:
    return day + timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _at(day: date) -> str:
    return f"{day.isoformat()}T10:00:00+00:00"


def _remedies(rng: random.Random, done: date) -> list[dict]:
    kinds = rng.sample(("apology", "explanation", "financial", "action"), rng.randint(0, 2))
    out: list[dict] = []
    for kind in kinds:
        remedy: dict = {"kind": kind}
        if kind == "financial":
            remedy |= {"amount": rng.choice((25, 50, 100)), "done": done.isoformat()}
        if kind == "action":
            remedy |= {"what": "Fixture action taken", "done": done.isoformat()}
        out.append(remedy)
    return out


def _case(rng: random.Random, n: int, year: int, first: date, days: int) -> dict:
    service, route, type_ = rng.choice(SERVICES)
    received = _weekday(first + timedelta(days=rng.randrange(days)))
    channel = rng.choice(CHANNELS)
    roll = rng.random()
    if roll < 0.1:  # not accepted: about events three years old
        decided = (received + timedelta(days=2)).isoformat()
        return case(
            n,
            route,
            service,
            type_,
            channel,
            _at(received),
            year=year,
            issue={"occurred": (received - timedelta(days=1100)).isoformat()},
            exclusion={
                "reason": "late",
                "decided": decided,
                "explained": decided,
                "ombudsman_right_given": True,
            },
        )
    more: dict = {}
    ack = _weekday(received + timedelta(days=2))
    answered = _weekday(received + timedelta(days=rng.choice((7, 9, 11, 13, 28))))
    if roll < 0.2:  # straight to stage 2, by agreement
        first_stage = None
        second = stage2(
            None,
            ack.isoformat(),
            _weekday(received + timedelta(days=rng.choice((14, 20, 45)))).isoformat(),
            rng.choice(DECISIONS),
            service,
            route,
        )
        more["direct_to_stage2"] = {
            "reason": "Fixture direct reason a senior officer already replied",
            "agreed_by": "head-of-transport",
            "date": (received + timedelta(days=1)).isoformat(),
        }
        last = date.fromisoformat(second["responded"])
    else:
        extra: dict = {"remedies": _remedies(rng, answered + timedelta(days=5))}
        if rng.random() < 0.15:
            extra["extension"] = {
                "agreed": (received + timedelta(days=9)).isoformat(),
                "days": 5,
                "reason": "Fixture extension reason awaiting a survey",
                "ombudsman_details_given": True,
            }
        first_stage = stage1(
            ack.isoformat(), answered.isoformat(), rng.choice(DECISIONS), service, **extra
        )
        second = None
        last = answered
        if rng.random() < 0.3:  # escalated
            asked = _weekday(answered + timedelta(days=3))
            done = _weekday(asked + timedelta(days=rng.choice((15, 21, 40))))
            second = stage2(
                _at(asked),
                _weekday(asked + timedelta(days=2)).isoformat(),
                done.isoformat(),
                rng.choice(DECISIONS),
                service,
                route,
                remedies=_remedies(rng, done + timedelta(days=5)),
            )
            last = done
    if rng.random() < 0.15:
        body, outcomes = OUTCOMES[route]
        more["ombudsman"] = {
            "body": body,
            "referred": (last + timedelta(days=10)).isoformat(),
            "decided": (last + timedelta(days=50)).isoformat(),
            "outcome": rng.choice(outcomes),
        }
    if rng.random() < 0.1:
        more["discrimination_claimed"] = True
        more["equalities_officer_involved"] = (received + timedelta(days=1)).isoformat()
    late = answered - received > timedelta(days=20)
    if late:
        more["explanations"] = explain("stage1-response-late", answered.isoformat())
    return case(
        n, route, service, type_, channel, _at(received), first_stage, second, year=year, **more
    )


def small_year(
    repo: Path, seed: int = 17, count: int = 60, frozen: str | None = "2026-06-30"
) -> Path:
    """A year of `count` seeded cases full of small cells, 8 cases the year before, and the
    report inputs (frozen at `frozen`, or a draft)."""
    rng = random.Random(seed)
    for folder, year, first, days, many in (
        ("2025-26", 2025, date(2025, 4, 1), 330, count),
        ("2024-25", 2024, date(2025, 1, 6), 70, 8),
    ):
        (repo / "cases" / folder).mkdir(parents=True, exist_ok=True)
        for n in range(1, many + 1):
            data = _case(rng, n, year, first, days)
            (repo / "cases" / folder / f"{data['id']}.yaml").write_text(to_yaml(data), "utf-8")
    inputs = REPORT_INPUTS
    if frozen:
        inputs = inputs.replace("year: 2025-26\n", f"year: 2025-26\nfigures_as_at: {frozen}\n")
    (repo / "policy" / "reports" / "2025-26.yaml").write_text(inputs, encoding="utf-8")
    return repo
