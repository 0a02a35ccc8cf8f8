"""Canterbury as data: the repository checks clean, and the data says what the seeds say."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from checker.load.yaml import load
from checker.model.codes import provisions
from checker.model.policy import clauses, figures, render
from tests.conftest import ROOT, check

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def data(relative: str) -> dict:
    document, problems = load(ROOT / relative, relative)
    assert not problems, problems
    return document.data


def seed_rows() -> dict[str, str]:
    """Seed 004's form rows: provision number -> its Yes/No cell."""
    rows = {}
    for line in (SEEDS / "004-canterbury-ho-self-assessment.txt").read_text().splitlines():
        if match := re.match(r"^(\d\.\d+)\t(.*)", line):
            cells = [cell.strip() for cell in match.group(2).split("\t")]
            rows[match.group(1)] = next(cell for cell in cells if cell in ("Yes", "No"))
    return rows


def test_the_repository_checks_clean_with_a_one_line_summary(cli):
    run = cli("check", "--root", ROOT, "--as-of", "2026-11-23")
    assert run.code == 0, run.out
    summary = run.out.splitlines()[-1]
    assert re.match(
        r"Checked \d+ files \(\d+ cases?\) as of 2026-11-23: 0 errors, \d+ warnings?, \d+ notes?, "
        r"\d+ explained breaches\.",
        summary,
    )


def test_check_runs_from_a_subfolder(cli, monkeypatch):
    monkeypatch.chdir(ROOT / "policy" / "codes")
    assert cli("check", "--as-of", "2026-11-23").code == 0


def test_outside_a_repository_is_a_usage_error(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = cli("check")
    assert run.code == 2
    assert "no council repository" in run.err


def test_the_seed_policy_faults_are_kept_and_reported(repo):
    run = check(repo)
    duplicates = run.findings("policy-clause-duplicate")
    assert [f["severity"] for f in duplicates] == ["warning"]
    assert "10.2.11" in duplicates[0]["message"]
    assert run.code == 0


def test_the_ho_self_assessment_holds_every_row_of_seed_004():
    rows = seed_rows()
    answers = data("policy/self-assessment/2026-housing-ombudsman.yaml")["answers"]
    assert [a["provision"] for a in answers] == list(rows)
    assert {a["provision"]: a["comply"] for a in answers} == {k: v.lower() for k, v in rows.items()}
    comply = [a["comply"] for a in answers]
    assert (len(answers), comply.count("yes"), comply.count("no")) == (72, 63, 9)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _in_order(needle: list[str], haystack: list[str]) -> bool:
    """True when the words of `needle` appear in `haystack` in order, close together."""
    head = needle[:4]
    for start in (i for i in range(len(haystack)) if haystack[i : i + len(head)] == head):
        position, window = start, start + 2 * len(needle) + 80
        for word in needle:
            try:
                position = haystack.index(word, position, window) + 1
            except ValueError:
                break
        else:
            return True
    return False


def test_the_ho_requirement_texts_match_the_seed():
    seed = _words((SEEDS / "004-canterbury-ho-self-assessment.txt").read_text())
    code = data("policy/codes/housing-ombudsman.yaml")
    checked = 0
    for provision in provisions(code):
        if provision.data.get("wording") == "summary":
            continue
        assert _in_order(_words(provision.data["requirement"]), seed), provision.number
        checked += 1
    assert checked == 72


def test_the_ho_code_has_every_provision():
    numbers = [p.number for p in provisions(data("policy/codes/housing-ombudsman.yaml"))]
    per_section = {1: 6, 2: 5, 3: 7, 4: 3, 5: 15, 6: 20, 7: 4, 8: 5, 9: 8}
    assert numbers == [f"{s}.{n}" for s, count in per_section.items() for n in range(1, count + 1)]


def test_every_lgsco_provision_maps_to_the_ho_and_says_whether_it_is_verified():
    lgsco = provisions(data("policy/codes/lgsco.yaml"))
    ho = {p.number for p in provisions(data("policy/codes/housing-ombudsman.yaml"))}
    assert {"6.2", "6.3", "6.4", "6.5", "7.4"} <= {p.number for p in lgsco if p.verified}
    for provision in lgsco:
        assert "corresponds_to" in provision.data, provision.number
        assert set(provision.data["corresponds_to"]) <= ho
        if not provision.verified:
            assert provision.data.get("source"), provision.number


def test_the_unverified_provisions_are_one_note_per_code_that_never_fails(repo):
    run = check(repo, "--fail-on", "info")
    notes = run.findings("code-unverified")
    assert {f["path"] for f in notes} == {
        "policy/codes/lgsco.yaml",
        "policy/codes/housing-ombudsman.yaml",
    }
    assert all(f["severity"] == "info" for f in notes)
    assert check(repo).code == 0


def test_the_lgsco_draft_answers_every_provision_from_the_policy():
    assessment = data("policy/self-assessment/2026-lgsco.yaml")
    numbers = {c.number for c in clauses(data("policy/policy.yaml"))}
    assert assessment["status"] == "draft" and assessment["answers"]
    for answer in assessment["answers"]:
        cited = [link["clause"] for link in answer.get("links", []) if "clause" in link]
        assert set(cited) <= numbers
        if answer["comply"] != "yes":
            assert answer.get("action"), answer["provision"]


@pytest.mark.parametrize(
    ("number", "rendered"),
    [
        ("10.2.2", "This must be done within 5 working days."),
        ("10.3.2", "This must be done within five working days."),
        ("10.2.6", "10 working days from the date of the acknowledgement"),
        ("10.3.6", "We should respond within 20 working days from the acknowledgement."),
    ],
)
def test_clause_text_draws_its_figures_from_the_rules(number, rendered):
    policy = data("policy/policy.yaml")
    clause = next(c for c in clauses(policy) if c.number == number)
    assert "{{" in clause.data["text"]
    assert rendered in render(clause.data["text"], figures(policy))


def test_the_rendered_policy_reads_as_the_seed():
    policy = data("policy/policy.yaml")
    seed = _words((SEEDS / "001-canterbury-policy.txt").read_text())
    values = figures(policy)
    assert clauses(policy)
    for clause in clauses(policy):
        for text, _ in clause.texts():
            plain = re.sub(r"\[\^\w+\]|\]\([^)]*\)|\[", " ", render(text, values))
            assert _in_order(_words(plain), seed), clause.number


def test_changing_a_timescale_changes_the_text():
    policy = data("policy/policy.yaml")
    policy["rules"]["timescales"]["stage2_acknowledgement"]["working_days"] = 3
    clause = next(c for c in clauses(policy) if c.number == "10.3.2")
    assert "within three working days" in render(clause.data["text"], figures(policy))


@pytest.mark.parametrize("kind", ["council", "policy", "code", "self-assessment", "case", "report"])
def test_complaints_schema_prints_a_valid_draft_2020_12_schema(cli, kind):
    run = cli("schema", kind)
    assert run.code == 0
    schema = json.loads(run.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_example_file_names_its_schema_for_editors():
    files = [*ROOT.glob("policy/**/*.yaml"), *ROOT.glob("cases/*/*.yaml")]
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), path


def test_the_editor_settings_map_every_folder_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = settings["yaml.schemas"]
    for kind in ("council", "policy", "code", "self-assessment", "case", "report"):
        assert f"checker/schemas/{kind}.schema.json" in mapped
