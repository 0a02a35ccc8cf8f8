"""The pipeline's layering: each stage imports only the stages before it (ARCHITECTURE.md).

Every import in every module of `checker` is read, those inside functions and `TYPE_CHECKING`
blocks included, and an import of a later stage fails the test, so the import graph has no cycle
by construction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "checker"

# The stages, earliest first. A module belongs to the longest entry its dotted name starts with.
LAYERS = (
    ("checker", "checker.files", "checker.schemas"),  # atomic writes; the JSON Schemas
    ("checker.calendar",),  # working days, reporting periods, deadlines
    ("checker.model",),  # findings, documents, the case view, outcomes, scores
    ("checker.load",),  # reading, YAML, schemas, validation, the repository and its view
    ("checker.rules",),  # one module per rule, and the registry
    ("checker.measures",),  # metrics and self-assessment scores
    ("checker.engine",),  # evaluation, the run, the cache
    ("checker.report",),  # the annual report: figures, disclosure control, publication, charts
    ("checker.site",),  # the public site's pages and its privacy guard
    ("checker.edit",),  # commands that write: steps, new cases, drafts
    ("checker.importer",),  # case-management exports as case files
    ("checker.formats",),  # text, json, junit, sarif, github
    ("checker.demo",),  # the demo-data generator
    ("checker.commands",),  # one module per command
    ("checker.cli",),  # argument parsing
)


def layer(module: str) -> int:
    """The index of the stage a dotted module name belongs to."""
    best, found = -1, None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    assert found is not None, f"{module} is in no stage: add it to LAYERS and ARCHITECTURE.md"
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, name: str, is_package: bool) -> list[tuple[int, str]]:
    """Every `checker` module a source imports, anywhere in it, with the line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return [(line, module) for line, module in found if module.split(".")[0] == "checker"]


def later_imports(path: Path, source: str) -> list[str]:
    """Each import of a later stage in one module, as `file:line: a imports b`."""
    name = module_name(path)
    own = layer(name)
    return [
        f"{path.relative_to(ROOT)}:{line}: {name} imports {target}"
        for line, target in imported(source, name, path.name == "__init__.py")
        if layer(target) > own
    ]


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_there_are_modules_to_check():
    assert len(MODULES) > 100


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_module_imports_only_earlier_stages(path):
    assert later_imports(path, path.read_text(encoding="utf-8")) == []


def test_a_planted_import_of_a_later_stage_fails():
    engine = PACKAGE / "engine" / "run.py"
    planted = "def figures():\n    import checker.report\n"
    assert later_imports(engine, planted) == [
        "checker/engine/run.py:2: checker.engine.run imports checker.report"
    ]
    hidden = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from checker.site import pages\n"
    )
    assert later_imports(PACKAGE / "rules" / "overdue.py", hidden) != []
    relative = "from ..report import figures\n"
    assert later_imports(engine, relative) == [
        "checker/engine/run.py:1: checker.engine.run imports checker.report.figures"
    ]


def test_every_stage_has_a_module():
    names = {module_name(path) for path in MODULES}
    for prefixes in LAYERS:
        assert any(name == p or name.startswith(p + ".") for p in prefixes for name in names), (
            prefixes
        )
