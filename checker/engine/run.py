"""The run: every rule over a loaded repository, in a fixed order.

1. the files' load and schema findings (made while loading);
2. every case file evaluated once (`checker.engine.evaluate`, or the cache for unchanged files):
   its case rules' findings, its metric answers, and whatever the collectors gather;
3. each self-assessment scored against the cases (`checker.measures.scoring`);
4. the repository rules, on a frozen view holding the outcomes and the scores;
5. comply or explain for the policy-level findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from checker.engine import cache
from checker.engine.cases import explainable, restamp, stamp
from checker.engine.evaluate import Collector, Setting, evaluate, evaluate_batches
from checker.engine.untraced import untraced
from checker.load.layout import Repository
from checker.load.view import View, view
from checker.measures.metrics import METRICS
from checker.measures.scoring import score
from checker.model.findings import Finding
from checker.model.scores import Score
from checker.rules import REPOSITORY, explanation_unused


@dataclass(frozen=True)
class Run:
    """A run's findings, the view the repository rules saw, and each collector's tally."""

    findings: tuple[Finding, ...]
    view: View
    tallies: tuple[Any, ...] = ()
    evaluated: int = 0  # how many case files were evaluated rather than taken from the cache


@untraced()  # the outcomes and their findings come back by the 100,000: none holds a cycle
def run(
    repository: Repository,
    as_of: date,
    *,
    rules: frozenset[str] | None = None,
    collectors: tuple[Collector, ...] = (),
    use_cache: bool = False,
    progress: bool = False,
    dates: Mapping[str, date] | None = None,
) -> Run:
    """Every finding: the files' load and schema findings, each case's, then the repository's.

    With `rules`, only those rules run and only their findings are returned: what the site
    and the report need when they publish (whether the data is valid, not whether the council
    complied: they publish it as it stands, and `complaints check` is what fails on a finding).
    The metrics still run the rules they measure by, so the scores are the same either way.
    With `dates`, the cases of those reporting years are measured and collected as of their
    year's date (`evaluate.Setting.dates`)."""
    done = evaluated(
        repository,
        as_of,
        rules=rules,
        collectors=collectors,
        use_cache=use_cache,
        progress=progress,
        dates=dates,
    )
    final = done.view
    policy = final.policy.data if final.policy else None
    findings = [restamp(finding, policy) for finding in repository.findings]
    for outcome in final.outcomes:
        findings.extend(outcome.findings)
    codes = {name: document.data for name, document in final.codes.items()}
    found = [
        stamp(rule, problem, policy=policy, codes=codes)
        for rule in REPOSITORY
        if rules is None or rule.ID in rules
        for problem in rule.check(final)
    ]
    findings.extend(explain_policy_level(final, found))
    if rules is not None:
        findings = [f for f in findings if f.rule in rules]
    return replace(done, findings=tuple(sorted(findings, key=Finding.sort_key)))


@untraced()  # (for the commands that call it alone: report, score)
def evaluated(
    repository: Repository,
    as_of: date,
    *,
    rules: frozenset[str] | None = None,
    collectors: tuple[Collector, ...] = (),
    use_cache: bool = False,
    progress: bool = False,
    dates: Mapping[str, date] | None = None,
) -> Run:
    """The view of the repository with every case file evaluated and each self-assessment scored,
    before the repository rules run (its `findings` are empty). With `use_cache`, unchanged case
    files are not evaluated again: with collectors, their outcomes and tallies are kept by chunk
    (`cache.collected`); without, and with neither `rules` nor `dates`, their outcomes as of one
    date (`cache.outcomes`)."""
    start = view(repository, as_of)
    setting = Setting.of(start, rules, collectors, dates)
    tallies: tuple[Any, ...] = ()
    if use_cache and collectors and setting is not None:
        outcomes, count, tallies = cache.collected(
            repository,
            as_of,
            setting.dates,
            collectors,
            rules,
            lambda batches: evaluate_batches(setting, batches, progress),
        )
    elif use_cache and not collectors and rules is None and not dates:
        outcomes, count = cache.outcomes(
            repository, as_of, lambda todo, signed: evaluate(setting, todo, progress, signed)
        )
    else:
        evaluation = evaluate(setting, repository.case_files, progress)
        outcomes, count, tallies = (
            evaluation.outcomes,
            evaluation.evaluated,
            tuple(evaluation.tallies),
        )
        if setting is None:  # nothing was evaluated past the schema: each collector's empty tally
            tallies = tuple(collector.start() for collector in collectors)
    measured = replace(start, outcomes=tuple(outcomes), metrics=tuple(METRICS))
    return Run((), replace(measured, scores=_scores(measured)), tallies, count)


def _scores(evaluated: View) -> dict[str, Score]:
    """Each self-assessment against a known Code, scored over its default period."""
    if evaluated.calendar is None or evaluated.policy is None:
        return {}
    return {
        document.path: score(evaluated, document)
        for document in evaluated.documents("self-assessment")
        if document.data["code"] in evaluated.codes
    }


def explain_policy_level(final: View, found: Iterable[Finding]) -> list[Finding]:
    """Comply or explain for the policy, Codes and self-assessments: `explanations:` in policy.yaml
    name a rule and the subject of one of its findings (a letter, a timescale, a provision)."""
    found = list(found)
    if final.policy is None:
        return found
    policy = final.policy
    explanations = {
        (e["rule"], e.get("subject")): (index, e)
        for index, e in enumerate(policy.data.get("explanations", []))
    }
    result, used = [], set()
    for finding in found:
        entry = explanations.get((finding.rule, finding.subject))
        if entry and explainable(finding.rule):
            used.add((finding.rule, finding.subject))
            finding = replace(finding, explained=True, explanation=entry[1]["reason"])
        result.append(finding)
    for key, (index, explanation) in explanations.items():
        if key not in used:
            fired = any(f.rule == key[0] and f.subject == key[1] for f in found)
            problem = explanation_unused.problem_in_policy(policy, explanation, index, fired)
            result.append(stamp(explanation_unused, problem, policy=policy.data))
    return result
