"""`complaints score` output: a table for people, JSON and CSV for machines.

The JSON, stable (bump VERSION on an incompatible change):

    {"version": 1, "as_of": "2026-11-23", "scores": [
      {"code": "housing-ombudsman", "edition": "2024", "self_assessment": "policy/...yaml",
       "period": "2025-26",
       "declared": {"yes": 63, "partial": 0, "no": 9, "share": 0.875},
       "evidenced": {"share": 0.889},
       "sections": [{"number": 1, "title": "...", "yes": 5, "partial": 0, "no": 0,
                     "declared_share": 1.0, "evidenced_share": 1.0}],
       "provisions": [{"provision": "6.3", "section": 6, "declared": "yes",
                       "evidenced": "met" | "not-met" | "no-data" | null,
                       "contradiction": "yes-contradicted" | "no-shown-met" | null,
                       "metrics": [{"metric": "stage1-responded-in-time", "met": 373,
                                    "applicable": 377, "rate": 0.989, "target": 0.95}]}],
       "contradictions": ["5.6"],
       "coverage": {"no_evidence": ["1.5"], "broken_links": []},
       "actions": [{"provision": "4.3", "declared": "no", "what": "...", "owner": null,
                    "due": null, "done": null, "overdue": false}]}]}
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line imports this module for its format names: keep it light
    from checker.model.scores import Score

VERSION = 1


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def text(scores: Sequence[Score], as_of: date) -> str:
    lines: list[str] = []
    for s in scores:
        lines.append(f"{s.title} ({s.code}, {s.edition}): {s.assessment.path}")
        lines.append(f"Cases of {s.period}, as of {as_of.isoformat()}")
        lines.append("")
        rows = [("section", "title", "yes", "partial", "no", "declared", "evidenced")]
        for section in s.sections:
            rows.append(
                (
                    str(section.number),
                    section.title[:44],
                    str(section.count("yes")),
                    str(section.count("partial")),
                    str(section.count("no")),
                    _pct(section.declared_share),
                    _pct(section.evidenced_share),
                )
            )
        rows.append(
            (
                "all",
                "",
                str(s.count("yes")),
                str(s.count("partial")),
                str(s.count("no")),
                _pct(s.declared_share),
                _pct(s.evidenced_share),
            )
        )
        lines.extend(_table(rows))
        lines.append("")
        rows = [("provision", "declared", "metric", "met/applicable", "rate", "target", "evidence")]
        for p in s.provisions:
            for e in p.evidence:
                rows.append(
                    (
                        p.number,
                        p.declared or "-",
                        e.measure.metric,
                        f"{e.measure.met}/{e.measure.applicable}",
                        _pct(e.measure.rate),
                        _pct(e.target),
                        p.evidenced or "-",
                    )
                )
        if len(rows) > 1:
            lines.append("Measured against the cases:")
            lines.extend(_table(rows))
            lines.append("")
        if s.contradictions:
            lines.append("Answers the cases contradict:")
            for p in s.contradictions:
                figures = "; ".join(
                    f"{e.measure.metric} {_pct(e.measure.rate)} "
                    f"({e.measure.met}/{e.measure.applicable}) "
                    f"against {_pct(e.target)}"
                    for e in p.evidence
                )
                said = (
                    "declared yes, but"
                    if p.contradiction == "yes-contradicted"
                    else "declared no, but"
                )
                lines.append(f"  {p.number}: {said} {figures}")
            lines.append("")
        if s.no_evidence or s.broken_links:
            lines.append("Evidence coverage:")
            if s.no_evidence:
                lines.append(f"  no evidence given: {', '.join(s.no_evidence)}")
            lines.extend(f"  {message}" for message in s.broken_links)
            lines.append("")
        if s.actions:
            lines.append("Action plan:")
            actions: list[tuple[str, ...]] = [
                ("provision", "declared", "action", "owner", "due", "status")
            ]
            for a in s.actions:
                status = (
                    "done"
                    if a.done
                    else ("OVERDUE" if a.overdue else ("no action" if not a.what else "open"))
                )
                actions.append(
                    (
                        a.provision,
                        a.declared,
                        _cut(a.what or "-", 60),
                        a.owner or "-",
                        a.due or "-",
                        status,
                    )
                )
            lines.extend(_table(actions))
            lines.append("")
    return "\n".join(lines)


def _document(s: Score) -> dict:
    return {
        "code": s.code,
        "edition": s.edition,
        "self_assessment": s.assessment.path,
        "period": s.period,
        "declared": {
            "yes": s.count("yes"),
            "partial": s.count("partial"),
            "no": s.count("no"),
            "share": round(s.declared_share, 4),
        },
        "evidenced": {"share": round(s.evidenced_share, 4)},
        "sections": [
            {
                "number": sec.number,
                "title": sec.title,
                "yes": sec.count("yes"),
                "partial": sec.count("partial"),
                "no": sec.count("no"),
                "declared_share": round(sec.declared_share, 4),
                "evidenced_share": round(sec.evidenced_share, 4),
            }
            for sec in s.sections
        ],
        "provisions": [
            {
                "provision": p.number,
                "section": p.section,
                "declared": p.declared,
                "evidenced": p.evidenced,
                "contradiction": p.contradiction,
                "metrics": [
                    {
                        "metric": e.measure.metric,
                        "met": e.measure.met,
                        "applicable": e.measure.applicable,
                        "rate": None if e.measure.rate is None else round(e.measure.rate, 4),
                        "target": e.target,
                    }
                    for e in p.evidence
                ],
            }
            for p in s.provisions
        ],
        "contradictions": [p.number for p in s.contradictions],
        "coverage": {"no_evidence": list(s.no_evidence), "broken_links": list(s.broken_links)},
        "actions": [
            {
                "provision": a.provision,
                "declared": a.declared,
                "what": a.what,
                "owner": a.owner,
                "due": a.due,
                "done": a.done,
                "overdue": a.overdue,
            }
            for a in s.actions
        ],
    }


def json_format(scores: Sequence[Score], as_of: date) -> str:
    document = {
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "scores": [_document(s) for s in scores],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "code",
    "period",
    "section",
    "provision",
    "declared",
    "evidenced",
    "contradiction",
    "metric",
    "met",
    "applicable",
    "rate",
    "target",
    "action",
    "action_due",
    "action_overdue",
)


def csv_format(scores: Sequence[Score], as_of: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in scores:
        actions = {a.provision: a for a in s.actions}
        for p in s.provisions:
            action = actions.get(p.number)
            base = [
                s.code,
                s.period,
                p.section,
                p.number,
                p.declared or "",
                p.evidenced or "",
                p.contradiction or "",
            ]
            tail = [
                action.what or "" if action else "",
                action.due or "" if action else "",
                str(action.overdue).lower() if action else "",
            ]
            for e in p.evidence or [None]:
                measured = (
                    [
                        e.measure.metric,
                        e.measure.met,
                        e.measure.applicable,
                        "" if e.measure.rate is None else round(e.measure.rate, 4),
                        e.target,
                    ]
                    if e
                    else ["", "", "", "", ""]
                )
                writer.writerow(base + measured + tail)
    return out.getvalue()


FORMATS = {"text": text, "json": json_format, "csv": csv_format}


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, an ellipsis marking where it was cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
