"""The example-case generator: deterministic, schema-valid, on time but for explained breaches."""

from __future__ import annotations

import copy
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from checker import schemas
from checker.calendar.periods import bounds
from checker.calendar.workdays import Calendar, add_months, parse_timestamp
from checker.demo.generate import generate, write
from checker.load.validate import validate
from checker.load.yaml import load, parse
from checker.model import categories, clocks, deadlines
from checker.model.findings import Document

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2025-26"
COUNT = 400
LAST_STEP = date(2026, 10, 31)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
SCHEMA_LINE = "# yaml-language-server: $schema=../../checker/schemas/case.schema.json"
HO_EXCLUSIONS = {
    "late",
    "previously-considered",
    "legal-proceedings",
}  # the only ones HO 2.2 accepts
STATUTORY_KEYS = {
    "id",
    "route",
    "service",
    "type",
    "channel",
    "received",
    "complainant",
    "discrimination_claimed",
    "definition",
    "outcomes_sought",
    "not_responsible_for",
    "stage1",
}

# Personal data that must never appear in free text.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
UK_PHONE = re.compile(r"(?:\+44\s?\(?0?\)?|\b0)\s?\d(?:[\s-]?\d){8,10}\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
NI_NUMBER = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
FREE_TEXT = {
    "definition",
    "outcomes_sought",
    "not_responsible_for",
    "reason",
    "what",
    "text",
    "need",
}


def data(relative: str) -> dict:
    document, problems = load(ROOT / relative, relative)
    assert not problems, problems
    return document.data


@pytest.fixture(scope="module")
def council() -> dict:
    return data("policy/council.yaml")


@pytest.fixture(scope="module")
def policy() -> dict:
    return data("policy/policy.yaml")


@pytest.fixture(scope="module")
def calendar(council) -> Calendar:
    return Calendar.from_council(council)


@pytest.fixture(scope="module")
def files(council, policy) -> list[tuple[str, str]]:
    generated = generate(council, policy, YEAR, COUNT, seed=1)
    assert generated, "no case generated: the tests that loop over the cases would test nothing"
    return generated


@pytest.fixture(scope="module")
def cases(files) -> list[dict]:
    return [parse(text) for _, text in files]


def test_the_same_seed_gives_the_same_files_and_another_seed_others(council, policy, files):
    assert generate(council, policy, YEAR, COUNT, seed=1) == files
    assert generate(council, policy, YEAR, COUNT, seed=2) != files


def test_every_case_is_valid_against_the_schema(files):
    for name, text in files:
        assert text.startswith(SCHEMA_LINE + "\n")
        document = Document(f"cases/{YEAR}/{name}", parse(text), text)
        assert validate(document, "case") == [], name


def test_ids_are_sequential_in_order_of_receipt_and_name_the_files(files, cases, calendar):
    assert [c["id"] for c in cases] == [f"CCC-2025-{n:04d}" for n in range(1, COUNT + 1)]
    assert [name for name, _ in files] == [f"{c['id']}.yaml" for c in cases]
    moments = [parse_timestamp(c["received"]) for c in cases]
    assert moments == sorted(moments)
    refs = [c["complainant"]["ref"] for c in cases]
    assert len(set(refs)) == len(refs)


def test_every_case_is_received_within_the_year_with_the_right_offset(cases, calendar):
    first, last = bounds(YEAR)
    for case in cases:
        moment = parse_timestamp(case["received"])
        assert first <= moment.date() <= last
        assert first <= deadlines.received(case, calendar) <= last
        assert moment.utcoffset() == moment.astimezone(calendar.zone).utcoffset(), case["id"]
    moments = [parse_timestamp(c["received"]) for c in cases]
    outside = [m for m in moments if calendar.receipt(m) != m.date()]
    assert outside, "some complaints arrive outside working hours"


def test_every_step_is_done_by_the_end_of_october(cases):
    def dates(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from dates(value)
        elif isinstance(node, list):
            for value in node:
                yield from dates(value)
        elif isinstance(node, str) and DATE.match(node):
            yield date.fromisoformat(node[:10])

    for case in cases:
        assert max(dates(case)) <= LAST_STEP, case["id"]


def breaches(case: dict, policy: dict, calendar: Calendar) -> set[str]:
    """The timescale and extension rules a case breaks, per checker.model.deadlines."""
    found = set()
    policy_clocks = clocks.of(policy["rules"], None)  # the policy's own timescales
    for stage in deadlines.stages(case, policy_clocks, calendar, LAST_STEP):
        record = case[f"stage{stage.number}"]
        assert stage.acknowledgement.done and stage.response.done, (case["id"], "open step")
        if stage.acknowledgement.late:
            found.add(f"stage{stage.number}-acknowledgement-late")
        if stage.response.late:
            found.add(f"stage{stage.number}-response-late")
        extension = record.get("extension")
        if extension:
            limit = policy_clocks.extensions(stage.number)[0].figure
            assert extension["days"] <= limit, case["id"]
            assert stage.extension_days == extension["days"], (case["id"], "extension agreed late")
            if not extension["ombudsman_details_given"]:
                found.add("extension-ombudsman-details-missing")
    return found


def test_every_deadline_is_met_except_the_explained_breaches(cases, policy, calendar):
    explained_total = 0
    for case in cases:
        found = breaches(case, policy, calendar)
        explained = {e["rule"] for e in case.get("explanations", [])}
        assert found == explained, case["id"]
        explained_total += len(explained)
        for explanation in case.get("explanations", []):
            assert explanation["reviewed_by"] == "complaints-lead"
    assert 0 < explained_total < COUNT * 0.05


def test_an_explanation_is_dated_after_its_breach(cases):
    step = {
        "stage1-acknowledgement-late": ("stage1", "acknowledged"),
        "stage1-response-late": ("stage1", "responded"),
        "stage2-response-late": ("stage2", "responded"),
    }
    assert any(case.get("explanations") for case in cases)
    for case in cases:
        for explanation in case.get("explanations", []):
            when = date.fromisoformat(explanation["date"])
            if explanation["rule"] in step:
                stage, key = step[explanation["rule"]]
                assert when > date.fromisoformat(case[stage][key]), case["id"]
            else:
                agreed = [
                    case[s]["extension"]["agreed"]
                    for s in ("stage1", "stage2")
                    if "extension" in case.get(s, {})
                ]
                assert when > date.fromisoformat(min(agreed)), case["id"]


def test_stage2_is_handled_by_someone_else_and_follows_stage1(cases):
    escalated = [c for c in cases if "stage2" in c]
    assert escalated
    for case in escalated:
        if "direct_to_stage2" in case:
            assert "stage1" not in case and "requested" not in case["stage2"]
            continue
        assert case["stage2"]["handler"] != case["stage1"]["handler"]
        requested = parse_timestamp(case["stage2"]["requested"]).date()
        assert requested > date.fromisoformat(case["stage1"]["responded"])


def test_routes_exclusions_and_ombudsmen_follow_the_policy(cases, policy):
    routes = policy["rules"]["routes"]
    codes = {e["code"] for e in policy["rules"]["exclusions"]}
    for case in cases:
        if case["route"] == "statutory":
            assert set(case) <= STATUTORY_KEYS
            assert set(case["stage1"]) == {"acknowledged", "responded", "decision"}
            continue
        if "exclusion" in case:
            assert case["exclusion"]["reason"] in codes
            assert "stage1" not in case and "stage2" not in case
            if case["route"] == "housing":
                assert case["exclusion"]["reason"] in HO_EXCLUSIONS
            if case["exclusion"]["reason"] == "late":
                received = parse_timestamp(case["received"]).date()
                assert date.fromisoformat(case["issue"]["occurred"]) < add_months(received, -12)
        if "ombudsman" in case:
            assert case["ombudsman"]["body"] in routes[case["route"]]["escalates_to"]
        if "stage2" in case and case["route"] in routes:
            assert case["stage2"]["signposted_to"] == sorted(routes[case["route"]]["escalates_to"])


def test_adjustments_are_reviewed_while_the_case_is_open(cases):
    assert any(case["complainant"].get("adjustments") for case in cases)
    for case in cases:
        responses = [
            date.fromisoformat(case[s]["responded"]) for s in ("stage1", "stage2") if s in case
        ]
        last = max(responses, default=None)
        for adjustment in case["complainant"].get("adjustments", []):
            review = date.fromisoformat(adjustment["next_review"])
            reviewed = [date.fromisoformat(d) for d in adjustment.get("reviewed", [])]
            assert all(review <= d <= (last or d) for d in reviewed), case["id"]
            if last and review <= last:  # due while the complaint was still open
                assert reviewed, case["id"]


def test_no_free_text_holds_personal_data(cases):
    def texts(node, key=None):
        if isinstance(node, dict):
            for k, value in node.items():
                yield from texts(value, k)
        elif isinstance(node, list):
            for value in node:
                yield from texts(value, key)
        elif isinstance(node, str) and key in FREE_TEXT:
            yield node

    seen = 0
    for case in cases:
        for text in texts(case):
            seen += 1
            for pattern in (EMAIL, UK_PHONE, POSTCODE, NI_NUMBER):
                assert not pattern.search(text), (case["id"], text)
    assert seen > COUNT * 2


def test_the_patterns_catch_what_they_are_for():
    assert EMAIL.search("write to someone@example.org")
    assert UK_PHONE.search("call 01227 862000") and UK_PHONE.search("+44 7700 900123")
    assert POSTCODE.search("at CT1 1YW") and NI_NUMBER.search("AB 12 34 56 C")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "policy", tmp_path / "policy")
    return tmp_path


def test_write_creates_the_year_folder(repo):
    paths = write(repo, YEAR, 5, seed=3)
    assert [p.name for p in paths] == [f"CCC-2025-{n:04d}.yaml" for n in range(1, 6)]
    council, policy = data("policy/council.yaml"), data("policy/policy.yaml")
    header = schemas.header(repo)  # the scratch repository's own schema line
    expected = [text for _, text in generate(council, policy, YEAR, 5, 3, header=header)]
    assert [p.read_text("utf-8") for p in paths] == expected


def test_write_refuses_to_overwrite_and_then_writes_nothing(repo):
    folder = repo / "cases" / YEAR
    folder.mkdir(parents=True)
    existing = folder / "CCC-2025-0003.yaml"
    existing.write_text("id: mine\n", "utf-8")
    with pytest.raises(FileExistsError) as raised:
        write(repo, YEAR, 5, seed=3)
    assert "CCC-2025-0003.yaml" in str(raised.value)
    assert sorted(p.name for p in folder.iterdir()) == ["CCC-2025-0003.yaml"]
    assert existing.read_text("utf-8") == "id: mine\n"


def test_write_twice_refuses_the_second_time(repo):
    first = write(repo, YEAR, 3, seed=4)
    before = [p.read_bytes() for p in first]
    with pytest.raises(FileExistsError):
        write(repo, YEAR, 3, seed=5)
    assert [p.read_bytes() for p in first] == before


def test_every_case_uses_only_the_councils_declared_categories(
    council: dict, cases: list[dict]
) -> None:
    for case in cases:
        for key in categories.KEYS:
            assert categories.unknown(council, key, case[key]) is None, (case["id"], key)
        assert categories.off_route(council, case["service"], case["route"]) is None, case["id"]


def test_the_example_years_categories_are_what_the_generator_gives(cases: list[dict]) -> None:
    # the example repository's cases were generated before the council declared its categories:
    # it declares every one the vocabulary has, so no draw changed
    for case in cases:
        example = data(f"cases/{YEAR}/{case['id']}.yaml")
        assert {k: example[k] for k in ("route", *categories.KEYS)} == {
            k: case[k] for k in ("route", *categories.KEYS)
        }, case["id"]


def test_a_category_the_council_does_not_declare_is_never_drawn(
    council: dict, policy: dict
) -> None:
    narrowed = copy.deepcopy(council)
    lists = narrowed["categories"]
    del lists["services"]["housing-repairs"]
    del lists["types"]["communication"], lists["types"]["staff-conduct"]
    del lists["channels"]["webform"]
    generated = [parse(text) for _, text in generate(narrowed, policy, YEAR, 200, seed=1)]
    assert {c["service"] for c in generated} and "housing-repairs" not in {
        c["service"] for c in generated
    }
    assert not {c["type"] for c in generated} & {"communication", "staff-conduct"}
    assert "webform" not in {c["channel"] for c in generated}
    for case in generated:
        for key in categories.KEYS:
            assert categories.unknown(narrowed, key, case[key]) is None, (case["id"], key)


def test_a_council_declaring_none_of_the_vocabularys_services_gets_a_message(
    council: dict, policy: dict
) -> None:
    other = copy.deepcopy(council)
    other["categories"]["services"] = {"highways": {"label": "Highways"}}
    with pytest.raises(ValueError, match="declares none of the services"):
        generate(other, policy, YEAR, 5, seed=1)
