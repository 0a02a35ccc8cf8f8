"""One module per command: each `run(args) -> int` calls the pipeline and prints. Nothing here
parses arguments (`checker.cli` does) or holds a rule, a figure or a page."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.files import replace
from checker.load.layout import find_root


class UsageError(Exception):
    """A problem with how the command was called or configured (exit 2)."""


def root(args: argparse.Namespace) -> Path:
    """The repository the command runs in: --root, or found from here upwards."""
    return find_root(args.root or Path.cwd())


def write(path: Path, text: str) -> None:
    """Write a report file atomically (a report is regenerated, so it replaces the last one)."""
    try:
        replace(path, text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def code_files(root: Path) -> dict[str, dict]:
    """The Codes in policy/codes/, by name, or a usage error naming the first problem."""
    from checker.load.validate import validate
    from checker.load.yaml import load

    found = {}
    for path in sorted((root / "policy" / "codes").glob("*.yaml")):
        shown = path.relative_to(root).as_posix()
        document, problems = load(path, shown)
        if document is not None:
            problems = validate(document, "code")
        if problems or document is None:
            raise UsageError(f"{problems[0].location}: {problems[0].message}")
        found[document.data["code"]] = document.data
    return found


def policy_file(root: Path, kind: str) -> dict:
    """The data of policy/council.yaml or policy/policy.yaml, or a usage error naming its first
    problem (for the commands that need no more of the repository than these)."""
    from checker.load.validate import validate
    from checker.load.yaml import load

    shown = f"policy/{kind}.yaml"
    document, problems = load(root / shown, shown)
    if document is not None:
        problems = validate(document, kind)
    if problems or document is None:
        raise UsageError(f"{problems[0].location}: {problems[0].message}")
    return document.data
