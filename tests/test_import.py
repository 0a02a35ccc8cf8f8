"""`complaints import`: the sample iCasework export becomes exactly the cases it describes, its bad
rows are reported with their row numbers and reasons (never the text of a cell), nothing is ever
overwritten, personal data never reaches a case file, a category comes only from the mapping's
table of the council's declared values, and a hostile export is refused within bounds."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from checker.importer import exports
from checker.importer.mapping import personal
from checker.load.yaml import load
from tests.conftest import ROOT, Run, check, run_cli, scratch
from tests.test_hostile import PEAK

SAMPLE = ROOT / "examples" / "import" / "icasework-export.csv"
MAPPING = ROOT / "examples" / "import" / "mapping.yaml"
KEY = "COMPLAINTS_PSEUDONYM_KEY"

# The rows the sample plants, by spreadsheet row number (the header is row 1).
REJECTED = {
    11: "Date Received is not a date",  # 31/02/2026: no 31 February
    28: "Stage 1 Response Sent is not a date",  # 06/27/2025: month and day swapped
    # a service the mapping lacks (Parks and Open Spaces)
    39: "Service Area holds a label that is not under services:",
    60: "Complaint Summary: definition contains what looks like a phone number",
    76: "Desired Outcome: outcomes_sought contains what looks like an email address",
    95: "the reference CR-104960 is also on row 94",  # duplicate reference
    117: "Date Received is empty",  # missing required field
    132: "Customer Reference is empty",
    147: "Stage 1 Outcome holds a label that is not one of the mapping's values",  # Resolved
    170: "stage 1 acknowledged 2025-01-06 is before received 2026-03-26",
}
# The cells a rejected row's reason must never quote (a cell may hold personal data).
NEVER_QUOTED = (
    "Date Received",
    "Stage 1 Response Sent",
    "Service Area",
    "Category",
    "Stage 1 Outcome",
    "Customer Name",
    "Address",
    "Postcode",
    "Email",
    "Telephone",
    "Complaint Summary",
    "Desired Outcome",
)
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
EVIDENCE_NOT_EXPORTED = {"remedy-missing", "delay-updates-missing"}
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
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY, "a-test-key-that-is-not-secret")


def _import(repo: Path, export: Path = SAMPLE, mapping: Path = MAPPING, *extra: str) -> Run:
    return run_cli(
        "import",
        str(export),
        "--mapping",
        str(mapping),
        "--root",
        str(repo),
        "--as-of",
        "2026-11-23",
        *extra,
    )


def _rows(run: Run) -> dict[int, tuple[str, str]]:
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
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """The sample imported once into a copy of the example repository (shared: it is read-only)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY, "a-test-key-that-is-not-secret")
        repo = scratch(tmp_path_factory.mktemp("import") / "repo", with_cases=False)
        run = _import(repo)
    return repo, run


def test_the_sample_export_imports_its_complaints_and_reports_every_other_row(
    imported: tuple[Path, Run],
) -> None:
    repo, run = imported
    assert run.code == 1  # rows were rejected
    rows = _rows(run)
    assert sorted(rows) == list(range(2, 202))  # every row of the export is reported
    assert {n: d for n, (s, d) in rows.items() if s == "rejected"}.keys() == REJECTED.keys()
    for number, says in REJECTED.items():
        assert says in rows[number][1], (number, rows[number])
    assert {n for n, (s, _) in rows.items() if s == "skipped"} == set(SKIPPED)
    for number, case_type in SKIPPED.items():
        assert "Case Type is not one of the values the mapping imports" in rows[number][1]
        assert case_type not in rows[number][1]
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        cells = {number: row for number, row in enumerate(csv.DictReader(handle), start=2)}
    for number in REJECTED:
        for column in NEVER_QUOTED:
            if cells[number][column]:
                assert cells[number][column] not in rows[number][1], (number, column)
    assert run.out.splitlines()[-1].startswith(
        f"200 rows: {IMPORTED} imported, 0 unchanged, 8 skipped, 10 rejected."
    )
    files = _files(repo)
    assert len(files) == IMPORTED
    # each case is filed under the reporting year it counts in, named for the system's reference
    assert {name.split("/")[1] for name in files} == {"2024-25", "2025-26", "2026-27"}
    assert rows[2] == ("imported", "cases/2024-25/CCC-2024-104502.yaml")


def test_check_on_the_imported_cases_shows_only_the_breaches_the_sample_really_has(
    imported: tuple[Path, Run], tmp_path: Path
) -> None:
    repo, _ = imported
    result = check(repo)
    found = result.findings()
    on_cases = {(f["rule"], f["path"]) for f in found if f["path"].startswith("cases/")}
    # The export has no columns for remedies or for the updates agreed during a delay, so every
    # upheld stage lacks its remedy (HO 7.1, LGSCO 7.1) and every late response its update
    # intervals (HO 5.9, LGSCO 5.5) until the council records them: gaps in the evidence, each on
    # a case that really is upheld or late.
    gaps = {(rule, path) for rule, path in on_cases if rule in EVIDENCE_NOT_EXPORTED}
    assert on_cases - gaps == FINDINGS
    late = {path for rule, path in FINDINGS if rule.endswith("-response-late")}
    assert {path for rule, path in gaps if rule == "delay-updates-missing"} == late
    for rule, path in gaps:
        if rule == "remedy-missing":
            stages = [load(repo / path, path)[0].data.get(f"stage{n}") or {} for n in (1, 2)]
            assert {"upheld", "partly-upheld"} & {stage.get("decision") for stage in stages}
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


def test_importing_the_same_export_again_changes_nothing_and_says_so(
    imported: tuple[Path, Run],
) -> None:
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


def test_an_excel_export_imports_exactly_as_its_csv(
    imported: tuple[Path, Run], tmp_path: Path
) -> None:
    """The same export saved as .xlsx, with its dates as real Excel date cells, gives the same
    files."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Complaints"
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        for index, row in enumerate(csv.reader(handle)):
            sheet.append([_excel_cell(value) for value in row] if index else row)
    export = tmp_path / "export.xlsx"
    workbook.save(export)
    repo = scratch(tmp_path / "repo", with_cases=False)
    run = _import(repo, export)
    assert run.code == 1, run.err
    # 31/02/2026 and 06/27/2025 are not dates, so they stay text in the workbook and are rejected
    assert {n for n, (s, _) in _rows(run).items() if s == "rejected"} == REJECTED.keys()
    assert _files(repo) == _files(imported[0])


def _excel_cell(value: str) -> str | datetime:
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            pass
    return value


def test_a_dry_run_reports_the_rows_and_writes_nothing(repo: Path) -> None:
    run = _import(repo, SAMPLE, MAPPING, "--dry-run")
    assert run.code == 1
    assert _rows(run)[2] == ("would import", "cases/2024-25/CCC-2024-104502.yaml")
    assert run.out.splitlines()[-1].endswith("Nothing was written (--dry-run).")
    assert not list((repo / "cases").rglob("*"))


def test_no_personal_data_reaches_a_case_file_and_each_customer_keeps_one_reference(
    imported: tuple[Path, Run],
) -> None:
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


def test_a_case_edited_since_it_was_imported_is_never_overwritten(tmp_path: Path) -> None:
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


def _mapping(tmp_path: Path, old: str, new: str, text: str | None = None) -> Path:
    text = MAPPING.read_text(encoding="utf-8") if text is None else text
    assert old in text
    path = tmp_path / "mapping.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# The sample mapping's type: and stage1.handler: entries, each a column with its table of labels.
def _entry(pattern: str) -> str:
    found = re.search(pattern, MAPPING.read_text(encoding="utf-8"), re.M)
    assert found, pattern
    return found[0]


TYPE_ENTRY = _entry(r"^  type:\n(?:    .*\n)+")
HANDLER_ENTRY = _entry(r"^  stage1\.handler:.*\n(?:    .*\n)+")


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        # a personal-data column mapped to a case field is refused, whatever the field
        ("  - Email\n", "", "has columns the mapping neither maps nor ignores: Email"),
        (
            "  outcomes_sought: {column: Desired Outcome}",
            "  outcomes_sought: {column: Email}",
            "the column 'Email' may hold personal data",
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
        ("  type:\n", "  typ:\n", "typ is not a field of a case file"),
        ("  type:\n", "  stage1:\n", "stage1 holds a list or a block"),
        (
            "Over 12 months old: late",
            "Over 12 months old: too-old",
            "'too-old' is not one of the policy's exclusions",
        ),
        (TYPE_ENTRY, "", "nothing gives the case's type"),
        # a category is never made from a cell's text: the mapping translates every label
        (
            TYPE_ENTRY,
            "  type: {column: Category}\n",
            "type is one of the council's types (policy/council.yaml categories)",
        ),
        (
            "Repairs delay: repairs-delay",
            "Repairs delay: repair-delay",
            "type 'repair-delay' is not one of the council's types (policy/council.yaml "
            "categories.types); did you mean 'repairs-delay'?",
        ),
        (
            "{service: housing-repairs, route: housing}",
            "{service: housing-repair, route: housing}",
            "service 'housing-repair' is not one of the council's services",
        ),
        (
            "Planning: {service: planning, route: general}",
            "Planning: {service: planning, route: housing}",
            "service 'planning' takes the general route (policy/council.yaml "
            "categories.services), not housing",
        ),
        ("  discrimination_claimed: false", "  type: roof", "type 'roof' is not one of"),
        # nor is a role: a handler comes from the mapping's table of teams
        (HANDLER_ENTRY, "  stage1.handler: {column: Team}\n", "stage1.handler is a code or a role"),
        ("source: iCasework", "sauce: iCasework", "missing required key 'source'"),
        ("  number: 'CR-(\\d+)'", "  number: 'CR-\\d+'", "exactly one group"),
    ],
)
def test_a_mapping_that_cannot_be_used_is_refused_with_its_line_and_the_fix(
    repo: Path, tmp_path: Path, old: str, new: str, says: str
) -> None:
    run = _import(repo, SAMPLE, _mapping(tmp_path, old, new))
    assert run.code == 2, run.out
    assert says in run.err
    assert re.match(r"complaints: (.*mapping\.yaml:\d+:\d+: )?", run.err)
    assert run.err.rstrip().endswith("nothing was imported")
    assert "Traceback" not in run.err
    assert not list((repo / "cases").rglob("*"))


def test_the_personal_data_column_refused_is_named_at_its_line_in_the_mapping(
    repo: Path, tmp_path: Path
) -> None:
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


def test_without_the_pseudonymisation_key_nothing_is_imported(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY)
    run = _import(repo)
    assert run.code == 2
    assert f"set the environment variable {KEY}" in run.err
    assert not list((repo / "cases").rglob("*"))


def test_an_unreadable_export_is_named_with_its_line(repo: Path, tmp_path: Path) -> None:
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


def test_a_row_longer_than_its_header_is_rejected(repo: Path, tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    export = tmp_path / "export.csv"
    export.write_text(lines[0] + lines[1].rstrip("\n") + ",extra\n", encoding="utf-8")
    run = _import(repo, export)
    assert run.code == 1
    assert "the row has 35 cells but the header has 34 columns" in _rows(run)[2][1]


def test_the_mapping_schema_is_shipped(cli: Callable[..., Run]) -> None:
    run = cli("schema", "import-mapping")
    assert run.code == 0 and '"title": "Import mapping"' in run.out


# --- a category is never made from free text ------------------------------------------------------

FREE_TEXT = "Jane Example, 12 Example Street, ZZ1 1ZZ, 07700 900123, jane.example@example.com"


def _export(
    tmp_path: Path,
    rows: int = 3,
    change: Callable[[int, dict[str, str]], None] | None = None,
    name: str = "export.csv",
) -> Path:
    """The sample's header and first rows, each row (a dict by column) changed by `change`."""
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        kept = [row for _, row in zip(range(rows), reader)]
    export = tmp_path / name
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number, row in enumerate(kept, start=2):
            if change:
                change(number, row)
            writer.writerow([row[column] for column in header])
    return export


def test_free_text_in_a_category_column_rejects_its_row_and_is_never_quoted(
    repo: Path, tmp_path: Path
) -> None:
    def plant(number: int, row: dict[str, str]) -> None:
        if number == 3:
            row["Category"] = FREE_TEXT

    export = _export(tmp_path, change=plant)
    run = _import(repo, export)
    assert run.code == 1
    rows = _rows(run)
    assert rows[3][0] == "rejected"
    assert rows[3][1].startswith("Category holds a label that is not one of the mapping's values")
    assert [status for status, _ in rows.values()] == ["imported", "rejected", "imported"]
    text = run.out + run.err + "".join(p.read_text() for p in (repo / "cases").rglob("*.yaml"))
    for part in FREE_TEXT.split(", "):
        assert part not in text
    assert check(repo).code == 0  # the imported cases are valid, their categories declared


def test_a_channel_the_council_does_not_declare_is_refused_in_the_mapping(repo: Path) -> None:
    council = repo / "policy" / "council.yaml"
    council.write_text(council.read_text().replace("    social-media: Social media\n", ""))
    run = _import(repo)
    assert run.code == 2
    assert "channel 'social-media' is not one of the council's channels" in run.err
    line = next(
        i for i, text in enumerate(MAPPING.read_text().splitlines(), 1) if "Social Media:" in text
    )
    assert run.err.startswith(f"complaints: {MAPPING}:{line}:") or f"mapping.yaml:{line}:" in (
        run.err
    )
    assert not list((repo / "cases").rglob("*"))


# --- personal columns ---------------------------------------------------------------------------

PERSONAL_HEADERS = [
    "Service User Name",
    "Customer",
    "Tenant",
    "Contact Details",
    "Caller",
    "Surname",
    "E-mail Address",
    "CustomerName",
    "caller_phone",
    "Next of Kin",
    "NI Number",
    "Date of Birth",
    "Resident's Street",
    "Post Code",
    "Applicant",
    "Service User",
    "Investigating Officer",
    "Ethnicity",
]
NOT_PERSONAL_HEADERS = [
    "Tenancy Team",
    "Service Area",
    "Date Received",
    "Received Via",
    "Complaint Summary",
    "Stage 2 Team",
    "Ombudsman Details Given",
    "Category",
    "Not Accepted Reason",
]


@pytest.mark.parametrize("header", PERSONAL_HEADERS)
def test_a_column_whose_name_is_personal_is_refused_unless_allowed_with_a_reason(
    repo: Path, tmp_path: Path, header: str
) -> None:
    assert personal(header)
    text = SAMPLE.read_text(encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text(text.replace(",Desired Outcome,", f",{header},", 1), encoding="utf-8")
    mapping = _mapping(
        tmp_path,
        "  outcomes_sought: {column: Desired Outcome}",
        f"  outcomes_sought: {{column: {header!r}}}",
    )
    run = _import(repo, export, mapping, "--dry-run")
    assert run.code == 2 and f"the column '{header}' may hold personal data" in run.err, run.err
    allowed = _mapping(
        tmp_path,
        "ignore:\n",
        f"allow:\n  {header!r}: the outcome the complainant asked for, with no personal data\n"
        "ignore:\n",
        mapping.read_text(encoding="utf-8"),
    )
    run = _import(repo, export, allowed, "--dry-run")
    assert run.code == 1, run.err  # imported but for the sample's planted rows
    assert "would import" in run.out


@pytest.mark.parametrize("header", NOT_PERSONAL_HEADERS)
def test_a_column_whose_name_is_not_personal_needs_no_allowance(header: str) -> None:
    assert personal(header) is None


def test_an_allowance_names_a_column_the_mapping_reads(repo: Path, tmp_path: Path) -> None:
    mapping = _mapping(
        tmp_path, "ignore:\n", "allow:\n  Customer Name: it holds no names\nignore:\n"
    )
    run = _import(repo, SAMPLE, mapping)
    assert run.code == 2 and "the mapping does not read the column 'Customer Name'" in run.err


def test_a_column_both_read_and_ignored_is_refused(repo: Path, tmp_path: Path) -> None:
    mapping = _mapping(tmp_path, "ignore:\n", "ignore:\n  - Team\n")
    run = _import(repo, SAMPLE, mapping)
    assert run.code == 2 and "the column 'Team' is both read and ignored" in run.err


def test_a_row_keeps_only_the_columns_the_mapping_reads(tmp_path: Path) -> None:
    header, records = exports.read(_export(tmp_path, rows=2))
    rows = list(exports.rows(header, records, {"Case Reference", "Category"}))
    assert [sorted(row.cells) for row in rows] == [["Case Reference", "Category"]] * 2
    assert [row.width for row in rows] == [len(header)] * 2


# --- bounds -------------------------------------------------------------------------------------

LIMIT_SECONDS = 5
LIMIT_MEGABYTES = 300


def _import_bounded(repo: Path, export: Path) -> tuple[int, str, float, float]:
    """`complaints import --dry-run` in its own process: exit code, what it said, wall seconds
    and peak megabytes."""
    command = [sys.executable, "-m", "checker.cli", "import", str(export)]
    command += ["--mapping", str(MAPPING), "--root", str(repo), "--dry-run"]
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", PEAK, str(peak), *command],
            capture_output=True,
            timeout=120,
            env={**os.environ, KEY: "a-test-key-that-is-not-secret"},
            cwd=ROOT,
        )
        elapsed = time.perf_counter() - started
        kib = int(peak.read_text())
    said = run.stdout.decode() + run.stderr.decode()
    assert "Traceback" not in said, said
    return run.returncode, said, elapsed, kib / 1024


def test_a_csv_row_with_300000_trailing_commas_is_refused_within_bounds(
    repo: Path, tmp_path: Path
) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    export = tmp_path / "commas.csv"
    export.write_text(lines[0] + lines[1].rstrip("\n") + "," * 300_000 + "\n", encoding="utf-8")
    code, said, seconds, megabytes = _import_bounded(repo, export)
    assert code == 2
    assert "commas.csv: row 2 has 300,034 cells, more than the 1,000 columns" in said
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)
    assert not list((repo / "cases").rglob("*"))


def test_a_row_of_up_to_1000_cells_is_read(repo: Path, tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    export = tmp_path / "wide.csv"
    export.write_text(lines[0] + lines[1].rstrip("\n") + "," * (1000 - 34) + "\n")
    run = _import(repo, export, MAPPING, "--dry-run")
    assert run.code == 0 and _rows(run)[2][0] == "would import", run.out + run.err


def test_a_csv_row_past_4_mib_is_refused_at_its_line_before_it_is_read_whole(
    repo: Path, tmp_path: Path
) -> None:
    # 50,000 quoted cells of 100 characters and a line break each: one row of 5 MB over 50,000
    # lines, no cell past the CSV reader's own limit
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    export = tmp_path / "quotes.csv"
    export.write_text(lines[0] + ('"' + "x" * 100 + '\n",') * 50_000 + "\n", encoding="utf-8")
    code, said, seconds, megabytes = _import_bounded(repo, export)
    assert code == 2 and "quotes.csv: line 40,331: a row of the CSV runs past 4 MiB" in said, said
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def _far_cell_workbook(path: Path, dimension: bool) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        for _, row in zip(range(4), csv.reader(handle)):
            sheet.append(row)
    sheet.cell(row=1_048_576, column=16_384, value="x")
    workbook.save(path)
    if not dimension:  # as some writers leave it: the extent is then found by reading
        with zipfile.ZipFile(path) as source:
            parts = {item: source.read(item.filename) for item in source.infolist()}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for item, data in parts.items():
                if item.filename.startswith("xl/worksheets/"):
                    data = re.sub(rb"<dimension [^>]*/>", b"", data)
                target.writestr(item, data)
    return path


@pytest.mark.parametrize(
    ("dimension", "says"),
    [
        (True, "the sheet 'Sheet' reaches cell XFD1048576 (1,048,576 rows, 16,384 columns)"),
        (False, "more than 100,000 rows below the header (row 100,002 and on)"),
    ],
    ids=["with-its-extent", "without-its-extent"],
)
def test_an_excel_export_with_one_far_cell_is_refused_within_bounds(
    repo: Path, tmp_path: Path, dimension: bool, says: str
) -> None:
    export = _far_cell_workbook(tmp_path / "far.xlsx", dimension)
    code, said, seconds, megabytes = _import_bounded(repo, export)
    assert code == 2 and says in said, said
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def test_an_export_that_cannot_be_read_to_its_end_writes_nothing(
    repo: Path, tmp_path: Path
) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    export = tmp_path / "export.csv"
    export.write_text("".join(lines[:20]) + 'CR-1,Complaint,"an unterminated quote\n')
    run = _import(repo, export)
    assert run.code == 2 and "export.csv: line 21: the CSV cannot be read" in run.err
    assert not list((repo / "cases").rglob("*"))
