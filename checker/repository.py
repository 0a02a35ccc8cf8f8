"""A council's repository: where its root is, which file is which kind, and loading them all.

The root is found the way git finds its own: the nearest folder, from here upwards, that holds
both `policy/` and `mkdocs.yml`. Each YAML file's kind follows from where it lives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker.loader import load
from checker.model import Document, Finding, Location, Severity, relative
from checker.validate import validate

# Where each kind of file lives, relative to the root: (folder, glob, kind).
LAYOUT = (
    ("policy", "council.yaml", "council"),
    ("policy", "policy.yaml", "policy"),
    ("policy/codes", "*.yaml", "code"),
    ("policy/self-assessment", "*.yaml", "self-assessment"),
    ("policy/reports", "*.yaml", "report"),
    ("cases", "*/*.yaml", "case"),
)
REQUIRED = ("policy/council.yaml", "policy/policy.yaml")


class NotARepository(Exception):
    """No council repository here or above: a usage error (exit 2)."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `policy/` and `mkdocs.yml`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "policy").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    raise NotARepository(
        f"no council repository at or above {start}: run this inside a folder that holds "
        "policy/ and mkdocs.yml (or pass --root)"
    )


@dataclass
class Repository:
    """Every data file of one repository, loaded and schema-checked, grouped by kind."""

    root: Path
    documents: dict[str, list[Document]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    paths: list[tuple[str, str]] = field(default_factory=list)  # (path, kind) of every data file

    @property
    def files(self) -> int:
        return len(self.paths)

    def one(self, kind: str) -> Document | None:
        """The single valid document of a kind that has one (council, policy)."""
        found = self.documents.get(kind, [])
        return found[0] if found else None


def discover(root: Path) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """Every data file with its kind, and findings for files in the wrong place."""
    files: list[tuple[Path, str]] = []
    findings: list[Finding] = []
    for folder, pattern, kind in LAYOUT:
        base = root / folder
        if base.is_dir():
            files.extend((path, kind) for path in sorted(base.glob(pattern)))
    for required in REQUIRED:
        if not (root / required).exists():
            findings.append(_misplaced(required, f"{required} is missing; every repository needs one"))
    cases = root / "cases"
    if cases.is_dir():
        for path in sorted(cases.rglob("*.y*ml")):
            where = path.relative_to(cases)
            if path.suffix == ".yml":
                findings.append(_misplaced(relative(path, root), "rename the file to end in .yaml"))
            elif len(where.parts) != 2:
                findings.append(
                    _misplaced(
                        relative(path, root),
                        "a case file belongs in its reporting-year folder, like cases/2025-26/",
                    )
                )
    return files, findings


def _misplaced(path: str, message: str) -> Finding:
    return Finding("file-layout", Severity.ERROR, message, Location(path))


# The policy, Codes and self-assessments are large and change rarely: a process that checks again
# (mkdocs serve, the test suite) reuses their parse while their bytes are unchanged. Cases are not
# kept: there may be 100,000 of them.
_PARSED: dict[tuple[str, str, bytes], tuple[Document | None, list[Finding]]] = {}


def _load(path: Path, shown: str, kind: str) -> tuple[Document | None, list[Finding]]:
    """Load and validate one file, reusing an earlier parse of the same bytes for policy files."""
    key = None
    if kind != "case":
        try:
            key = (shown, kind, path.read_bytes())
        except OSError:
            key = None
        if key in _PARSED:
            return _PARSED[key]
    document, problems = load(path, shown)
    if document is not None:
        problems = validate(document, kind)
    if key is not None:
        _PARSED[key] = (document, problems)
    return document, problems


def load_repository(root: Path, only: set[str] | None = None) -> Repository:
    """Load and schema-validate every data file (of cases, only those in `only` if given)."""
    files, findings = discover(root)
    if only is not None:
        files = [(p, kind) for p, kind in files if kind != "case" or relative(p, root) in only]
    repository = Repository(root=root, findings=findings)
    for path, kind in files:
        shown = relative(path, root)
        repository.paths.append((shown, kind))
        document, problems = _load(path, shown, kind)
        repository.findings.extend(problems)
        if document is not None and not problems:
            repository.documents.setdefault(kind, []).append(document)
    return repository
