"""The example year (cases/2025-26): clean as it is, and each kind of breach caught and
explainable."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from checker.load.yaml import load
from tests.conftest import ROOT, check, run_cli


def _case_with(example: Path, predicate) -> Path:
    """The first example case file whose data satisfies `predicate`."""
    for path in sorted((example / "cases" / "2025-26").glob("*.yaml")):
        document, _ = load(path, path.name)
        if predicate(document.data):
            return path
    raise AssertionError("no example case fits")


def _explain(path: Path, rule: str) -> None:
    text = path.read_text()
    entry = (
        f"  - {{rule: {rule}, reason: Recorded late by the service, reviewed_by: complaints-lead, "
        "date: 2026-01-05}\n"
    )
    if "explanations:" in text:
        text = text.replace("explanations:\n", "explanations:\n" + entry)
    else:
        text += "explanations:\n" + entry
    path.write_text(text)


def test_the_example_year_is_clean_and_reports_its_explained_breaches(example):
    run = check(example)
    assert run.code == 0
    summary = run.json["summary"]
    explained = [f for f in run.findings() if f["explained"] and f["case_id"]]
    assert (summary["cases"], summary["error"], len(explained)) == (400, 0, 5)
    assert {f["rule"] for f in explained} <= {"stage1-response-late", "stage2-response-late"}


@pytest.mark.parametrize(
    ("rule", "provision", "pick", "breach"),
    [
        (
            "stage1-acknowledgement-late",
            "HO 6.2",
            lambda c: c["route"] == "housing" and "stage1" in c and "explanations" not in c,
            lambda t: re.sub(r"(stage1:\n  acknowledged: )(\S+)", r"\g<1>2099-01-01", t, count=1),
        ),
        (
            "stage1-response-incomplete",
            "HO 6.9",
            lambda c: c["route"] == "housing" and "stage1" in c and "explanations" not in c,
            lambda t: t.replace("outstanding-actions, escalation]", "outstanding-actions]", 1),
        ),
        (
            "stage2-same-handler",
            "HO 6.13",
            lambda c: c["route"] == "housing" and "stage1" in c and "stage2" in c,
            None,
        ),
    ],
    ids=["late-acknowledgement", "missing-response-element", "same-stage2-handler"],
)
def test_breaking_an_example_case_fails_until_it_is_explained(
    example, rule, provision, pick, breach
):
    path = _case_with(example, pick)
    explained_before = check(example).json["summary"]["explained"]
    text = path.read_text()
    if breach is None:  # give stage 2 the stage 1 handler
        handler = re.search(r"stage1:\n(?:  .*\n)*?  handler: (\S+)", text).group(1)
        text = re.sub(r"(stage2:\n(?:  .*\n)*?  handler: )\S+", rf"\g<1>{handler}", text, count=1)
    else:
        text = breach(text)
    if rule == "stage1-acknowledgement-late":
        acknowledged = _late_acknowledgement(path, text)
        text = text.replace("acknowledged: 2099-01-01", f"acknowledged: {acknowledged}", 1)
    path.write_text(text)

    run = check(example)
    assert run.code == 1
    found = [f for f in run.findings(rule) if not f["explained"]]
    assert len(found) == 1
    finding = found[0]
    assert finding["path"] == f"cases/2025-26/{path.name}"
    assert provision in finding["provisions"]
    assert path.read_text().splitlines()[finding["line"] - 1].strip()  # points at a real line

    _explain(path, rule)
    after = check(example)
    assert after.code == 0, [
        f for f in after.findings() if f["severity"] == "error" and not f["explained"]
    ]
    assert after.json["summary"]["explained"] == explained_before + 1


def _late_acknowledgement(path: Path, text: str) -> str:
    """An acknowledgement date one working day after the deadline, before the recorded response."""
    from checker.calendar.workdays import Calendar, parse_timestamp

    received = re.search(r"^received: (\S+)", text, re.M).group(1)
    calendar = Calendar()
    due = calendar.add(calendar.receipt(parse_timestamp(received)), 5)
    return calendar.add(due, 1).isoformat()


def test_as_of_a_day_in_the_year_reports_the_open_cases_deadlines(example):
    as_of = date(2025, 11, 10)
    run = run_cli("due", "--root", example, "--as-of", as_of.isoformat(), "--within", "10")
    rows = run.out.splitlines()[1:-1]
    assert len(rows) > 5
    for row in rows:
        assert "OVERDUE" not in row  # the example year met every deadline
        match = re.match(r"(\S+) .*?(CCC-\d{4}-\d+)\s+stage (\d) (acknowledgement|response)", row)
        due, case_id, stage, step = match.groups()
        data = load(example / "cases" / "2025-26" / f"{case_id}.yaml", case_id)[0].data
        record = data[f"stage{stage}"]
        done = record["acknowledged" if step == "acknowledgement" else "responded"]
        assert as_of.isoformat() < done  # it was still open on that day
        extended_later = record.get("extension", {}).get("agreed", "") > as_of.isoformat()
        explained = any(e["rule"] == row.split()[-1] for e in data.get("explanations", []))
        assert done <= due or explained or (step == "response" and extended_later)
    assert check(example, "--as-of", as_of.isoformat()).code == 0


def test_the_sarif_and_junit_reports_of_the_example_are_valid(example, tmp_path):
    sarif = tmp_path / "complaints.sarif"
    assert run_cli("check", "--root", example, "--format", "sarif", "--output", sarif).code == 0
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(json.loads(sarif.read_text()))
    from xml.etree import ElementTree

    junit = run_cli("check", "--root", example, "--format", "junit")
    suite = ElementTree.fromstring(junit.out).find("testsuite")
    assert int(suite.get("tests")) >= 400 and suite.get("failures") == "0"
