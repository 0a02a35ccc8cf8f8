"""A council's repository loaded: its policy files read and schema-checked, and its case files
read when a command needs them whole (`checker.engine.evaluate` evaluates them for the check).
Where each file is, and which kind, is `checker.load.layout`'s.
"""

from __future__ import annotations

from pathlib import Path

from checker.load.layout import Repository, listed
from checker.load.validate import validate
from checker.load.yaml import load
from checker.model.findings import Document, Finding

# The policy, Codes and self-assessments are large and change rarely: a process that checks again
# (mkdocs serve, the test suite) reuses their parse while their bytes are unchanged. Cases are not
# kept: there may be 100,000 of them.
_PARSED: dict[tuple[str, str, bytes], tuple[Document | None, list[Finding]]] = {}


def load_file(path: Path | str, shown: str, kind: str) -> tuple[Document | None, list[Finding]]:
    """Load and validate one file, reusing an earlier parse of the same bytes for policy files."""
    key = None
    if kind != "case":
        try:
            key = (shown, kind, Path(path).read_bytes())
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


def load_repository(root: Path, only: set[str] | None = None, *, policy: bool = True) -> Repository:
    """List the files, and load and schema-validate the policy files (unless `policy` is false:
    a check that finds nothing changed needs only their bytes, `load_policy` loads them later);
    the case files are listed (only those in `only` if given)."""
    repository = listed(root, only)
    if policy:
        load_policy(repository)
    return repository


def load_policy(repository: Repository) -> None:
    """Load and schema-validate the policy files, once."""
    if repository.loaded:
        return
    repository.loaded = True
    for path, shown, kind in repository.policy_files:
        document, problems = load_file(path, shown, kind)
        repository.findings.extend(problems)
        if document is not None and not problems:
            repository.documents.setdefault(kind, []).append(document)


def document(repository: Repository, shown: str) -> Document:
    """One data file, loaded again (to locate a finding in a case the workers evaluated)."""
    found, _ = load(repository.root / shown, shown)
    # unreadable now (changed on disk since it was evaluated): its findings point at line 1
    return found if found is not None else Document(shown, {}, "")


def cases(repository: Repository) -> list[Document]:
    """Every valid case document, loaded in this process on first use (for commands that need
    whole cases: `due`, the step commands); the checker evaluates cases with `evaluate`."""
    if "case" not in repository.documents:
        loaded = (load_file(path, shown, "case") for path, shown in repository.case_files)
        repository.documents["case"] = [
            document for document, problems in loaded if document and not problems
        ]
    return repository.documents["case"]
