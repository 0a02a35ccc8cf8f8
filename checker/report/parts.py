"""The parts of the public report that are more than a breakdown: remedies' sums, responses by
service and by quarter, each stage's timeliness, the TSMs, last year's figures, the Member
Responsible for Complaints and the self-assessments' scores, each from the one decision of what
is shown."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from checker.model.scores import Score
from checker.report.breakdowns import Published, named, ordered
from checker.report.disclose import STAGES, disclose
from checker.report.figures import (
    Figures,
    Timeliness,
    quarter_months,
)
from checker.report.suppression import (
    OTHER,
    Breakdown,
    Cell,
    Decided,
    Grid,
    Sensitive,
    primary,
)
from checker.report.tsm import (
    APART,
    NOT_RECORDED,
    Treatment,
    homes_by_tenure,
)


def financial(f: Figures, decided: Decided, remedies: Breakdown | Grid) -> Published:
    """The sum of financial remedies, at each stage and in all, and the average payment; each
    only over a number of payments the report shows, and more than the threshold (a sum of one or
    two payments is what one or two people were paid)."""
    assert isinstance(remedies, Grid)

    def amount(key: Hashable | None, value: float, average: bool = False) -> float | str | None:
        payments = decided.cell(key) if key is not None else Cell(0)
        if payments.hidden:  # first: its value may be 0
            shown = payments.show(decided.threshold)
            return f"not shown: the number of payments is {shown}"
        if payments.value == 0:
            return None if average else 0.0
        if primary(payments.value, decided.threshold):  # a sum of so few is near one person's
            return f"not shown: fewer than {decided.threshold + 1} payments"
        return round(float(value) / payments.value if average else float(value), 2)

    cells = remedies.cells.get("financial", {})
    total = sum(f.financial.values())
    return {
        "financial_remedies_total": amount(remedies.row_totals.get("financial"), total),
        "financial_remedies_average": amount(
            remedies.row_totals.get("financial"), total, average=True
        ),
        "financial_remedies_by_stage": {
            stage.replace(" ", ""): amount(cells.get(stage), f.financial.get(stage, 0.0))
            for stage in STAGES
        },
    }


def by_service(decided: Decided, services: tuple[str, ...], labels: Mapping[str, str]) -> Published:
    """Each service's responses of the year at each stage and the share in time, the services
    with the most stage 1 responses shown first (then those withheld)."""

    def row(service: str) -> Published:
        found: Published = {"key": service, "label": named(service, labels)}
        for n in (1, 2):
            found[f"stage{n}_responded"] = decided.show(("responded", n, "service", service))
            found[f"stage{n}_responded_in_time"] = decided.share(
                ("responded in time", n, "service", service)
            )
        return found

    order = ordered(decided, {x: ("responded", 1, "service", x) for x in services})
    return {
        "id": "timeliness-by-service",
        "title": "Responses in time, by service",
        "rows": [row(x) for x in sorted(order, key=lambda x: x == OTHER)],
    }


def compensation(f: Figures, threshold: int) -> float | str:
    """The compensation the ombudsmen ordered in the year's decisions, unless so few ordered it
    that the sum is near what one person was awarded."""
    if primary(f.compensation_orders, threshold):
        return f"not shown: ordered in fewer than {threshold + 1} decisions"
    return round(f.compensation_ordered, 2)


def quarters(decided: Decided, f: Figures) -> Published:
    """Complaints at each stage and responses in time, quarter by quarter."""
    named = quarter_months(f.start.month)

    def row(q: str | None) -> Published:
        found: Published = {}
        for n in (1, 2):
            found[f"stage{n}"] = decided.show(("quarter", q, f"stage {n}") if q else f"stage {n}")
        for n in (1, 2):
            at = (n, q) if q else (n,)
            found[f"stage{n}_responded"] = decided.show(("responded", *at))
            found[f"stage{n}_responded_in_time"] = decided.share(("responded in time", *at))
        return found

    return {
        "id": "quarter",
        "title": "Complaints and responses in time, by quarter",
        "rows": [
            {"key": q, "label": f"{q}: {ms[0]} to {ms[-1]}", **row(q)} for q, ms in named.items()
        ],
        "total": row(None),
    }


def timeliness(number: int, t: Timeliness, decided: Decided) -> Published:
    # the working days only beside a shown count of responses: None would give away a hidden 0
    unshown = decided.cell(("responded", number)).hidden
    return {
        "stage": number,
        "acknowledged": decided.show(("acknowledged", number)),
        "acknowledged_in_time": decided.share(("acknowledged in time", number)),
        "responded": decided.show(("responded", number)),
        "responded_in_time": decided.share(("responded in time", number)),
        "responded_without_extension": decided.share(("responded without extension", number)),
        "extensions": decided.show(("extensions", number)),
        # always decimals, as a median of an even number of responses may be a half
        "median_working_days": None if unshown or t.median is None else float(t.median),
        "p90_working_days": None if unshown or t.p90 is None else float(t.p90),
    }


TENURE_LABELS = {
    "lcra": "Low-cost rental accommodation (LCRA)",
    "lcho": "Low-cost home ownership (LCHO)",
    "leaseholder": "Leaseholders",
    "other": "Other tenures",
}


def tsm(
    decided: Decided,
    stock: dict[str, Any] | None,
    treatment: Treatment,
    tp09: Mapping[str, float] | None = None,
) -> Published | None:
    """CH01 and CH02 for LCRA (at the top, as before tenures were recorded) and LCHO, each with its
    own homes; leaseholders' and other tenures' complaints apart; the treatment of what the
    Regulator's text leaves open."""
    if not stock:
        return None
    homes = homes_by_tenure(stock)

    def ch02(group: str) -> Published:
        return {
            f"stage{n}": {
                "responded": decided.show(("housing responded", group, n)),
                "within_timescales": decided.share(("housing within", group, n)),
                "within_timescales_without_extensions": decided.share(
                    ("housing within without extensions", group, n)
                ),
            }
            for n in (1, 2)
        }

    def measure(group: str) -> Published:
        base = homes[group]
        return {
            "tenure": group,
            "label": TENURE_LABELS[group],
            "homes": base,
            "CH01": {
                f"stage{n}_per_1000_homes": decided.per(("CH01", group, n), base) if base else None
                for n in (1, 2)
            },
            "CH02": ch02(group),
            # the tenant perception survey's figure, as given in the report inputs
            "TP09": (tp09 or {}).get(group),
        }

    return {
        **measure("lcra"),
        "homes_as_of": stock["as_of"],
        "homes_example": stock.get("example", False),
        "lcho": measure("lcho"),
        "apart": [
            {
                "tenure": group,
                "label": TENURE_LABELS[group],
                **{f"stage{n}": decided.show(("tenure", group, n)) for n in (1, 2)},
                "CH02": ch02(group),
            }
            for group in APART
        ],
        # counted as LCRA (`figures`): how many, so a reader can weigh the LCRA figures
        "tenure_not_recorded": {
            f"stage{n}": decided.show(("tenure", NOT_RECORDED, n)) for n in (1, 2)
        },
        "treatment": {"withdrawn": treatment.withdrawn, "refused": treatment.refused},
    }


def last_year(
    f: Figures, stock: dict[str, Any] | None, s: Sensitive, treatment: Treatment
) -> Published:
    """The previous year's headline figures, decided as this year's are."""
    decided = disclose(f, stock["homes"] if stock else None, s.threshold, s, treatment).decided
    return {
        "year": f.year,
        "stage1": decided.show("stage 1"),
        "stage2": decided.show("stage 2"),
        "not_accepted": decided.show("not accepted"),
        "stage1_responded_in_time": decided.share(("responded in time", 1)),
        "stage2_responded_in_time": decided.share(("responded in time", 2)),
        "tsm": tsm(decided, stock, treatment),
        "source": "cases",
    }


def last_year_given(given: Mapping[str, Any] | None) -> Published | None:
    """Last year's headline figures as its published report gave them (report inputs), where
    last year's cases are not in the repository; what was not given is None."""
    if not given:
        return None
    return {
        "year": given["year"],
        **{key: given.get(key) for key in PREVIOUS},
        "tsm": None,
        "source": "published report",
        **({"url": given["url"]} if "url" in given else {}),
    }


PREVIOUS = (
    "stage1",
    "stage2",
    "not_accepted",
    "stage1_responded_in_time",
    "stage2_responded_in_time",
)


def member(member: Mapping[str, Any] | None) -> Published | None:
    """The Member Responsible for Complaints, by title (never a person's name)."""
    if not member:
        return None
    return {
        "kind": member["kind"],
        "title": member["title"],
        "example": member.get("example", False),
    }


def score(s: Score) -> Published:
    return {
        "code": s.code,
        "title": s.title,
        "edition": s.edition,
        "period": s.period,
        "yes": s.count("yes"),
        "partial": s.count("partial"),
        "no": s.count("no"),
        "declared_share": round(100 * s.declared_share, 1),
        "evidenced_share": round(100 * s.evidenced_share, 1),
        "contradicted": [p.number for p in s.contradictions],
        "actions": len(s.actions),
        # each provision not met (answered no or partly, or yes where the cases show otherwise),
        # with the actions the self-assessment sets for it
        "not_met": [
            {
                "provision": p.number,
                "answer": p.declared,
                "cases_show": p.evidenced if p.evidenced in ("met", "not-met") else None,
                "actions": [
                    {"what": a.what, "due": a.due, "done": a.done, "overdue": a.overdue}
                    for a in s.actions
                    if a.provision == p.number
                ],
            }
            for p in s.provisions
            if p.declared in ("no", "partial") or p.contradiction == "yes-contradicted"
        ],
    }
