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

Each event counts in the reporting year it happened in, so one case may count in several years
(a complaint received in March and escalated in April is a stage 1 complaint of the one year and a
stage 2 complaint of the next). For each year a case has an event in, the case is looked at as at
that year's date (its `figures_as_at`, else the build's date) and only its events dated within the
year are counted there. The counting rules (each written down because the Codes and the Regulator
leave room; `METHOD` states them for the report's readers):
- a complaint (its route, service, type, channel, discrimination claimed) counts in the year it
  counts as received (policy 12.2); a complaint not accepted (excluded) counts in the year it was
  received, once the decision is made, apart from the accepted ones, by coded reason (HO 8.1);
- a stage 1 complaint counts in the year of its receipt; a stage 2 complaint in the year the
  escalation request was received (`stage2.requested`), or, for a complaint taken straight to
  stage 2, the year of its receipt; the monthly table puts each in the month it so counts in;
- "escalated" is a stage 2 that followed a stage 1 in the same case, counted with the stage 2; the
  escalation rate is the share of the year's stage 1 complaints escalated by the year's date;
- an acknowledgement, and an extension (once agreed), counts with its stage, in the year the stage
  counts in; a response, its timeliness, its working days, its decision and the remedies it
  offers count in the year it was sent (`responded`); the final outcome (the stage 2 decision, or
  the stage 1 decision of a complaint not escalated by the year's date) in the year of that
  response; publishable learning in the year of a response;
- an ombudsman decision, and its recommendations, count in the year it was made (an outcome
  recorded with no date, in the year of the referral); a referral not decided by the end of the
  year it was made in counts as pending in that year;
- working days to respond run from the day a complaint (or escalation request) counts as
  received to the response, so they include the acknowledgement period;
- TSM CH01 = stage 1 (stage 2) Housing Ombudsman complaints received in the year, by the rule
  above, / homes x 1,000, to one decimal place, for low-cost rental (LCRA) and low-cost home
  ownership (LCHO) homes apart, each by the case's `tenure`; a housing case with no `tenure`
  (recorded before tenure was) counts as LCRA, as every housing complaint did before, and the
  report says how many did; leaseholders' and other tenures' complaints are reported apart, with
  no rate (`checker.report.tsm`). Withdrawn and refused complaints are counted apart so that
  the report inputs' `tsm` settings decide whether CH01 counts them (`publish`);
- TSM CH02 = housing complaints responded to in the year within the Housing Ombudsman's Code
  timescales (the Code's figures, not the policy's: acknowledgement within 5 working days of
  receipt and response within 10, or 20 at stage 2, of the acknowledgement, plus an extension
  the Code allows) / those responded to in the year, as a percentage to one decimal place, by
  tenure as CH01. It is also given without extensions, since the Regulator's TSM definitions
  leave the treatment of extensions unsettled. A complaint withdrawn before its response has
  none, so it is never in CH02.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from checker.calendar import periods
from checker.calendar.workdays import parse_timestamp
from checker.load.layout import Repository
from checker.load.view import View
from checker.measures.scoring import latest_assessment, score
from checker.model import deadlines
from checker.model.case import Case
from checker.model.codes import UNDECIDED
from checker.model.outcome import case_year
from checker.model.scores import Score
from checker.report.tsm import NOT_RECORDED, Tenure, count_response

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


def months(start_month: int) -> tuple[str, ...]:
    """The reporting year's months in order, from the month it starts in."""
    return tuple(MONTHS[(start_month - 1 + n) % 12] for n in range(12))


def quarter(day: date, start_month: int) -> str:
    """The quarter of the reporting year a day falls in: Q1 is its first three months."""
    return QUARTERS[(day.month - start_month) % 12 // 3]


def quarter_months(start_month: int) -> dict[str, tuple[str, ...]]:
    """Each quarter's months."""
    year = months(start_month)
    return {q: year[3 * n : 3 * n + 3] for n, q in enumerate(QUARTERS)}


DECISIONS = ("upheld", "partly-upheld", "not-upheld")
# The counting rules, as the report's method notes state them (one per line).
METHOD = (
    "Each figure counts events in the year they happened in, so a complaint can count in two "
    "years: a complaint received in March and escalated in April is a stage 1 complaint of the "
    "one year and a stage 2 complaint of the next.",
    "Stage 1 complaints, and complaints by route, service, type and channel, count in the year "
    "the complaint counts as received (from the next working day when it arrives after hours).",
    "Stage 2 complaints count in the year the request to escalate was received; a complaint taken "
    "straight to stage 2 in the year it was received. The quarterly and monthly figures use the "
    "same dates.",
    "The escalation rate is the share of the year's stage 1 complaints that had been escalated "
    "when the figures were taken.",
    "Acknowledgements and extensions count with their stage. Responses, whether they were in time, "
    "the working days they took, their outcomes and remedies count in the year the response was "
    "sent, so the year's responses include some to complaints of the year before; the quarterly "
    "table counts each response in the quarter it was sent.",
    "Complaints not accepted count in the year they were received.",
    "Ombudsman decisions count in the year they were made; a referral not decided by the end of "
    "the year it was made in is shown as pending in that year.",
)


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


# Figures' fields by what they hold (`Figures.add` adds them, and the results cache keeps them,
# by these: report/counting.py): a number; a count (or, for `financial`, a sum) by name; and such
# counts by name within a name.
TOTALS = (
    "stage1",
    "stage2",
    "escalated",
    "stage1_escalated",
    "discrimination_claimed",
    "recommendations",
    "recommendations_on_time",
    "compensation_ordered",
    "compensation_orders",
)
COUNTERS = (
    "by_route",
    "by_type",
    "by_channel",
    "excluded",
    "financial",
    "ho_themes",
    "learning_themes",
)
NESTED = (
    "by_service",
    "by_month",
    "responses_by_quarter",
    "responses_by_service",
    "outcomes_by_service",
    "referrals",
    "remedies",
)


@dataclass
class Figures:
    """The raw figures of one reporting year (never published as they are: see `publish`)."""

    year: str
    start: date
    end: date
    as_of: date  # the date the cases were counted as of (a frozen year's `figures_as_at`)
    stage1: int = 0
    stage2: int = 0
    escalated: int = 0  # the year's stage 2 complaints that followed a stage 1
    stage1_escalated: int = 0  # the year's stage 1 complaints escalated by `as_of`
    by_route: Counter[str] = field(default_factory=Counter)  # stage 1 and direct stage 2 complaints
    # service -> stage
    by_service: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_type: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[str] = field(default_factory=Counter)
    # month -> stage
    by_month: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # quarter -> "stage n" responded and "stage n in time", in the quarter the response was sent
    responses_by_quarter: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    # service -> "stage n" responded and "stage n in time", in the year the response was sent
    responses_by_service: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    excluded: Counter[str] = field(default_factory=Counter)  # by coded reason
    timeliness: dict[int, Timeliness] = field(
        default_factory=lambda: {1: Timeliness(), 2: Timeliness()}
    )
    outcomes: dict[int, Counter[str]] = field(default_factory=lambda: {1: Counter(), 2: Counter()})
    # final decision
    outcomes_by_service: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    # kind -> stage
    remedies: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    financial: Counter[str] = field(default_factory=Counter)  # stage -> amount
    discrimination_claimed: int = 0
    # body -> outcome
    referrals: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    compensation_ordered: float = 0.0  # by the ombudsmen's decisions of the year
    compensation_orders: int = 0  # the decisions that ordered it
    # the Housing Ombudsman's decisions on the merits, by the complaint's type (its themes)
    ho_themes: Counter[str] = field(default_factory=Counter)
    recommendations: int = 0
    recommendations_on_time: int = 0
    # tenure (or NOT_RECORDED) -> its TSM counts
    tsm: dict[str, Tenure] = field(default_factory=dict)
    learning: list[str] = field(default_factory=list)
    learning_themes: Counter[str] = field(default_factory=Counter)  # every case's, published or not

    def tenure(self, name: str) -> Tenure:
        return self.tsm.setdefault(name, Tenure())

    def measured(self, name: str) -> Tenure:
        """The counts a measured tenure's CH01 and CH02 are taken from: LCRA's with the housing
        complaints that record no tenure."""
        total = Tenure()
        for key in (name, NOT_RECORDED) if name == "lcra" else (name,):
            total.add(self.tsm.get(key, Tenure()))
        return total

    @property
    def housing_stage1(self) -> int:
        """LCRA's accepted stage 1 complaints (CH01's count with the default settings)."""
        return self.measured("lcra").received[0]

    @property
    def housing_stage2(self) -> int:
        return self.measured("lcra").received[1]

    @property
    def ch02(self) -> dict[int, list[int]]:
        """LCRA's CH02 counts by stage: within, within without extensions, responded."""
        return self.measured("lcra").ch02

    def add(self, other: Figures) -> None:
        """Add the figures of more cases of the same year, as if they had been counted here next."""
        for name in TOTALS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in COUNTERS:
            getattr(self, name).update(getattr(other, name))
        for name in (*NESTED, "outcomes"):
            mine = getattr(self, name)
            for key, counts in getattr(other, name).items():
                mine.setdefault(key, Counter()).update(counts)
        for number, timeliness in other.timeliness.items():
            self.timeliness[number].add(timeliness)
        for name, tenure in other.tsm.items():
            self.tenure(name).add(tenure)
        self.learning.extend(text for text in other.learning if text not in self.learning)


def compute(view: View, figures: dict[str, Figures], year: str) -> Figures:
    """Every figure of the report for the reporting year `year`, from the counted figures."""
    if year not in figures:
        assert view.council is not None  # the report is built only from a valid council file
        start, end = periods.bounds(year, view.council.data["reporting_year"]["start_month"])
        return Figures(year, start, end, as_at(view.repository).get(year, view.as_of))
    return figures[year]


def _event_years(case: Case, start_month: int) -> list[str]:
    """Every reporting year from the case's receipt to its last recorded date, oldest first (no
    event the report counts comes before the receipt)."""
    found = [case.received]
    for value in _dates(case.data):
        try:
            found.append(date.fromisoformat(value[:10]))
        except ValueError:
            continue
    first, last = periods.label(case.received, start_month), periods.label(max(found), start_month)
    years = [first]
    while years[-1] < last and len(years) < 100:
        _, end = periods.bounds(years[-1], start_month)
        years.append(periods.label(end + timedelta(days=1), start_month))
    return years


def _dates(data: Any) -> list[str]:
    """The date-like strings of a case file (any key: a later event can only have a later date)."""
    if isinstance(data, dict):
        return [d for value in data.values() for d in _dates(value)]
    if isinstance(data, list):
        return [d for value in data for d in _dates(value)]
    return [data] if isinstance(data, str) and DATE.match(data) else []


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def count(
    figures: dict[str, Figures],
    case: Case,
    council: dict[str, Any],
    codes: Mapping[str, dict[str, Any]],
    dates: Mapping[str, date] | None = None,
    as_of: date | None = None,
) -> None:
    """Count one case's events into the figures of the reporting years they happened in, each
    year's as the case stood on that year's date (`dates`, else `as_of`, else the case's own)."""
    start_month = council["reporting_year"]["start_month"]
    try:
        periods.bounds(case_year(case.document.path), start_month)
        years = _event_years(case, start_month)
    except ValueError:
        return  # not a reporting-year folder (`case-folder-year` says so)
    for year in years:
        when = (dates or {}).get(year) or as_of or case.as_of
        start, end = periods.bounds(year, start_month)
        if start > when:
            break  # nothing of this year or a later one has happened by its date
        seen = case if when == case.as_of else replace_as_of(case, when)
        if year not in figures:
            figures[year] = Figures(year, start, end, when)
        _count(figures[year], seen, start_month)


def replace_as_of(case: Case, when: date) -> Case:
    """The same case as of another date."""
    return Case(case.document, case.council, case.policy, case.codes, case.calendar, when)


def merge(into: dict[str, Figures], more: dict[str, Figures]) -> None:
    """Add the figures counted from a later batch of cases to those of the earlier ones."""
    for year, figures in more.items():
        if year in into:
            into[year].add(figures)
        else:
            into[year] = figures


def _count(f: Figures, case: Case, start_month: int) -> None:
    """Add the events of one case dated within the figures' year, as it stood on the as-of date."""
    data = case.data

    def within(day: date | None) -> bool:
        return day is not None and f.start <= day <= f.end

    if case.received > case.as_of:
        return  # not received yet
    tsm = case.route == "housing" and (case.code or {}).get("code") == "housing-ombudsman"
    tenure = f.tenure(data.get("tenure", NOT_RECORDED)) if tsm else None
    if data.get("exclusion"):
        if within(case.received) and case.happened(data["exclusion"]["decided"]):
            f.excluded[data["exclusion"]["reason"]] += 1
            if tenure:
                tenure.refused[0] += 1
        return
    if within(case.received):
        f.discrimination_claimed += bool(data["discrimination_claimed"])
        f.by_route[case.route] += 1
        f.by_type[data["type"]] += 1
        f.by_channel[data["channel"]] += 1
    stages = {n: s for n, s in case.stages.items() if n <= 2}  # the Codes' two stages
    withdrawn = case.happened(data.get("withdrawn"))
    last = max(stages, default=None)
    for number, stage in stages.items():
        record = case.record(number)
        if within(stage.started):
            label = f"stage {number}"
            if number == 1:
                f.stage1 += 1
                f.stage1_escalated += 2 in stages
            else:
                f.stage2 += 1
                f.escalated += 1 in stages
            f.by_service[data["service"]][label] += 1
            f.by_month[MONTHS[stage.started.month - 1]][label] += 1
            _acknowledged(f.timeliness[number], case, stage)
            if tenure:
                tenure.received[number - 1] += 1
                tenure.withdrawn[number - 1] += bool(withdrawn and not stage.response.done)
        sent_on = stage.response.done
        if sent_on is None or not within(sent_on):
            continue  # the rest comes with the response, in the year it was sent
        _responded(f.timeliness[number], case, stage)
        for sent in (
            f.responses_by_quarter[quarter(sent_on, start_month)],
            f.responses_by_service[data["service"]],
        ):
            sent[f"stage {number}"] += 1
            sent[f"stage {number} in time"] += not stage.response.late
        if record.get("decision"):
            f.outcomes[number][record["decision"]] += 1
            if number == last:
                f.outcomes_by_service[data["service"]][record["decision"]] += 1
        for remedy in record.get("remedies", []):
            f.remedies[remedy["kind"]][f"stage {number}"] += 1
            if remedy["kind"] == "financial":
                f.financial[f"stage {number}"] += remedy.get("amount", 0)
        if tenure:
            count_response(tenure, case, stage)
        learning = data.get("learning")
        first = min(n for n, s in stages.items() if s.response.done)
        if number == first and learning:
            f.learning_themes[learning.get("theme", NOT_RECORDED)] += 1
            if learning["publishable"] and learning["text"] not in f.learning:
                f.learning.append(learning["text"])
    refusal = data.get("escalation_refused")
    if tenure and refusal and case.happened(refusal["decided"]):
        tenure.refused[1] += within(case.calendar.receipt(parse_timestamp(refusal["requested"])))
    _ombudsman(f, case, within)


def _ombudsman(f: Figures, case: Case, within: Callable[[date | None], bool]) -> None:
    """A decision in the year it was made; a referral of the year not decided in it, as pending."""
    ombudsman = case.data.get("ombudsman")
    if not ombudsman:
        return
    referred = case.happened(ombudsman["referred"])
    decided = case.happened(ombudsman.get("decided"))
    if "decided" not in ombudsman and ombudsman.get("outcome", "pending") != "pending":
        decided = referred  # an outcome with no date of its own: known since the referral
    if within(decided):
        outcome = ombudsman.get("outcome", "pending")
        f.referrals[ombudsman["body"]][outcome] += 1
        if ombudsman["body"] == "housing-ombudsman" and outcome not in UNDECIDED:
            f.ho_themes[case.data["type"]] += 1
        if ombudsman.get("compensation_ordered"):
            f.compensation_ordered += ombudsman["compensation_ordered"]
            f.compensation_orders += 1
        for recommendation in ombudsman.get("recommendations", []):
            f.recommendations += 1
            done = case.happened(recommendation.get("done"))
            f.recommendations_on_time += bool(done and done.isoformat() <= recommendation["due"])
    elif within(referred) and (decided is None or decided > f.end):
        f.referrals[ombudsman["body"]]["pending"] += 1


def _acknowledged(t: Timeliness, case: Case, stage: deadlines.Stage) -> None:
    if stage.acknowledgement.done:
        t.acknowledged += 1
        t.acknowledged_in_time += not stage.acknowledgement.late
    extension = case.record(stage.number).get("extension")
    t.extensions += bool(extension and case.happened(extension["agreed"]))


def _responded(t: Timeliness, case: Case, stage: deadlines.Stage) -> None:
    done = stage.response.done
    assert done is not None
    t.responded += 1
    t.responded_in_time += not stage.response.late
    unextended = stage.response_due_unextended
    t.responded_without_extension += unextended is not None and done <= unextended
    t.working_days.append(case.calendar.elapsed(stage.started, done))


@dataclass(frozen=True)
class Inputs:
    """What the report needs beyond the cases: policy/reports/YEAR.yaml, and the scores."""

    report: dict[str, Any] | None  # the YAML data of policy/reports/YEAR.yaml, if there is one
    scores: tuple[Score, ...]
    # each scored self-assessment's status: a draft is published marked as a draft, never as final
    statuses: Mapping[str, str] = field(default_factory=dict)


def inputs(view: View, year: str) -> Inputs:
    report = next((d.data for d in view.documents("report") if d.data["year"] == year), None)
    latest = [
        assessment
        for code in sorted(view.codes)
        if (assessment := latest_assessment(view, code)) is not None
    ]
    scores = tuple(score(view, assessment) for assessment in latest)
    statuses = {a.data["code"]: a.data["status"] for a in latest}
    return Inputs(report, scores, statuses)


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
