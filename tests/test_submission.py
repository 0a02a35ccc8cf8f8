"""`complaints submission`: the Housing Ombudsman's annual submission form, answered from the data.

The golden files in tests/golden/ are the worked example's form as of 1 September 2026, in text and
JSON: the review copy of the output. After a deliberate change, rewrite them with
`UPDATE_GOLDEN=1 pytest tests/test_submission.py` and read the diff. The deadlines are checked
against a table copied by hand from the HO's annual submissions page, one row each.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from checker.load.yaml import load
from checker.model.submission import due
from tests.conftest import ROOT, run_cli, scratch

GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = "2026-09-01"  # 29 days before the 2025-26 submission is due
FORMS = [("submission.txt", "text"), ("submission.json", "json")]


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs: UPDATE_GOLDEN=1 rewrites"


@pytest.mark.parametrize(("name", "form"), FORMS)
def test_the_worked_examples_form_is_the_golden_file(name: str, form: str) -> None:
    run = run_cli("submission", "--root", ROOT, "--as-of", AS_OF, "--format", form)
    assert run.err == ""
    _golden(name, run.out)
    # the example's illustrative values and its actions without a date are what is missing
    assert run.code == 1


# --- the deadline: the HO's page states it for the 2026-27 form only ----------------------------

DEADLINES = [
    # (reporting year, start month, homes, due, verified)
    ("2025-26", 4, 5100, date(2026, 9, 30), True),  # over 1,000: by 30 September
    ("2025-26", 4, 400, date(2026, 9, 30), True),  # under 1,000: 6 months after 31 March
    ("2025-26", 4, None, date(2026, 9, 30), True),  # both rules agree for an April year
    ("2024-25", 4, 5100, date(2025, 9, 30), False),  # the 2025-26 form: unconfirmed
    ("2026-27", 4, 5100, date(2027, 9, 30), False),  # the 2027-28 form: unconfirmed
    ("2025-26", 7, 400, date(2026, 12, 31), True),  # a July year: 6 months after 30 June
    ("2025-26", 7, 5100, date(2026, 9, 30), True),  # the first 30 September after 30 June
    ("2025-26", 7, 1000, date(2026, 9, 30), True),  # exactly 1,000 (not said): the earlier
    ("2025-26", 10, 5100, date(2027, 9, 30), True),  # the year ends on 30 September itself
]


@pytest.mark.parametrize(("year", "start", "homes", "when", "verified"), DEADLINES)
def test_the_deadline(year: str, start: int, homes: int | None, when: date, verified: bool) -> None:
    found = due(year, start, homes)
    assert (found.date, found.verified) == (when, verified)
    assert bool(found.unconfirmed()) is not verified


# --- a complete submission, and one with a missing item -----------------------------------------


def _edit(path: Path, change) -> None:
    shown = path.name
    document = load(path, shown)[0]
    assert document is not None
    change(document.data)
    path.write_text(yaml.safe_dump(document.data, allow_unicode=True, sort_keys=False), "utf-8")


def _complete(data_root: Path) -> Path:
    """The worked example with its illustrative values made the council's own and a date on every
    action: nothing missing."""
    repo = scratch(data_root, with_cases=True)

    def council(data: dict) -> None:
        for key in ("housing_stock", "senior_lead", "member_responsible"):
            data[key].pop("example", None)

    def assessment(data: dict) -> None:
        data["approved"].pop("example", None)
        for answer in data["answers"]:
            if answer["comply"] != "yes":
                answer["action"]["due"] = "2027-03-31"

    _edit(repo / "policy" / "council.yaml", council)
    _edit(repo / "policy" / "self-assessment" / "2026-housing-ombudsman.yaml", assessment)
    return repo


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _complete(tmp_path_factory.mktemp("submission") / "complete")


def test_a_complete_submission_exits_0_with_every_address(complete: Path) -> None:
    run = run_cli("submission", "--root", complete, "--as-of", AS_OF, "--format", "json")
    assert run.code == 0, run.out
    form = run.json
    assert form["missing"] == [] and form["complete"] is True
    assert form["deadline"] == {
        "date": "2026-09-30",
        "verified": True,
        "basis": "over 1,000 homes: by 30 September after the year ends",
        "days_left": 29,
        "source": form["deadline"]["source"],
    }
    site = "https://complaints.example.gov.uk/"
    assert form["section_1"]["publications"] == {
        "policy": f"{site}policy/",
        "self_assessment": f"{site}self-assessment/2026-housing-ombudsman/",
        "annual_report": f"{site}reports/2025-26/",
        "governing_body_response": f"{site}reports/2025-26/",
    }
    nos = [p for p in form["section_2"]["provisions"] if p["complies"] == "no"]
    assert len(nos) == 9 and all(p["timescale"] == "2027-03-31" for p in nos)
    assert form["submitted"] is None  # recorded for 2026-09-24: after the date checked


def test_once_submitted_it_says_so(complete: Path) -> None:
    run = run_cli("submission", "--root", complete, "--as-of", "2026-11-23")
    assert run.code == 0, run.out
    assert "Submitted 2026-09-24." in run.out
    assert "the deadline passed 54 days ago" in run.out


def test_a_site_without_its_address_is_missing_and_its_links_are_empty(
    complete: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "no-site-url"
    shutil.copytree(complete, repo)
    mkdocs = repo / "mkdocs.yml"
    text = mkdocs.read_text()
    mkdocs.write_text("\n".join(x for x in text.splitlines() if not x.startswith("site_url:")))
    run = run_cli("submission", "--root", repo, "--as-of", AS_OF, "--format", "json")
    assert run.code == 1
    assert len(run.json["missing"]) == 1 and "site_url" in run.json["missing"][0]
    assert set(run.json["section_1"]["publications"].values()) == {None}


def test_a_report_without_its_governing_bodys_response_is_missing(
    complete: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "no-response"
    shutil.copytree(complete, repo)
    _edit(
        repo / "policy" / "reports" / "2025-26.yaml", lambda d: d["governing_body"].pop("response")
    )
    run = run_cli("submission", "--root", repo, "--as-of", AS_OF)
    assert run.code == 1
    assert "Governing body's response to the report: none (see missing)" in run.out
    assert "  - the governing body's response to the 2025-26 report is not recorded" in run.out


def test_late_and_not_submitted_is_missing(complete: Path, tmp_path: Path) -> None:
    repo = tmp_path / "late"
    shutil.copytree(complete, repo)
    path = repo / "policy" / "self-assessment" / "2026-housing-ombudsman.yaml"
    _edit(path, lambda d: d.pop("submitted"))
    run = run_cli("submission", "--root", repo, "--as-of", "2026-10-01", "--format", "json")
    assert run.code == 1
    assert run.json["deadline"]["days_left"] == -1
    assert [m.split(":")[0] for m in run.json["missing"]] == ["not submitted"]


def test_a_council_with_no_housing_route_makes_no_submission() -> None:
    run = run_cli("submission", "--root", ROOT / "examples" / "seed-002", "--format", "json")
    assert run.code == 0
    assert run.json["applies"] is False
    assert "no legal obligation" in run.json["lgsco"]


def test_the_lgsco_note_is_printed_for_a_landlord_too() -> None:
    run = run_cli("submission", "--root", ROOT, "--as-of", AS_OF)
    assert run.out.rstrip().splitlines()[-1].startswith("The LGSCO asks for no annual submission")


@pytest.mark.parametrize("argv", [["--year", "2025"], ["--format", "csv"], ["--as-of", "today"]])
def test_a_usage_error_exits_2(argv: list[str]) -> None:
    run = run_cli("submission", "--root", ROOT, *argv)
    assert run.code == 2 and run.out == ""
