"""Each case file evaluated once: loaded, validated, checked by every case rule, measured for the
scores and, for the report, counted into its year's figures.

A case's evaluation depends on nothing but the file, the council, the policy, the Codes and the
date, so the cases are split into batches and, when there are enough to be worth it, evaluated in
worker processes (one per core). Each worker returns small `Outcome`s (a case's findings, id,
route and metric answers) and partial report figures, never the parsed cases, so the checker's
memory stays flat at 100,000 cases. Batches come back in order, so the findings and figures are
exactly those of a single process. `checker.cache` keeps each file's outcome, so an unchanged case
is not evaluated again.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from checker import engine
from checker.cases import UNDER_A_CODE, Case
from checker.metrics import ANSWER, METRICS
from checker.model import Finding
from checker.repository import load_file
from checker.workdays import Calendar

if TYPE_CHECKING:
    from checker.privacy import Fingerprints

ANSWERS = tuple(metric.answer for metric in METRICS.values())  # each metric's question, in METRICS order
BATCH = 400  # cases per task: large enough to amortise the hand-over, small enough to balance
PARALLEL_FROM = 1500  # fewer cases are evaluated faster than worker processes start


class Outcome(NamedTuple):
    """What the rest of the checker needs of one case file once it has been evaluated (a named
    tuple: 100,000 of them cross from the workers and to the cache, and tuples pickle fastest)."""

    path: str
    findings: tuple[Finding, ...]  # its load or schema findings, or its case rules' findings
    case_id: str | None = None  # None when the file did not load or match its schema
    route: str | None = None
    code: str | None = None  # the Code that governs its route
    answers: str = ""  # each metric's answer in METRICS order: "y" met, "n" missed, "-" not applicable

    @property
    def year(self) -> str:
        return self.path.split("/")[-2]


@dataclass
class Evaluation:
    """Every case file's outcome, in path order, and each year's report figures when counted."""

    outcomes: list[Outcome]
    figures: dict | None = None  # reporting year -> report.Figures, when counted
    evaluated: int = 0  # how many were evaluated now rather than taken from the cache
    private: Fingerprints | None = None  # when counted: each case string the site must not publish
    public: set = field(default_factory=set)  # when counted: each case string the report publishes

    def valid(self) -> Iterator[Outcome]:
        return (o for o in self.outcomes if o.case_id is not None)


@dataclass(frozen=True)
class Setting:
    """Everything a case's evaluation depends on besides its file (sent once to each worker)."""

    council: dict
    policy: dict
    codes: dict[str, dict]
    calendar: Calendar
    as_of: date
    count: bool  # also count the cases into their year's report figures
    rules: frozenset[str] | None = None  # only these case rules' findings (`engine.run`)


def evaluate(setting: Setting | None, files: list[tuple[str, str]], progress: bool = False) -> Evaluation:
    """Evaluate these case files (in worker processes when there are many). Without a setting
    (no valid council or policy) the files are only loaded and validated."""
    workers = os.cpu_count() or 1
    batches = _batches(files, workers)
    workers = min(workers, len(batches))
    with _progress(len(files), progress) as bar:
        if len(files) >= PARALLEL_FROM and workers > 1:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(setting,)) as pool:
                done = _advancing(pool.map(_evaluate, batches), bar)
                return _merge(done, setting, len(files))
        _set(setting)
        return _merge(_advancing(map(_evaluate, batches), bar), setting, len(files))


def _batches(files: list, workers: int) -> list[list]:
    """Full batches, then quarter ones for the last round, so that no worker is left finishing a
    full batch while the others wait (pool.map keeps the order, so the results are the same)."""
    tail = min(len(files), workers * BATCH)
    head, small = len(files) - tail, BATCH // 4
    return ([files[i : min(i + BATCH, head)] for i in range(0, head, BATCH)]
            + [files[i : i + small] for i in range(head, len(files), small)])


_SETTING: Setting | None = None


def _set(setting: Setting | None) -> None:
    global _SETTING
    _SETTING = setting


def _start_worker(setting: Setting | None) -> None:
    _set(setting)
    gc.freeze()  # what the worker was forked with lives as long as it does: collections skip it


def _evaluate(files: list[tuple[str, str]]) -> Evaluation:
    """One batch, in a worker (or in this process for a small repository)."""
    batch = Evaluation([], {})
    if _SETTING is not None and _SETTING.count:
        from checker.privacy import Fingerprints  # only a count needs it

        batch.private = Fingerprints()
    collecting = gc.isenabled()
    gc.disable()  # a batch makes 100,000s of containers and no cycles: tracing them is wasted time
    try:
        for path, shown in files:
            _evaluate_one(path, shown, _SETTING, batch)
    finally:
        if collecting:
            gc.enable()
    return batch


def _evaluate_one(path: str, shown: str, setting: Setting | None, batch: Evaluation) -> None:
    document, problems = load_file(path, shown, "case")
    if document is None or problems or setting is None:
        batch.outcomes.append(Outcome(shown, tuple(problems)))
        return
    case = Case(document, setting.council, setting.policy, setting.codes, setting.calendar, setting.as_of)
    under_code = case.route in UNDER_A_CODE
    batch.outcomes.append(
        Outcome(
            shown,
            tuple(engine.check_case(case, setting.rules)),
            case.id,
            case.route,
            (case.route_rules or {}).get("code"),
            "".join([ANSWER[answer(case)] for answer in ANSWERS]) if under_code else "-" * len(ANSWERS),
        )
    )
    if setting.count:
        from checker import privacy, report  # they build on the engine: imported where needed

        report.count(batch.figures, case, setting.council, setting.codes)
        batch.private.add(case.data)
        batch.public.update(privacy.public(case.data))


def _merge(batches: Iterable[Evaluation], setting: Setting | None, evaluated: int) -> Evaluation:
    """The batches' evaluations as one, in order."""
    merged = Evaluation([], None, evaluated)
    if setting is not None and setting.count:
        from checker import report
        from checker.privacy import Fingerprints

        merged.figures, merged.private = {}, Fingerprints()
    for batch in batches:
        merged.outcomes.extend(batch.outcomes)
        if merged.figures is not None:
            report.merge(merged.figures, batch.figures)
            merged.private.extend(batch.private)
            merged.public.update(batch.public)
    return merged


def _advancing(batches: Iterable[Evaluation], bar) -> Iterator[Evaluation]:
    for batch in batches:
        bar.update(len(batch.outcomes))
        yield batch


def _progress(total: int, wanted: bool):
    """A progress bar on a terminal, shown only once a run has taken two seconds; never in CI logs
    or when the output is not a terminal."""
    from tqdm import tqdm

    shown = wanted and sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, unit=" cases", desc="checking", delay=2, leave=False, disable=not shown,
                file=sys.stderr, mininterval=0.25)
