"""The annual complaints performance and service improvement report, computed from the cases.

Every figure comes from the same evaluation the checker uses (`evaluate`, `deadlines`,
`metrics`, `scoring`): no rule or deadline is implemented twice. Each case is counted where it is
evaluated (in a worker process for a large repository), and the years' figures are merged.
Figures here are raw counts; `publish` turns them into the public report, suppressing small
numbers, and holds no case id, complainant reference, handler or case text other than learning
marked publishable.

A year is frozen once its report inputs (policy/reports/YEAR.yaml) give `figures_as_at`, the date
its figures are computed as at: the report and the site then count and measure that year's cases
as at that date, whatever day they are built on (`as_at`), so every build publishes the same
figures and no one can difference two builds. A year before a frozen year that has no date of its
own is frozen with it, at the nearest later frozen year's date, so the later report's comparison
with it stays fixed too. A year with no date is a draft, counted as at the build's date.

Definitions (each written down because the Codes and the Regulator leave room):
- a complaint counts in the reporting year in which it counts as received (policy 12.2);
- "stage 1 complaints" are those accepted at stage 1; complaints not accepted (excluded) are
  counted apart, by coded reason (HO 8.1); a direct-to-stage-2 complaint counts at stage 2 only;
- "escalated" is a stage 2 that followed a stage 1 in the same case;
- working days to respond run from the day a complaint (or escalation request) counts as
  received to the response, so they include the acknowledgement period;
- TSM CH01 = stage 1 (stage 2) housing complaints received / homes x 1,000, to one decimal place;
- TSM CH02 = housing complaints responded to within the Housing Ombudsman's Code timescales (the
  Code's figures, not the policy's: acknowledgement within 5 working days of receipt and response
  within 10, or 20 at stage 2, of the acknowledgement, plus an extension the Code allows) / those
  responded to, as a percentage to one decimal place. It is also given without extensions, since
  the Regulator's TSM definitions leave the treatment of extensions unsettled.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checker.calendar import periods
from checker.load.repository import Repository
from checker.load.view import View
from checker.measures.scoring import latest_assessment, score
from checker.model import deadlines
from checker.model.case import Case
from checker.model.outcome import case_year
from checker.model.scores import Score

MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
DECISIONS = ("upheld", "partly-upheld", "not-upheld")


@dataclass
class Timeliness:
    """One stage's timeliness over the year."""

    acknowledged: int = 0
    acknowledged_in_time: int = 0
    responded: int = 0
    responded_in_time: int = 0  # within the policy's timescale or a valid extension
    responded_without_extension: int = 0  # within the timescale, no extension needed
    extensions: int = 0
    working_days: list[int] = field(default_factory=list)

    def add(self, other: Timeliness) -> None:
        for name in (
            "acknowledged",
            "acknowledged_in_time",
            "responded",
            "responded_in_time",
            "responded_without_extension",
            "extensions",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.working_days.extend(other.working_days)

    @property
    def median(self) -> float | None:
        return statistics.median(self.working_days) if self.working_days else None

    @property
    def p90(self) -> float | None:
        if not self.working_days:
            return None
        ordered = sorted(self.working_days)
        return ordered[max(0, -(-9 * len(ordered) // 10) - 1)]  # nearest rank


@dataclass
class Figures:
    """The raw figures of one reporting year (never published as they are: see `publish`)."""

    year: str
    start: date
    end: date
    as_of: date  # the date the cases were counted as of (a frozen year's `figures_as_at`)
    stage1: int = 0
    stage2: int = 0
    escalated: int = 0
    by_route: Counter[str] = field(default_factory=Counter)  # stage 1 and direct stage 2 complaints
    # service -> stage
    by_service: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_type: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[str] = field(default_factory=Counter)
    # month -> stage
    by_month: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    excluded: Counter[str] = field(default_factory=Counter)  # by coded reason
    timeliness: dict[int, Timeliness] = field(
        default_factory=lambda: {1: Timeliness(), 2: Timeliness()}
    )
    outcomes: dict[int, Counter[str]] = field(default_factory=lambda: {1: Counter(), 2: Counter()})
    # final decision
    outcomes_by_service: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    remedies: Counter[str] = field(default_factory=Counter)
    financial_total: float = 0.0
    discrimination_claimed: int = 0
    # body -> outcome
    referrals: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    recommendations: int = 0
    recommendations_on_time: int = 0
    housing_stage1: int = 0
    housing_stage2: int = 0
    # within, without ext, responded
    ch02: dict[int, list[int]] = field(default_factory=lambda: {1: [0, 0, 0], 2: [0, 0, 0]})
    learning: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        """Add the figures of more cases of the same year, as if they had been counted here next."""
        for name in (
            "stage1",
            "stage2",
            "escalated",
            "financial_total",
            "discrimination_claimed",
            "recommendations",
            "recommendations_on_time",
            "housing_stage1",
            "housing_stage2",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("by_route", "by_type", "by_channel", "excluded", "remedies"):
            getattr(self, name).update(getattr(other, name))
        for name in ("by_service", "by_month", "outcomes_by_service", "referrals", "outcomes"):
            mine = getattr(self, name)
            for key, counts in getattr(other, name).items():
                mine.setdefault(key, Counter()).update(counts)
        for number, timeliness in other.timeliness.items():
            self.timeliness[number].add(timeliness)
        for number, counts in other.ch02.items():
            self.ch02[number] = [a + b for a, b in zip(self.ch02[number], counts)]
        self.learning.extend(text for text in other.learning if text not in self.learning)


class Counting:
    """The collector that counts each case into its reporting year's figures as the engine
    evaluates it (`checker.engine.evaluate.Collector`); its tally is `{year: Figures}`."""

    def start(self) -> dict[str, Figures]:
        return {}

    def add(self, tally: dict[str, Figures], case: Case) -> None:
        count(tally, case, case.council, case.codes)

    def merge(self, total: dict[str, Figures], tally: dict[str, Figures]) -> None:
        merge(total, tally)


def compute(view: View, figures: dict[str, Figures], year: str) -> Figures:
    """Every figure of the report for the reporting year `year`, from the counted figures."""
    if year not in figures:
        assert view.council is not None  # the report is built only from a valid council file
        start, end = periods.bounds(year, view.council.data["reporting_year"]["start_month"])
        return Figures(year, start, end, as_at(view.repository).get(year, view.as_of))
    return figures[year]


def count(
    figures: dict[str, Figures],
    case: Case,
    council: dict[str, Any],
    codes: Mapping[str, dict[str, Any]],
) -> None:
    """Count one case into the figures of the reporting year whose folder it is filed in."""
    year = case_year(case.document.path)
    if year not in figures:
        start_month = council["reporting_year"]["start_month"]
        try:
            start, end = periods.bounds(year, start_month)
        except ValueError:
            return  # not a reporting-year folder (`case-folder-year` says so)
        figures[year] = Figures(year, start, end, case.as_of)
    _count(figures[year], case, council["reporting_year"]["start_month"])


def merge(into: dict[str, Figures], more: dict[str, Figures]) -> None:
    """Add the figures counted from a later batch of cases to those of the earlier ones."""
    for year, figures in more.items():
        if year in into:
            into[year].add(figures)
        else:
            into[year] = figures


def _count(f: Figures, case: Case, start_month: int) -> None:
    """Add one case to the figures, as it stood on the as-of date."""
    data = case.data
    if case.received > case.as_of:
        return  # not received yet
    month = MONTHS[(case.received.month - start_month) % 12]
    if data.get("exclusion"):
        if case.happened(data["exclusion"]["decided"]):
            f.excluded[data["exclusion"]["reason"]] += 1
        return
    if data["discrimination_claimed"]:
        f.discrimination_claimed += 1
    stages = case.stages
    f.by_route[case.route] += 1
    f.by_type[data["type"]] += 1
    f.by_channel[data["channel"]] += 1
    for number, stage in stages.items():
        if number > 2:
            break  # the report's tables follow the Codes' two stages: a later one is the policy's
        label = f"stage {number}"
        if number == 1:
            f.stage1 += 1
        else:
            f.stage2 += 1
            if 1 in stages:
                f.escalated += 1
        f.by_service[data["service"]][label] += 1
        f.by_month[month][label] += 1
        _time(f.timeliness[number], case, stage)
        decision = case.record(number).get("decision")
        if not stage.response.done:
            continue  # the outcome and remedies come with the response
        if decision:
            f.outcomes[number][decision] += 1
        for remedy in case.record(number).get("remedies", []):
            f.remedies[remedy["kind"]] += 1
            f.financial_total += remedy.get("amount", 0) if remedy["kind"] == "financial" else 0
    last = max((n for n in stages if n <= 2), default=None)  # the Codes' final stage at most
    final = case.record(last).get("decision") if last else None
    if last and final and stages[last].response.done:
        f.outcomes_by_service[data["service"]][final] += 1
    ombudsman = data.get("ombudsman")
    if ombudsman and case.happened(ombudsman["referred"]):
        decided = ombudsman.get("decided")
        # a decision dated after the as-of date is not known yet
        known = decided is None or case.happened(decided)
        f.referrals[ombudsman["body"]][
            ombudsman.get("outcome", "pending") if known else "pending"
        ] += 1
        for recommendation in ombudsman.get("recommendations", []):
            f.recommendations += 1
            done = case.happened(recommendation.get("done"))
            f.recommendations_on_time += bool(done and done.isoformat() <= recommendation["due"])
    if case.route == "housing" and (case.code or {}).get("code") == "housing-ombudsman":
        _tsm(f, case)
    learning = data.get("learning")
    responded = any(stage.response.done for stage in stages.values())
    if learning and responded and learning["publishable"] and learning["text"] not in f.learning:
        f.learning.append(learning["text"])


def _time(t: Timeliness, case: Case, stage: deadlines.Stage) -> None:
    if stage.acknowledgement.done:
        t.acknowledged += 1
        t.acknowledged_in_time += not stage.acknowledgement.late
    if stage.response.done:
        t.responded += 1
        t.responded_in_time += not stage.response.late
        unextended = stage.response_due_unextended
        t.responded_without_extension += (
            unextended is not None and stage.response.done <= unextended
        )
        t.working_days.append(case.calendar.elapsed(stage.started, stage.response.done))
    t.extensions += bool(case.record(stage.number).get("extension"))


def _tsm(f: Figures, case: Case) -> None:
    """CH01 counts and CH02 against the Housing Ombudsman's Code's own timescales: the same
    deadlines the check holds the case to (`Step.due_by`), so the check and the report agree."""
    for number, stage in case.stages.items():
        if number > 2:
            continue  # the Code has two stages: a third is the policy's alone
        if number == 1:
            f.housing_stage1 += 1
        else:
            f.housing_stage2 += 1
        acknowledgement = stage.acknowledgement.due_by(False)
        response = stage.response.due_by(False)
        done = stage.response.done
        if done is None or acknowledgement is None or response is None:
            continue
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
        within = acknowledged_ok and done <= response.day and extension_ok
        without = acknowledged_ok and done <= response.unextended
        counts = f.ch02[number]
        counts[0] += within
        counts[1] += without
        counts[2] += 1


@dataclass(frozen=True)
class Inputs:
    """What the report needs beyond the cases: policy/reports/YEAR.yaml, and the scores."""

    report: dict[str, Any] | None  # the YAML data of policy/reports/YEAR.yaml, if there is one
    scores: tuple[Score, ...]


def inputs(view: View, year: str) -> Inputs:
    report = next((d.data for d in view.documents("report") if d.data["year"] == year), None)
    scores = tuple(
        score(view, assessment)
        for code in sorted(view.codes)
        if (assessment := latest_assessment(view, code)) is not None
    )
    return Inputs(report, scores)


def as_at(repository: Repository) -> dict[str, date]:
    """Each frozen reporting year's date: its own `figures_as_at`, or for an earlier year with
    none, the nearest later frozen year's (what the engine takes as `dates`)."""
    own = {
        document.data["year"]: date.fromisoformat(document.data["figures_as_at"])
        for document in repository.documents.get("report", [])
        if "figures_as_at" in document.data
    }
    years = {case_year(shown) for _, shown in repository.case_files} | set(own)
    dates: dict[str, date] = {}
    later: date | None = None
    for year in sorted(years, reverse=True):
        later = own.get(year, later)
        if later is not None:
            dates[year] = later
    return dates


def years_with_cases(view: View) -> list[str]:
    """Reporting years that have a case folder, oldest first."""
    return sorted({case_year(shown) for _, shown in view.repository.case_files})


def housing_stock(view: View) -> int | None:
    stock = (view.council.data if view.council else {}).get("housing_stock")
    return stock["homes"] if stock else None
