"""`complaints score`: declared and evidenced scores, contradictions, coverage and the action
plan."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from checker.calendar.workdays import Calendar
from tests.conftest import ROOT, run_cli


def score(root, *extra):
    return run_cli("score", "--root", root, "--as-of", "2026-11-23", *extra)


def test_the_ho_score_reports_every_provision_and_the_measured_rates():
    run = score(ROOT, "--code", "housing-ombudsman", "--format", "json")
    assert run.code == 0, run.err
    (result,) = run.json["scores"]
    assert result["period"] == "2025-26"
    assert (result["declared"]["yes"], result["declared"]["no"], result["declared"]["partial"]) == (
        63,
        9,
        0,
    )
    numbers = [p["provision"] for p in result["provisions"]]
    assert numbers[0] == "1.2" and numbers[-1] == "9.8" and len(numbers) == 72
    measured = {p["provision"]: p["metrics"] for p in result["provisions"] if p["metrics"]}
    responded = measured["6.3"][0]
    assert responded["metric"] == "stage1-responded-in-time"
    # the housing-route stage 1 responses of the example year (the HO Code governs that route only)
    assert responded["applicable"] == 163 and responded["met"] == 161
    assert responded["rate"] == round(161 / 163, 4) and responded["target"] == 0.95
    assert {"6.2", "6.3", "6.11", "6.13", "6.14", "6.19"} <= set(measured)
    assert [s["number"] for s in result["sections"]] == list(range(1, 10))


def _make_stage1_responses_late(root, share: float = 0.8) -> int:
    """Move most housing stage 1 responses 15 working days past the acknowledgement."""
    calendar, changed = Calendar(), 0
    files = sorted((root / "cases" / "2025-26").glob("*.yaml"))
    for path in files:
        text = path.read_text()
        if "route: housing" not in text or "stage2:" in text or "stage1:" not in text:
            continue
        acknowledged = re.search(r"stage1:\n  acknowledged: (\S+)", text)
        if not acknowledged or changed >= share * len(files):
            continue
        late = calendar.add(date.fromisoformat(acknowledged.group(1)), 30).isoformat()
        text = re.sub(r"(stage1:\n(?:  .*\n)*?  responded: )\S+", rf"\g<1>{late}", text, count=1)
        text = re.sub(
            r"(  (?:actions|remedies):.*\n(?:    .*\n)*)", "", text
        )  # actions now predate it
        path.write_text(text)
        changed += 1
    return changed


def test_mostly_late_responses_turn_the_yes_to_6_3_into_a_contradiction(example):
    assert _make_stage1_responses_late(example) > 100
    run = score(example, "--code", "housing-ombudsman", "--format", "json")
    (result,) = run.json["scores"]
    assert "6.3" in result["contradictions"]
    provision = next(p for p in result["provisions"] if p["provision"] == "6.3")
    assert provision["declared"] == "yes" and provision["contradiction"] == "yes-contradicted"
    assert provision["metrics"][0]["rate"] < 0.95
    text = score(example, "--code", "housing-ombudsman").out
    line = next(line for line in text.splitlines() if line.startswith("  6.3:"))
    assert "declared yes, but stage1-responded-in-time" in line and "against 95.0%" in line
    finding = run_cli("check", "--root", example, "--format", "json", "--as-of", "2026-11-23").json
    contradicted = [f for f in finding["findings"] if f["rule"] == "self-assessment-contradicted"]
    assert "housing-ombudsman:6.3" in [f["subject"] for f in contradicted]
    assert {f["severity"] for f in contradicted} == {"warning"}


def test_the_policy_can_make_a_contradicted_yes_an_error(example):
    _make_stage1_responses_late(example)
    policy = example / "policy" / "policy.yaml"
    policy.write_text(
        policy.read_text().replace(
            "  targets:\n", "  severity: {self-assessment-contradicted: error}\n\n  targets:\n", 1
        )
    )
    findings = run_cli(
        "check", "--root", example, "--format", "json", "--as-of", "2026-11-23"
    ).json["findings"]
    assert {f["severity"] for f in findings if f["rule"] == "self-assessment-contradicted"} == {
        "error"
    }


def test_the_action_plan_lists_every_no_and_partial_with_overdue_ones():
    run = score(ROOT, "--format", "json")
    by_code = {s["code"]: s for s in run.json["scores"]}
    ho_actions = {a["provision"] for a in by_code["housing-ombudsman"]["actions"]}
    assert ho_actions == {"4.3", "5.4", "5.5", "5.6", "8.1", "8.2", "9.3", "9.7", "9.8"}
    lgsco = by_code["lgsco"]
    assert len(lgsco["actions"]) == lgsco["declared"]["partial"] + lgsco["declared"]["no"]


def test_an_overdue_action_is_flagged(repo):
    path = repo / "policy" / "self-assessment" / "2026-housing-ombudsman.yaml"
    text = path.read_text().replace(
        '"Record the complaint definition and the outcomes sought at acknowledgement, '
        'and ask for the expected outcome on the complaint form."}',
        '"Record the complaint definition at acknowledgement.", '
        "owner: complaints-lead, due: 2026-09-30}",
    )
    path.write_text(text)
    (action,) = [
        a
        for a in score(repo, "--code", "housing-ombudsman", "--format", "json").json["scores"][0][
            "actions"
        ]
        if a["provision"] == "5.6"
    ]
    assert action["overdue"] is True and action["owner"] == "complaints-lead"


def test_evidence_coverage_lists_answers_without_evidence():
    (result,) = score(ROOT, "--code", "housing-ombudsman", "--format", "json").json["scores"]
    assert "1.5" in result["coverage"]["no_evidence"]
    assert "1.2" not in result["coverage"]["no_evidence"]
    assert result["coverage"]["broken_links"] == []


def test_csv_has_stable_columns_and_a_row_per_provision_and_metric():
    run = score(ROOT, "--code", "housing-ombudsman", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert list(rows[0]) == [
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
    ]
    assert {r["provision"] for r in rows} >= {"1.2", "6.3", "9.8"}
    assert next(r for r in rows if r["provision"] == "6.3")["metric"] == "stage1-responded-in-time"


def test_the_text_score_is_a_table_per_section():
    out = score(ROOT, "--code", "housing-ombudsman").out
    assert "section  title" in out
    assert re.search(r"^all\s+63\s+0\s+9\s+87\.5%", out, re.M)
    assert "Action plan:" in out
