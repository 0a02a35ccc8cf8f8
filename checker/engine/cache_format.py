"""The results cache's file format: plain data, checked field by field when it is read back.

A cache file is one JSON document, `{"cache": ..., "fingerprint": ..., "entries": ...}`, whose
fingerprint comes first so that a stale file is known from its first bytes. The entries are a
whole check's findings, or every case file's signature and outcome. A finding is an array of its
fields in order (its location as path, line and column; its severity as its number). The outcomes
are kept as columns, one array per field of `Outcome` (and one of the signatures, four numbers a
file), each distinct tuple of metric answers once and the findings only for the files that have
any: a few long arrays of strings and numbers, which JSON parses and `map` checks at C speed,
rather than 100,000s of small ones.

Reading one builds nothing but strings, numbers and lists, and then `Outcome`, `Finding`,
`Location` and `Severity` from them by position: the file never names a class. Every value is
checked against its field's type (a `bool` is not an `int`, a number is not a string), so a
column or array of the wrong length, a value of the wrong type, a finding with a field too many
or nesting too deep is `Unreadable`, and the cache counts as empty.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from itertools import chain, repeat
from typing import Any

from checker.engine.signatures import Signature
from checker.model.findings import Finding, Location, Severity
from checker.model.outcome import Outcome

KIND = "complaints-as-code results, version 1"
# the fields of a Finding as kept, in order: a test checks they are the dataclass's own
FINDING_FIELDS = (
    "rule",
    "severity",
    "message",
    "location",
    "provisions",
    "clauses",
    "case_id",
    "explained",
    "explanation",
    "subject",
    "path",
)
# the columns of the outcomes: the files' signatures, then each field of Outcome (its answers as
# an index into the answer sets, each distinct tuple of answers once)
COLUMNS = ("signature", "path", "findings", "case_id", "route", "code", "answers", "answer_sets")
SEVERITIES = {severity.value: severity for severity in Severity}
TEXT: frozenset[type] = frozenset({str})
MAYBE_TEXT: frozenset[type] = frozenset({str, type(None)})
WHOLE: frozenset[type] = frozenset({int})
ARRAY: frozenset[type] = frozenset({list})
ANSWER: frozenset[type] = frozenset({bool, type(None)})  # met, missed, or the metric does not apply


class Unreadable(ValueError):
    """A cache file that is not exactly what this module writes."""


def document(fingerprint: bytes, entries: object) -> bytes:
    """A cache file's bytes: the fingerprint first, then the entries (plain JSON, ASCII only)."""
    body = json.dumps(entries, default=_plain, separators=(",", ":"), check_circular=False)
    return f"{_start(fingerprint)}{body}}}".encode("ascii")


def entries(fingerprint: bytes, kept: bytes) -> object:
    """What `document` wrote under this fingerprint; Unreadable if it is anything else, or was
    written under another fingerprint (known from the first bytes, without parsing the rest)."""
    if not kept.startswith(_start(fingerprint).encode("ascii")):
        raise Unreadable("another fingerprint")
    whole = json.loads(kept)
    if (
        type(whole) is not dict
        or whole.keys() != {"cache", "fingerprint", "entries"}
        or whole["cache"] != KIND
        or whole["fingerprint"] != fingerprint.hex()
    ):
        raise Unreadable("not a results cache")
    return whole["entries"]


def findings(rows: object) -> tuple[Finding, ...]:
    """A whole check's findings, from what `document` kept of them."""
    if type(rows) is not list:
        raise Unreadable("not a list of findings")
    return tuple(map(_finding, rows))


def outcome_columns(kept: list[tuple[Signature, Outcome]]) -> dict[str, list]:
    """Case files' signatures and outcomes as the cache keeps them: a column per field."""
    sets: dict[tuple[bool | None, ...], int] = {}
    return {
        "signature": list(chain.from_iterable(signature for signature, _ in kept)),
        "path": [outcome.path for _, outcome in kept],
        "findings": [
            [index, outcome.findings] for index, (_, outcome) in enumerate(kept) if outcome.findings
        ],
        "case_id": [outcome.case_id for _, outcome in kept],
        "route": [outcome.route for _, outcome in kept],
        "code": [outcome.code for _, outcome in kept],
        "answers": [sets.setdefault(outcome.answers, len(sets)) for _, outcome in kept],
        "answer_sets": list(sets),
    }


def outcomes(columns: object) -> dict[str, tuple[Signature, Outcome]]:
    """Each kept outcome, by its file's path, with the signature it was kept under."""
    if type(columns) is not dict or columns.keys() != set(COLUMNS):
        raise Unreadable("not the columns of the outcomes")
    signed, paths, found, case_ids, routes, codes, answers, sets = map(columns.__getitem__, COLUMNS)
    _all((signed, paths, found, case_ids, routes, codes, answers, sets), ARRAY)
    count = len(paths)
    if not len(case_ids) == len(routes) == len(codes) == len(answers) == count == len(signed) // 4:
        raise Unreadable("columns of different lengths")
    if len(signed) % 4:
        raise Unreadable("a signature of the wrong length")
    _all(signed, WHOLE)
    _all(paths, TEXT)
    _all(chain(case_ids, routes, codes), MAYBE_TEXT)
    _all(answers, WHOLE)
    _all(sets, ARRAY)
    _all(chain.from_iterable(sets), ANSWER)
    if count and not 0 <= min(answers) <= max(answers) < len(sets):
        raise Unreadable("an answer set that is not there")
    answer_sets = list(map(tuple, sets))
    each = iter(signed)
    made = map(
        tuple.__new__,
        repeat(Outcome),
        zip(
            paths,
            _findings(found, count),
            case_ids,
            routes,
            codes,
            map(answer_sets.__getitem__, answers),
        ),
    )
    kept = dict(zip(paths, zip(zip(each, each, each, each), made)))
    if len(kept) != count:
        raise Unreadable("a case file kept twice")
    return kept


def publication(entries: object) -> tuple[dict[str, tuple[Signature, Outcome]], dict[str, list]]:
    """What a publication's cache keeps: each outcome, as `outcomes` reads them, and each chunk's
    tallies by its key, still as plain data (each collector reads its own, `Collector.restored`)."""
    if type(entries) is not dict or entries.keys() != {"outcomes", "chunks"}:
        raise Unreadable("not a publication's outcomes and tallies")
    chunks = entries["chunks"]
    if type(chunks) is not dict:
        raise Unreadable("not the tallies of chunks")
    _all(chunks.values(), ARRAY)
    return outcomes(entries["outcomes"]), chunks


def _findings(rows: list, count: int) -> list[tuple[Finding, ...]]:
    """Each outcome's findings, from the files that have any (by their index, in order)."""
    found: list[tuple[Finding, ...]] = [()] * count
    after = -1
    for row in rows:
        if type(row) is not list or len(row) != 2 or type(row[0]) is not int:
            raise Unreadable("findings of the wrong shape")
        index, kept = row
        if not after < index < count:
            raise Unreadable("findings of no case file, or of one twice")
        found[index], after = findings(kept), index
    return found


def _start(fingerprint: bytes) -> str:
    return f'{{"cache":"{KIND}","fingerprint":"{fingerprint.hex()}","entries":'


def _plain(value: object) -> list:
    """A finding (or its location) as an array of its fields, for `json.dumps`."""
    if type(value) is Finding:
        return [
            value.rule,
            int(value.severity),
            value.message,
            value.location,
            value.provisions,
            value.clauses,
            value.case_id,
            value.explained,
            value.explanation,
            value.subject,
            value.path,
        ]
    if type(value) is Location:
        return [value.path, value.line, value.column]
    raise TypeError(f"{type(value).__name__} is not kept in the results cache")


def _finding(row: Any) -> Finding:
    if type(row) is not list or len(row) != len(FINDING_FIELDS):
        raise Unreadable("a finding of the wrong shape")
    (
        rule,
        severity,
        message,
        location,
        provisions,
        clauses,
        case_id,
        explained,
        explanation,
        subject,
        path,
    ) = row
    if type(location) is not list or len(location) != 3:
        raise Unreadable("a location of the wrong shape")
    _all((rule, message, location[0]), TEXT)
    _all((location[1], location[2], severity), WHOLE)
    _all((case_id, explanation, subject), MAYBE_TEXT)
    _all((provisions, clauses, path), ARRAY)
    _all(chain(provisions, clauses), TEXT)
    _all(path, {str, int})  # a YAML path: keys and list indices
    if type(explained) is not bool or severity not in SEVERITIES:
        raise Unreadable("a finding's values of the wrong type")
    return Finding(
        rule,
        SEVERITIES[severity],
        message,
        Location(*location),
        tuple(provisions),
        tuple(clauses),
        case_id,
        explained,
        explanation,
        subject,
        tuple(path),
    )


def _all(values: Any, types: Collection[type]) -> None:
    """Unreadable unless every value is exactly of one of `types` (a subclass is not enough)."""
    if not set(map(type, values)).issubset(types):
        raise Unreadable("a value of the wrong type")
