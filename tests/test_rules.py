"""Every rule, tested from data: the per-rule cases in tests/rule_cases/, and the registry itself.

Each file `tests/rule_cases/<rule-id>.yaml` holds examples of one rule, firing and not firing
(sqlfluff's `std_rule_cases` style). One pytest case runs per example, with the id
`<rule-id>/<example name>`. The case file the examples start from is written once, as `base`, and
each example gives only the lines in which its case differs, so the line it turns on stands out:

    rule: stage1-response-late
    base: |                          # optional: the case file the examples start from
      id: CCC-2025-0001
      ...
    examples:
      - name: responded on the tenth working day after the acknowledgement
        expect: []                   # no case and no edits: the base as it is
      - name: responded on the eleventh working day after the acknowledgement
        lines:                       # optional: lines of the base replaced, by number
          16: "  responded: 2025-06-19"
        delete: [12]                 # optional: lines of the base left out
        insert_after:                # optional: lines added after a line of the base (0: before
          18:                        # its first line)
            - "explanations:"
            - "  - {rule: stage1-acknowledgement-late, reason: ...}"
        expect:
          - {line: 16, column: 14}
      - name: general route, responded one working day late
        case: |                      # instead of edits: a whole case file (most lines differ)
          id: CCC-2025-0002
          ...
        expect: ...
      - name: a policy with no stage 2 clause
        case: null                   # no case file at all (where the file has a base)
        files: ...
        expect: ...

The numbers in `lines`, `delete` and `insert_after` are lines of the base, all counted before any
edit; `expect` and `also` count the lines of the case each example writes, which are the base's
numbers unless lines were left out or inserted above. A file without a base, whose examples patch
the policy, the Codes or the self-assessments, writes a case only where an example gives a whole
`case`. Every other key of an example:

      - name: acknowledged on the sixth working day after receipt
        as_of: 2025-08-01            # optional; default 2026-11-23
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

A fixture that does not follow this format (an unknown key, an edit without a base or beside a
whole case, a line number outside the base, an edit that changes nothing) fails the collection,
naming its file and example.

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
codes: every module of checker/rules/ registered once, as one of the three kinds (built in, case,
repository) with what its kind needs, ids unique and slug-shaped, every rule documented under the
four headings, every cited provision present in a Code file, every policy path resolvable, every
rule with a check having a fixture that fires and one that passes, and `complaints rules` /
`complaints explain` covering them all. No parametrised test runs over an empty list.
"""

from __future__ import annotations

import functools
import json
import pkgutil
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

import checker.rules
from checker.engine.evaluate import Setting
from checker.load.repository import load_repository
from checker.load.validate import validate
from checker.load.view import view
from checker.load.yaml import LoadError, parse
from checker.measures.metrics import METRICS
from checker.model.case import ROUTES, Case
from checker.model.codes import SHORT, provisions
from checker.model.findings import Document, Severity
from checker.rules import BUILT_IN, CASE, REPOSITORY, RULES, personal_data, personal_data_files
from checker.schemas import schema
from tests.conftest import ROOT, check, run_cli

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
AS_OF = "2026-11-23"
FIXTURE_KEYS = {"rule", "base", "examples"}
EDIT_KEYS = {"lines", "delete", "insert_after"}
EXAMPLE_KEYS = {
    "name",
    "as_of",
    "case",
    *EDIT_KEYS,
    "path",
    "files",
    "expect",
    "explained",
    "also",
    "xfail",
}
FILE_KEYS = {"path", "replace", "append", "text", "delete"}
FINDING_KEYS = {"path", "line", "column", "at", "explained"}
ALSO_KEYS = FINDING_KEYS | {"rule"}
HEADINGS = ("## What it checks", "## Why it matters", "## Example", "## How to fix")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- loading the fixtures ----------------------------------------------------------------------


def _fixture_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _base_lines(base: str) -> list[str]:
    return base[:-1].split("\n")


def _is_number(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _is_line(value: object) -> bool:
    return isinstance(value, str) and "\n" not in value


def _check_case(where: str, base: str | None, example: dict) -> None:
    """A whole case, or edits to the base by its line numbers, or neither; never both."""
    edits = sorted(set(example) & EDIT_KEYS)
    if "case" in example:
        assert not edits, f"{where}: a whole case or edits to the base, not both: {edits}"
        case = example["case"]
        assert isinstance(case, str) or (case is None and base is not None), (
            f"{where}: case is the text of a case file (or null, for none, where there is a base)"
        )
        assert case != base, f"{where}: the case is the base as it is: leave case out"
        return
    if not edits:
        return
    assert base is not None, f"{where}: {edits} edit the base, and the file has none"
    text = _base_lines(base)
    lines = example.get("lines", {})
    assert isinstance(lines, dict) and (lines or "lines" not in example), f"{where}: bad lines"
    for number, line in lines.items():
        assert _is_number(number, 1, len(text)), f"{where}: lines: no line {number} in the base"
        assert _is_line(line), f"{where}: lines: {number}: one line of text, not {line!r}"
        assert line != text[number - 1], f"{where}: lines: {number} is the base's line already"
    delete = example.get("delete", [])
    assert isinstance(delete, list) and (delete or "delete" not in example), f"{where}: bad delete"
    assert len(delete) == len(set(delete)), f"{where}: delete: a line twice"
    for number in delete:
        assert _is_number(number, 1, len(text)), f"{where}: delete: no line {number} in the base"
        assert number not in lines, f"{where}: line {number} both replaced and deleted"
    insert = example.get("insert_after", {})
    assert isinstance(insert, dict) and (insert or "insert_after" not in example), (
        f"{where}: bad insert_after"
    )
    for number, added in insert.items():
        assert _is_number(number, 0, len(text)), f"{where}: insert_after: no line {number}"
        assert isinstance(added, list) and added and all(map(_is_line, added)), (
            f"{where}: insert_after: {number}: a list of lines, not {added!r}"
        )


def _check_format(name: str, data: object) -> None:
    """Fail loudly, naming the file and example, on a fixture that does not follow the format."""
    file = f"{name}.yaml"
    assert isinstance(data, dict), f"{file}: a mapping of rule, base and examples"
    keys = set(data)
    assert {"rule", "examples"} <= keys <= FIXTURE_KEYS, f"{file}: rule, examples and base only"
    assert data["rule"] == name, f"{file} describes {data['rule']}"
    base = data.get("base")
    assert "base" not in data or (isinstance(base, str) and base.endswith("\n")), (
        f"{file}: base is the text of a case file"
    )
    examples = data["examples"]
    assert isinstance(examples, list) and examples, f"{file}: examples is a list of examples"
    for example in examples:
        assert isinstance(example, dict), f"{file}: an example is a mapping, not {example!r}"
        where = f"{file}: {example.get('name')}"
        assert not set(example) - EXAMPLE_KEYS, f"{where}: unknown {set(example) - EXAMPLE_KEYS}"
        assert {"name", "expect"} <= set(example), f"{where}: every example has name and expect"
        _check_case(where, base, example)
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
    if base is not None:
        assert any("case" not in example for example in examples), f"{file}: the base is unused"


def _load(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST)
    _check_format(path.stem, data)
    return data


def case_text(base: str | None, example: dict) -> str | None:
    """The text of the case file an example writes: its own, or the base edited; None for none."""
    if "case" in example or base is None:
        return example.get("case")
    lines, delete = example.get("lines", {}), set(example.get("delete", ()))
    insert = example.get("insert_after", {})
    text = list(insert.get(0, ()))
    for number, line in enumerate(_base_lines(base), 1):
        if number not in delete:
            text.append(lines.get(number, line))
        text.extend(insert.get(number, ()))
    return "".join(f"{line}\n" for line in text)


def _written(fixture: dict, example: dict) -> dict:
    """The example with its case written out whole (and no `case` when it writes none)."""
    written = {key: value for key, value in example.items() if key not in EDIT_KEYS | {"case"}}
    text = case_text(fixture.get("base"), example)
    if text is not None:
        written["case"] = text
    return written


FIXTURES = {path.stem: _load(path) for path in _fixture_files()}


def _params() -> list:
    params = []
    for rule_id, fixture in FIXTURES.items():
        for example in fixture["examples"]:
            marks = []
            if "xfail" in example:
                marks.append(pytest.mark.xfail(reason=example["xfail"], strict=True))
            name = f"{rule_id}/{example['name']}"
            params.append(pytest.param(rule_id, _written(fixture, example), id=name, marks=marks))
    return params


EXAMPLES = _params()


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


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES)
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


BASE = "id: CCC-2025-0001\nroute: housing\nreceived: 2025-06-02\n"


def _fixture(*examples: dict, base: str | None = BASE, **keys) -> dict:
    return {"rule": "demo", **({"base": base} if base else {}), "examples": list(examples), **keys}


def _example(**keys) -> dict:
    return {"name": "one", "expect": [], **keys}


BAD_FIXTURES = [
    pytest.param(_fixture(_example(lnes={2: "route: general"})), "one: unknown", id="unknown key"),
    pytest.param(_fixture(_example(), bases=BASE), "rule, examples and base", id="unknown top"),
    pytest.param(_fixture(_example(lines={2: "x: y"}), base=None), "has none", id="no base"),
    pytest.param(
        _fixture(_example(case=BASE, delete=[2])), "one: a whole case or edits", id="case and edits"
    ),
    pytest.param(_fixture(_example(lines={4: "x: y"})), "one: lines: no line 4", id="past the end"),
    pytest.param(_fixture(_example(delete=[0])), "one: delete: no line 0", id="line 0"),
    pytest.param(
        _fixture(_example(lines={2: "route: housing"})), "one: lines: 2 is the base's", id="no-op"
    ),
    pytest.param(
        _fixture(_example(lines={2: "a: b\nc: d"})), "one: lines: 2: one line", id="two lines"
    ),
    pytest.param(_fixture(_example(lines={2: "a: b"}, delete=[2])), "one: line 2 both", id="both"),
    pytest.param(
        _fixture(_example(insert_after={3: "a: b"})),
        "one: insert_after: 3: a list",
        id="not a list",
    ),
    pytest.param(_fixture(_example(case=None), base=None), "one: case is", id="null, no base"),
    pytest.param(_fixture(_example(case=BASE)), "one: the case is the base", id="case is base"),
    pytest.param(
        _fixture(_example(case="id: CCC-2025-0002\n")), "the base is unused", id="unused base"
    ),
]


@pytest.mark.parametrize(("data", "says"), BAD_FIXTURES)
def test_a_fixture_off_the_format_fails_naming_its_file_and_example(data: dict, says: str) -> None:
    with pytest.raises(AssertionError) as raised:
        _check_format("demo", data)
    assert str(raised.value).startswith("demo.yaml") and says in str(raised.value), raised.value


def test_an_example_case_is_its_base_with_lines_replaced_deleted_and_inserted() -> None:
    example = _example(
        lines={2: "route: general"},
        delete=[1],
        insert_after={0: ["# top"], 1: ["id: X"], 3: ["z:"]},
    )
    _check_format("demo", _fixture(example))
    expected = "# top\nid: X\nroute: general\nreceived: 2025-06-02\nz:\n"
    assert case_text(BASE, example) == expected
    assert case_text(BASE, _example()) == BASE
    assert case_text(BASE, _example(case=None)) is None
    assert case_text(None, _example()) is None
    assert _written(_fixture(example), example) == {"name": "one", "expect": [], "case": expected}


# --- the registry --------------------------------------------------------------------------------


def _module_name(module) -> str:
    return module.__name__.rsplit(".", 1)[-1]


# Every rule module, by module name, each registered as one of three kinds.
KINDS = {"BUILT_IN": BUILT_IN, "CASE": CASE, "REPOSITORY": REPOSITORY}
MODULES = {_module_name(module): module for module in (*BUILT_IN, *CASE, *REPOSITORY)}
CONSTANTS = ("ID", "TITLE", "SEVERITY", "EXPLAINABLE", "PROVISIONS", "POLICY")
# The rules with something to check in the Codes or the policy (the others cite nothing).
CITING = [rule_id for rule_id, rule in RULES.items() if getattr(rule, "PROVISIONS", ())]
WITH_POLICY = [rule_id for rule_id, rule in RULES.items() if getattr(rule, "POLICY", ())]


def test_every_rule_module_is_registered_once() -> None:
    found = pkgutil.iter_modules(checker.rules.__path__)
    modules = sorted(info.name for info in found if not info.name.startswith("_"))
    registered = sorted(_module_name(module) for members in KINDS.values() for module in members)
    twice = sorted({name for name in registered if registered.count(name) > 1})
    assert not twice, f"registered as more than one kind, or twice: {twice}"
    assert registered == modules, "every module in checker/rules/ is a rule, registered"


def test_every_rule_is_in_the_catalogue_under_its_own_id() -> None:
    rules = [module for module in MODULES.values() if module is not personal_data_files]
    ids = [rule.ID for rule in rules]
    assert len(ids) == len(set(ids)), (
        f"ids used twice: {sorted({i for i in ids if ids.count(i) > 1})}"
    )
    assert list(RULES.items()) == [(rule.ID, rule) for rule in rules]


def test_personal_data_is_a_case_rule_with_its_files_half_a_repository_rule() -> None:
    assert personal_data in CASE and personal_data_files in REPOSITORY
    assert personal_data_files.ID == personal_data.ID
    assert RULES[personal_data.ID] is personal_data
    assert personal_data_files not in RULES.values()


@pytest.mark.parametrize("name", MODULES)
def test_rule_metadata(name: str) -> None:
    rule = MODULES[name]
    missing = [constant for constant in CONSTANTS if not hasattr(rule, constant)]
    assert not missing, f"checker/rules/{name}.py does not define {missing}"
    assert SLUG.match(rule.ID)
    if rule is not personal_data_files:
        assert name == rule.ID.replace("-", "_"), "named after its id"
    assert isinstance(rule.SEVERITY, Severity)
    assert isinstance(rule.TITLE, str) and rule.TITLE
    assert isinstance(rule.EXPLAINABLE, bool)
    assert isinstance(rule.PROVISIONS, tuple) and isinstance(rule.POLICY, tuple)


@pytest.mark.parametrize("name", [_module_name(rule) for rule in CASE])
def test_a_case_rule_checks_a_case_on_its_routes(name: str) -> None:
    rule = MODULES[name]
    assert callable(getattr(rule, "check", None)), "check(case)"
    assert rule.ROUTES and set(rule.ROUTES) <= set(ROUTES)


NEEDING = [rule for rule in CASE if hasattr(rule, "NEEDS")]


def test_a_rule_that_needs_a_key_names_one_a_case_may_have() -> None:
    assert len(NEEDING) >= 10
    keys = schema("case")["properties"]
    assert all(isinstance(rule.NEEDS, str) and rule.NEEDS in keys for rule in NEEDING)


@functools.cache
def _corpus() -> tuple[Case, ...]:
    """Every valid example case and every case of the example repository, as of AS_OF."""
    setting = Setting.of(view(load_repository(ROOT), date.fromisoformat(AS_OF)))
    assert setting is not None
    texts = [
        case_text(fixture.get("base"), entry)
        for fixture in FIXTURES.values()
        for entry in fixture["examples"]
    ]
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("cases/*/*.yaml"))]
    cases = []
    for text in filter(None, texts):
        try:
            data = parse(text)
        except LoadError:
            continue
        if isinstance(data, dict) and not validate(Document("case.yaml", data, text), "case"):
            cases.append(setting.case(Document("cases/2025-26/case.yaml", data, text)))
    return tuple(cases)


def test_a_rule_finds_nothing_in_a_case_without_the_key_it_needs() -> None:
    """The engine gives a case only to the rules whose `NEEDS` it has: every example case and
    every case of the example repository, given to each such rule without its key, yields
    nothing (and each rule's examples that fire have it, or test_rule_case fails)."""
    given = 0
    for case in _corpus():
        for rule in NEEDING:
            if rule.NEEDS not in case.data and case.route in rule.ROUTES:
                given += 1
                assert list(rule.check(case)) == [], (rule.ID, case.data["id"])
    assert given > 1000


def test_a_metric_does_not_apply_to_a_case_without_the_key_it_needs() -> None:
    needing = [metric for metric in METRICS.values() if metric.needs]
    assert len(needing) >= 8 and all(m.needs in schema("case")["properties"] for m in needing)
    asked = 0
    for case in _corpus():
        for metric in needing:
            if metric.needs not in case.data:
                asked += 1
                assert metric.answer(case) is None, (metric.id, case.data["id"])
    assert asked > 1000


@pytest.mark.parametrize("name", [_module_name(rule) for rule in REPOSITORY])
def test_a_repository_rule_checks_the_repository(name: str) -> None:
    assert callable(getattr(MODULES[name], "check", None)), "check(view)"


@pytest.mark.parametrize("name", [_module_name(rule) for rule in BUILT_IN])
def test_a_built_in_rule_has_no_check(name: str) -> None:
    assert not hasattr(MODULES[name], "check"), "found by the loader, validator or engine"


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


@pytest.mark.parametrize("rule_id", CITING)
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
        patterns = [v for k, v in node.get("patternProperties", {}).items() if re.match(k, step)]
        if step not in properties and not patterns:
            return False
        node = properties[step] if step in properties else patterns[0]
    return True


@pytest.mark.parametrize("rule_id", WITH_POLICY)
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
    needed = {rule.ID for rule in (*CASE, *REPOSITORY)}  # a built-in rule may have one too
    missing, unknown = sorted(needed - set(FIXTURES)), sorted(set(FIXTURES) - set(RULES))
    assert not missing, f"no tests/rule_cases/ file for {missing}"
    assert not unknown, f"fixtures for rules not in the registry: {unknown}"
    for rule_id, fixture in FIXTURES.items():
        plain = [e for e in fixture["examples"] if "xfail" not in e]
        assert any(e["expect"] for e in plain), f"{rule_id}: no example where it fires"
        assert any(not e["expect"] for e in plain), f"{rule_id}: no example where it passes"


def test_a_built_in_rule_without_a_fixture_is_tested_on_bad_input() -> None:
    """Those found while the files are loaded and validated are tested in test_bad_input.py."""
    bad_input = (Path(__file__).parent / "test_bad_input.py").read_text(encoding="utf-8")
    without = [rule.ID for rule in BUILT_IN if rule.ID not in FIXTURES]
    untested = [rule_id for rule_id in without if f'"{rule_id}"' not in bad_input]
    assert not untested, f"built in, with no fixture and not in tests/test_bad_input.py: {untested}"


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


@pytest.mark.parametrize("rule_id", [r for r in RULES if RULES[r].PROVISIONS])
def test_explain_quotes_every_provision_the_rule_enforces(rule_id: str) -> None:
    run = run_cli("explain", rule_id, "--root", ROOT)
    quoted = run.out.partition("## The provisions it enforces\n")[2]
    for provision in RULES[rule_id].PROVISIONS:
        assert f"- {provision} (" in quoted, provision


def test_explain_an_unknown_rule() -> None:
    run = run_cli("explain", "no-such-rule")
    assert run.code == 2
    assert "no-such-rule" in run.err and run.out == ""


# --- no test above passes for want of anything to test ------------------------------------------


def test_no_parametrisation_is_empty() -> None:
    lists = {
        "EXAMPLES": EXAMPLES,
        "FIXTURES": FIXTURES,
        "RULES": RULES,
        "MODULES": MODULES,
        **KINDS,
        "CITING": CITING,
        "WITH_POLICY": WITH_POLICY,
        "BAD_FIXTURES": BAD_FIXTURES,
    }
    empty = [name for name, values in lists.items() if not values]
    assert not empty, f"nothing to parametrise over: {empty}"
