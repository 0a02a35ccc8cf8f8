"""The report as open data: the JSON as published, and the CSV of every figure (numeric, with a
status column for what is withheld) with its Frictionless Table Schema."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.report.publish import Published


def json_format(report: Published) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "year",
    "section",
    "table",
    "row",
    "column",
    "value",
    "unit",
    "status",
    "low",
    "high",
)

# What the CSV's `status` says of a figure: its value is given only when it is "published"; a
# range gives its least and most in `low` and `high`.
STATUSES = {
    "published": "the exact figure, in value",
    "fewer than threshold": "a protected count from 1 to the threshold ('fewer than 5')",
    "withheld": "a figure withheld so that a protected count cannot be worked out ('hidden')",
    "not shown": "a figure not shown at all: it could be any number",
    "small base": "a percentage of a protected count from 1 to the threshold",
    "range": "a percentage or rate given only as the range in low and high",
    "not applicable": "nothing to count or divide by (no responses, say)",
}
UNITS = ("complaints", "percent", "per 1,000 homes", "working days", "GBP", "homes", "remedies")
RANGE = re.compile(r"^(\d+(?:\.\d+)?)%? to (\d+(?:\.\d+)?)%?$")


def _unit(key: str, table: str = "") -> str:
    """The unit of a figure, from its name: one place, so the Table Schema can list them."""
    if key.endswith("per_1000_homes"):
        return "per 1,000 homes"
    if key.endswith("working_days"):
        return "working days"
    if key == "financial_total":
        return "GBP"
    if key == "homes":
        return "homes"
    if key.endswith(("_rate", "_in_time", "_extension", "on_time", "within_timescales")) or (
        key.startswith("within_timescales") or key == "TP09"
    ):
        return "percent"
    return "remedies" if table == "remedies" else "complaints"


def _status(value: object) -> tuple[object, str, object, object]:
    """A published figure as (value, status, low, high): the value only where it is exact."""
    if isinstance(value, bool) or value is None:
        return "", "not applicable", "", ""
    if isinstance(value, (int, float)):
        return value, "published", "", ""
    text = str(value)
    if match := RANGE.match(text):
        return "", "range", float(match[1]), float(match[2])
    if text.startswith("fewer than") and text.endswith("cases"):
        return "", "small base", "", ""
    if text.startswith("fewer than"):
        return "", "fewer than threshold", "", ""
    if text.startswith("not shown"):
        return "", "not shown", "", ""
    return "", "withheld", "", ""


def csv_format(report: Published) -> str:
    """Every published figure, one per row: stable columns for reuse, the value numeric (or empty)
    and what was withheld said in `status` (the Table Schema, `csv_table_schema`, describes it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    year = report["year"]

    def row(section: str, table: str, key: str, column: str, value: object, unit: str) -> None:
        writer.writerow((year, section, table, key, column, *_with_unit(value, unit)))

    for key, value in report["totals"].items():
        row("totals", "totals", key, "", value, _unit(key))
    tables = [("volumes", t) for t in report["volumes"]] + [
        ("not_accepted", report["not_accepted"])
    ]
    tables += [("outcomes", report["outcomes"][k]) for k in ("by_stage", "by_service", "remedies")]
    for x in report["timeliness_by_service"]["rows"]:
        for key, value in x.items():
            if key not in ("key", "label"):
                row("timeliness", "service", x["key"], key, value, _unit(key))
    for q in [*report["quarters"]["rows"], {"key": "total", **report["quarters"]["total"]}]:
        for key, value in q.items():
            if key not in ("key", "label"):
                row("volumes", "quarter", q["key"], key, value, _unit(key))
    tables += [("ombudsman", t) for t in report["ombudsman"]["decisions"]]
    tables += [("ombudsman", report["ombudsman"]["themes"])]
    tables += [("learning", report["learning"]["themes"])]
    for section, t in tables:
        unit = _unit("", t["id"])
        for r in t["rows"]:
            for column, value in zip(t["columns"], r["values"]):
                row(section, t["id"], r["key"], column, value, unit)
            if "total" in r:
                row(section, t["id"], r["key"], "Total", r["total"], unit)
        for column, value in zip(t["columns"], t.get("total", ())):
            row(section, t["id"], "total", column, value, unit)
        if "grand_total" in t:
            row(section, t["id"], "total", "Total", t["grand_total"], unit)
    for stage in report["timeliness"]:
        for key, value in stage.items():
            if key != "stage":
                row("timeliness", f"stage{stage['stage']}", key, "", value, _unit(key))
    o = report["outcomes"]
    row("outcomes", "remedies", "financial_total", "", o["financial_remedies_total"], "GBP")
    row("outcomes", "remedies", "financial_average", "", o["financial_remedies_average"], "GBP")
    for stage, amount in o["financial_remedies_by_stage"].items():
        row("outcomes", "remedies", "financial_total", stage, amount, "GBP")
    m = report["ombudsman"]
    row("ombudsman", "compensation", "compensation_ordered", "", m["compensation_ordered"], "GBP")
    row("ombudsman", "recommendations", "recommendations", "", m["recommendations"], "complaints")
    on_time = m["recommendations_complied_on_time"]
    row("ombudsman", "recommendations", "complied_on_time", "", on_time, "percent")
    for path, value in _leaves(report["tsm"] or {}):
        row("tsm", path[0], ".".join(path[1:-1]), path[-1], value, _unit(path[-1]))
    return out.getvalue()


def _with_unit(value: object, unit: str) -> tuple[object, ...]:
    number, status, low, high = _status(value)
    if unit == "working days" and isinstance(number, int):
        number = float(number)  # a median may be a half: every number of days is a decimal
    return number, unit, status, low, high


def _leaves(node: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    """The TSM figures (numbers, and the words standing for withheld ones) with their paths; its
    text (labels, dates, settings) is not a figure."""
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*path, str(k)))]
    if isinstance(node, list):
        found = []
        for n, item in enumerate(node):
            name = item.get("tenure", str(n)) if isinstance(item, dict) else str(n)
            found += _leaves(item, (*path, name))
        return found
    if len(path) < 2 or isinstance(node, bool) or path[-1] in _TSM_TEXT:
        return []
    if isinstance(node, str) and _status(node)[1] == "withheld" and not _is_label(node):
        return []
    return [(path, node)]


_TSM_TEXT = {"tenure", "label", "homes_as_of", "homes_example", "withdrawn", "refused"}


def _is_label(text: str) -> bool:
    """Whether a TSM string is one of the words disclosure control writes for a figure."""
    return text in ("hidden", "not shown") or text.startswith(("fewer than", "not shown"))


def csv_table_schema(report: Published) -> str:
    """A Frictionless Table Schema (v1) of the CSV (`csv_format`): its columns, their types, units
    and statuses, for tools that read open data."""
    threshold = report["suppression"]["threshold"]

    def field(name: str, kind: str, description: str, **constraints: object) -> dict[str, object]:
        found: dict[str, object] = {"name": name, "type": kind, "description": description}
        if constraints:
            found["constraints"] = constraints
        return found

    schema = {
        "$schema": "https://datapackage.org/profiles/1.0/tableschema.json",
        "title": f"Annual complaints report {report['year']}: every published figure",
        "description": (
            f"{report['council']}'s annual complaints report figures as at {report['as_of']}, "
            "one per row. A figure withheld by disclosure control has an empty value and says why "
            f"in status (counts from 1 to {threshold} that could point at a person are protected)."
        ),
        "fields": [
            field("year", "string", "The reporting year.", required=True, pattern=r"\d{4}-\d{2}"),
            field("section", "string", "The part of the report.", required=True),
            field("table", "string", "The table or group of figures.", required=True),
            field("row", "string", "The row: a category's key, 'total', or a figure's name."),
            field("column", "string", "The column: a stage, a decision, or empty."),
            field("value", "number", "The figure, where it is published exactly."),
            field("unit", "string", "What the figure counts.", required=True, enum=list(UNITS)),
            field(
                "status",
                "string",
                "Whether the figure is published and if not why: "
                + "; ".join(f"{k}: {v}" for k, v in STATUSES.items()),
                required=True,
                enum=list(STATUSES),
            ),
            field("low", "number", "The least the figure can be, where it is given as a range."),
            field("high", "number", "The most the figure can be, where it is given as a range."),
        ],
        "missingValues": [""],
        "primaryKey": ["year", "section", "table", "row", "column"],
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
