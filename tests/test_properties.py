"""Generated hostile input (issue 9.1): thousands of case, policy, self-assessment, council, report
and Code files, valid and then mutated, and for every one the checker's promise holds.

Each file starts from a real one (the example repository's, the example councils', the rule
cases'), then may have its data mutated (keys dropped, renamed or retyped; dates impossible or out
of order; text replaced with unicode, control characters, NUL or a very long string; values nested
deeply) and its text mutated (truncated, a byte flipped, a line re-indented, duplicated or
dropped, YAML's traps inserted). It is written into a scratch repository in place of the file of
its kind, and `complaints check` runs in-process twice. For every file:

- no exception escapes (a traceback would be one) and the exit code is 0, 1 or 2;
- every finding names a file that exists and a line that exists in it (lines split as an editor
  splits them: at \\n, \\r\\n or \\r);
- the second run finds exactly what the first did;
- where the data is valid enough to publish, the site's pages build without an exception.

The seed is fixed (hypothesis' `derandomize`), so `make test` generates the same files every time:
the "ci" profile. `make fuzz` (HYPOTHESIS_PROFILE=fuzz) generates at least 50,000 with a fresh
seed each run. The last test asserts how many files were checked.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine.check import result as check_result
from checker.formats import json_format
from checker.load.repository import load_repository
from checker.load.yaml import parse
from checker.model.findings import Severity
from checker.report import charts
from checker.site.build import INVALID_DATA, publication
from checker.site.pages import build_site
from tests.conftest import ROOT, run_cli, scratch
from tests.test_rules import FIXTURES, case_text

AS_OF = "2026-11-23"
# Files generated per profile: at least 2,000 in `make test`, at least 50,000 in `make fuzz`.
TARGET = {"ci": 2_000, "fuzz": 50_000}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
# Of every 1,000 files, how many of each kind. An example writes one file of a kind, or eight case
# files at once: cases are most of a repository, and a check costs much the same for one or eight.
SHARE = {"case": 800, "policy": 60, "self-assessment": 60, "council": 30, "report": 30, "code": 20}
CASE_BATCH = 8

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
settings.register_profile("fuzz", settings.get_profile("ci"), derandomize=False)


def _settings(kind: str) -> settings:
    """The profile's settings with this kind's number of examples."""
    files = -(-TARGET[PROFILE] * SHARE[kind] // 1000)  # rounded up
    examples = -(-files // len(TARGETS[kind]))
    return settings(settings.get_profile(PROFILE), max_examples=examples)


FILES_CHECKED: Counter = Counter()


# --- where the files come from -----------------------------------------------------------------


def _texts(pattern: str) -> list[str]:
    found = sorted(ROOT.glob(pattern)) + sorted((ROOT / "examples").glob(f"*/{pattern}"))
    return [p.read_text(encoding="utf-8") for p in found]


def _rule_case_texts() -> list[str]:
    """The case file of every example in tests/rule_cases/ (most are written as edits of a base)."""
    found = []
    for fixture in FIXTURES.values():
        for entry in fixture["examples"]:
            text = case_text(fixture.get("base"), entry)
            if text is not None:
                found.append(text)
    return found


SOURCES = {
    "case": _texts("cases/*/*.yaml")[::10] + _rule_case_texts(),
    "policy": _texts("policy/policy.yaml"),
    "self-assessment": _texts("policy/self-assessment/*.yaml"),
    "council": _texts("policy/council.yaml"),
    "report": _texts("policy/reports/*.yaml"),
    "code": _texts("policy/codes/*.yaml"),
}
TARGETS = {
    "case": [f"cases/2025-26/CCC-2025-{n:04d}.yaml" for n in range(1, CASE_BATCH + 1)],
    "policy": ["policy/policy.yaml"],
    "self-assessment": ["policy/self-assessment/2026-housing-ombudsman.yaml"],
    "council": ["policy/council.yaml"],
    "report": ["policy/reports/2025-26.yaml"],
    "code": ["policy/codes/housing-ombudsman.yaml"],
}


# --- what a value may become ---------------------------------------------------------------------

HOSTILE_TEXT = [
    "",
    " ",
    "\u202eevil\u202c right-to-left override",
    "שלום עולם مرحبا",
    "👩‍👩‍👧‍👦 🏚️ 💧",
    "e\u0301\u0302\u0303\u0304\u0305 combining marks" + "\u0300" * 200,
    "\ufeffbyte order mark",
    "line\u2028separator\u2029paragraph\x85next line",
    "control \x01\x02\x07\x1b[31m\x7f",
    "nul \x00 inside",
    "tab\tand\r\ncarriage return",
    "x" * 100_000,
    "word " * 20_000,
    "{{ timescales.stage1_response }} {% raw %} ${HOME} $(id) `id`",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| [link](javascript:alert(1)) |",
    "j.smith@example.com 07700 900123 CT1 1YW QQ123456C",
    "2025-02-30",
    "Yes",
    "null",
    "~",
    "0x1F",
    "1e999",
    ".nan",
    "CCC-2025-0001",
    "../../etc/passwd",
    # what an attacker puts where a page may show it (issue 17): Markdown's own forms of markup
    "![x](https://evil.example/x.png) [x](javascript:alert(1)) <https://evil.example>",
    'text {: onmouseover="alert(1)" } [^1] <div markdown="1">*x*</div>',
    "[x][1]\n\n[1]: javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "https://evil.example/x.png",
    # what would slip past a guard matching words: typography, invisible and full-width letters
    "Mr O’Brien said​ so­ Ｊｏｈｎ",
    # a category that is not the council's, and dates at the ends of the calendar
    "housing-repair",
    "0001-01-01",
    "2199-12-31",
    "2200-01-01",
]
# Where a page is built: nothing of this may reach it as markup (every string is escaped).
MARKUP = ("<script", "javascript:", "onerror=", "onmouseover=", "](https://evil")
IMPOSSIBLE_DATES = [
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "2025-06-31",
    "0000-01-01",
    "9999-12-31",
    "2025-6-2",
    "25-06-02",
    "2025-06-02T25:00:00+01:00",
    "2025-06-02T10:61:00+01:00",
    "2025-06-02T10:15:00+25:00",
    "2025-06-02T10:15:00",
    "2025-06-02 10:15",
    "1900-01-01",
    "2100-01-01T00:00:00Z",
    "2024-02-29",
    "2025-02-29",
    "2025-03-30T01:30:00+00:00",
]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
scalars = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=50),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)


def _paths(node, path=()):
    """Every (path, value) in a tree, the root included."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _nest(draw, value):
    depth = draw(st.integers(1, 150))
    for _ in range(depth):
        value = [value] if draw(st.booleans()) else {"x": value}
    return value


def _shift_date(draw, value):
    if not isinstance(value, str) or not DATE.match(value):
        return draw(st.sampled_from(IMPOSSIBLE_DATES))
    year = int(value[:4]) + draw(st.integers(-3, 3))
    return f"{year:04d}{value[4:]}"


RETYPES = {
    "scalar": lambda draw, value: draw(scalars),
    "impossible date": lambda draw, value: draw(st.sampled_from(IMPOSSIBLE_DATES)),
    "shifted date": _shift_date,
    "nested": _nest,
    "list": lambda draw, value: [value, value],
    "mapping": lambda draw, value: {"value": value},
    "empty": lambda draw, value: draw(st.sampled_from([[], {}, "", None])),
    "text": lambda draw, value: draw(st.text(min_size=1, max_size=300)),
}


@st.composite
def mutated_data(draw, data):
    """The data with one to three mutations, each at a node chosen from the whole tree."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        nodes = list(_paths(data))
        path, value = draw(st.sampled_from(nodes))
        if not path:
            data = draw(st.sampled_from([[data], "just text", 42, {"": data}]))
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        operation = draw(st.sampled_from(["drop", "rename", "swap dates", *RETYPES]))
        if operation == "drop":
            del parent[last]
        elif operation == "rename" and isinstance(parent, dict):
            new = draw(
                st.one_of(
                    st.sampled_from([last.upper(), last + "s", last.replace("_", "-"), "", " "]),
                    st.text(min_size=1, max_size=20),
                )
            )
            parent[new] = parent.pop(last)
        elif operation == "swap dates":
            dated = [(p, v) for p, v in nodes if isinstance(v, str) and DATE.match(v) and p]
            if len(dated) >= 2:
                (first, a), (second, b) = draw(st.permutations(dated))[:2]
                _set(data, first, b)
                _set(data, second, a)
        elif operation in RETYPES:
            parent[last] = RETYPES[operation](draw, value)
    return data


def _set(data, path, value):
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _dump(data) -> str:
    return yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


INSERTS = [
    "---\n",
    "%YAML 1.1\n",
    "&a\n",
    "*a\n",
    "key: &anchor value\n",
    "other: *anchor\n",
    "!!python/object/apply:os.system [id]\n",
    "<<: {a: 1}\n",
    "? [complex, key]\n: value\n",
    "\t\n",
    "\tindented: with a tab\n",
    "id: CCC-2025-9999\n",
    "id: CCC-2025-0001\n",
    "received: 2025-02-30\n",
    "x: " + "[" * 5_000 + "]" * 5_000 + "\n",
    "x: " + "{a: " * 300 + "}" * 300 + "\n",
    "x:\n" + "".join("  " * depth + "a:\n" for depth in range(1, 400)),
    "'unterminated\n",
    '"\\uD800 lone surrogate escape"\n',
    "key: value: other\n",
    "- a list item\n",
    "\ufeff",
    "\r",
    "# a comment\n",
    ":\n",
    "-\n",
    "? \n",
]


@st.composite
def mutated_text(draw, text: str) -> bytes:
    """The file's text with one to three raw mutations, as the bytes written to disk."""
    raw = text.encode("utf-8", "surrogatepass")
    for _ in range(draw(st.integers(1, 3))):
        operation = draw(
            st.sampled_from(
                [
                    "truncate",
                    "flip",
                    "indent",
                    "duplicate",
                    "drop line",
                    "insert",
                    "crlf",
                    "cr",
                    "bom",
                ]
            )
        )
        lines = raw.split(b"\n")
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if operation == "truncate":
            raw = raw[: draw(st.integers(0, len(raw)))]
        elif operation == "flip" and raw:
            index = draw(st.integers(0, len(raw) - 1))
            raw = raw[:index] + bytes([draw(st.integers(0, 255))]) + raw[index + 1 :]
        elif operation == "indent":
            change = draw(st.sampled_from([b" ", b"  ", b"\t", b""]))
            lines[at] = change + lines[at] if change else lines[at].lstrip(b" ")
            raw = b"\n".join(lines)
        elif operation == "duplicate":
            lines.insert(at, lines[at])
            raw = b"\n".join(lines)
        elif operation == "drop line":
            del lines[at]
            raw = b"\n".join(lines)
        elif operation == "insert":
            inserted = draw(st.sampled_from(INSERTS)).encode("utf-8")
            indent = draw(st.sampled_from([b"", b"  ", b"    "]))
            lines.insert(at, indent + inserted.rstrip(b"\n"))
            raw = b"\n".join(lines)
        elif operation == "crlf":
            raw = raw.replace(b"\n", b"\r\n")
        elif operation == "cr":
            raw = raw.replace(b"\n", b"\r")
        elif operation == "bom":
            raw = b"\xef\xbb\xbf" + raw
    return raw


@st.composite
def generated_file(draw, kind: str) -> bytes:
    """A file of a kind: a real one as it stands, or with its data and then its text mutated."""
    text = draw(st.sampled_from(SOURCES[kind]))
    if draw(st.integers(0, 3)):  # one in four stays as it is: valid files are inputs too
        if draw(st.booleans()):
            text = _dump(draw(mutated_data(parse(text))))
        if draw(st.booleans()):
            return draw(mutated_text(text))
    return text.encode("utf-8", "surrogatepass")


# --- what must hold for every file ---------------------------------------------------------------

LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _lines(path: Path) -> int:
    """How many lines an editor shows for the file (a final newline starts one more, empty)."""
    return len(LINE_BREAK.findall(path.read_bytes())) + 1


def _check(repo: Path) -> list[dict]:
    """`complaints check --format json` in-process: its findings, each located in a file that
    exists."""
    run = run_cli("check", "--root", repo, "--format", "json", "--as-of", AS_OF)
    assert run.code in (0, 1, 2), (run.code, run.err)
    assert "Traceback" not in run.err, run.err
    if run.code == 2:
        return [{"usage": run.err}]
    findings = run.json["findings"]
    lines = {}
    for finding in findings:
        where = repo / finding["path"]
        assert where.is_file() or finding["rule"] == "file-layout", finding
        if where.is_file():
            lines.setdefault(where, _lines(where))
            assert 1 <= finding["line"] <= lines[where] and finding["column"] >= 1, (
                finding,
                lines[where],
            )
    return findings


def _holds_for(repo: Path, files: dict[str, bytes]) -> None:
    for relative, raw in files.items():
        (repo / relative).write_bytes(raw)
    first = _check(repo)
    repository = load_repository(repo)
    found = publication(
        repository, date.fromisoformat(AS_OF), rules=None
    )  # the second run, in-process
    result = check_result(repository, date.fromisoformat(AS_OF), found.run.findings)
    assert json.loads(json_format.render(result))["findings"] == first, (
        "a second run found otherwise"
    )
    FILES_CHECKED[PROFILE] += len(files)
    view = found.run.view
    if (
        view.council is not None
        and view.policy is not None
        and not any(
            f.rule in INVALID_DATA and f.severity >= Severity.ERROR for f in result.findings
        )
    ):
        # the site is built from whatever data the check lets through, with nothing live in it
        site = build_site(view, found.figures)
        for page, text in site.pages.items():  # Markdown: downloads are data, not markup
            folded = text.casefold()
            assert not any(markup in folded for markup in MARKUP), page


_CHARTS: dict[str, dict] = {}


@pytest.fixture(autouse=True)
def charts_drawn_once(monkeypatch):
    """A report's charts drawn once per distinct report: matplotlib is most of a site build's
    time."""
    draw = charts.render

    def once(report: dict) -> dict:
        key = json.dumps(report, sort_keys=True, default=str)
        if key not in _CHARTS:
            _CHARTS[key] = draw(report)
        return _CHARTS[key]

    monkeypatch.setattr(charts, "render", once)


@pytest.fixture(scope="module")
def property_repo(tmp_path_factory) -> Path:
    repo = scratch(tmp_path_factory.mktemp("properties") / "repo", with_cases=False)
    (repo / "cases" / "2025-26").mkdir()
    return repo


def _fresh(repo: Path, kind: str) -> None:
    """Put back the files of the other kinds (a test of one kind leaves its last file behind)."""
    for other, targets in TARGETS.items():
        if other != kind and other != "case":
            for relative in targets:
                (repo / relative).write_bytes((ROOT / relative).read_bytes())
    for path in (repo / "cases" / "2025-26").glob("*.yaml"):
        path.unlink()


@pytest.mark.parametrize("kind", list(SHARE))
def test_every_generated_file_gets_located_repeatable_findings_and_no_traceback(
    property_repo, kind
):
    _fresh(property_repo, kind)

    @_settings(kind)
    @given(files=st.tuples(*(generated_file(kind) for _ in TARGETS[kind])))
    def holds(files):
        _holds_for(property_repo, dict(zip(TARGETS[kind], files)))

    holds()


def test_enough_files_were_generated(request):
    ran = {item.name for item in request.session.items}
    every = {
        f"test_every_generated_file_gets_located_repeatable_findings_and_no_traceback[{k}]"
        for k in SHARE
    }
    if not every <= ran:
        pytest.skip("only part of the property tests ran")
    assert FILES_CHECKED[PROFILE] >= TARGET[PROFILE], FILES_CHECKED
