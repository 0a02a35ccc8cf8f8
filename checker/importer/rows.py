"""`complaints import`: a case-management system's export, row by row, to case files.

Each row becomes the case file it describes, through the mapping (`checker.importer.mapping`):
the system's reference gives the case id, so the same row always finds the same file; the
complainant column becomes a pseudonymous reference by a keyed hash and is never copied; dates
are read in the export's UK formats as council-local times; a service, type, channel or other
code comes from the mapping's table of the export's labels, never from a cell's text. The whole
export is read (within its bounds) before anything is written. A row is written only if its case
file would be valid, free of personal data and in date order (`checker.edit.drafts`, the same test
the step commands apply); it is never written over an existing file. Every row is reported:
imported, unchanged (imported before), skipped (not a complaint, or its file exists and differs)
or rejected, with its row number and the reason. A reason names the column, never the cell's
text: a cell may hold a name or an address typed in the wrong place.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from checker import schemas
from checker.calendar import periods
from checker.edit import drafts
from checker.edit.new_case import PSEUDONYM_ALPHABET
from checker.edit.roundtrip import Flow, Moment, render
from checker.engine.evaluate import Setting
from checker.files import write_new
from checker.importer import exports
from checker.importer import mapping as import_mapping
from checker.importer.exports import Cell, Row
from checker.importer.mapping import Field, Mapping, MappingError, fold
from checker.load import case_schema
from checker.load.repository import load_repository
from checker.load.view import view
from checker.model.findings import relative

BOOLEANS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}
SLUG = re.compile(r"[^a-z0-9]+")
MIN_KEY = 16
ONE_LINE = ("extension", "exclusion")  # written {like: this}, as the step commands write them


class Rejected(Exception):
    """This row cannot become a case file, and why."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one row."""

    row: int
    reference: str
    status: str  # imported | unchanged | skipped | rejected
    detail: str  # the case file, or the reason


def run(
    root: Path, export: Path, mapping_path: Path, as_of: date, dry_run: bool = False
) -> list[Outcome]:
    """Import every row of `export` into the repository at `root`; what happened to each row."""
    setting = Setting.of(view(load_repository(root, set()), as_of))
    if setting is None:
        raise MappingError(
            "policy/council.yaml and policy/policy.yaml must be valid first; "
            "`complaints check` says why"
        )
    codes = [e["code"] for e in setting.policy["rules"].get("exclusions", [])]
    mapping = import_mapping.read(mapping_path, mapping_path.name, codes, setting.council)
    key = _key(mapping)
    header, records = exports.read(export, mapping.encoding, mapping.sheet)
    mapping.check_header(header, export)
    # every row read first, so an export that cannot be read to its end writes nothing
    rows = list(exports.rows(header, records, mapping.columns()))
    outcomes: list[Outcome] = []
    seen: dict[str, int] = {}  # each reference's row
    for row in rows:
        reference = str(row.cells.get(mapping.id_column, ""))
        try:
            outcomes.append(_one(root, row, header, mapping, key, setting, as_of, seen, dry_run))
        except Rejected as reason:
            outcomes.append(Outcome(row.number, reference, "rejected", str(reason)))
    return outcomes


def _one(
    root: Path,
    row: Row,
    header: list[str],
    mapping: Mapping,
    key: bytes,
    setting: Setting,
    as_of: date,
    seen: dict[str, int],
    dry_run: bool,
) -> Outcome:
    cells = row.cells
    reference = str(cells[mapping.id_column])
    if row.width > len(header):
        raise Rejected(
            f"the row has {row.width} cells but the header has {len(header)} columns; "
            "a value probably holds an unquoted comma: export the report again"
        )
    if mapping.only and fold(cells[mapping.only[0]]) not in mapping.only[1]:
        return Outcome(
            row.number,
            reference,
            "skipped",
            f"{mapping.only[0]} is not one of the values the mapping imports (only: values:)",
        )
    if not reference:
        raise Rejected(f"{mapping.id_column} is empty; every case needs the system's reference")
    if reference in seen:
        raise Rejected(
            f"the reference {reference} is also on row {seen[reference]}; "
            "each case is imported once: correct the duplicate in the case-management system"
        )
    seen[reference] = row.number
    data = _case(cells, reference, mapping, key, setting)
    year = periods.label(
        setting.calendar.receipt(_when(data["received"])),
        setting.council["reporting_year"]["start_month"],
    )
    found = mapping.id_number.search(reference)
    if not found or len(str(int(found.group(1)))) > 6:
        raise Rejected(
            f"no case number of up to 6 digits in the reference '{reference}'; "
            "correct id: number: in the mapping"
        )
    case_id = f"{setting.council['case_prefix']}-{year[:4]}-{int(found.group(1)):04d}"
    data = {"id": case_id, **data}
    path = root / "cases" / year / f"{case_id}.yaml"
    shown = relative(path, root)
    text = (
        schemas.header(root)
        + "\n"
        + f"# Imported from {mapping.source}, reference {reference}.\n"
        + render(_ordered(data, ()))
    )
    refused = drafts.blocking(drafts.findings(text, shown, setting))
    if refused:
        raise Rejected("; ".join(_in_columns(f.message, mapping) for f in refused))
    if path.exists():
        if path.read_bytes() == text.encode("utf-8"):
            return Outcome(row.number, reference, "unchanged", f"{shown} (imported before)")
        return Outcome(
            row.number,
            reference,
            "skipped",
            f"{shown} already exists and differs (edited since, or "
            "another case has this id); it was not overwritten",
        )
    if not dry_run:
        try:
            write_new(path, text)
        except FileExistsError:
            return Outcome(
                row.number,
                reference,
                "skipped",
                f"{shown} appeared while importing; it was not overwritten",
            )
    return Outcome(row.number, reference, "imported", shown)


def _case(
    cells: dict[str, Cell], reference: str, mapping: Mapping, key: bytes, setting: Setting
) -> dict[str, Any]:
    """The case data a row gives (without its id), in plain values."""
    label = cells[mapping.service_column]
    if not label:
        raise Rejected(f"{mapping.service_column} is empty; every case needs its service")
    if fold(label) not in mapping.services:
        raise Rejected(
            f"{mapping.service_column} holds a label that is not under services: values: in the "
            "mapping; add it there with the declared service and route it means, or correct the row"
        )
    service, route = mapping.services[fold(label)]
    who = str(cells[mapping.complainant_column])
    if not who:
        raise Rejected(
            f"{mapping.complainant_column} is empty; every case needs a complainant to give a "
            "pseudonymous reference"
        )
    data: dict[str, Any] = {
        "route": route,
        "service": service,
        "complainant": {"ref": pseudonym(key, who)},
    }
    for entry in mapping.fields:
        cell = cells[entry.column]
        if cell == "":
            continue
        _put(data, entry.path, _value(entry, cell, mapping, setting))
    for path, value in {**mapping.defaults, **mapping.defaults_by_route.get(route, {})}.items():
        if _get(data, path[:-1]) is not None and _get(data, path) is None:
            _put(data, path, value)
    case = case_schema.node(())
    assert case is not None  # the case schema's top level
    for required in case["required"]:
        if required not in data and required != "id":
            columns = [f.column for f in mapping.fields if f.path == (required,)]
            raise Rejected(
                f"{columns[0] if columns else required} is empty; every case needs {required}"
            )
    return data


def _value(entry: Field, cell: Cell, mapping: Mapping, setting: Setting) -> object:
    """A cell as the value its field takes."""
    kind = case_schema.kind(entry.path)
    name = ".".join(entry.path)
    if entry.values is not None and kind not in ("date", "moment"):
        if fold(cell) not in entry.values:
            raise Rejected(
                f"{entry.column} holds a label that is not one of the mapping's values for "
                f"{name} ({', '.join(entry.labels)}); add it under fields: {name}: values: with "
                "the value it means, or correct the row"
            )
        return entry.values[fold(cell)]
    if kind in ("date", "moment"):
        when = _timestamp(cell, entry.column, mapping)
        if kind == "date" or not isinstance(when, datetime):
            return when.date() if isinstance(when, datetime) else when
        return Moment(when.replace(tzinfo=setting.calendar.zone).isoformat())
    if kind == "boolean":
        if fold(cell) not in BOOLEANS:
            raise Rejected(
                f"{entry.column} is not yes or no; correct the row or add values: to the mapping"
            )
        return BOOLEANS[fold(cell)]
    if kind == "integer":
        if not (isinstance(cell, str) and cell.isdigit()):  # (a date's text is never digits)
            raise Rejected(f"{entry.column} is not a whole number; correct the row")
        return int(cell)
    if kind == "enum":  # a closed list: the cell only picks one of its values
        allowed = case_schema.enum(entry.path)
        value = SLUG.sub("-", str(cell).casefold()).strip("-")
        if value not in allowed:
            raise Rejected(
                f"{entry.column} is not one of {', '.join(allowed)}; "
                f"add values: for {name} to the mapping, or correct the row"
            )
        return value
    if kind == "slug":  # the mapping refuses a code or a role without values: (mapping._field)
        raise Rejected(f"{entry.column}: {name} needs values: in the mapping")
    return " ".join(str(cell).split())


def _timestamp(cell: Cell, column: str, mapping: Mapping) -> date | datetime:
    """A date or time from the export: an Excel date cell, or text in one of the mapping's
    formats."""
    if isinstance(cell, datetime):
        return cell.date() if cell.time() == datetime.min.time() else cell.replace(tzinfo=None)
    if isinstance(cell, date):
        return cell
    for pattern in mapping.dates:
        try:
            parsed = datetime.strptime(str(cell), pattern)
        except ValueError:
            continue
        return parsed if "%H" in pattern else parsed.date()
    raise Rejected(
        f"{column} is not a date in the mapping's formats ({', '.join(mapping.dates)}); "
        "correct the row, or add its format under dates: in the mapping"
    )


def pseudonym(key: bytes, identifier: str) -> str:
    """The complainant's pseudonymous reference: a keyed hash of their identifier in the system."""
    digest = hmac.new(key, fold(identifier).encode("utf-8"), hashlib.sha256).digest()
    return "P-" + "".join(PSEUDONYM_ALPHABET[byte % len(PSEUDONYM_ALPHABET)] for byte in digest[:8])


def _key(mapping: Mapping) -> bytes:
    value = os.environ.get(mapping.key_variable, "")
    if len(value) < MIN_KEY:
        raise MappingError(
            f"set the environment variable {mapping.key_variable} to the council's "
            f"pseudonymisation key (at least {MIN_KEY} characters, kept out of the repository, "
            "the same on every import so that each complainant keeps their reference)"
        )
    return value.encode("utf-8")


def _when(value: object) -> date | datetime:
    return value if isinstance(value, (date, datetime)) else datetime.fromisoformat(str(value))


def _ordered(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """The case's keys in the order the schema lists them, at every level."""
    order = case_schema.order(path)
    keys = sorted(data, key=lambda k: order.index(k) if k in order else len(order))
    result = {
        k: _ordered(data[k], (*path, k)) if isinstance(data[k], dict) else data[k] for k in keys
    }
    return Flow(result) if path and path[-1] in ONE_LINE else result


def _get(data: object, path: tuple[str, ...]) -> object:
    for step in path:
        if not isinstance(data, dict) or step not in data:
            return None
        data = data[step]
    return data


def _put(data: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    data[path[-1]] = value


def _in_columns(message: str, mapping: Mapping) -> str:
    """A finding's message, naming the export's column where it is about a mapped field."""
    for entry in mapping.fields:
        if message.startswith(".".join(entry.path) + " "):
            return f"{entry.column}: {message}"
    return message
