"""Named case metrics over a period: numerator, denominator, rate.

Each metric asks one question of each case: does it apply, and if so was the Code met? The
answer comes from the same clocks (`deadlines`) and the same rule checks the checker uses, never
a second implementation. An explained breach is still a breach: explanations excuse a finding
in CI, not in a statistic. A step still open and not yet due is left out; one overdue counts as
missed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType

from checker.model.case import UNDER_A_CODE, Case, handler
from checker.model.scores import Measure
from checker.rules import (
    actions_overdue,
    adjustments_not_reviewed,
    definition_not_recorded,
    exclusion_incomplete,
    extension_ombudsman_details_missing,
    extension_too_long,
    late_complaint_not_considered,
    remedy_without_date,
    responsibility_not_stated,
    stage1_response_incomplete,
    stage2_response_incomplete,
    stage2_same_handler,
)

Answer = bool | None  # True met, False missed, None does not apply


@dataclass(frozen=True)
class Metric:
    """One measurable question, and how to answer it for a case."""

    id: str
    title: str
    answer: Callable[[Case], Answer]
    # a key of the case without which the metric does not apply: a case without it is answered
    # None without asking (most cases have no stage 2: tested against asking)
    needs: str | None = None


def _step(number: int, name: str, extended: bool = True) -> Callable[[Case], Answer]:
    def answer(case: Case) -> Answer:
        stage = case.stages.get(number)
        if stage is None:
            return None
        step = getattr(stage, name)
        if step.done is None:
            return False if step.overdue(case.as_of) else None
        due = step.due if extended else stage.response_due_unextended
        return None if due is None else step.done <= due

    return answer


def _stage_has(number: int, key: str) -> Callable[[Case], bool]:
    return lambda case: number in case.stages and bool(case.record(number).get(key))


def _passes(rule: ModuleType, applies: Callable[[Case], bool]) -> Callable[[Case], Answer]:
    """Met when the rule finds nothing on a case it applies to (explained or not)."""

    def answer(case: Case) -> Answer:
        if not applies(case):
            return None
        return not case.problems(rule)

    return answer


def _extension_rule(rule: ModuleType, number: int) -> Callable[[Case], Answer]:
    extended = _stage_has(number, "extension")

    def answer(case: Case) -> Answer:
        if not extended(case):
            return None
        return not any(p.stage == number for p in case.problems(rule))

    return answer


def _acknowledged(case: Case) -> bool:
    return any(stage.acknowledgement.done for stage in case.stages.values())


def _responded(number: int) -> Callable[[Case], bool]:
    return lambda case: number in case.stages and case.stages[number].response.done is not None


METRICS: dict[str, Metric] = {
    m.id: m
    for m in (
        Metric(
            "stage1-acknowledged-in-time",
            "Stage 1 acknowledged in time",
            _step(1, "acknowledgement"),
        ),
        Metric(
            "stage1-responded-in-time",
            "Stage 1 responded to in time (with any valid extension)",
            _step(1, "response"),
        ),
        Metric(
            "stage1-responded-without-extension",
            "Stage 1 responded to within the timescale, without extension",
            _step(1, "response", extended=False),
        ),
        Metric(
            "stage1-extension-within-limit",
            "Stage 1 extensions within the limit",
            _extension_rule(extension_too_long, 1),
        ),
        Metric(
            "stage1-extension-ombudsman-details",
            "Stage 1 extensions giving the Ombudsman's details",
            _extension_rule(extension_ombudsman_details_missing, 1),
        ),
        Metric(
            "stage1-response-complete",
            "Stage 1 responses with every required element",
            _passes(stage1_response_incomplete, _responded(1)),
        ),
        Metric(
            "stage2-acknowledged-in-time",
            "Stage 2 acknowledged in time",
            _step(2, "acknowledgement"),
            needs="stage2",
        ),
        Metric(
            "stage2-responded-in-time",
            "Stage 2 responded to in time (with any valid extension)",
            _step(2, "response"),
            needs="stage2",
        ),
        Metric(
            "stage2-responded-without-extension",
            "Stage 2 responded to within the timescale, without extension",
            _step(2, "response", extended=False),
            needs="stage2",
        ),
        Metric(
            "stage2-extension-within-limit",
            "Stage 2 extensions within the limit",
            _extension_rule(extension_too_long, 2),
            needs="stage2",
        ),
        Metric(
            "stage2-extension-ombudsman-details",
            "Stage 2 extensions giving the Ombudsman's details",
            _extension_rule(extension_ombudsman_details_missing, 2),
            needs="stage2",
        ),
        Metric(
            "stage2-response-complete",
            "Final responses with every required element and the right ombudsman",
            _passes(stage2_response_incomplete, _responded(2)),
            needs="stage2",
        ),
        Metric(
            "stage2-independent-handler",
            "Stage 2 handled by someone other than stage 1's handler",
            _passes(
                stage2_same_handler,
                lambda c: bool(handler(c.record(1)) and handler(c.record(2))),
            ),
            needs="stage2",
        ),
        Metric(
            "definition-recorded",
            "Complaint definition set out at each stage's acknowledgement",
            _passes(definition_not_recorded, _acknowledged),
        ),
        Metric(
            "responsibility-stated",
            "Aspects not the council's responsibility stated in each stage's letter",
            _passes(
                responsibility_not_stated, lambda case: bool(responsibility_not_stated.sent(case))
            ),
        ),
        Metric(
            "adjustments-reviewed",
            "Reasonable adjustments recorded and reviewed",
            _passes(
                adjustments_not_reviewed, lambda c: bool(c.data["complainant"].get("adjustments"))
            ),
        ),
        Metric(
            "exclusion-explained",
            "Complaints not accepted explained, with the right to the Ombudsman",
            _passes(exclusion_incomplete, lambda c: "exclusion" in c.data),
            needs="exclusion",
        ),
        Metric(
            "late-complaint-considered",
            "Complaints about old events accepted with discretion or excluded as late",
            _passes(
                late_complaint_not_considered,
                lambda c: bool((c.data.get("issue") or {}).get("occurred")),
            ),
        ),
        Metric(
            "actions-completed",
            "Outstanding actions completed by their dates",
            _passes(actions_overdue, lambda c: any(c.record(n).get("actions") for n in (1, 2))),
        ),
        Metric(
            "remedy-specified",
            "Remedies saying what will happen and by when",
            _passes(
                remedy_without_date, lambda c: any(c.record(n).get("remedies") for n in (1, 2))
            ),
        ),
    )
}


def measure(outcomes: Iterable, metric_ids: Iterable[str] | None = None) -> dict[str, Measure]:
    """Each metric's numerator and denominator over evaluated cases (`evaluate.Outcome`s, whose
    `answers` hold each metric's answer in METRICS order), counting only the cases under a Code."""
    columns = list(zip(*(o.answers for o in outcomes if o.route in UNDER_A_CODE)))
    result = {}
    for index, metric_id in enumerate(METRICS):
        if metric_ids is None or metric_id in metric_ids:
            answers = columns[index] if columns else ()
            result[metric_id] = Measure(
                metric_id, answers.count(True), len(answers) - answers.count(None)
            )
    return result
