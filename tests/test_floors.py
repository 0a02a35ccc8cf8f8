"""Every case held to both floors: the council's policy and the Code, with literal dates.

The case: a housing complaint received Monday 2 June 2025 at 10:00 (day 0). Working days from
there, by `complaints workdays add`: +7 is 11 June, +8 12 June, +15 23 June, +20 30 June, +22 2
July. Acknowledged Wednesday 4 June (day 2): the Code's response deadline (HO 6.3, 10 working
days of the acknowledgement) is 18 June; 15 working days after it is 25 June, 20 is 2 July.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, check, run_cli, scratch

POLICY_RESPONSE = (
    '    stage1_response:\n      working_days: 10\n      clauses: ["10.2.6", "12.1"]\n'
)
CLAUSES = ["10.2.6", "12.1"]  # Canterbury's clauses for its stage 1 response


def case(responded: str, acknowledged: str = "2025-06-04", more: str = "") -> str:
    return f"""\
id: CCC-2025-0001
route: housing
service: housing-repairs
type: repairs-delay
channel: webform
received: 2025-06-02T10:00:00+01:00
complainant:
  ref: P-7Q2K9
discrimination_claimed: false
definition: Roof leak reported three times and not repaired.
outcomes_sought: Repair completed and an apology.
not_responsible_for: []
stage1:
  acknowledged: {acknowledged}
  acknowledgement_includes: [definition, outcomes-sought, not-responsible-for, process]
  handler: housing-repairs-manager
  responded: {responded}
  decision: not-upheld
  response_includes: [stage, definition, decision, reasons, remedy, outstanding-actions, escalation]
{more}"""


def council(tmp_path: Path, response: str | None, text: str | None = None) -> Path:
    """Canterbury with its stage 1 response rule replaced (None: left out), and one case."""
    repo = scratch(tmp_path / "repo", with_cases=False)
    policy = repo / "policy" / "policy.yaml"
    body = policy.read_text()
    assert POLICY_RESPONSE in body
    policy.write_text(body.replace(POLICY_RESPONSE, response or ""))
    if text is not None:
        (repo / "cases" / "2025-26").mkdir(parents=True)
        (repo / "cases" / "2025-26" / "CCC-2025-0001.yaml").write_text(text)
    return repo


def late(repo: Path, rule: str = "stage1-response-late") -> list[dict]:
    return [f for f in check(repo).findings(rule) if f["path"].startswith("cases/")]


def test_a_looser_policy_met_but_the_code_missed_is_a_code_finding_citing_both(tmp_path):
    repo = council(
        tmp_path,
        '    stage1_response:\n      working_days: 20\n      clauses: ["10.2.6", "12.1"]\n',
        case(responded="2025-06-25"),  # 15 working days after the acknowledgement
    )
    [found] = late(repo)
    assert found["provisions"] == ["HO 6.3"]
    assert found["clauses"] == CLAUSES
    assert "the Code's deadline 2025-06-18" in found["message"]
    assert (
        "the policy's deadline 2025-07-02 (20 working days from the acknowledgement) was met"
        in (found["message"])
    )


def test_new_prints_both_deadlines_when_they_differ(tmp_path):
    repo = council(
        tmp_path,
        '    stage1_response:\n      working_days: 20\n      clauses: ["10.2.6", "12.1"]\n',
    )
    run = run_cli(
        "new", "--root", repo, "--route", "housing", "--service", "housing-repairs",
        "--type", "repairs-delay", "--received", "2025-06-02T10:00:00+01:00",
    )  # fmt: skip
    assert run.code == 0, run.err
    # not yet acknowledged: each counts from the acknowledgement's deadline, 9 June
    assert (
        "Stage 1 response due: 2025-07-07 if acknowledged on time (20 working days from the "
        in run.out
    )
    assert "acknowledgement: the policy)" in run.out
    assert (
        "Stage 1 response due: 2025-06-23 if acknowledged on time (10 working days from the "
        in run.out
    )
    assert "acknowledgement: the Code)" in run.out
    assert (
        "Stage 1 acknowledgement due: 2025-06-09 (5 working days from receipt: the policy and "
        in (run.out)
    )


def test_a_clock_from_receipt_met_after_a_day_two_acknowledgement_misses_the_code(tmp_path):
    repo = council(
        tmp_path,
        "    stage1_response:\n      working_days: 15\n      from: receipt\n"
        '      clauses: ["10.2.6", "12.1"]\n',
        case(responded="2025-06-23"),  # receipt + 15: the policy's own deadline, met
    )
    [found] = late(repo)
    assert found["provisions"] == ["HO 6.3"]
    assert (
        "the Code's deadline 2025-06-18 (10 working days from the acknowledgement)"
        in (found["message"])
    )
    assert (
        "the policy's deadline 2025-06-23 (15 working days of receipt) was met" in found["message"]
    )


def test_a_twenty_day_clock_from_receipt_answered_at_receipt_plus_22_cites_the_clause(tmp_path):
    repo = council(
        tmp_path,
        "    stage1_response:\n      working_days: 20\n      from: receipt\n"
        '      clauses: ["10.2.6", "12.1"]\n',
        case(responded="2025-07-02"),  # receipt + 22
    )
    [found] = late(repo)
    assert found["clauses"] == CLAUSES
    assert found["provisions"] == ["HO 6.3"]  # the Code's 18 June was missed too
    assert (
        "the policy's deadline 2025-06-30 (20 working days of receipt) was missed too"
        in (found["message"])
    )


def test_a_stricter_policy_missed_but_the_code_met_cites_the_clause_and_no_provision(tmp_path):
    repo = council(
        tmp_path,
        "    stage1_response:\n      working_days: 7\n      from: receipt\n"
        '      clauses: ["10.2.6", "12.1"]\n',
        case(responded="2025-06-12", acknowledged="2025-06-03"),  # day 8; the Code's is 17 June
    )
    [found] = late(repo)
    assert found["provisions"] == []
    assert found["clauses"] == CLAUSES
    assert "the policy's deadline 2025-06-11 (7 working days of receipt)" in found["message"]
    assert (
        "the Code's deadline 2025-06-17 (10 working days from the acknowledgement) was met"
        in (found["message"])
    )


def test_the_days_begin_the_day_after_receipt_gives_the_same_deadline_as_of_receipt(tmp_path):
    # "25 working days from the day after receipt": the day after receipt is day 1, so the
    # deadline is receipt + 25 (7 July), as "25 working days of receipt" would be.
    repo = council(
        tmp_path,
        "    stage1_response:\n      working_days: 7\n      from: day-after-receipt\n"
        '      clauses: ["10.2.6", "12.1"]\n',
        case(responded="2025-06-12", acknowledged="2025-06-03"),
    )
    [found] = late(repo)
    assert (
        "the policy's deadline 2025-06-11 (7 working days from the day after receipt)"
        in (found["message"])
    )


def test_an_advisory_timescale_holds_no_case_to_it(tmp_path):
    repo = council(
        tmp_path,
        "    stage1_response:\n      working_days: 7\n      from: receipt\n      advisory: true\n"
        '      clauses: ["10.2.6", "12.1"]\n',
        case(responded="2025-06-12", acknowledged="2025-06-03"),
    )
    assert late(repo) == []


def test_a_calendar_day_timescale_counts_every_day(tmp_path):
    # 14 calendar days from Monday 2 June is Monday 16 June; answered on the 17th
    repo = council(
        tmp_path,
        "    stage1_response:\n      calendar_days: 14\n      from: receipt\n"
        '      clauses: ["10.2.6", "12.1"]\n',
        case(responded="2025-06-17", acknowledged="2025-06-03"),
    )
    [found] = late(repo)
    assert found["provisions"] == []
    assert "the policy's deadline 2025-06-16 (14 calendar days of receipt)" in found["message"]


def test_a_timescale_left_out_is_not_stated_and_cases_meet_the_codes_figure(tmp_path):
    repo = council(tmp_path, None, case(responded="2025-06-19"))  # the Code's deadline: 18 June
    run = check(repo)
    assert not run.findings("schema")
    unstated = [f for f in run.findings("policy-rule-not-stated")]
    assert {f["subject"] for f in unstated} == {
        "housing-ombudsman:stage1_response",
        "lgsco:stage1_response",
    }
    assert {p for f in unstated for p in f["provisions"]} == {"HO 6.3", "LGSCO 6.3"}
    assert all(f["severity"] == "warning" for f in unstated)
    [found] = [f for f in run.findings("stage1-response-late") if f["path"].startswith("cases/")]
    assert found["provisions"] == ["HO 6.3"]
    assert found["clauses"] == []
    assert "2025-06-18 (10 working days from the acknowledgement)" in found["message"]


THREE_STAGES = (
    "  stages: 2\n",
    "  stages: 3\n",
)
STAGE3 = (
    "    # No stage2_request_window: the policy sets no time limit for asking for stage 2.\n",
    '    stage3_acknowledgement: {working_days: 5, clauses: ["10.3.2"]}\n'
    '    stage3_response: {working_days: 20, clauses: ["10.3.6"]}\n',
)
STAGE2_AND_3 = """\
stage2:
  requested: 2025-06-20T10:00:00+01:00
  acknowledged: 2025-06-23
  handler: head-of-housing
  responded: 2025-07-10
  decision: not-upheld
  response_includes: [stage, definition, decision, reasons, remedy, outstanding-actions, ombudsman]
stage3:
  requested: 2025-07-14T10:00:00+01:00
  acknowledged: {acknowledged}
"""


@pytest.mark.parametrize(("acknowledged", "fires"), [("2025-07-21", False), ("2025-07-22", True)])
def test_a_third_stage_is_recorded_and_held_to_the_policys_timescales(
    tmp_path, acknowledged, fires
):
    # stage 3 requested Monday 14 July: 5 working days is Monday 21 July
    repo = council(
        tmp_path,
        POLICY_RESPONSE,
        case("2025-06-16", more=STAGE2_AND_3.format(acknowledged=acknowledged)),
    )
    policy = repo / "policy" / "policy.yaml"
    body = policy.read_text()
    for old, new in (THREE_STAGES, STAGE3):
        assert old in body
        body = body.replace(old, new, 1)
    policy.write_text(body)
    run = check(repo)
    assert not run.findings("schema") and not run.findings("stage-beyond-policy")
    found = [f for f in run.findings("later-stage-late") if f["path"].startswith("cases/")]
    assert len(found) == fires
    if fires:
        assert found[0]["clauses"] == ["10.3.2"] and found[0]["provisions"] == []
    assert {f["subject"] for f in run.findings("policy-stages")} == {
        "housing-ombudsman:stages",
        "lgsco:stages",
    }


def test_a_third_stage_in_a_two_stage_policy_is_refused(tmp_path):
    text = case("2025-06-16", more=STAGE2_AND_3.format(acknowledged="2025-07-21"))
    repo = council(tmp_path, POLICY_RESPONSE, text)
    [found] = check(repo).findings("stage-beyond-policy")
    assert found["line"] == text.splitlines().index("stage3:") + 1


def test_new_refuses_a_route_the_policy_does_not_have(tmp_path):
    repo = tmp_path / "seed-002"
    shutil.copytree(ROOT / "examples" / "seed-002", repo)
    run = run_cli(
        "new", "--root", repo, "--route", "housing", "--service", "planning",
        "--received", "2026-01-05T10:00:00+00:00",
    )  # fmt: skip
    assert run.code == 2
    assert "the policy has no housing route; use one of: general" in run.err
    assert not list((repo / "cases").glob("*/EDC-2026-*"))


WHEN_LATE = '  escalation:\n    when_response_late: true\n    clauses: ["10.3.1"]\n\n  routes:\n'


@pytest.mark.parametrize(
    ("allowed", "on", "escalated"),
    [(True, "2025-06-19", True), (True, "2025-06-18", False), (False, "2025-06-19", False)],
    ids=["policy-allows-after-the-deadline", "not-yet-late", "policy-silent"],
)
def test_escalation_before_a_late_response_follows_the_policy(tmp_path, allowed, on, escalated):
    # acknowledged 4 June, no response: the Code's deadline (binding) is 18 June
    text = case("2025-06-16").replace("  responded: 2025-06-16\n  decision: not-upheld\n", "")
    text = text.replace("  response_includes: [stage, definition, decision, reasons, remedy, "
                        "outstanding-actions, escalation]\n", "")  # fmt: skip
    repo = council(tmp_path, POLICY_RESPONSE, text)
    if allowed:
        policy = repo / "policy" / "policy.yaml"
        policy.write_text(policy.read_text().replace("\n  routes:\n", "\n" + WHEN_LATE, 1))
    run = run_cli("escalate", "CCC-2025-0001", "--root", repo, "--on", on, "--as-of", on)
    assert (run.code != 2) is escalated, run.err
    stored = (repo / "cases" / "2025-26" / "CCC-2025-0001.yaml").read_text()
    assert ("stage2:" in stored) is escalated


def test_the_check_and_the_reports_ch02_agree_on_every_housing_case():
    # TSM CH02 counts a stage within the Code's timescales exactly when the check finds no Code
    # timing breach of it: the same deadlines, from the same place.
    from datetime import date

    from checker.engine.cases import check_case, whole_cases
    from checker.load.repository import load_repository
    from checker.load.view import view
    from checker.report.tsm import Tenure, count_response

    timing = {"acknowledgement-late", "response-late"}
    compared = 0
    for case in whole_cases(view(load_repository(ROOT), date(2026, 11, 23))):
        if case.route != "housing":
            continue
        findings = check_case(case)
        for number, stage in case.stages.items():
            if stage.response.done is None or stage.acknowledgement.done is None:
                continue
            tenure = Tenure()
            count_response(tenure, case, stage)
            within = tenure.ch02[number][0] == 1
            breached = any(
                f.rule.removeprefix(f"stage{number}-") in timing
                or (f.rule == "extension-too-long" and f.path[0] == f"stage{number}")
                for f in findings
                if any(p.startswith("HO ") for p in f.provisions)
            )
            assert within is not breached, (case.id, number, [f.message for f in findings])
            compared += 1
    assert compared > 100


def test_due_and_the_step_commands_print_both_deadlines_where_they_differ(tmp_path):
    # a 20-working-day policy response: the Code's 18 June binds, the policy's 2 July is shown too
    text = case("2025-06-16").replace("  responded: 2025-06-16\n  decision: not-upheld\n", "")
    text = text.replace("  response_includes: [stage, definition, decision, reasons, remedy, "
                        "outstanding-actions, escalation]\n", "")  # fmt: skip
    repo = council(
        tmp_path,
        '    stage1_response:\n      working_days: 20\n      clauses: ["10.2.6", "12.1"]\n',
        text,
    )
    due = run_cli("due", "--root", repo, "--as-of", "2025-06-17", "--within", "5")
    assert "2025-06-18" in due.out
    assert "stage 1 response (the policy's 2025-07-02)" in due.out
    extended = run_cli(
        "extend", "CCC-2025-0001", "--root", repo, "--days", "5", "--reason", "A survey",
        "--on", "2025-06-17", "--as-of", "2025-06-17", "--ombudsman-details-given",
    )  # fmt: skip
    assert "Next: stage 1 response due 2025-06-25" in extended.out
    assert "the policy's: 2025-07-09 (20 working days from the acknowledgement, extended by 5)" in (
        extended.out
    )


def test_the_report_and_the_site_take_a_third_stage_without_failing(tmp_path):
    # the report's tables follow the Codes' two stages; a case with a third still counts in them
    repo = council(
        tmp_path,
        POLICY_RESPONSE,
        case("2025-06-16", more=STAGE2_AND_3.format(acknowledged="2025-07-21")),
    )
    policy = repo / "policy" / "policy.yaml"
    body = policy.read_text()
    for old, new in (THREE_STAGES, STAGE3):
        body = body.replace(old, new, 1)
    policy.write_text(body)
    report = run_cli(
        "report", "--root", repo, "--year", "2025-26", "--format", "json", "--as-of", "2026-11-23"
    )
    assert report.code in (0, 1), report.err
    assert "Traceback" not in report.err
    score = run_cli("score", "--root", repo, "--as-of", "2026-11-23")
    assert "Traceback" not in score.err


def test_a_late_acknowledgement_is_one_breach_and_the_response_runs_from_it(tmp_path):
    # received Monday 2 June: the acknowledgement was due 9 June and came 11 June, 2 working days
    # late; the response, 10 working days after that acknowledgement, is 25 June: in time (HO 6.3
    # "within 10 working days of the complaint being acknowledged")
    repo = council(
        tmp_path, POLICY_RESPONSE, case(responded="2025-06-25", acknowledged="2025-06-11")
    )
    found = [f for f in check(repo).findings() if f["path"].startswith("cases/")]
    assert [f["rule"] for f in found] == ["stage1-acknowledgement-late"]
    assert found[0]["provisions"] == ["HO 6.2"]


def test_a_late_acknowledgement_says_when_the_response_is_still_due(tmp_path):
    text = case("2025-06-25", acknowledged="2025-06-11")
    text = text.replace("  responded: 2025-06-25\n  decision: not-upheld\n", "").replace(
        "  response_includes: [stage, definition, decision, reasons, remedy, "
        "outstanding-actions, escalation]\n",
        "",
    )
    repo = council(tmp_path, POLICY_RESPONSE, text)
    [found] = late(repo, "stage1-acknowledgement-late")
    assert (
        "the response is still due 2025-06-25 (10 working days from the acknowledgement)"
        in (found["message"])
    )
