"""The handlers' read-only commands: `show ID` (a case's timeline, next step and findings), `list`
(the cases, filtered) and `due --handler`. Expected cases are worked out from the case files
themselves, not from the commands' own code."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
import yaml

from tests.conftest import ROOT, run_cli, scratch
from tests.test_bad_input import CASE, RAW_CONTROLS, _hostile_names, write_case

AS_OF = "2026-01-15"
CASES = {
    path.stem: yaml.safe_load(path.read_text()) for path in sorted(ROOT.glob("cases/*/*.yaml"))
}


def _day(value: object) -> date:
    return value.date() if isinstance(value, datetime) else date.fromisoformat(str(value)[:10])


def _received(case: dict) -> bool:
    return _day(case["received"]) <= date.fromisoformat(AS_OF)


def _stage(case: dict) -> int:
    """The case's current stage as of AS_OF, read straight from the file."""
    stage2 = case.get("stage2") or {}
    started = stage2.get("requested") or (
        case["received"] if case.get("direct_to_stage2") else None
    )
    return 2 if started and _day(started) <= date.fromisoformat(AS_OF) else 1


def _handler(case: dict) -> str | None:
    found = (case.get(f"stage{_stage(case)}") or {}).get("handler")
    return found.get("role") if isinstance(found, dict) else found


def listed(*filters: str) -> list[str]:
    run = run_cli("list", "--root", ROOT, "--as-of", AS_OF, "--format", "json", *filters)
    assert run.code == 0, run.err
    return [row["id"] for row in run.json["cases"]]


def due_ids(*options: str) -> set[str]:
    run = run_cli("due", "--root", ROOT, "--as-of", AS_OF, *options)
    assert run.code == 0, run.err
    return {word for line in run.out.splitlines() for word in line.split() if word in CASES}


# show


def test_show_prints_a_cases_steps_deadlines_and_explained_finding():
    run = run_cli("show", "CCC-2025-0150", "--root", ROOT, "--as-of", AS_OF)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].split()[:4] == [
        "CCC-2025-0150",
        "housing",
        "estate-services",
        "grounds-maintenance",
    ]
    assert "stage 2, closed 2025-10-14" in lines[0]
    case = CASES["CCC-2025-0150"]
    steps = [
        (case["stage1"]["acknowledged"], "stage 1 acknowledged"),
        (case["stage1"]["responded"], "stage 1 responded"),
        (case["stage2"]["acknowledged"], "stage 2 acknowledged"),
        (case["stage2"]["responded"], "stage 2 responded"),
    ]
    for day, what in steps:
        assert any(line.strip().startswith(f"{_day(day).isoformat()}  {what}") for line in lines), (
            what
        )
    late = next(line for line in lines if "stage 1 responded" in line)
    assert "missed by 5 working days" in late
    assert "Next: nothing is due" in run.out
    finding = next(line for line in lines if ": explained stage1-response-late " in line)
    assert finding.endswith("(the reason is in the case file)")
    dates = [
        line.split()[0] for line in lines[lines.index("Timeline:") + 1 :] if line.startswith("  2")
    ]
    assert dates == sorted(dates) and len(dates) >= 8


def test_show_never_prints_the_cases_free_text():
    case = CASES["CCC-2025-0150"]
    run = run_cli("show", "150", "--root", ROOT, "--as-of", AS_OF)
    texts = [case["definition"], case["outcomes_sought"], case["complainant"]["ref"]]
    texts += [e["reason"] for e in case.get("explanations", [])]
    assert texts and not [t for t in texts if t in run.out]


def test_show_json_has_the_timeline_next_step_and_findings():
    run = run_cli("show", "ccc-2025-0303", "--root", ROOT, "--as-of", AS_OF, "--format", "json")
    assert run.code == 0, run.err
    shown = run.json
    assert list(shown) == ["version", "as_of", "case", "timeline", "next", "findings"]
    assert shown["case"]["id"] == "CCC-2025-0303" and shown["case"]["state"] == "open"
    acknowledged = next(e for e in shown["timeline"] if e["what"] == "acknowledged")
    assert (
        acknowledged["date"] == _day(CASES["CCC-2025-0303"]["stage1"]["acknowledged"]).isoformat()
    )
    assert acknowledged["deadlines"][0]["binds"] and acknowledged["deadlines"][0]["met"]
    assert [(n["stage"], n["step"]) for n in shown["next"]] == [(1, "response")]
    assert shown["next"][0]["deadlines"][0]["date"] == "2026-01-21"
    assert shown["next"][0]["deadlines"][0]["working_days_left"] == 4
    explained = run_cli("show", "150", "--root", ROOT, "--as-of", AS_OF, "--format", "json").json
    assert [(f["rule"], f["explained"]) for f in explained["findings"]] == [
        ("stage1-response-late", True)
    ]


def test_show_marks_an_open_step_overdue():
    run = run_cli("show", "287", "--root", ROOT, "--as-of", AS_OF)
    assert "Next: stage 1 response due 2026-01-13, OVERDUE by 2 working days" in run.out


@pytest.mark.parametrize(
    "typed", ["CCC-2025-0002", "ccc-2025-0002", "0002", "2", "2025-2", "ccc-2025-2"]
)
def test_show_takes_an_id_in_any_case_or_short_in_the_current_year(typed):
    run = run_cli("show", typed, "--root", ROOT, "--as-of", AS_OF)
    assert run.code == 0, run.err
    assert run.out.startswith("CCC-2025-0002 ")


def test_a_short_id_means_the_reporting_year_of_the_as_of_date():
    run = run_cli("show", "2", "--root", ROOT, "--as-of", "2026-04-01")  # 2026-27 has no cases
    assert run.code == 2
    assert "no case 2 in 2026-27" in run.err


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("CCC-2025-O002", "CCC-2025-0002"),
        ("CCC-2052-0014", "CCC-2025-0014"),
        ("CCX-2025-0140", "CCC-2025-0140"),
    ],
)
def test_a_mistyped_id_is_a_usage_error_with_a_suggestion(typed, suggested):
    run = run_cli("show", typed, "--root", ROOT, "--as-of", AS_OF)
    assert run.code == 2 and run.out == ""
    assert f"did you mean {suggested}?" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_an_ambiguous_short_id_is_a_usage_error_naming_both(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    write_case(repo)
    write_case(repo, CASE.replace("CCC-2025-0001", "ABC-2025-0001"), name="ABC-2025-0001.yaml")
    run = run_cli("show", "1", "--root", repo, "--as-of", "2025-07-01")
    assert run.code == 2
    assert "ABC-2025-0001, CCC-2025-0001" in run.err
    assert len(run.err.strip().splitlines()) == 1
    exact = run_cli("show", "abc-2025-1", "--root", repo, "--as-of", "2025-07-01")
    assert exact.code == 0 and exact.out.startswith("ABC-2025-0001 ")


def test_show_of_an_invalid_case_file_is_a_usage_error(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    write_case(repo, CASE.replace("route: housing", "route: nowhere"))
    run = run_cli("show", "1", "--root", repo, "--as-of", "2025-07-01")
    assert run.code == 2
    assert "cases/2025-26/CCC-2025-0001.yaml is not a valid case file" in run.err


# list


def test_list_open_and_closed_split_the_cases_received_by_the_date():
    received = {case_id for case_id, case in CASES.items() if _received(case)}
    still, ended = set(listed("--open")), set(listed("--closed"))
    assert still and ended and not still & ended
    assert still | ended == received == set(listed())
    assert "CCC-2025-0303" in still and "CCC-2025-0002" in ended


@pytest.mark.parametrize(
    ("option", "value", "key"),
    [("--service", "tenancy-services", "service"), ("--route", "general", "route")],
)
def test_list_by_a_category_selects_the_cases_recording_it(option, value, key):
    expected = {i for i, case in CASES.items() if case[key] == value and _received(case)}
    assert expected and set(listed(option, value)) == expected


def test_list_by_stage_and_handler_follow_the_current_stage():
    at_two = {i for i, case in CASES.items() if _received(case) and _stage(case) == 2}
    assert at_two and set(listed("--stage", "2")) == at_two
    handled = {
        i for i, case in CASES.items() if _received(case) and _handler(case) == "head-of-housing"
    }
    assert handled and set(listed("--handler", "head-of-housing")) == handled


def test_list_overdue_and_due_within_agree_with_due():
    overdue = set(listed("--overdue"))
    assert overdue and overdue == {
        word
        for line in run_cli(
            "due", "--root", ROOT, "--as-of", AS_OF, "--within", "0"
        ).out.splitlines()
        if "OVERDUE" in line
        for word in line.split()
        if word in CASES
    }
    assert set(listed("--due-within", "5")) == due_ids("--within", "5")
    assert (
        set(listed("--due-within", "5", "--handler", "tenancy-services-manager"))
        == due_ids("--within", "5", "--handler", "tenancy-services-manager")
        == {"CCC-2025-0284", "CCC-2025-0301"}
    )


def test_list_is_sorted_by_next_deadline_then_id():
    rows = run_cli("list", "--root", ROOT, "--as-of", AS_OF, "--format", "json").json["cases"]
    keys = [(r["next"] is None, r["next"]["due"] if r["next"] else "", r["id"]) for r in rows]
    assert keys == sorted(keys)
    assert rows[0]["next"]["working_days_left"] < 0  # the overdue case first


def test_list_by_reporting_year_of_receipt(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    write_case(repo)
    earlier = CASE.replace("CCC-2025-0001", "CCC-2024-0007").replace(
        "2025-06-02T10:15:00", "2025-03-03T10:15:00"
    )
    earlier = earlier.replace("2025-06-04", "2025-03-04").replace("2025-06-13", "2025-03-13")
    write_case(repo, earlier, name="CCC-2024-0007.yaml", folder="2024-25")
    run = run_cli(
        "list", "--root", repo, "--as-of", "2025-07-01", "--year", "2024-25", "--format", "json"
    )
    assert [row["id"] for row in run.json["cases"]] == ["CCC-2024-0007"]
    assert run.json["cases"][0]["year"] == "2024-25"
    wrong = run_cli("list", "--root", repo, "--year", "2025")
    assert wrong.code == 2 and "2025-26" in wrong.err


def test_list_with_no_match_says_so_and_succeeds():
    run = run_cli("list", "--root", ROOT, "--as-of", AS_OF, "--service", "no-such-service")
    assert run.code == 0
    assert run.out == f"No case matches as of {AS_OF}.\n"


def test_list_text_and_csv_have_a_line_a_case():
    text = run_cli("list", "--root", ROOT, "--as-of", AS_OF, "--open")
    assert text.out.splitlines()[0].split()[:3] == ["case", "stage", "state"]
    assert len(text.out.splitlines()) == len(listed("--open")) + 2  # a header and a count
    table = run_cli("list", "--root", ROOT, "--as-of", AS_OF, "--open", "--format", "csv").out
    rows = list(csv.reader(io.StringIO(table)))
    assert rows[0][:4] == ["id", "route", "service", "type"] and "next_due" in rows[0]
    assert [row[0] for row in rows[1:]] == listed("--open")


# due --handler


def test_due_by_handler_keeps_only_that_handlers_steps():
    everyone = run_cli("due", "--root", ROOT, "--as-of", AS_OF, "--within", "10").out.splitlines()
    mine = run_cli(
        "due",
        "--root",
        ROOT,
        "--as-of",
        AS_OF,
        "--within",
        "10",
        "--handler",
        "tenancy-services-manager",
    ).out.splitlines()
    expected = [line for line in everyone[1:-1] if "tenancy-services-manager" in line]
    assert expected and len(expected) < len(everyone) - 2
    assert [line.split()[2] for line in mine[1:-1]] == [line.split()[2] for line in expected]
    nobody = run_cli("due", "--root", ROOT, "--as-of", AS_OF, "--handler", "nobody-here")
    assert nobody.code == 0 and nobody.out.startswith("Nothing due for nobody-here")


@pytest.mark.parametrize(
    "argv",
    [
        ("show", "1"),
        ("show", "2\x1b[31m"),
        ("show", "CCC-2025-0001\x1b"),
        ("list",),
        ("list", "--format", "csv"),
    ],
)
def test_hostile_file_names_and_ids_never_reach_the_terminal_raw(repo, argv):
    _hostile_names(repo)
    run = run_cli(*argv, "--root", repo, "--as-of", "2025-07-01")
    assert "Traceback" not in run.err
    assert not [c for c in RAW_CONTROLS if c in run.out + run.err], repr(run.out + run.err)
