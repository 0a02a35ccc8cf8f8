"""The personal-data rule's two short cuts find exactly what the long way finds: a case's strings
looked at for a name in one pass (`_names.joined`), and a file whose only comment is the schema
line the tool writes skipped without a look at its comments."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import schemas
from checker.load.yaml import load
from checker.rules import _names, personal_data
from checker.rules._names import has_name, joined
from checker.schemas import KINDS, closed_keys, header_in, schema
from tests.conftest import ROOT

WORDS = [
    *("Mr", "Mrs", "Dr", "Cllr", "Sir", "Lady", "St", "St.", "Saint", "J.", "R"),
    *("John", "Mary", "William", "Sarah", "Mohammed", "Christine"),
    *("Smith", "O'Brien", "McDonald", "Smith-Jones", "Green", "Ward", "Lane", "Patel"),
    *("Road", "Avenue", "Hospital", "Team", "Monday", "Council", "Housing", "Repairs"),
    *("the", "tenant", "officer", "asked", "for", "a", "call", "ASB", "2025"),
]
GAPS = [" ", "  ", "\n", "\t", ". ", ", ", "; ", " (", ") ", "-", "'", ""]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=8).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@settings(max_examples=800, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_one_pass_over_a_cases_strings_finds_a_name_exactly_when_one_string_has_one(texts):
    assert has_name(joined(texts)) == any(map(has_name, texts))


def test_the_join_can_neither_make_nor_hide_a_name_across_two_strings():
    assert not has_name(joined(["The tenant asked John", "Smith Road was closed"]))  # no pair
    assert has_name("John Smith") and not has_name("St John Smith")
    assert has_name(joined(["a call from St", "John Smith"]))  # a saint only right before it
    assert has_name(joined(["the tenant", "Mrs Patel"]))
    assert not has_name(joined(["the tenant", "the officer"]))


def names_in(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "case.yaml").write_text(text, encoding="utf-8")
    document, problems = load(tmp_path / "case.yaml", "cases/2025-26/case.yaml")
    assert document is not None, problems
    return [p.message for p in personal_data.names_in(document, "because")]


@pytest.mark.parametrize("where", ["checker/schemas", "schemas"])
@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("depth", [1, 2])
def test_every_schema_line_the_tool_writes_has_no_comment_to_look_at(where, kind, depth):
    assert personal_data._no_comment(header_in(where, kind, depth) + "\nid: CCC-2025-0001\n")


def test_only_the_schema_line_the_tool_writes_is_skipped(tmp_path):
    line = header_in("checker/schemas") + "\n"
    assert personal_data._no_comment(line + "id: CCC-2025-0001\n")
    assert not personal_data._no_comment(line + "id: CCC-2025-0001  # Mrs Patel\n")
    assert names_in(tmp_path, line + "id: CCC-2025-0001\n") == []
    # a name written on the schema line itself is still found
    tampered = line.replace(".json\n", ".json Mrs Patel rang\n")
    assert not personal_data._no_comment(tampered + "id: CCC-2025-0001\n")
    (found,) = names_in(tmp_path, tampered + "id: CCC-2025-0001\n")
    assert found.startswith("a comment on line 1 contains what looks like a person's name")


# The patterns as first written, with `\b` before them: the fast forms must find exactly these.
PLAIN_TITLED = re.compile(rf"\b(?:{_names.TITLES})\.?\s+")
PLAIN_PAIR = re.compile(rf"\b([A-Z][a-z]+)\s+({_names.NAME})(?:\s+([A-Z][a-z]+))?")
CHARACTERS = st.text(st.sampled_from("aJé É_1-'.\n\0 xySmithJohnMrsDr"), max_size=40)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(TEXT, CHARACTERS), st.integers(0, 40))
def test_the_fast_patterns_find_what_the_plain_ones_find(text, start):
    def found(pattern: re.Pattern[str]) -> list[tuple]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text, start)]

    assert found(_names.PAIR) == found(PLAIN_PAIR)
    # the first look for a title finds one wherever a titled name can start
    assert _names.A_TITLE.search(text) or not PLAIN_TITLED.search(text)


def _enum_values(node: object) -> list[object]:
    """Every value an enum or const of a schema allows."""
    return [
        value
        for item in schemas.objects(node)
        for value in [*item.get("enum", []), *([item["const"]] if "const" in item else [])]
    ]


def test_the_keys_a_case_schema_closes_are_its_lists_dates_and_flags_only():
    closed = closed_keys("case")
    assert {"acknowledgement_includes", "decision", "received", "responded", "channel"} <= closed
    # free text, slugs, pseudonyms and objects are not closed
    assert not closed & {"definition", "what", "reason", "need", "text", "handler", "service"}
    assert not closed & {"ref", "person", "stage1", "issue", "explanations", "not_responsible_for"}


def test_no_value_a_closed_key_allows_looks_personal():
    words = [v for v in _enum_values(schema("case")) if isinstance(v, str)]
    assert len(words) > 50  # the case schema's closed lists
    for word in words:
        assert personal_data.found_keys(word) == set() and not has_name(word), word


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2199, 12, 31)))
def test_no_date_or_time_looks_personal(moment):
    for text in (moment.date().isoformat(), moment.isoformat(), moment.isoformat() + "+01:00"):
        assert personal_data.found_keys(text) == set() and not has_name(text), text


def test_a_cases_first_look_skips_only_what_cannot_hold_personal_data():
    shorter = 0
    for path in sorted((ROOT / "cases").glob("*/*.yaml")):
        document, _ = load(path, path.name)
        assert document is not None
        short = joined(personal_data._strings(document.data, personal_data.NOT_TEXT_IN_A_CASE))
        whole = joined(personal_data._strings(document.data))
        shorter += len(short) < len(whole)
        assert personal_data._digit_or_at(short) == personal_data._digit_or_at(whole)
        assert has_name(short) == has_name(whole)
    assert shorter > 10


def test_no_key_is_closed_where_an_object_may_hold_keys_its_schema_does_not_name(monkeypatch):
    open_map = {"type": "object", "additionalProperties": {"type": "string"}}
    for extra in ({"x": open_map}, {"x": {"type": "object", "patternProperties": {".": {}}}}):
        loose = {"properties": {"decision": {"enum": ["upheld"]}, **extra}}
        monkeypatch.setattr(schemas, "schema", lambda kind, loose=loose: loose)
        assert schemas.closed_keys.__wrapped__("case") == frozenset()


def test_every_object_of_a_case_names_its_keys():
    """Each object schema of a case closes its keys (`additionalProperties` or, where a stage's
    definition is shared, `unevaluatedProperties` where it is used), so a closed key's name
    never holds free text anywhere in a valid case."""
    root = schema("case")
    stages = [root["properties"][f"stage{n}"] for n in range(1, 6)]
    assert all(stage.get("unevaluatedProperties") is False for stage in stages)
    branches = [
        id(branch.get(part))
        for branch in schemas.objects(root)
        if "if" in branch
        for part in ("if", "then", "else")
    ]
    for node in schemas.objects(root):
        conditional = node is root["$defs"]["stage"] or id(node) in branches
        if "properties" in node and not conditional:
            closed = node.get("additionalProperties", node.get("unevaluatedProperties"))
            assert closed is False, node
