"""Every output format against a golden file, plus what each format's consumers rely on.

The golden files in tests/golden/ are the review copy of each format: after a deliberate change,
rewrite them with `UPDATE_GOLDEN=1 pytest tests/test_formats.py` and read the diff.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

from checker.formats import FORMATS, github, sarif, text
from checker.model.findings import Finding, Location, Severity
from checker.model.result import Result
from checker.rules import RULES
from tests.conftest import run_cli, scratch

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SARIF_SCHEMA = json.loads(
    (HERE / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

CASE = "cases/2025-26/CCC-2025-0001.yaml"
EXPLAINED_CASE = "cases/2025-26/CCC-2025-0007.yaml"
CLEAN_CASE = "cases/2025-26/CCC-2025-0003.yaml"

FINDINGS = (
    Finding(
        "stray-file",
        Severity.ERROR,
        "notes.yaml is not a file the repository expects",
        Location("notes.yaml", 1, 1),
    ),
    Finding(
        "policy-clause-duplicate",
        Severity.WARNING,
        "clause 10.2.11 is numbered like an earlier clause; renumber one of them",
        Location("policy/policy.yaml", 612, 13),
    ),
    Finding(
        "case-folder-year",
        Severity.ERROR,
        "received 2025-06-02 counts in 2025-26, not 2024-25: move it to cases/2025-26/",
        Location(CASE, 12, 11),
        clauses=("12.2", "14.1"),
        case_id="CCC-2025-0001",
    ),
    Finding(
        "stage1-response-late",
        Severity.ERROR,
        "the stage 1 response was due 2025-11-03 & sent 2025-11-10 (5 working days late)",
        Location(EXPLAINED_CASE, 21, 5),
        provisions=("HO 6.3", "LGSCO 6.3"),
        clauses=("10.2.2",),
        case_id="CCC-2025-0007",
        explained=True,
        explanation="Contractor survey delayed",
    ),
    Finding(
        "code-unverified",
        Severity.INFO,
        "22 of 64 provisions are not yet verified against the Code's text (1.1, 1.2 and 20 more)",
        Location("policy/codes/lgsco.yaml", 4, 1),
    ),
    # Later in the file than the error above but found first: the text keeps line order.
    Finding(
        "due-soon",
        Severity.WARNING,
        "the stage 1 acknowledgement is due 2026-11-24 <tomorrow>",
        Location(CASE, 3, 1),
        provisions=("HO 6.2",),
        case_id="CCC-2025-0001",
    ),
)

RESULT = Result(
    root=Path("/repo"),
    as_of=date(2026, 11, 23),
    files=7,
    findings=FINDINGS,
    case_paths=(CASE, CLEAN_CASE, EXPLAINED_CASE),
    other_paths=("policy/council.yaml", "policy/codes/lgsco.yaml", "policy/policy.yaml"),
)
EMPTY = Result(root=Path("/repo"), as_of=date(2026, 11, 23), files=0, findings=())


def _stub_rule(rule_id: str, severity: Severity, provisions=(), policy=()) -> ModuleType:
    """A rule as the registry holds one, with fixed text: rewording a real rule keeps the golden."""
    rule = ModuleType(
        rule_id,
        f"""The {rule_id} rule, for the golden file.

        ## What it checks
        That the {rule_id} condition
        holds.

        ## Why it matters
        Because.

        ## Example
            {rule_id}: example

        ## How to fix
        Fix it.
        """,
    )
    rule.ID, rule.TITLE, rule.SEVERITY = rule_id, f"The {rule_id} title", severity
    rule.PROVISIONS, rule.POLICY = tuple(provisions), tuple(policy)
    return rule


STUB_RULES = {
    rule.ID: rule
    for rule in (
        _stub_rule("case-folder-year", Severity.ERROR, policy=("reporting_year",)),
        _stub_rule(
            "stage1-response-late",
            Severity.ERROR,
            ("HO 6.3", "LGSCO 6.3"),
            ("timescales.stage1_response",),
        ),
        _stub_rule("due-soon", Severity.WARNING, ("HO 6.2",)),
        _stub_rule("policy-clause-duplicate", Severity.WARNING),
        _stub_rule("code-unverified", Severity.INFO),
        _stub_rule("rule-with-nothing-found", Severity.ERROR),
    )
}  # "stray-file" is left out on purpose: a result whose rule is not listed has no ruleIndex


@pytest.fixture(autouse=True)
def fixed_version(monkeypatch):
    """The SARIF golden file must not change with each release."""
    monkeypatch.setattr(sarif, "tool_version", lambda: "0.0.0")


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs: UPDATE_GOLDEN=1 rewrites it"
    )


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("check-format.txt", lambda r: FORMATS["text"](r)),
        ("check-format-colour.txt", lambda r: FORMATS["text"](r, colour=True)),
        ("check-format.json", lambda r: FORMATS["json"](r)),
        ("check-format.junit.xml", lambda r: FORMATS["junit"](r)),
        ("check-format.sarif.json", lambda r: sarif.render(r, rules=STUB_RULES)),
        ("check-format.github.txt", lambda r: FORMATS["github"](r)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_golden(name, render):
    _golden(name, render(RESULT))


def test_every_format_is_registered():
    assert list(FORMATS) == ["text", "json", "junit", "sarif", "github"]


# text


def test_text_groups_by_file_in_path_order_and_keeps_line_order():
    out = FORMATS["text"](RESULT)
    groups = out.rstrip("\n").split("\n\n")
    paths = [{line.split(":")[0] for line in group.splitlines()} for group in groups[:-1]]
    assert paths == [
        {CASE},
        {EXPLAINED_CASE},
        {"notes.yaml"},
        {"policy/codes/lgsco.yaml"},
        {"policy/policy.yaml"},
    ]
    assert groups[0].splitlines()[0].startswith(f"{CASE}:3:1: warning due-soon ")
    assert groups[0].splitlines()[1].startswith(f"{CASE}:12:11: error case-folder-year ")
    assert f"{EXPLAINED_CASE}:21:5: explained stage1-response-late " in out
    assert out.splitlines()[-1] == (
        "Checked 7 files (3 cases) as of 2026-11-23: "
        "2 errors, 2 warnings, 1 note, 1 explained breach."
    )


def test_text_explained_finding_of_a_case_says_where_its_reason_is_not_the_reason():
    """A case's explanation is text about the complaint: no CI output carries it."""
    out = FORMATS["text"](RESULT)
    line = next(line for line in out.splitlines() if "stage1-response-late" in line)
    assert line.endswith(
        "(5 working days late) [HO 6.3, LGSCO 6.3; policy 10.2.2] (the reason is in the case file)"
    )
    assert ": explained stage1-response-late " in line  # on record: never shown as an error
    for format_ in FORMATS:
        assert "Contractor survey delayed" not in FORMATS[format_](RESULT), format_


def test_explained_finding_of_the_policy_says_where_its_reason_is_not_the_reason():
    """The policy's reasons are read where they are written: no output quotes what was typed."""
    finding = Finding(
        "policy-letter-incomplete",
        Severity.ERROR,
        "the stage 2 response the policy describes leaves out ombudsman",
        Location("policy/policy.yaml", 3, 5),
        explained=True,
        explanation="The template gives the Ombudsman's details",
    )
    said = "(the reason is in policy/policy.yaml, under explanations)"
    assert text.line(finding).endswith(said)
    result = Result(Path("/repo"), date(2026, 11, 23), 0, (finding,))
    for format_ in FORMATS:
        assert "The template gives" not in FORMATS[format_](result), format_


def test_text_has_colour_only_when_asked():
    assert "\033[" not in FORMATS["text"](RESULT)
    coloured = FORMATS["text"](RESULT, colour=True)
    assert "\033[31merror\033[0m" in coloured
    assert "\033[33mwarning\033[0m" in coloured
    assert "\033[36minfo\033[0m" in coloured
    assert f"\033[1m{CASE}\033[0m:12:11:" in coloured
    assert f"\033[2m{EXPLAINED_CASE}:21:5:" in coloured


# junit


def test_junit_counts_and_testcases():
    root = ET.fromstring(FORMATS["junit"](RESULT))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "complaints check"
    cases = {(t.get("classname"), t.get("name")): t for t in suite.findall("testcase")}
    assert list(cases) == [
        ("cases", CASE),
        ("cases", CLEAN_CASE),
        ("cases", EXPLAINED_CASE),
        ("repository", "notes.yaml"),
        ("policy", "policy/codes/lgsco.yaml"),
        ("policy", "policy/council.yaml"),  # checked and passing: a testcase all the same
        ("policy", "policy/policy.yaml"),
    ]
    failed = {key for key, testcase in cases.items() if testcase.find("failure") is not None}
    assert failed == {("cases", CASE), ("repository", "notes.yaml")}
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("7", "2", "0")
    assert suite.get("skipped") == "0" and suite.get("timestamp") == "2026-11-23T00:00:00"
    assert all(t.get("time") == "0" for t in cases.values())

    failure = cases["cases", CASE].find("failure")
    assert failure.get("type") == "case-folder-year"
    assert failure.get("message").startswith(f"{CASE}:12:11 received 2025-06-02")
    assert "error case-folder-year" in failure.text
    out = suite.find("system-out").text
    assert f"{CASE}:\n  " in out and "warning due-soon" in out
    assert "the reason is in the case file" in out
    assert list(cases["cases", CLEAN_CASE]) == []


def test_junit_is_valid_against_the_ant_xsd_and_reads_in_junitparser(tmp_path):
    """The strictest published JUnit schema (tests/fixtures/junit/README.md says why), and the
    parser GitLab-style tooling uses; a case file that passes is a testcase like one that fails."""
    xmlschema = pytest.importorskip("xmlschema")
    junitparser = pytest.importorskip("junitparser")
    schema = xmlschema.XMLSchema(HERE / "fixtures" / "junit" / "JUnit.xsd")
    for result in (RESULT, EMPTY):
        text = FORMATS["junit"](result)
        assert [e.reason for e in schema.iter_errors(text)] == []
    path = tmp_path / "complaints.xml"
    path.write_text(FORMATS["junit"](RESULT), encoding="utf-8")
    [suite] = list(junitparser.JUnitXml.fromfile(str(path)))
    assert (suite.tests, suite.failures) == (7, 2)
    names = {case.name for case in suite}
    assert {CLEAN_CASE, "policy/council.yaml"} <= names


def test_junit_survives_characters_xml_cannot_hold():
    finding = Finding(
        "yaml-syntax",
        Severity.ERROR,
        "found character '\x07' that cannot start any token",
        Location("cases/2025-26/bad.yaml", 2, 3),
    )
    result = Result(Path("/repo"), date(2026, 11, 23), 1, (finding,), ("cases/2025-26/bad.yaml",))
    failure = ET.fromstring(FORMATS["junit"](result)).find("testsuite/testcase/failure")
    assert "character '\\x07'" in failure.get("message")


# sarif


def _validate_sarif(text: str) -> dict:
    log = json.loads(text)
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)
    validator(SARIF_SCHEMA).validate(log)
    return log


def test_sarif_validates_and_lists_every_registry_rule():
    log = _validate_sarif(FORMATS["sarif"](RESULT))
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    for rule in rules:
        module = RULES[rule["id"]]
        assert rule["shortDescription"]["text"] == module.TITLE
        assert rule["fullDescription"]["text"] != module.TITLE, (
            f"{rule['id']} has no What it checks"
        )
        assert "## How to fix" in rule["help"]["markdown"], rule["id"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        seen = [c for f in RESULT.findings if f.rule == module.ID for c in f.clauses]
        cited = list(dict.fromkeys([*module.PROVISIONS, *(f"policy {c}" for c in seen)]))
        assert rule.get("properties", {}).get("tags", []) == cited
    duplicate = next(rule for rule in rules if rule["id"] == "policy-clause-duplicate")
    assert duplicate["name"] == "PolicyClauseDuplicate"
    assert (
        duplicate["fullDescription"]["text"]
        == "Every clause number in `policy/policy.yaml` is used once."
    )
    indexed = [result for result in run["results"] if "ruleIndex" in result]
    assert indexed
    for result in indexed:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_results_locations_and_suppressions():
    log = _validate_sarif(sarif.render(RESULT, rules=STUB_RULES, include_explained=True))
    [run] = log["runs"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}
    results = {r["ruleId"]: r for r in run["results"]}
    late = results["stage1-response-late"]
    assert late["ruleIndex"] == 1
    assert late["level"] == "error"
    assert late["suppressions"] == [
        {"kind": "inSource", "justification": "explained in the case file"}
    ]
    location = late["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": EXPLAINED_CASE, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 21, "startColumn": 5, "endLine": 21, "endColumn": 6}
    assert results["code-unverified"]["level"] == "note"
    assert "suppressions" not in results["case-folder-year"]
    assert "ruleIndex" not in results["stray-file"]
    assert late["properties"]["tags"] == ["HO 6.3", "LGSCO 6.3", "policy 10.2.2"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[1]["properties"]["tags"] == ["HO 6.3", "LGSCO 6.3", "policy 10.2.2"]
    assert "properties" not in rules[5]  # rule-with-nothing-found cites nothing
    assert rules[1]["fullDescription"]["text"] == "That the stage1-response-late condition holds."


def test_sarif_explained_without_words_and_awkward_paths():
    finding = Finding(
        "case-folder-year",
        Severity.ERROR,
        "m",
        Location("cases/2025-26/a b#1.yaml", 1, 1),
        explained=True,
    )
    result_ = Result(Path("/repo"), date(2026, 11, 23), 1, (finding,))
    assert _validate_sarif(sarif.render(result_))["runs"][0]["results"] == []  # not an alert
    log = _validate_sarif(sarif.render(result_, include_explained=True))
    [result] = log["runs"][0]["results"]
    assert result["suppressions"][0]["justification"] == "explained in the case file"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "cases/2025-26/a%20b%231.yaml"


def test_sarif_leaves_explained_breaches_out_and_fingerprints_every_result():
    """GitHub code scanning ignores suppressions: an explained breach is left out unless asked
    for. Each result's fingerprint is its rule, file, case, subject and YAML path, not its line."""
    run = _validate_sarif(sarif.render(RESULT, rules=STUB_RULES))["runs"][0]
    assert run["results"] and all("suppressions" not in r for r in run["results"])
    assert len(run["results"]) == sum(not f.explained for f in RESULT.findings)
    prints = [r["partialFingerprints"]["complaintsFinding/v1"] for r in run["results"]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", p) for p in prints)
    finding = next(f for f in RESULT.findings if not f.explained)
    moved = replace(finding, location=replace(finding.location, line=finding.location.line + 9))
    assert sarif.fingerprint(moved) == sarif.fingerprint(finding)
    assert sarif.fingerprint(replace(finding, path=("stage2",))) != sarif.fingerprint(finding)
    assert run["automationDetails"] == {"id": "complaints/check/"}
    assert run["tool"]["driver"]["fullName"].startswith("complaints (complaints-as-code) ")
    for rule in _validate_sarif(FORMATS["sarif"](RESULT))["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["name"].lower() != rule["id"].lower(), rule["id"]  # SARIF1001


def test_sarif_version_falls_back_when_not_installed(monkeypatch):
    monkeypatch.undo()  # the real tool_version, not the fixture's

    def missing(name):
        raise sarif.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(sarif.metadata, "version", missing)
    assert sarif.tool_version() == "0"


# github


def test_github_annotates_unexplained_findings_with_file_and_line():
    lines = FORMATS["github"](RESULT).splitlines()
    assert (
        f"::error file={CASE},line=12,col=11,title=case-folder-year::received 2025-06-02"
        in "\n".join(lines)
    )
    assert any(
        line.startswith("::warning file=policy/policy.yaml,line=612,col=13,") for line in lines
    )
    assert any(
        line.startswith("::notice file=policy/codes/lgsco.yaml,line=4,col=1,") for line in lines
    )
    assert not any("stage1-response-late" in line for line in lines)  # explained
    assert len(lines) == 6
    assert lines[-1].startswith("Checked 7 files")


def _many(n: int) -> Result:
    findings = tuple(
        Finding(
            "case-folder-year", Severity.ERROR, f"m|{i} *x*", Location(f"cases/c{i:02}.yaml", i)
        )
        for i in range(1, n + 1)
    )
    return Result(Path("/repo"), date(2026, 11, 23), n, findings)


def test_github_annotates_ten_of_a_kind_and_says_how_many_it_did_not():
    """GitHub shows ten annotations of each kind a step: the other 15 of 25 are in the log as
    plain lines (never read as commands), and a notice says how many were not annotated."""
    lines = github.render(_many(25)).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    plain = [line for line in lines if line.startswith("  cases/c")]
    assert len(plain) == 15
    notice = next(line for line in lines if line.startswith("::notice title=complaints::"))
    assert "15 errors not shown as annotations" in notice


def test_the_job_summary_counts_by_rule_and_lists_every_finding():
    text = github.job_summary(_many(25))
    assert "| `case-folder-year` | error | 25 |" in text
    rows = [row for row in text.splitlines() if row.startswith("| cases/c")]
    assert len(rows) == 25
    assert r"m\|1 \*x\*" in rows[0]  # the message as plain text, its markup escaped
    assert all(row.count(" | ") == 3 for row in rows)  # a | in a message is escaped


def test_github_escapes_message_and_properties():
    finding = Finding(
        "rule-x", Severity.ERROR, "100% wrong,\r\nsee: below", Location("cases/a,b:c%.yaml", 3, 4)
    )
    line = github.command(finding)
    assert line == (
        "::error file=cases/a%2Cb%3Ac%25.yaml,line=3,col=4,title=rule-x"
        "::100%25 wrong,%0D%0Asee: below"
    )
    assert "\n" not in line


def test_json_has_one_finding_a_line_in_the_order_of_the_check():
    out = FORMATS["json"](RESULT)
    lines = out.splitlines()
    findings = [
        json.loads(line.strip().rstrip(","))
        for line in lines[lines.index('  "findings": [') + 1 : -2]
    ]
    assert findings == json.loads(out)["findings"] and len(findings) == len(RESULT.findings)
    assert [f["rule"] for f in findings] == [f.rule for f in RESULT.findings]


# every format


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_empty_result_renders(name):
    out = FORMATS[name](EMPTY)
    assert out.endswith("\n")
    if name == "junit":
        suite = ET.fromstring(out).find("testsuite")
        assert (suite.get("tests"), suite.get("failures")) == ("0", "0")
    elif name == "sarif":
        assert _validate_sarif(out)["runs"][0]["results"] == []
    elif name == "json":
        assert json.loads(out)["findings"] == []
    else:
        assert out == "Checked 0 files (0 cases) as of 2026-11-23: 0 errors, 0 warnings, 0 notes.\n"


@pytest.mark.parametrize("format_", ["text", "github"])
def test_control_characters_in_a_path_or_message_are_written_as_escapes(format_):
    """A file name can hold a terminal escape or a right-to-left override: printed raw, it could
    clear the screen or disguise what a finding says."""
    finding = Finding(
        "file-layout",
        Severity.ERROR,
        "rename \x1b[2J the file\u202e",
        Location("cases/2025-26/\x1b]0;owned\x07x.yaml", 1, 1),
    )
    out = FORMATS[format_](Result(Path("/repo"), date(2026, 11, 23), 1, (finding,)))
    assert not [c for c in out if not c.isprintable() and c != "\n"], repr(out)
    assert "\\x1b" in out and "\\u202e" in out


def test_every_text_line_cites_what_its_finding_enforces(tmp_path):
    # the line an officer reads in CI names the Code provisions and policy clauses it enforces
    repo = scratch(tmp_path / "repo", with_cases=True)
    shown = run_cli("check", "--root", repo, "--as-of", "2026-11-23").out
    findings = run_cli("check", "--root", repo, "--as-of", "2026-11-23", "--format", "json").json
    cited = [f for f in findings["findings"] if f["provisions"] or f["clauses"]]
    assert cited
    for finding in cited:
        where = f"{finding['path']}:{finding['line']}:{finding['column']}: "
        lines = [x for x in shown.splitlines() if x.startswith(where) and finding["rule"] in x]
        assert any(all(p in x.rpartition("[")[2] for p in finding["provisions"]) for x in lines), (
            finding,
            lines,
        )


def test_check_writes_every_finding_to_the_job_summary_and_sarif_keeps_explained_if_asked(
    tmp_path, monkeypatch
):
    """On the example repository: `--format github` appends the job summary where the runner
    says; `--format sarif` leaves the explained breaches out unless `--include-explained`."""
    repo = scratch(tmp_path / "example", with_cases=True)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = run_cli("check", "--root", repo, "--format", "github", "--as-of", "2026-11-23")
    assert run.code in (0, 1), run.err
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## complaints check\n")  # appended, not replaced
    annotated = [line for line in run.out.splitlines() if line.startswith("::")]
    listed = [
        row
        for row in written.splitlines()
        if row.startswith("| cases/") or row.startswith("| policy/")
    ]
    assert len(listed) >= len(annotated) > 0
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    plain = run_cli("check", "--root", repo, "--format", "sarif", "--as-of", "2026-11-23")
    kept = run_cli(
        "check", "--root", repo, "--format", "sarif", "--as-of", "2026-11-23", "--include-explained"
    )
    left_out = json.loads(plain.out)["runs"][0]["results"]
    with_explained = json.loads(kept.out)["runs"][0]["results"]
    suppressed = [r for r in with_explained if r.get("suppressions")]
    assert suppressed and not any(r.get("suppressions") for r in left_out)
    assert len(with_explained) == len(left_out) + len(suppressed)


def test_a_job_summary_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, monkeypatch):
    repo = scratch(tmp_path / "example", with_cases=False)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder: not a file to append to
    run = run_cli("check", "--root", repo, "--format", "github", "--as-of", "2026-11-23")
    assert run.code == 2 and run.err.count("\n") == 1
    assert "cannot write the job summary" in run.err and "Traceback" not in run.err
