"""Where a council repository's files are: its root, which file is which kind, and every case file
listed (not read).

The root is found the way git finds its own: the nearest folder, from here upwards, that holds
both `policy/` and `mkdocs.yml`. Each YAML file's kind follows from where it lives. Nothing here
reads a file: an unchanged check needs no more than this, and no YAML parser
(`checker.load.repository` loads the files).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from checker.model.findings import Document, Finding, Location, Severity, relative

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
LAYOUT_RULE = "file-layout"  # the id of the findings of files in the wrong place


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
    """Every data file of one repository, grouped by kind: the policy files loaded and
    schema-checked; the case files listed, for `checker.engine.evaluate` to load (there may be
    100,000)."""

    root: Path
    documents: dict[str, list[Document]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)  # of the policy files and the layout
    case_files: list[tuple[str, str]] = field(default_factory=list)  # (file, path shown)
    # (file, path shown, kind)
    policy_files: list[tuple[Path, str, str]] = field(default_factory=list)
    loaded: bool = False  # whether the policy files are loaded (`load_policy`)
    # each case file's signature (size, times, inode), once taken for the results cache: a run
    # takes them once, for the whole check's findings and each file's outcome alike; and the time
    # (ns) just before they were taken, which decides which files changed too recently to trust
    signatures: list[tuple[int, int, int, int] | None] | None = None
    signed_before: int = 0

    @property
    def files(self) -> int:
        return len(self.policy_files) + len(self.case_files)

    @property
    def case_paths(self) -> tuple[str, ...]:
        """Each case file's path as shown, relative to the root."""
        return tuple(shown for _, shown in self.case_files)

    @property
    def other_paths(self) -> tuple[str, ...]:
        """Each other data file's path as shown: council, policy, Codes, self-assessments,
        report inputs, import mappings."""
        return tuple(shown for _, shown, _ in self.policy_files)

    def one(self, kind: str) -> Document | None:
        """The single valid document of a kind that has one (council, policy)."""
        found = self.documents.get(kind, [])
        return found[0] if found else None


def listed(root: Path, only: set[str] | None = None) -> Repository:
    """The repository's files, listed and none read: the policy files and the case files (only
    those in `only` if given), and the findings of files in the wrong place."""
    files, cases, findings = discover(root)
    if only is not None:
        cases = [(path, shown) for path, shown in cases if shown in only]
    return Repository(root=root, findings=findings, case_files=cases, policy_files=files)


def discover(
    root: Path,
) -> tuple[list[tuple[Path, str, str]], list[tuple[str, str]], list[Finding]]:
    """The policy files (file, path shown, kind), the case files (file, path shown), and findings
    for files in the wrong place. The cases folder is walked once, with strings, not Paths, and
    sorted a folder at a time: it may hold 100,000 files."""
    files: list[tuple[Path, str, str]] = []
    findings: list[Finding] = []
    for folder, pattern, kind in LAYOUT:
        base = root / folder
        if kind != "case" and base.is_dir():
            files.extend((path, relative(path, root), kind) for path in sorted(base.glob(pattern)))
    for required in REQUIRED:
        if not (root / required).exists():
            findings.append(
                _misplaced(required, f"{required} is missing; every repository needs one")
            )
    years, found = {}, []
    for folder, subfolders, names in os.walk(root / "cases"):
        where = Path(folder).relative_to(root).as_posix()
        depth = where.count("/")
        for name in subfolders:
            if os.path.islink(os.path.join(folder, name)):
                found.append(
                    (
                        f"{where}/{name}",
                        "the folder is a symbolic link; keep cases as plain folders and files",
                    )
                )
        # a folder named like a case file is refused by the loader; the names are sifted by list,
        # not one by one
        named = names + [name for name in subfolders if name.lower().endswith((".yaml", ".yml"))]
        found.extend(
            (f"{where}/{name}", "rename the file to end in .yaml")
            for name in named
            if not name.endswith(".yaml") and name.lower().endswith((".yml", ".yaml"))
        )
        in_folder = [name for name in named if name.endswith(".yaml")]
        if in_folder and depth != 1:
            found.extend(
                (
                    f"{where}/{name}",
                    "a case file belongs in its reporting-year folder, like cases/2025-26/",
                )
                for name in in_folder
            )
        elif in_folder:
            years[where] = (f"{folder}/", f"{where}/", in_folder)
    cases = [  # by folder, then name: the order of the files' path parts
        (folder + name, where + name)
        for _, (folder, where, names) in sorted(years.items())
        for name in sorted(names)
    ]
    findings.extend(_misplaced(shown, message) for shown, message in sorted(found))
    return files, cases, findings


def _misplaced(path: str, message: str) -> Finding:
    return Finding(LAYOUT_RULE, Severity.ERROR, message, Location(path))
