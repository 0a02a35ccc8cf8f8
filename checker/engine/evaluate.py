"""Each case file evaluated once: loaded, validated, checked by every case rule, measured for the
scores and, for the report, counted into its year's figures.

A case's evaluation depends on nothing but the file, the council, the policy, the Codes and the
date, so the cases are split into batches and, when there are enough to be worth it, evaluated in
worker processes (one per core). Each worker returns small `Outcome`s (a case's findings, id,
route and metric answers) and partial report figures, never the parsed cases, so the checker's
memory stays flat at 100,000 cases. Batches come back in order, so the findings and figures are
exactly those of a single process. `checker.engine.cache` keeps each file's outcome, so an
unchanged case is not evaluated again; when it keeps none yet, each file is signed by the worker
that reads it, just before the read (`signed`), rather than all of them first.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from tqdm import tqdm

from checker.calendar.workdays import Calendar
from checker.engine import signatures as signing
from checker.engine.by_rule import check_by_rule
from checker.engine.cases import check_case, restamp
from checker.engine.untraced import untraced
from checker.load.repository import load_file
from checker.load.view import View
from checker.measures.metrics import METRICS
from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Document
from checker.model.outcome import Outcome, case_year

# each metric's question, and the key a case needs for it to apply, in METRICS order
ANSWERS = tuple((metric.answer, metric.needs) for metric in METRICS.values())
NOT_APPLICABLE = (None,) * len(ANSWERS)  # a case outside both Codes: no metric applies
BATCH = 400  # cases per task: large enough to amortise the hand-over, small enough to balance
PARALLEL_FROM = 1500  # fewer cases are evaluated faster than worker processes start


class Collector(Protocol):
    """Gathers what a later stage needs of each valid case while it is evaluated (the report's
    figures, the site's privacy fingerprints), so that the engine imports neither. A tally is
    started per batch (in a worker), added to per case, and the batches' tallies merged in order.
    The results cache keeps a batch's tally as plain data (`kept`: JSON's types only) and reads
    it back (`restored`: exactly what `kept` makes, else ValueError); `name` tells the tallies
    of one collector from another's."""

    name: str

    def start(self) -> Any: ...

    def add(self, tally: Any, case: Case) -> None: ...

    def merge(self, total: Any, tally: Any) -> None: ...

    def kept(self, tally: Any) -> object: ...

    def restored(self, data: object) -> Any: ...


@dataclass
class Evaluation:
    """Every case file's outcome, in path order, and each collector's tally."""

    outcomes: list[Outcome]
    tallies: list[Any] = field(default_factory=list)  # one per collector, in the setting's order
    evaluated: int = 0  # how many were evaluated now rather than taken from the cache
    # each file's signature, taken just before it was read (only when asked for: `signed`)
    signatures: list[signing.Signature | None] = field(default_factory=list)


@dataclass(frozen=True)
class Setting:
    """Everything a case's evaluation depends on besides its file (sent once to each worker)."""

    council: dict
    policy: dict
    codes: dict[str, dict]
    calendar: Calendar
    as_of: date
    rules: frozenset[str] | None = None  # only these case rules' findings (`engine.run`)
    collectors: tuple[Collector, ...] = ()
    # reporting year -> the date its cases are measured and collected as of, where that is not
    # `as_of` (a year whose published figures are frozen); the rules still judge them as of `as_of`
    dates: Mapping[str, date] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        view: View,
        rules: frozenset[str] | None = None,
        collectors: tuple[Collector, ...] = (),
        dates: Mapping[str, date] | None = None,
    ) -> Setting | None:
        """The setting of a loaded repository; None without a valid council and policy (its case
        files are then only loaded and validated)."""
        if view.calendar is None or view.policy is None or view.council is None:
            return None
        codes = {name: document.data for name, document in view.codes.items()}
        return cls(
            view.council.data,
            view.policy.data,
            codes,
            view.calendar,
            view.as_of,
            rules,
            collectors,
            dict(dates or {}),
        )

    def case(self, document: Document, as_of: date | None = None) -> Case:
        """A valid case file's document as a case of this setting (as of another date if given)."""
        return Case(
            document, self.council, self.policy, self.codes, self.calendar, as_of or self.as_of
        )

    def measured(self, case: Case) -> Case:
        """The case as its metrics and the collectors see it: as of its year's own date, if the
        year has one."""
        if not self.dates:  # no frozen year (the check's setting)
            return case
        when = self.dates.get(case_year(case.document.path))
        return case if when is None or when == case.as_of else self.case(case.document, when)


def evaluate(
    setting: Setting | None,
    files: list[tuple[str, str]],
    progress: bool = False,
    signed: bool = False,
) -> Evaluation:
    """Evaluate these case files (in worker processes when there are many). Without a setting
    (no valid council or policy) the files are only loaded and validated. With `signed`, each
    file's signature is taken just before it is read, and returned in order."""
    batches = _batches(files, os.cpu_count() or 1)
    return _merge(evaluate_batches(setting, batches, progress, signed), setting, len(files))


def evaluate_batches(
    setting: Setting | None,
    batches: list[list[tuple[str, str]]],
    progress: bool = False,
    signed: bool = False,
) -> list[Evaluation]:
    """Each batch of case files evaluated, with its own tallies, in order (in worker processes
    when there are many files)."""
    task = functools.partial(_evaluate, signed=signed)
    total = sum(map(len, batches))
    workers = min(os.cpu_count() or 1, len(batches))
    with _progress(total, progress) as bar:
        if total >= PARALLEL_FROM and workers > 1:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            with ProcessPoolExecutor(
                workers, mp_context=context, initializer=_start_worker, initargs=(setting,)
            ) as pool:
                return list(_advancing(pool.map(task, batches), bar))
        _set(setting)
        return list(_advancing(map(task, batches), bar))


def _batches(files: list, workers: int) -> list[list]:
    """Full batches, then quarter ones for the last round, so that no worker is left finishing a
    full batch while the others wait (pool.map keeps the order, so the results are the same)."""
    tail = min(len(files), workers * BATCH)
    head, small = len(files) - tail, BATCH // 4
    return [files[i : min(i + BATCH, head)] for i in range(0, head, BATCH)] + [
        files[i : i + small] for i in range(head, len(files), small)
    ]


_SETTING: Setting | None = None


def _set(setting: Setting | None) -> None:
    global _SETTING
    _SETTING = setting


def _start_worker(setting: Setting | None) -> None:
    _set(setting)
    gc.freeze()  # what the worker was forked with lives as long as it does: collections skip it


def _evaluate(files: Sequence[tuple[str, str]], signed: bool = False) -> Evaluation:
    """One batch, in a worker (or in this process for a small repository): every file loaded, the
    valid cases checked a rule at a time (`checker.engine.by_rule`), then each case's outcome."""
    setting = _SETTING
    collectors = setting.collectors if setting is not None else ()
    batch = Evaluation([], [collector.start() for collector in collectors])
    with untraced():
        loaded = []
        for path, shown in files:
            if signed:  # before the read: a change after it shows in the next run's signature
                batch.signatures.append(signing.one(path))
            loaded.append(load_file(path, shown, "case"))
        if setting is None:
            cases: list[Case | None] = [None] * len(loaded)
        else:
            cases = [
                setting.case(document) if document is not None and not problems else None
                for document, problems in loaded
            ]
            check_by_rule([case for case in cases if case is not None], setting.rules)
        for (_, shown), (_, problems), case in zip(files, loaded, cases):
            if case is None or setting is None:
                policy = setting.policy if setting is not None else None
                batch.outcomes.append(Outcome(shown, tuple(restamp(p, policy) for p in problems)))
            else:
                _outcome(shown, case, setting, batch)
    return batch


def _outcome(shown: str, case: Case, setting: Setting, batch: Evaluation) -> None:
    measured = setting.measured(case)
    under_code = case.route in UNDER_A_CODE
    batch.outcomes.append(
        Outcome(
            shown,
            tuple(check_case(case, setting.rules)),
            case.id,
            case.route,
            (case.route_rules or {}).get("code"),
            _answers(measured) if under_code else NOT_APPLICABLE,
        )
    )
    for collector, tally in zip(setting.collectors, batch.tallies):
        collector.add(tally, measured)


def _answers(case: Case) -> tuple[bool | None, ...]:
    """Each metric's answer for a case under a Code (None where the case lacks what it needs)."""
    data = case.data
    return tuple(
        [answer(case) if needs is None or needs in data else None for answer, needs in ANSWERS]
    )


def _merge(batches: Iterable[Evaluation], setting: Setting | None, evaluated: int) -> Evaluation:
    """The batches' evaluations as one, in order."""
    collectors = setting.collectors if setting is not None else ()
    merged = Evaluation([], [collector.start() for collector in collectors], evaluated)
    for batch in batches:
        merged.outcomes.extend(batch.outcomes)
        merged.signatures.extend(batch.signatures)
        for collector, total, tally in zip(collectors, merged.tallies, batch.tallies):
            collector.merge(total, tally)
    return merged


def _advancing(batches: Iterable[Evaluation], bar: tqdm) -> Iterator[Evaluation]:
    for batch in batches:
        bar.update(len(batch.outcomes))
        yield batch


def _progress(total: int, wanted: bool) -> tqdm:
    """A progress bar on a terminal, shown only once a run has taken two seconds; never in CI logs
    or when the output is not a terminal."""
    shown = wanted and sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(
        total=total,
        unit=" cases",
        desc="checking",
        delay=2,
        leave=False,
        disable=not shown,
        file=sys.stderr,
        mininterval=0.25,
    )
