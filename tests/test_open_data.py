"""Open data: the report's CSV and the Frictionless Table Schema written beside it.

The Table Schema is checked against the Table Schema v1 profile's own JSON Schema
(tests/fixtures/tableschema-1.0.json, from frictionlessdata/datapackage,
public/profiles/1.0/tableschema.json at 6a201af8), with the jsonschema validator already
installed; then every row of the CSV is read as the Table Schema says a reader would (types,
missing values, required fields, enums, the primary key).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import jsonschema
import pytest

from checker.report.open_data import csv_table_schema
from tests.conftest import run_cli, scratch
from tests.disclosure_repos import small_year

PROFILE = json.loads(
    (Path(__file__).parent / "fixtures" / "tableschema-1.0.json").read_text("utf-8")
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, str]]:
    """The example year and a seeded year of small cells: each report's JSON and CSV."""
    base = tmp_path_factory.mktemp("open-data")
    roots = {
        "example": scratch(base / "example", with_cases=True),
        "small": small_year(scratch(base / "small", with_cases=False)),
    }
    found = {}
    for name, root in roots.items():
        texts = []
        for fmt in ("json", "csv"):
            run = run_cli("report", "--root", str(root), "--year", "2025-26", "--format", fmt)
            assert run.code == 0, run.err
            texts.append(run.out)
        found[name] = (json.loads(texts[0]), texts[1])
    return found


def _cast(kind: str, text: str) -> object:
    """A CSV cell as the Table Schema's type reads it (number: the XML Schema decimal form)."""
    if kind == "number":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise ValueError(f"{text!r} is not a number")
        try:
            return Decimal(text)
        except InvalidOperation as error:  # pragma: no cover - the pattern says it is
            raise ValueError(text) from error
    return text


@pytest.mark.parametrize("name", ["example", "small"])
def test_the_table_schema_is_valid_and_the_csv_conforms_to_it(outputs, name: str) -> None:
    report, text = outputs[name]
    schema = json.loads(csv_table_schema(report))
    errors = [e.message for e in jsonschema.Draft7Validator(PROFILE).iter_errors(schema)]
    assert errors == []
    fields = schema["fields"]
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [f["name"] for f in fields]
    assert len(rows) > 100
    keys = set()
    for row in rows[1:]:
        assert len(row) == len(fields)
        for field, cell in zip(fields, row):
            constraints = field.get("constraints", {})
            if cell in schema["missingValues"]:
                assert not constraints.get("required"), (field["name"], row)
                continue
            _cast(field["type"], cell)
            if "enum" in constraints:
                assert cell in constraints["enum"], (field["name"], cell)
            if "pattern" in constraints:
                assert re.fullmatch(constraints["pattern"], cell), (field["name"], cell)
        key = tuple(row[[f["name"] for f in fields].index(k)] for k in schema["primaryKey"])
        assert key not in keys, key
        keys.add(key)


@pytest.mark.parametrize("name", ["example", "small"])
def test_the_csv_values_are_numbers_and_withheld_cells_say_so_in_status(outputs, name) -> None:
    _, text = outputs[name]
    rows = list(csv.DictReader(io.StringIO(text)))
    words = ("hidden", "fewer than", "not shown", " to ")
    assert not [r for r in rows if any(w in r["value"] for w in words)]
    statuses = {r["status"] for r in rows}
    assert "published" in statuses and statuses - {"published"}, statuses
    withheld = [r for r in rows if r["status"] != "published"]
    assert all(r["value"] == "" for r in withheld)


def test_a_schema_that_breaks_the_profile_is_refused() -> None:
    """The profile is strict enough to mean something: a field of an unknown type fails."""
    bad = {"fields": [{"name": "value", "type": "amount"}]}
    assert list(jsonschema.Draft7Validator(PROFILE).iter_errors(bad))


def test_the_downloads_state_the_licence_the_date_and_the_size(tmp_path: Path) -> None:
    from datetime import date

    from checker.load.repository import load_repository
    from checker.site.build import publication
    from checker.site.pages import build_site

    root = scratch(tmp_path / "example", with_cases=True)
    found = publication(load_repository(root), date(2026, 11, 23))
    site = build_site(found.run.view, found.figures)
    page = html.unescape(site.pages["open-data.md"])
    assert "Open Government Licence v3.0" in page
    assert "open-government-licence/version/3/" in page
    schema = "data/complaints-report-2025-26.csv.tableschema.json"
    assert schema in site.files and f'href="{schema}"' in page  # relative to open-data.md
    rows = re.findall(r"<tr><th scope=\"row\"><a href=\"([^\"]+)\">.*?</tr>", page)
    assert len(rows) == len([p for p in site.files if p.startswith("data/")]) > 3
    csv_row = re.search(r"complaints-report-2025-26\.csv\".*?</tr>", page)
    assert csv_row and "2026-06-30" in csv_row[0] and re.search(r"\d+ KB", csv_row[0])
    assert "Open Government Licence v3.0" in html.unescape(site.pages["reports/2025-26.md"])
