"""The Tenant Satisfaction Measures CH01 and CH02 by tenure: what is counted of each housing
complaint under the Housing Ombudsman's Code, the homes each measure divides by, and the settings
for what the Regulator of Social Housing's text leaves open.

- Tenures are the case schema's `tenure` (lcra, lcho, leaseholder, other). The Regulator's
  measures are given for low-cost rental (LCRA) and low-cost home ownership (LCHO) homes apart,
  each per 1,000 of its own homes (`housing_stock.lcra`, `.lcho` in council.yaml, or the single
  `homes` for the tenure it names); leaseholders' and other tenures' complaints are reported apart,
  with no rate.
- A housing case that records no tenure (recorded before tenure was) counts as LCRA, as every
  housing complaint did before, and the report says how many did.
- Withdrawn and refused complaints are counted apart (`Tenure`), so that the report inputs' `tsm`
  settings (`Treatment`) decide whether CH01 counts them; CH02 counts only complaints answered,
  which neither is at the stage concerned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.model import deadlines
from checker.model.case import Case

# The case schema's tenures (`tenure`), and what a housing case that records none is counted as.
TENURES = ("lcra", "lcho", "leaseholder", "other")
NOT_RECORDED = "not-recorded"
# The tenures the Regulator's CH01 and CH02 are given for, each with its own homes figure.
MEASURED = ("lcra", "lcho")
# The tenures whose complaints are reported apart, with no rate (the Regulator measures neither).
APART = ("leaseholder", "other")


@dataclass
class Tenure:
    """One tenure's Housing Ombudsman complaints for the TSMs, each list by stage (1, 2)."""

    received: list[int] = field(default_factory=lambda: [0, 0])  # accepted, withdrawn included
    withdrawn: list[int] = field(default_factory=lambda: [0, 0])  # of those, withdrawn unanswered
    refused: list[int] = field(default_factory=lambda: [0, 0])  # not accepted; escalation refused
    # stage -> within the Code's timescales, within them without extensions, responded
    ch02: dict[int, list[int]] = field(default_factory=lambda: {1: [0, 0, 0], 2: [0, 0, 0]})

    def add(self, other: Tenure) -> None:
        for name in ("received", "withdrawn", "refused"):
            setattr(self, name, [a + b for a, b in zip(getattr(self, name), getattr(other, name))])
        for number, counts in other.ch02.items():
            self.ch02[number] = [a + b for a, b in zip(self.ch02[number], counts)]


def count_response(tenure: Tenure, case: Case, stage: deadlines.Stage) -> None:
    """Count one answered stage into CH02, against the Housing Ombudsman's Code's own timescales:
    the same deadlines the check holds the case to (`Step.due_by`), so the check and the report
    agree."""
    number = stage.number
    acknowledgement = stage.acknowledgement.due_by(False)
    response = stage.response.due_by(False)
    done = stage.response.done
    if done is None or acknowledgement is None or response is None:
        return
    counts = tenure.ch02[number]
    counts[2] += 1
    extension = case.record(number).get("extension") or {}
    limit = next((e for e in case.clocks.extensions(number) if not e.council), None)
    extension_ok = (
        not extension
        or limit is None
        or limit.figure is None
        or extension["days"] <= limit.figure
        or extension.get("good_reason", False)
    )
    acknowledged = stage.acknowledgement.done
    acknowledged_ok = acknowledged is not None and acknowledged <= acknowledgement.day
    counts[0] += acknowledged_ok and done <= response.day and extension_ok
    counts[1] += acknowledged_ok and done <= response.unextended


def homes_by_tenure(stock: Mapping[str, Any] | None) -> dict[str, int | None]:
    """The homes CH01 divides by, per measured tenure: `housing_stock.lcra` and `.lcho` where
    given, else the single `homes` figure for the tenure it names (LCRA where it names none, as
    the Regulator's CH01 is first of all for low-cost rental homes)."""
    if not stock:
        return {tenure: None for tenure in MEASURED}
    named = "lcho" if stock.get("tenure") == "lcho" else "lcra"
    return {
        tenure: stock.get(tenure, stock["homes"] if tenure == named else None)
        for tenure in MEASURED
    }


@dataclass(frozen=True)
class Treatment:
    """How CH01 treats what the Regulator's text, as far as it could be read, leaves open: the
    report inputs' `tsm` (checker/schemas/report.schema.json gives the defaults' reasons)."""

    withdrawn: str = "include"  # include: a withdrawn complaint was received, so CH01 counts it
    refused: str = "exclude"  # exclude: a matter not accepted never became a stage 1 complaint

    @classmethod
    def of(cls, report: Mapping[str, Any] | None) -> Treatment:
        given = (report or {}).get("tsm") or {}
        return cls(given.get("withdrawn", cls.withdrawn), given.get("refused", cls.refused))

    def ch01(self, tenure: Tenure, number: int) -> int:
        """CH01's count of complaints received at a stage, under this treatment."""
        n = number - 1
        withdrawn = tenure.withdrawn[n] if self.withdrawn == "exclude" else 0
        refused = tenure.refused[n] if self.refused == "include" else 0
        return tenure.received[n] - withdrawn + refused
