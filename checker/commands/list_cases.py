"""`complaints list`: the cases in a line each (stage, open or closed, next deadline, handler,
service), narrowed by filters, by next deadline then id; as text, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date

from checker.calendar import periods
from checker.commands import UsageError, root
from checker.engine.cases import whole_cases
from checker.engine.due import left
from checker.engine.listing import Filters, Open, Summary, listing
from checker.formats.json_format import escaped
from checker.formats.text import printable
from checker.load.repository import load_repository
from checker.load.view import view

VERSION = 1
COLUMNS = (
    "id",
    "route",
    "service",
    "type",
    "received",
    "year",
    "stage",
    "state",
    "closed",
    "handler",
    "next_stage",
    "next_step",
    "next_due",
    "working_days_left",
)


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    seen = view(load_repository(root(args)), as_of)
    if seen.council is None or seen.policy is None:
        raise UsageError(
            "policy/council.yaml and policy/policy.yaml must be valid first; "
            "`complaints check` says why"
        )
    start_month = seen.council.data["reporting_year"]["start_month"]
    if args.year:
        periods.bounds(args.year, start_month)  # a year of the council's shape, or a usage error
    filters = Filters(
        state=args.state,
        stage=args.stage,
        overdue=args.overdue,
        due_within=args.due_within,
        handler=args.handler,
        service=args.service,
        route=args.route,
        year=args.year,
    )
    rows = listing(whole_cases(seen), filters, start_month)
    sys.stdout.write(FORMATS[args.format](rows, as_of))
    return 0


def record(row: Summary) -> dict:
    """A case's line as JSON gives it (keys in this order)."""
    return {
        "id": row.case_id,
        "route": row.route,
        "service": row.service,
        "type": row.type,
        "received": row.received.isoformat(),
        "year": row.year,
        "stage": row.stage,
        "state": row.state,
        "closed": row.closed.isoformat() if row.closed else None,
        "handler": row.handler,
        "next": _next(row.next),
    }


def _next(step: Open | None) -> dict | None:
    if step is None:
        return None
    return {
        "stage": step.stage,
        "step": step.step,
        "due": step.due.day.isoformat(),
        "working_days_left": step.due.left,
    }


def text(rows: list[Summary], as_of: date) -> str:
    """A table a handler reads at a glance, and a count."""
    if not rows:
        return f"No case matches as of {as_of.isoformat()}.\n"
    table = [("case", "stage", "state", "next deadline", "", "handler", "service")]
    for row in rows:
        step = row.next
        table.append(
            (
                row.case_id,
                str(row.stage),
                row.state,
                f"{step.due.day.isoformat()} stage {step.stage} {step.step}" if step else "-",
                left(step.due.left) if step else "",
                row.handler or "(unassigned)",
                row.service,
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in table]
    still = sum(1 for row in rows if row.state == "open")
    overdue = sum(1 for row in rows if row.next and row.next.due.left < 0)
    lines.append(
        f"{len(rows)} case{'s' if len(rows) != 1 else ''} as of {as_of.isoformat()}: "
        f"{still} open, {overdue} overdue."
    )
    return printable("\n".join(lines), breaks=True) + "\n"


def as_json(rows: list[Summary], as_of: date) -> str:
    document = {"version": VERSION, "as_of": as_of.isoformat(), "cases": [record(r) for r in rows]}
    return escaped(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def as_csv(rows: list[Summary], as_of: date) -> str:
    """One row a case, the columns of COLUMNS (every value an id, a date, a number or a word
    from a closed list: nothing a spreadsheet would run as a formula)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        line = record(row)
        step = line.pop("next") or {}
        writer.writerow(
            [
                *line.values(),
                step.get("stage"),
                step.get("step"),
                step.get("due"),
                step.get("working_days_left"),
            ]
        )
    return printable(out.getvalue(), breaks=True)


FORMATS = {"text": text, "json": as_json, "csv": as_csv}
