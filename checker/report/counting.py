"""The collector that counts each case into the report's figures as the engine evaluates it, and
its tally as the results cache keeps it: plain data, and back, checked field by field.

A batch of case files' figures (`{year: Figures}`, a `Counting` tally) is kept as a JSON object of
years, each an object of the fields that are not empty. Reading one back builds nothing but
`Figures`, `Timeliness`, `Tenure` and counters from strings and numbers, each value checked
against its field's shape (a count is an int, never a bool; a stage is 1 or 2), so anything but
what `kept` writes is a ValueError, and the batch is counted again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from checker.model.case import Case
from checker.report.figures import COUNTERS, NESTED, TOTALS, Figures, Timeliness, count, merge
from checker.report.tsm import Tenure

PAIRS = ("received", "withdrawn", "refused")  # a tenure's counts by stage


@dataclass(frozen=True)
class Counting:
    """The collector that counts each case into the figures of every reporting year it has an
    event in, as the engine evaluates it (`checker.engine.evaluate.Collector`); its tally is
    `{year: Figures}`. `dates` are the frozen years' dates (`as_at`), `as_of` the date every other
    year is counted as of (the case's own, if not given)."""

    as_of: date | None = None
    dates: Mapping[str, date] = field(default_factory=dict)
    name = "figures"

    def start(self) -> dict[str, Figures]:
        return {}

    def add(self, tally: dict[str, Figures], case: Case) -> None:
        count(tally, case, case.council, case.codes, self.dates, self.as_of)

    def merge(self, total: dict[str, Figures], tally: dict[str, Figures]) -> None:
        merge(total, tally)

    def kept(self, tally: dict[str, Figures]) -> dict[str, dict[str, Any]]:
        """A tally's figures as plain data: each year's fields that are not empty."""
        return {year: _kept_year(figures) for year, figures in tally.items()}

    def restored(self, data: object) -> dict[str, Figures]:
        """What `kept` made, read back; ValueError if it is anything else."""
        return {_text(year): _restored_year(year, kept) for year, kept in _mapping(data).items()}


def _whole(value: object) -> int:
    if type(value) is not int:
        raise ValueError("a count that is not a whole number")
    return value


def _amount(value: object) -> float:
    if type(value) not in (int, float):
        raise ValueError("an amount that is not a number")
    return value  # type: ignore[return-value]  # an int or a float, as counted


def _text(value: object) -> str:
    if type(value) is not str:
        raise ValueError("a name that is not text")
    return value


def _mapping(value: object) -> dict[str, Any]:
    if type(value) is not dict:
        raise ValueError("not an object")
    return value


def _list(value: object, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise ValueError("not a list of the right length")
    return value


def _counter(value: object, each: Callable[[object], Any] = _whole) -> Counter[str]:
    return Counter({_text(key): each(count) for key, count in _mapping(value).items()})


def _stage(key: str) -> int:
    if key not in ("1", "2"):
        raise ValueError("a stage that is not 1 or 2")
    return int(key)


def _timeliness(value: object) -> Timeliness:
    kept = _mapping(value)
    counts = {f.name: _whole(kept.get(f.name, 0)) for f in fields(Timeliness) if f.type == "int"}
    days = [_whole(day) for day in _list(kept.get("working_days", []))]
    if kept.keys() - counts.keys() - {"working_days"}:
        raise ValueError("a field Timeliness does not have")
    return Timeliness(**counts, working_days=days)


def _tenure(value: object) -> Tenure:
    kept = _mapping(value)
    if kept.keys() != {"received", "withdrawn", "refused", "ch02"}:
        raise ValueError("not a tenure's counts")
    pairs = {
        name: [_whole(n) for n in _list(kept[name], 2)]
        for name in ("received", "withdrawn", "refused")
    }
    ch02 = {_stage(k): [_whole(n) for n in _list(v, 3)] for k, v in _mapping(kept["ch02"]).items()}
    return Tenure(**pairs, ch02={**{1: [0, 0, 0], 2: [0, 0, 0]}, **ch02})


# How each field of Figures is read back (a test checks every field has one): into the fresh
# Figures' own container, so a defaultdict stays one.
def _counters(value: object, into: dict[str, Counter[str]]) -> None:
    for key, counts in _mapping(value).items():
        into[_text(key)] = _counter(counts)


def _by_stage(value: object, into: dict[int, Any], each: Callable[[object], Any]) -> None:
    for key, kept in _mapping(value).items():
        into[_stage(key)] = each(kept)


SUMS = ("compensation_ordered", "financial")  # money: a number, not a whole one
DATES = ("start", "end", "as_of")


def _kept_year(figures: Figures) -> dict[str, Any]:
    """One year's figures as new plain data (no container of the figures' own: they are merged
    into later)."""
    out: dict[str, Any] = {name: getattr(figures, name).isoformat() for name in DATES}
    for name in TOTALS:
        if value := getattr(figures, name):
            out[name] = value
    for name in COUNTERS:
        if value := getattr(figures, name):
            out[name] = dict(value)
    for name in NESTED:
        if value := getattr(figures, name):
            out[name] = {key: dict(counts) for key, counts in value.items()}
    out["outcomes"] = {str(stage): dict(counts) for stage, counts in figures.outcomes.items()}
    out["timeliness"] = {
        str(stage): {**vars(t), "working_days": list(t.working_days)}
        for stage, t in figures.timeliness.items()
    }
    if figures.tsm:
        out["tsm"] = {
            name: {
                **{pair: list(getattr(t, pair)) for pair in PAIRS},
                "ch02": {str(k): list(v) for k, v in t.ch02.items()},
            }
            for name, t in figures.tsm.items()
        }
    if figures.learning:
        out["learning"] = list(figures.learning)
    return out


def _restored_year(year: str, data: object) -> Figures:
    kept = _mapping(data)
    known = {*DATES, *TOTALS, *COUNTERS, *NESTED, "outcomes", "timeliness", "tsm"}
    if kept.keys() - known - {"learning"}:
        raise ValueError("a field Figures does not have")
    start, end, as_of = (date.fromisoformat(_text(kept[name])) for name in DATES)
    figures = Figures(year, start, end, as_of)
    for name in TOTALS:
        if name in kept:
            setattr(figures, name, (_amount if name in SUMS else _whole)(kept[name]))
    for name in COUNTERS:
        each = _amount if name in SUMS else _whole
        getattr(figures, name).update(_counter(kept.get(name, {}), each))
    for name in NESTED:
        _counters(kept.get(name, {}), getattr(figures, name))
    _by_stage(kept.get("outcomes", {}), figures.outcomes, _counter)
    _by_stage(kept.get("timeliness", {}), figures.timeliness, _timeliness)
    for name, tenure in _mapping(kept.get("tsm", {})).items():
        figures.tsm[_text(name)] = _tenure(tenure)
    figures.learning = [_text(text) for text in _list(kept.get("learning", []))]
    return figures
