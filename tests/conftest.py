"""Shared fixtures: a scratch copy of the example repository, and the CLI run in-process."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    """What one CLI invocation did."""

    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        return json.loads(self.out)

    def findings(self, rule: str | None = None) -> list[dict]:
        found = self.json["findings"]
        return [f for f in found if rule is None or f["rule"] == rule]


def run_cli(*argv: str) -> Run:
    """Run `complaints ARGV...` in this process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


def new_housing_case(repo: Path, received: str, *extra: str) -> Run:
    """`complaints new` on a housing repairs complaint received at `received` (and `extra`)."""
    return run_cli(
        *("new", "--root", repo, "--route", "housing", "--service", "housing-repairs"),
        *("--received", received, *extra),
    )


@pytest.fixture
def cli():
    return run_cli


def scratch(target: Path, with_cases: bool) -> Path:
    """A copy of the bundled example repository: its policy, mkdocs.yml and, if asked, its cases."""
    target.mkdir()
    shutil.copytree(ROOT / "policy", target / "policy")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if with_cases:
        shutil.copytree(ROOT / "cases", target / "cases")
    else:
        (target / "cases").mkdir()
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch copy of the example repository with no cases: tests write the cases they need."""
    return scratch(tmp_path / "repo", with_cases=False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A scratch copy of the example repository with its example year of cases."""
    return scratch(tmp_path / "example", with_cases=True)


def check(repo: Path, *extra: str) -> Run:
    """`complaints check --format json` on a repository, as of a fixed date."""
    return run_cli("check", "--root", repo, "--format", "json", "--as-of", "2026-11-23", *extra)


@pytest.fixture(autouse=True, scope="session")
def _results_cache(tmp_path_factory):
    """The checker's results cache in a folder of the test run's own, never the user's."""
    previous = os.environ.get("COMPLAINTS_CACHE_DIR")
    os.environ["COMPLAINTS_CACHE_DIR"] = str(tmp_path_factory.mktemp("results-cache"))
    yield
    if previous is None:
        os.environ.pop("COMPLAINTS_CACHE_DIR", None)
    else:
        os.environ["COMPLAINTS_CACHE_DIR"] = previous
