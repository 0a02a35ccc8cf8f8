"""Every `# yaml-language-server: $schema=` line points at a schema that is there, so an editor
checks the file as it is typed: in this repository (the examples included) and in a council's
repository made by `complaints init` (which keeps its own copies of the schemas)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, run_cli

LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
SKIP = {".venv", "node_modules", "public", ".git"}


def unresolved(root: Path) -> tuple[int, list[str]]:
    """How many files name a schema, and those whose schema is not where they say."""
    found, broken = 0, []
    for path in sorted(root.rglob("*.y*ml")):
        if SKIP & set(path.relative_to(root).parts):
            continue
        with path.open(encoding="utf-8", errors="replace") as text:
            match = LINE.match(text.readline().rstrip("\n"))
        if not match:
            continue
        found += 1
        if not (path.parent / match[1]).resolve().is_file():
            broken.append(f"{path.relative_to(root)}: {match[1]}")
    return found, broken


def test_every_schema_line_of_this_repository_resolves():
    found, broken = unresolved(ROOT)
    assert found > 400 and broken == []


def test_every_schema_line_of_a_council_s_new_repository_resolves(tmp_path):
    folder = tmp_path / "council"
    made = run_cli(
        "init", folder, "--name", "Example Borough Council", "--prefix", "EBC",
        "--website", "https://www.example-borough.gov.uk",
    )  # fmt: skip
    assert made.code == 0, made.err
    opened = run_cli(
        "new", "--root", folder, "--route", "general", "--service", "council-tax",
        "--received", "2026-01-05T10:00:00+00:00", "--as-of", "2026-01-05",
    )  # fmt: skip
    found, broken = unresolved(folder)
    assert found >= 3 and broken == [], (opened.err, broken)
