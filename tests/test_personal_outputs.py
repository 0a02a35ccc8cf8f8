"""Personal data typed into any field of any file never reaches an output.

A resident's name, address, postcode, phone and email are typed, in turn, into every field of a
case file (each value, whatever its type, a key, a comment) and into fields of every other kind of
file (council, policy, Codes, self-assessment, report inputs; every field under `make fuzz`). Each
time the check must refuse the file (an error, so CI fails) and none of its outputs, in any format,
may hold any part of what was typed: CI logs are kept, shared and uploaded to other services. Where
the data still builds a site, no page holds it either; and the site build refuses personal data in
a published file with a log that names the file, not the data.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.engine.check import result as check_result
from checker.formats import FORMATS
from checker.load.repository import load_repository
from checker.model.findings import Severity
from checker.site.build import publication
from checker.site.pages import build_site
from tests.conftest import ROOT, scratch
from tests.test_site import mkdocs_build

AS_OF = date(2026, 11, 23)
PERSONAL = (
    "Mr Jonathan Quibblesworth, 12 Larkspur Avenue, Canterbury CT1 2AB, "
    "07700 900456, jq.quibble@example.org"
)
# Any of these in an output is a leak (compared casefolded, and with spaces dropped for the
# numbers).
MARKERS = ("quibblesworth", "larkspur", "ct12ab", "07700900456", "jq.quibble")
CASE = "cases/2025-26/CCC-2025-0001.yaml"
FILES = {
    "case": CASE,
    "council": "policy/council.yaml",
    "policy": "policy/policy.yaml",
    "code": "policy/codes/housing-ombudsman.yaml",
    "self-assessment": "policy/self-assessment/2026-housing-ombudsman.yaml",
    "report": "policy/reports/2025-26.yaml",
}
# Fields tried in each kind of file but a case (every one under `make fuzz`): spread evenly.
SAMPLE = None if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 12


def _leaked(text: str) -> list[str]:
    squeezed = "".join(text.casefold().split())
    return [marker for marker in MARKERS if marker in squeezed]


def _fields(node: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path of every scalar value in a YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _fields(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _fields(value, (*path, index))
    else:
        yield path


def _set(data: Any, path: tuple, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _mutations(kind: str) -> Iterator[tuple[str, str]]:
    """(label, new file text) for each way personal data is typed into a file of this kind."""
    text = (ROOT / FILES[kind]).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    paths = list(_fields(data))
    if kind != "case" and SAMPLE is not None and len(paths) > SAMPLE:
        paths = [paths[i * len(paths) // SAMPLE] for i in range(SAMPLE)]
    for path in paths:
        changed = yaml.safe_load(text)
        _set(changed, path, PERSONAL)
        yield ".".join(map(str, path)), yaml.safe_dump(changed, sort_keys=False, allow_unicode=True)
    keyed = yaml.safe_load(text)
    keyed[PERSONAL] = "yes"
    yield "a key", yaml.safe_dump(keyed, sort_keys=False, allow_unicode=True)
    yield "a comment", text + f"# {PERSONAL}\n"
    yield "the syntax", text + f"\n{PERSONAL}: [unclosed\n"


@pytest.fixture(scope="module")
def one_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = scratch(tmp_path_factory.mktemp("personal") / "repo", with_cases=False)
    (repo / CASE).parent.mkdir(parents=True)
    (repo / CASE).write_bytes((ROOT / CASE).read_bytes())
    return repo


@pytest.mark.parametrize("kind", list(FILES))
def test_personal_data_in_any_field_reaches_no_output(kind: str, one_case: Path) -> None:
    target = one_case / FILES[kind]
    original = target.read_bytes()
    tried = 0
    try:
        for label, text in _mutations(kind):
            target.write_text(text, encoding="utf-8")
            repository = load_repository(one_case)
            found = publication(repository, AS_OF, rules=None)
            result = check_result(repository, AS_OF, found.run.findings)
            # the council's own published contact details are where personal data is allowed
            council_contact = kind == "council" and label.startswith("contact.")
            assert council_contact or any(
                f.severity >= Severity.ERROR and not f.explained for f in result.findings
            ), f"{kind} {label}: personal data was not refused"
            for name, render in FORMATS.items():
                assert not _leaked(render(result)), f"{kind} {label}: the {name} output leaks"
            if kind == "case" and found.run.view.policy is not None:
                site = build_site(found.run.view, found.figures)
                for page, content in (site.pages | site.files).items():
                    assert not _leaked(content), f"case {label}: page {page} leaks"
            tried += 1
    finally:
        target.write_bytes(original)
    assert tried >= (25 if kind == "case" else 10)


def test_the_site_build_refuses_personal_data_in_a_published_file_and_logs_none(
    tmp_path: Path,
) -> None:
    repo = scratch(tmp_path / "repo", with_cases=True)
    policy = repo / "policy/policy.yaml"
    text = policy.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["sections"][0]["clauses"][0]["text"] = PERSONAL
    policy.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.copytree(ROOT / "site", repo / "site")
    built = mkdocs_build(repo, tmp_path / "out")
    assert built.returncode != 0, "the site was built with personal data in the policy"
    assert "policy/policy.yaml" in built.stdout + built.stderr
    assert not _leaked(built.stdout + built.stderr)
    assert not (tmp_path / "out").exists() or not any(
        _leaked(p.read_text(encoding="utf-8", errors="replace"))
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    )
