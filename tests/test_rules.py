"""Every rule, tested from data: the per-rule cases in tests/rule_cases/, and the registry itself.

Each file `tests/rule_cases/<rule-id>.yaml` holds examples of one rule, firing and not firing
(sqlfluff's `std_rule_cases` style). One pytest case runs per example, with the id
`<rule-id>/<example name>`:

    rule: stage1-acknowledgement-late
    examples:
      - name: acknowledged on the sixth working day after receipt
        as_of: 2025-08-01            # optional; default 2026-11-23
        case: |                      # optional: a whole case file
          id: CCC-2025-0001
          ...
        path: cases/2025-26/CCC-2025-0001.yaml   # optional: where to write the case
        files:                       # optional: other files to write or patch, in order
          - path: policy/policy.yaml
            replace: ["old text", "new text"]    # the old text must occur exactly once
          - path: policy/self-assessment/2026-lgsco.yaml
            append: |                # text added at the end of the file
              ...
          - path: cases/2025-26/CCC-2025-0002.yaml
            text: |                  # a whole new file (or a whole replacement)
              ...
          - path: policy/codes/lgsco.yaml
            delete: true             # remove the file
        expect:                      # the findings of THIS rule, exactly, as a list
          - {line: 14}               # or {line: 14, column: 17}, or {at: "text on that line"}
          - {path: policy/policy.yaml, at: 'number: "12.2"', explained: true}
        explained: false             # optional: whether those findings are explained (an entry
                                     # may say otherwise for itself)
        also:                        # optional: error findings of OTHER rules the example causes
          - {rule: stage1-acknowledgement-late, line: 14, explained: true}
        xfail: "why the rule is thought wrong"   # optional: the rule's documentation disagrees

How an example runs:
- the scratch repository is what the `repo` fixture copies (the example repository's policy/ and
  mkdocs.yml) but with an empty cases/, so each example is the only case unless it adds others
  (copying the example's own cases only to delete them would cost more than the check itself);
- the case goes to `path`, or by default to cases/<reporting year>/<id>.yaml, the reporting year
  (April to March) taken from the calendar date of `received` (use `path` to test the working-hours
  edge of the year);
- `files` are then applied in order;
- `complaints check --format json --as-of <as_of>` runs through the CLI, in-process.

What is asserted:
- the findings of the rule under test are exactly the `expect` list, each compared by path, line,
  column (where the entry gives one) and whether it is explained; never by message text. An
  entry's path defaults to the case file, or else to the first of `files`; `at` names the one line
  of the file (as written) that contains the text, so a fixture survives edits elsewhere in a long
  file;
- the error findings of every other rule are exactly `also` (each unexplained unless it says
  `explained: true`): an example is a valid, otherwise clean case. Findings the example repository
  has by itself (its check with no example applied, as of the default date and, if that does not
  account for them, of the example's; matched by rule, file and message, since a patch may move
  their lines) need not be listed: whether the example repository is clean is a test of its own;
- the exit code is 1 when an unexplained error is expected, else 0 (at least 1 when the example
  repository itself fails), and no traceback is printed.
An example marked `xfail` is expected to fail (strictly: once the rule is mended, the test says
so and the marker must go).

The registry tests below guard the catalogue the way flake8's test_pyflakes_codes guards its
codes: ids unique and slug-shaped, every rule documented under the four headings, every cited
provision present in a Code file, every policy path resolvable, every rule with a fixture that
fires and one that passes, and `complaints rules` / `complaints explain` covering them all.
"""

from __future__ import annotations

import functools
import json
import pkgutil
import re
import shutil
from pathlib import Path

import pytest
import yaml

import checker.rules
from checker.model.case import ROUTES
from checker.model.codes import SHORT, provisions
from checker.model.findings import Severity
from checker.rules import RULES
from tests.conftest import ROOT, check, run_cli

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
AS_OF = "2026-11-23"
# Reported while loading, not by a check: tests/test_bad_input.py covers them.
LOADER_RULES = ("yaml-syntax", "schema", "file-layout")
EXAMPLE_KEYS = {"name", "as_of", "case", "path", "files", "expect", "explained", "also", "xfail"}
FILE_KEYS = {"path", "replace", "append", "text", "delete"}
FINDING_KEYS = {"path", "line", "column", "at", "explained"}
ALSO_KEYS = FINDING_KEYS | {"rule"}
HEADINGS = ("## What it checks", "## Why it matters", "## Example", "## How to fix")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- loading the fixtures ----------------------------------------------------------------------


def _fixture_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _check_format(name: str, data: object) -> None:
    """Fail loudly, naming the file and example, on a fixture that does not follow the format."""
    assert isinstance(data, dict) and set(data) == {"rule", "examples"}, f"{name}: rule, examples"
    assert data["rule"] == name, f"{name}.yaml describes {data['rule']}"
    for example in data["examples"]:
        where = f"{name}: {example.get('name')}"
        assert not set(example) - EXAMPLE_KEYS, f"{where}: unknown {set(example) - EXAMPLE_KEYS}"
        assert {"name", "expect"} <= set(example), f"{where}: every example has name and expect"
        for patch in example.get("files", []):
            actions = set(patch) & {"replace", "append", "text", "delete"}
            assert set(patch) <= FILE_KEYS and "path" in patch, f"{where}: bad files entry"
            assert len(actions) == 1, f"{where}: a files entry does one thing: {sorted(actions)}"
        for entry in example["expect"]:
            assert set(entry) <= FINDING_KEYS, f"{where}: bad expect entry {entry}"
            assert ("line" in entry) != ("at" in entry), f"{where}: give line or at: {entry}"
        for entry in example.get("also", []):
            assert set(entry) <= ALSO_KEYS and "rule" in entry, f"{where}: bad also entry {entry}"
            assert ("line" in entry) != ("at" in entry), f"{where}: give line or at: {entry}"


def _load(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST)
    _check_format(path.stem, data)
    return data


FIXTURES = {path.stem: _load(path) for path in _fixture_files()}


def _params():
    params = []
    for rule_id, fixture in FIXTURES.items():
        for example in fixture["examples"]:
            marks = []
            if "xfail" in example:
                marks.append(pytest.mark.xfail(reason=example["xfail"], strict=True))
            name = f"{rule_id}/{example['name']}"
            params.append(pytest.param(rule_id, example, id=name, marks=marks))
    return params


# --- writing the scratch repository --------------------------------------------------------------


def _reporting_year(received: str) -> str:
    year, month = int(received[:4]), int(received[5:7])
    first = year if month >= 4 else year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def _case_path(example: dict) -> str:
    if "path" in example:
        return example["path"]
    text = example["case"]
    case_id = re.search(r"^id:\s*(\S+)", text, re.M).group(1)
    received = re.search(r"^received:\s*['\"]?(\d{4}-\d{2}-\d{2})", text, re.M).group(1)
    return f"cases/{_reporting_year(received)}/{case_id}.yaml"


def _write(root: Path, relative: str, text: str) -> None:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _apply(root: Path, patch: dict) -> None:
    target = root / patch["path"]
    if "text" in patch:
        _write(root, patch["path"], patch["text"])
    elif "delete" in patch:
        target.unlink()
    elif "append" in patch:
        _write(root, patch["path"], target.read_text(encoding="utf-8") + patch["append"])
    else:
        old, new = patch["replace"]
        text = target.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{patch['path']}: {old!r} occurs {text.count(old)} times"
        target.write_text(text.replace(old, new), encoding="utf-8")


def _copy_example_repository(target: Path) -> Path:
    """What the `repo` fixture copies (policy/, mkdocs.yml), with an empty cases/."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "policy", target / "policy")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "cases").mkdir()
    return target


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """The `repo` fixture's scratch copy of the example repository, without its cases."""
    return _copy_example_repository(tmp_path / "repo")


def _prepare(root: Path, example: dict) -> str | None:
    """Write the example into the scratch repository; return the case file's path, if any."""
    case_path = None
    if "case" in example:
        case_path = _case_path(example)
        _write(root, case_path, example["case"])
    for patch in example.get("files", []):
        _apply(root, patch)
    return case_path


_BASELINES: dict[str, list[dict]] = {}


def _baseline(tmp_path_factory: pytest.TempPathFactory, as_of: str) -> list[dict]:
    """The findings of the example repository with no example applied, as of a date (cached)."""
    if as_of not in _BASELINES:
        root = _copy_example_repository(tmp_path_factory.mktemp("baseline") / "repo")
        _BASELINES[as_of] = check(root, "--as-of", as_of).json["findings"]
    return _BASELINES[as_of]


def _default_path(example: dict, case_path: str | None) -> str | None:
    if case_path:
        return case_path
    files = example.get("files", [])
    return files[0]["path"] if files else None


def _line(root: Path, path: str, entry: dict) -> int:
    if "line" in entry:
        return entry["line"]
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, 1) if entry["at"] in line]
    assert len(found) == 1, f"{path}: {entry['at']!r} is on lines {found}, not on exactly one"
    return found[0]


def _place(root: Path, entry: dict, default: str | None) -> tuple:
    path = entry.get("path", default)
    assert path, f"{entry}: give the path (the example has no case and no files)"
    place = (path, _line(root, path, entry))
    return (*place, entry["column"]) if "column" in entry else place


# --- one test per example ------------------------------------------------------------------------


@pytest.mark.parametrize(("rule_id", "example"), _params())
def test_rule_case(scratch: Path, tmp_path_factory, rule_id: str, example: dict) -> None:
    repo = scratch
    as_of = str(example.get("as_of", AS_OF))
    case_path = _prepare(repo, example)
    run = check(repo, "--as-of", as_of)
    assert "Traceback" not in run.err, run.err
    assert run.code in (0, 1), run.err
    findings = run.json["findings"]
    default = _default_path(example, case_path)

    explained = example.get("explained", False)
    expected = [
        (*_place(repo, entry, default), entry.get("explained", explained))
        for entry in example["expect"]
    ]
    found = [f for f in findings if f["rule"] == rule_id]
    assert _match(found, expected), _show(found)

    also = sorted(
        (entry["rule"], *_place(repo, entry, default)[:2], entry.get("explained", False))
        for entry in example.get("also", [])
    )
    others = [f for f in findings if f["rule"] != rule_id and f["severity"] == "error"]
    fails = any(f["severity"] == "error" and not f["explained"] for f in found) or any(
        not entry.get("explained", False) for entry in example.get("also", [])
    )
    code = 1 if fails else 0
    for day in (AS_OF, as_of):  # the example repository's own findings (rarely date-dependent)?
        if _keys(others) == also and run.code == code:
            break
        baseline = _baseline(tmp_path_factory, day)
        inherited = {(f["rule"], f["path"], f["message"]) for f in baseline}
        others = [f for f in others if (f["rule"], f["path"], f["message"]) not in inherited]
        if any(f["severity"] == "error" and not f["explained"] for f in baseline):
            code = max(code, run.code)
    assert _keys(others) == also, _show(others)
    assert run.code == code, _show(findings)


def _match(found: list[dict], expected: list[tuple]) -> bool:
    """True when the findings are exactly the expected (path, line[, column], explained)."""
    left = list(found)
    for place in sorted(expected, key=len, reverse=True):  # entries with a column first
        path, line, *column, explained = place
        for finding in left:
            here = (finding["path"], finding["line"], finding["explained"])
            if here == (path, line, explained) and (not column or finding["column"] == column[0]):
                left.remove(finding)
                break
        else:
            return False
    return not left


def _keys(findings: list[dict]) -> list[tuple]:
    return sorted((f["rule"], f["path"], f["line"], f["explained"]) for f in findings)


def _show(findings: list[dict]) -> str:
    return "\n" + "\n".join(
        f"{f['rule']} {f['severity']} {f['path']}:{f['line']}:{f['column']}"
        f"{' (explained)' if f['explained'] else ''} {f['message']}"
        for f in findings
    )


def test_the_example_repository_is_clean(tmp_path_factory) -> None:
    """The policy, Codes and self-assessments the examples start from have no unexplained error."""
    baseline = _baseline(tmp_path_factory, AS_OF)
    failing = [f for f in baseline if f["severity"] == "error" and not f["explained"]]
    assert not failing, _show(failing)


def test_example_names_are_unique() -> None:
    for rule_id, fixture in FIXTURES.items():
        names = [example["name"] for example in fixture["examples"]]
        assert len(names) == len(set(names)), f"{rule_id}: duplicate example names"


# --- the registry --------------------------------------------------------------------------------


def test_every_rule_module_is_registered_once() -> None:
    found = pkgutil.iter_modules(checker.rules.__path__)
    modules = {info.name for info in found if not info.name.startswith("_")}
    registered = [rule.__name__.rsplit(".", 1)[-1] for rule in RULES.values()]
    assert sorted(registered) == sorted(modules)
    assert len(RULES) == len(checker.rules._MODULES), "two modules share an id"


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_metadata(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert SLUG.match(rule.ID) and rule.ID == rule_id
    assert rule.__name__.rsplit(".", 1)[-1] == rule.ID.replace("-", "_"), "named after its id"
    assert isinstance(rule.SEVERITY, Severity)
    assert isinstance(rule.TITLE, str) and rule.TITLE
    assert rule.SCOPE in ("file", "policy", "code", "self-assessment", "repository", "case")
    assert isinstance(rule.PROVISIONS, tuple) and isinstance(rule.POLICY, tuple)
    if rule.SCOPE == "case":
        assert rule.ROUTES and set(rule.ROUTES) <= set(ROUTES)
        assert isinstance(rule.EXPLAINABLE, bool)


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_is_documented_under_the_four_headings(rule_id: str) -> None:
    doc = RULES[rule_id].__doc__ or ""
    summary = doc.strip().splitlines()[0] if doc.strip() else ""
    assert summary and not summary.startswith("#"), "a one-line summary first"
    positions = [doc.find(f"\n{heading}\n") for heading in HEADINGS]
    missing = [heading for heading, position in zip(HEADINGS, positions) if position < 0]
    assert not missing, f"missing headings: {missing}"
    assert positions == sorted(positions), "headings in order"
    sections = re.split(r"\n## [^\n]+\n", doc)[1:]
    assert all(section.strip() for section in sections), "every heading has text under it"


@functools.cache
def _data(relative: str) -> dict:
    """A data file of the example repository, parsed once."""
    return yaml.load((ROOT / relative).read_text(encoding="utf-8"), Loader=FAST)


@functools.cache
def _code_numbers() -> dict[str, set[str]]:
    return {
        SHORT[name]: {p.number for p in provisions(_data(f"policy/codes/{name}.yaml"))}
        for name in SHORT
    }


@pytest.mark.parametrize("rule_id", RULES)
def test_cited_provisions_exist_in_the_code_files(rule_id: str) -> None:
    numbers = _code_numbers()
    for citation in RULES[rule_id].PROVISIONS:
        short, _, number = citation.partition(" ")
        assert short in numbers, f"{citation}: cite HO or LGSCO provisions, like 'HO 6.2'"
        assert number in numbers[short], f"{citation} is not a provision of policy/codes/"


def _schema_has(schema: dict, node: dict, steps: list[str]) -> bool:
    """True when the policy schema documents the key path under `node` (following $ref)."""
    for step in steps:
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        properties = node.get("properties", {})
        if step not in properties:
            return False
        node = properties[step]
    return True


@pytest.mark.parametrize("rule_id", RULES)
def test_policy_paths_resolve(rule_id: str) -> None:
    policy = _data("policy/policy.yaml")
    schema_path = ROOT / "checker" / "schemas" / "policy.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    for dotted in RULES[rule_id].POLICY:
        node = policy["rules"]
        for step in dotted.split("."):
            node = node.get(step) if isinstance(node, dict) else None
        documented = _schema_has(schema, schema["$defs"]["rules"], dotted.split("."))
        assert node is not None or documented, f"{dotted}: not under rules: nor in the schema"


def test_every_rule_has_a_fixture_that_fires_and_one_that_passes() -> None:
    needed = {rule_id for rule_id in RULES if rule_id not in LOADER_RULES}
    missing, unknown = sorted(needed - set(FIXTURES)), sorted(set(FIXTURES) - needed)
    assert not missing, f"no tests/rule_cases/ file for {missing}"
    assert not unknown, f"fixtures for rules not in the registry: {unknown}"
    for rule_id, fixture in FIXTURES.items():
        plain = [e for e in fixture["examples"] if "xfail" not in e]
        assert any(e["expect"] for e in plain), f"{rule_id}: no example where it fires"
        assert any(not e["expect"] for e in plain), f"{rule_id}: no example where it passes"


def test_rules_lists_every_rule() -> None:
    run = run_cli("rules")
    assert run.code == 0
    listed = [line.split()[0] for line in run.out.splitlines() if line.strip()]
    assert listed == list(RULES)


@pytest.mark.parametrize("rule_id", RULES)
def test_explain_prints_the_documentation(rule_id: str) -> None:
    run = run_cli("explain", rule_id)
    assert run.code == 0, run.err
    assert run.out.startswith(f"{rule_id}: ")
    assert RULES[rule_id].__doc__.strip() in run.out


def test_explain_an_unknown_rule() -> None:
    run = run_cli("explain", "no-such-rule")
    assert run.code == 2
    assert "no-such-rule" in run.err and run.out == ""
