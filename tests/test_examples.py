"""Two other councils' repositories (examples/seed-002, examples/seed-003).

Both are valid, carry the shared Codes unchanged, and hold cases that meet each council's own
policy, the one breach among them explained.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from checker.rules import REPOSITORY
from tests.conftest import ROOT, check, run_cli

EXAMPLES = ROOT / "examples"
SEED_002 = EXAMPLES / "seed-002"
SEED_003 = EXAMPLES / "seed-003"
SEEDS = [SEED_002, SEED_003]
CODES = sorted(path.name for path in (ROOT / "policy" / "codes").glob("*.yaml"))

# The rules that judge the policy against the Codes (a policy rule citing a Code provision): they
# report what the seeds' published policies say, not what the example data gets wrong.
POLICY_AGAINST_CODES = {
    module.ID
    for module in REPOSITORY
    if module.__name__.rsplit(".", 1)[-1].startswith(("policy_", "council_")) and module.PROVISIONS
}
INVALID_DATA = {"yaml-syntax", "schema", "file-layout"}

LATE_REQUEST_CASE = "cases/2025-26/EDC-2025-0006.yaml"


def _in_cases(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["path"].startswith("cases/")]


def _stage2_requested(path: Path) -> tuple[int, int]:
    """The 1-based line and column of the value of `requested:` under `stage2:`."""
    lines = path.read_text().splitlines()
    start = lines.index("stage2:")
    for number, line in enumerate(lines[start:], start + 1):
        if line.startswith("  requested: "):
            return number, len("  requested: ") + 1
    raise AssertionError(f"{path.name} has no stage2 requested")


def test_seed_002_reports_its_late_stage2_request_as_its_only_explained_breach():
    run = check(SEED_002)
    explained = [(f["rule"], f["path"]) for f in run.findings() if f["explained"] and f["case_id"]]
    assert explained == [("stage2-request-late", LATE_REQUEST_CASE)]
    assert _in_cases(run.findings()) == [
        f for f in run.findings() if f["explained"] and f["case_id"]
    ]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_an_example_fails_only_where_its_published_policy_departs_from_the_codes(seed):
    # Everything the examples hold (council, Codes, cases) passes; the seeds' own policies may fall
    # short of the Codes (seed 003's 20 and 40 working days), which those rules report.
    run = check(seed)
    unexplained = [f for f in run.findings() if f["severity"] == "error" and not f["explained"]]
    others = [(f["rule"], f["path"]) for f in unexplained if f["rule"] not in POLICY_AGAINST_CODES]
    assert others == []
    assert run.code == (1 if unexplained else 0)


def test_seed_002_fails_on_the_stage2_request_line_once_its_explanation_is_removed(tmp_path):
    copy = tmp_path / "seed-002"
    shutil.copytree(SEED_002, copy)
    case = copy / LATE_REQUEST_CASE
    text = case.read_text()
    case.write_text(text[: text.index("explanations:\n")])

    run = check(copy)

    assert run.code == 1
    found = [
        (f["path"], f["line"], f["column"], f["explained"])
        for f in run.findings("stage2-request-late")
    ]
    assert found == [(LATE_REQUEST_CASE, *_stage2_requested(case), False)]


def test_seed_003_cases_meet_its_own_aims_and_explain_every_code_breach():
    # Seed 003 only aims for 20 and 40 working days: its cases are held to the LGSCO Code's 10
    # and 20, and every case answered within the council's aim but after the Code's deadline
    # carries a reviewed explanation citing the Code. The LGSCO's Code says "should": warnings.
    run = check(SEED_003)
    assert run.json["summary"]["cases"] > 0
    late = [f for f in _in_cases(run.findings()) if f["rule"].endswith("-response-late")]
    assert late and all(f["explained"] and f["severity"] == "warning" for f in late)
    assert all(f["provisions"] in (["LGSCO 6.3"], ["LGSCO 6.13"]) for f in late)
    assert not [f for f in _in_cases(run.findings()) if f["severity"] == "error"]


@pytest.mark.parametrize(
    ("responded", "late"),
    [("2025-09-04", False), ("2025-09-05", True)],
    ids=["on-the-20th-working-day", "on-the-21st-working-day"],
)
def test_seed_003_cases_are_held_to_the_codes_20_working_days_not_its_own_40_day_aim(
    tmp_path, responded, late
):
    # ECC-2025-0006: stage 2 acknowledged 2025-08-06, so the LGSCO Code's 20 working days end on
    # 2025-09-04, the summer bank holiday on 25 August not counted (the council's advisory 40
    # would end on 2025-10-02, and hold no case).
    copy = tmp_path / "seed-003"
    shutil.copytree(SEED_003, copy)
    case = copy / "cases" / "2025-26" / "ECC-2025-0006.yaml"
    pattern = r"(?m)^  responded: 2025-09-24$"
    text, count = re.subn(pattern, f"  responded: {responded}", case.read_text())
    assert count == 1
    case.write_text(text)

    found = [
        f for f in check(copy).findings("stage2-response-late") if f["case_id"] == "ECC-2025-0006"
    ]

    assert len(found) == late
    assert all(f["provisions"] == ["LGSCO 6.13"] for f in found)


def test_there_are_codes_to_compare():
    assert SEEDS and CODES


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_example_codes_are_byte_for_byte_the_root_codes(seed, code):
    """The same bytes but the schema line, which names the same schema from the copy's folder."""
    copies = seed / "policy" / "codes"
    assert sorted(path.name for path in copies.glob("*.yaml")) == CODES
    copy, root = (copies / code).read_bytes(), (ROOT / "policy" / "codes" / code).read_bytes()
    assert copy.partition(b"\n")[2] == root.partition(b"\n")[2]
    schema = copy.partition(b"\n")[0].decode().rpartition("$schema=")[2]
    assert (copies / schema).resolve() == ROOT / "checker" / "schemas" / "code.schema.json"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_every_example_data_file_is_valid_yaml_matching_its_schema(seed):
    run = check(seed)
    data_files = list((seed / "policy").rglob("*.yaml")) + list((seed / "cases").rglob("*.yaml"))
    assert run.json["summary"]["files"] == len(data_files)
    invalid = [f for f in run.findings() if f["rule"] in INVALID_DATA]
    assert [(f["rule"], f["path"], f["line"]) for f in invalid] == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_example_files_point_their_editor_at_the_shipped_schemas(seed):
    # The Codes are copies of the root's, comment included, so only the council's own files count.
    policy = seed / "policy"
    own = [policy / "council.yaml", policy / "policy.yaml", *(seed / "cases").rglob("*.yaml")]
    for path in own:
        first = path.read_text().splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.name}: first line is not the schema comment"
        target = (path.parent / match.group(1)).resolve()
        assert target.is_file(), f"{path.name}: {match.group(1)} does not resolve"


def test_seed_003_timescales_are_reported_as_longer_than_the_lgsco_code_allows():
    run = run_cli(
        "check", "--root", EXAMPLES / "seed-003", "--format", "json", "--as-of", "2026-11-23"
    )
    longer = [f for f in run.json["findings"] if f["rule"] == "policy-timescale-longer-than-code"]
    assert {f["severity"] for f in longer} == {"warning"}  # the LGSCO's "should"
    cited = {p for f in longer for p in f["provisions"]}
    # no housing route, so no Housing Ombudsman finding: the LGSCO's Code alone governs
    assert cited == {"LGSCO 6.3", "LGSCO 6.13"}
    assert {f["subject"] for f in longer} == {"lgsco:stage1_response", "lgsco:stage2_response"}
    assert all(f["path"] == "policy/policy.yaml" for f in longer)


def test_seed_002_timescales_are_within_both_codes_and_it_checks_clean():
    run = run_cli(
        "check", "--root", EXAMPLES / "seed-002", "--format", "json", "--as-of", "2026-11-23"
    )
    assert run.code == 0
    assert not [f for f in run.json["findings"] if f["rule"] == "policy-timescale-longer-than-code"]
