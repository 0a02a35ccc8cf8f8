"""The pipeline's shared vocabulary: where a thing is, what is wrong with it, how bad that is."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Severity(enum.IntEnum):
    """How much a finding matters; `--fail-on` compares against this order."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column, as editors count."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One problem, located. Tests compare (rule, line, column), never the wording."""

    rule: str
    severity: Severity
    message: str
    location: Location
    provisions: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    case_id: str | None = None
    explained: bool = False
    explanation: str | None = None
    subject: str | None = (
        None  # which instance of a repository-level rule (for policy explanations)
    )
    path: tuple = ()  # its YAML path: the same finding before and after an edit that moves lines

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)


@dataclass
class Document:
    """A YAML file as loaded: its repository-relative path, its data and its text (to locate)."""

    path: str
    data: Any  # the parsed YAML: a mapping once the file has matched its schema
    text: str
    _marks: dict | None = field(default=None, repr=False)


def relative(path: Path, root: Path) -> str:
    """A path as findings show it: relative to the repository root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()  # found under the root: no file system call
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass(frozen=True)
class Problem:
    """What a rule yields: the engine stamps the rule's id, severity and citations onto it."""

    message: str
    document: Document
    path: tuple = ()
    key: bool = False
    provisions: tuple[str, ...] | None = None  # more precise than the rule's own, when known
    clauses: tuple[str, ...] | None = (
        None  # the policy's clauses, when more precise than the rule's
    )
    subject: str | None = None  # which instance, for a policy explanation to name
    stage: int | None = None  # the stage it is about, where a case rule checks each stage
    at: tuple[int, int] | None = None  # its line and column, for what has no YAML path (a comment)
