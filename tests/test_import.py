"""`complaints import`: the sample iCasework export becomes exactly the cases it describes, its bad
rows are reported with their row numbers and reasons, nothing is ever overwritten, and personal
data never reaches a case file."""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT, check, run_cli, scratch

SAMPLE = ROOT / "examples" / "import" / "icasework-export.csv"
MAPPING = ROOT / "examples" / "import" / "mapping.yaml"
KEY = "COMPLAINTS_PSEUDONYM_KEY"

# The rows the sample plants, by spreadsheet row number (the header is row 1).
REJECTED = {
    11: "Date Received '31/02/2026 10:15' is not a date",  # no 31 February
    28: "Stage 1 Response Sent '06/27/2025' is not a date",  # month and day swapped
    # a service the mapping lacks
    39: "Service Area 'Parks and Open Spaces' is not under services:",
    60: "Complaint Summary: definition contains what looks like a phone number",
    76: "Desired Outcome: outcomes_sought contains what looks like an email address",
    95: "the reference CR-104960 is also on row 94",  # duplicate reference
    117: "Date Received is empty",  # missing required field
    132: "Customer Reference is empty",
    147: "Stage 1 Outcome 'Resolved' is not one of the mapping's values",
    170: "stage 1 acknowledged 2025-01-06 is before received 2026-03-26",
}
SKIPPED = {
    9: "Compliment",
    35: "Compliment",
    54: "Comment",
    81: "Service Request",
    103: "Compliment",
    128: "Comment",
    162: "Compliment",
    190: "Service Request",
}
IMPORTED = 200 - len(REJECTED) - len(SKIPPED)
# The breaches the sample really has: the check must show these and no other case finding.
FINDINGS = {
    ("stage1-response-late", "cases/2025-26/CCC-2025-104605.yaml"),
    ("stage1-acknowledgement-late", "cases/2025-26/CCC-2025-104711.yaml"),
    ("stage1-response-late", "cases/2025-26/CCC-2025-104819.yaml"),
    ("stage2-response-late", "cases/2025-26/CCC-2025-104988.yaml"),
    ("stage1-response-late", "cases/2025-26/CCC-2025-105089.yaml"),
    ("extension-ombudsman-details-missing", "cases/2025-26/CCC-2025-105165.yaml"),
    ("stage1-response-late", "cases/2025-26/CCC-2025-105254.yaml"),
}


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv(KEY, "a-test-key-that-is-not-secret")


def _import(repo: Path, export: Path = SAMPLE, mapping: Path = MAPPING, *extra: str):
    return run_cli(
        "import", export, "--mapping", mapping, "--root", repo, "--as-of", "2026-11-23", *extra
    )


def _rows(run) -> dict[int, tuple[str, str]]:
    """Row number -> (result, detail) from the report."""
    found = {}
    for line in run.out.splitlines()[1:-1]:
        number, _reference, status, detail = re.split(r"\s{2,}", line, maxsplit=3)
        found[int(number)] = (status, detail)
    return found


def _files(repo: Path) -> dict[str, bytes]:
    return {
        p.relative_to(repo).as_posix(): p.read_bytes()
        for p in sorted((repo / "cases").rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The sample imported once into a copy of the example repository (shared: it is read-only)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY, "a-test-key-that-is-not-secret")
        repo = scratch(tmp_path_factory.mktemp("import") / "repo", with_cases=False)
        run = _import(repo)
    return repo, run


def test_the_sample_export_imports_its_complaints_and_reports_every_other_row(imported):
    repo, run = imported
    assert run.code == 1  # rows were rejected
    rows = _rows(run)
    assert sorted(rows) == list(range(2, 202))  # every row of the export is reported
    assert {n: d for n, (s, d) in rows.items() if s == "rejected"}.keys() == REJECTED.keys()
    for number, says in REJECTED.items():
        assert says in rows[number][1], (number, rows[number])
    assert {n for n, (s, _) in rows.items() if s == "skipped"} == set(SKIPPED)
    for number, case_type in SKIPPED.items():
        assert f"Case Type is '{case_type}'" in rows[number][1]
    assert run.out.splitlines()[-1].startswith(
        f"200 rows: {IMPORTED} imported, 0 unchanged, 8 skipped, 10 rejected."
    )
    files = _files(repo)
    assert len(files) == IMPORTED
    # each case is filed under the reporting year it counts in, named for the system's reference
    assert {name.split("/")[1] for name in files} == {"2024-25", "2025-26", "2026-27"}
    assert rows[2] == ("imported", "cases/2024-25/CCC-2024-104502.yaml")


def test_check_on_the_imported_cases_shows_only_the_breaches_the_sample_really_has(
    imported, tmp_path
):
    repo, _ = imported
    result = check(repo)
    found = result.findings()
    on_cases = {(f["rule"], f["path"]) for f in found if f["path"].startswith("cases/")}
    assert on_cases == FINDINGS
    # Beyond the cases, only what those breaches imply: the LGSCO self-assessment's "yes" to 6.5
    # (extension notices give the Ombudsman's details) and 6.13 (stage 2 on time) no longer hold
    # for the general-route cases of 2025-26. Everything else is the policy's own, as without cases.
    empty = check(scratch(tmp_path / "empty", with_cases=False)).findings()
    before = {(f["rule"], f["path"], f["line"]) for f in empty}
    new = {
        (f["rule"], f["path"], f["line"]) for f in found if not f["path"].startswith("cases/")
    } - before
    assert {(rule, path) for rule, path, _ in new} == {
        ("self-assessment-contradicted", "policy/self-assessment/2026-lgsco.yaml")
    }
    assert len(new) == 2


def test_importing_the_same_export_again_changes_nothing_and_says_so(imported):
    repo, _ = imported
    before = _files(repo)
    stamps = {p: p.stat().st_mtime_ns for p in (repo / "cases").rglob("*.yaml")}
    run = _import(repo)
    assert run.code == 1
    assert run.out.splitlines()[-1] == (
        f"200 rows: 0 imported, {IMPORTED} unchanged, 8 skipped, 10 rejected. Nothing was changed."
    )
    assert _rows(run)[2] == ("unchanged", "cases/2024-25/CCC-2024-104502.yaml (imported before)")
    assert _files(repo) == before
    assert {p: p.stat().st_mtime_ns for p in (repo / "cases").rglob("*.yaml")} == stamps


def test_an_excel_export_imports_exactly_as_its_csv(imported, tmp_path):
    """The same export saved as .xlsx, with its dates as real Excel date cells, gives the same
    files."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Complaints"
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        for index, row in enumerate(csv.reader(handle)):
            if index:
                row = [_excel_cell(value) for value in row]
            sheet.append(row)
    export = tmp_path / "export.xlsx"
    workbook.save(export)
    repo = scratch(tmp_path / "repo", with_cases=False)
    run = _import(repo, export)
    assert run.code == 1, run.err
    # 31/02/2026 and 06/27/2025 are not dates, so they stay text in the workbook and are rejected
    assert {n for n, (s, _) in _rows(run).items() if s == "rejected"} == REJECTED.keys()
    assert _files(repo) == _files(imported[0])


def _excel_cell(value: str):
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            pass
    return value


def test_a_dry_run_reports_the_rows_and_writes_nothing(repo):
    run = _import(repo, SAMPLE, MAPPING, "--dry-run")
    assert run.code == 1
    assert _rows(run)[2] == ("would import", "cases/2024-25/CCC-2024-104502.yaml")
    assert run.out.splitlines()[-1].endswith("Nothing was written (--dry-run).")
    assert not list((repo / "cases").rglob("*"))


def test_no_personal_data_reaches_a_case_file_and_each_customer_keeps_one_reference(imported):
    repo, _ = imported
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    text = "\n".join(p.read_text() for p in (repo / "cases").rglob("*.yaml"))
    for row in rows:
        for column in (
            "Customer Name",
            "Address",
            "Postcode",
            "Email",
            "Telephone",
            "Case Officer",
            "Customer Reference",
        ):
            if row[column]:
                assert row[column] not in text, (column, row[column])
    references = re.findall(r"ref: (P-[A-Z0-9]+)", text)
    assert len(references) == IMPORTED and all(len(r) == 10 for r in references)


def test_a_case_edited_since_it_was_imported_is_never_overwritten(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    export = tmp_path / "export.csv"
    export.write_text(
        "".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8"
    )
    assert _import(repo, export).code == 0
    case = repo / "cases" / "2024-25" / "CCC-2024-104502.yaml"
    edited = case.read_text() + "learning: {text: Grass now cut fortnightly., publishable: true}\n"
    case.write_text(edited)
    run = _import(repo, export)
    assert run.code == 0
    assert _rows(run)[2][0] == "skipped" and "already exists and differs" in _rows(run)[2][1]
    assert case.read_text() == edited


def _mapping(tmp_path: Path, old: str, new: str) -> Path:
    text = MAPPING.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "mapping.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        # a personal-data column mapped to a case field is refused, whatever the field
        ("  - Email\n", "", "has columns the mapping neither maps nor ignores: Email"),
        (
            "  outcomes_sought: {column: Desired Outcome}",
            "  outcomes_sought: {column: Email}",
            "the column 'Email' looks like personal data",
        ),
        ("  - Target Date\n", "", "has columns the mapping neither maps nor ignores: Target Date"),
        (
            "  received: {column: Date Received}",
            "  received: {column: Date Recieved}",
            "the column 'Date Recieved' is not in icasework-export.csv",
        ),
        (
            "Letter: letter,",
            "Letter: carrier-pigeon,",
            "'carrier-pigeon' is not a value channel takes",
        ),
        (
            "  type: {column: Category}",
            "  typ: {column: Category}",
            "typ is not a field of a case file",
        ),
        (
            "  type: {column: Category}",
            "  stage1: {column: Category}",
            "stage1 holds a list or a block",
        ),
        (
            "Over 12 months old: late",
            "Over 12 months old: too-old",
            "'too-old' is not one of the policy's exclusions",
        ),
        ("  type: {column: Category}\n", "", "nothing gives the case's type"),
        ("source: iCasework", "sauce: iCasework", "missing required key 'source'"),
        ("  number: 'CR-(\\d+)'", "  number: 'CR-\\d+'", "exactly one group"),
    ],
)
def test_a_mapping_that_cannot_be_used_is_refused_with_its_line_and_the_fix(
    repo, tmp_path, old, new, says
):
    run = _import(repo, SAMPLE, _mapping(tmp_path, old, new))
    assert run.code == 2, run.out
    assert says in run.err
    assert re.match(r"complaints: (.*mapping\.yaml:\d+:\d+: )?", run.err)
    assert run.err.rstrip().endswith("nothing was imported")
    assert "Traceback" not in run.err
    assert not list((repo / "cases").rglob("*"))


def test_the_personal_data_column_refused_is_named_at_its_line_in_the_mapping(repo, tmp_path):
    mapping = _mapping(
        tmp_path,
        "  outcomes_sought: {column: Desired Outcome}",
        "  outcomes_sought: {column: Telephone}",
    )
    run = _import(repo, SAMPLE, mapping)
    line = next(
        i
        for i, text in enumerate(mapping.read_text().splitlines(), 1)
        if "column: Telephone" in text
    )
    assert run.err.startswith(f"complaints: mapping.yaml:{line}:")


def test_without_the_pseudonymisation_key_nothing_is_imported(repo, monkeypatch):
    monkeypatch.delenv(KEY)
    run = _import(repo)
    assert run.code == 2
    assert f"set the environment variable {KEY}" in run.err
    assert not list((repo / "cases").rglob("*"))


def test_an_unreadable_export_is_named_with_its_line(repo, tmp_path):
    header = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    export = tmp_path / "broken.csv"
    export.write_text(header + '\nCR-1,Complaint,"an unterminated quote\n', encoding="utf-8")
    run = _import(repo, export)
    assert run.code == 2 and "broken.csv: line 2: the CSV cannot be read" in run.err
    export.write_bytes(header.encode() + b"\nCR-1,Compl\xe9int\n")
    run = _import(repo, export)
    assert run.code == 2 and "broken.csv: line 2 is not valid utf-8-sig text" in run.err
    run = _import(repo, tmp_path / "missing.csv")
    assert run.code == 2 and "no such file" in run.err


def test_a_row_longer_than_its_header_is_rejected(repo, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    export = tmp_path / "export.csv"
    export.write_text(lines[0] + lines[1].rstrip("\n") + ",extra\n", encoding="utf-8")
    run = _import(repo, export)
    assert run.code == 1
    assert "the row has 35 cells but the header has 34 columns" in _rows(run)[2][1]


def test_the_mapping_schema_is_shipped(cli):
    run = cli("schema", "import-mapping")
    assert run.code == 0 and '"title": "Import mapping"' in run.out
