"""The council's categories (policy/council.yaml `categories:`): the public label of each value,
what is said of an undeclared one, and the schema that declares them."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.load.validate import validate
from checker.load.yaml import load
from checker.model import categories
from checker.schemas import enum, schema
from tests.conftest import ROOT

EXAMPLES = [ROOT, ROOT / "examples" / "seed-002", ROOT / "examples" / "seed-003"]


def _council(root: Path = ROOT) -> dict:
    document, problems = load(root / "policy" / "council.yaml", "policy/council.yaml")
    assert document is not None and not problems
    assert validate(document, "council") == []
    return document.data


@pytest.mark.parametrize(
    ("key", "value", "label"),
    [
        ("service", "childrens-social-care", "Children's social care"),
        ("service", "housing-repairs", "Housing repairs"),
        ("type", "asb-handling", "Anti-social behaviour handling"),
        ("channel", "mp", "Through an MP"),
        ("channel", "webform", "Online form"),
    ],
)
def test_a_declared_value_has_the_councils_public_label(key: str, value: str, label: str) -> None:
    assert categories.label(_council(), key, value) == label


def test_an_undeclared_value_has_no_label_never_one_made_from_it() -> None:
    council = _council()
    assert categories.label(council, "service", "housing-repair") is None
    assert categories.label(council, "type", "Jane Example 12 Example Street") is None
    assert categories.label({}, "channel", "mp") is None


def test_labels_are_in_the_councils_order() -> None:
    council = _council()
    labels = categories.labels(council, "channel")
    assert list(labels) == list(council["categories"]["channels"])
    assert labels["councillor"] == "Through a councillor"


@pytest.mark.parametrize("root", EXAMPLES, ids=lambda p: p.name)
def test_every_example_case_uses_declared_categories(root: Path) -> None:
    council = _council(root)
    for path in sorted((root / "cases").rglob("*.yaml")):
        document = load(path, path.name)[0]
        assert document is not None
        data = document.data
        for key in categories.KEYS:
            assert categories.unknown(council, key, data[key]) is None, (path.name, key)
        assert categories.off_route(council, data["service"], data["route"]) is None, path.name


def test_an_undeclared_slug_is_quoted_with_the_nearest_value() -> None:
    said = categories.unknown(_council(), "service", "housing-repair")
    assert said == (
        "service 'housing-repair' is not one of the council's services (policy/council.yaml "
        "categories.services); did you mean 'housing-repairs'? If not, declare it there with "
        "its public label"
    )
    far = categories.unknown(_council(), "type", "zzzz")
    assert far is not None and "did you mean" not in far


@pytest.mark.parametrize("value", ["Jane Example", "07700 900123", "ZZ1 1ZZ", 7700900123, None])
def test_a_value_that_is_not_a_slug_is_never_quoted(value: object) -> None:
    said = categories.unknown(_council(), "type", value)
    assert said is not None and str(value) not in said


def test_the_council_may_use_only_the_case_schemas_channels() -> None:
    council_channels = schema("council")["properties"]["categories"]["properties"]["channels"]
    assert tuple(council_channels["propertyNames"]["enum"]) == enum("case", "channel")
    routes = schema("council")["properties"]["categories"]["properties"]["services"]
    items = routes["additionalProperties"]["properties"]["routes"]["items"]["enum"]
    assert tuple(items) == enum("case", "route")


@pytest.mark.parametrize(
    ("old", "new", "line_text", "says"),
    [
        ("categories:\n", "categorys:\n", "categorys:", "unknown key 'categorys'"),
        # a key that is not one the list allows is pointed at, and named if shaped like an id
        ("    mp: Through an MP\n", "    pigeon: By pigeon\n", "    pigeon:", "key 'pigeon'"),
        # a key not shaped like an id may be anything typed: never quoted
        (
            "    planning: {label:",
            "    Planning Dept: {label:",
            "    Planning Dept:",
            "a key in categories.services is not in the expected form",
        ),
        (
            "    leisure: {label: Leisure, routes: [general]}",
            "    leisure: {}",
            "    leisure:",
            "label",
        ),
    ],
    ids=["misspelt", "channel", "service-id", "no-label"],
)
def test_a_council_file_with_bad_categories_is_a_located_schema_finding(
    tmp_path: Path, old: str, new: str, line_text: str, says: str
) -> None:
    text = (ROOT / "policy" / "council.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    changed = text.replace(old, new)
    path = tmp_path / "council.yaml"
    path.write_text(changed, encoding="utf-8")
    document, problems = load(path, "policy/council.yaml")
    assert document is not None and not problems
    found = validate(document, "council")
    line = next(i for i, t in enumerate(changed.splitlines(), 1) if t.startswith(line_text))
    assert any(f.location.line == line and says in f.message for f in found), found
