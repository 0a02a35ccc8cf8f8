"""`--changed-since`: which case files changed since a git ref, to check only those."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git could not say what changed (not a repository, unknown ref)."""


def changed_cases(root: Path, ref: str) -> set[str] | None:
    """Repository-relative paths of case files changed since `ref` (committed, staged, unstaged or
    new); None, meaning everything, when anything under policy/ changed."""
    changed = set()
    for command in (
        ["git", "diff", "--name-only", "--no-renames", ref, "--", "."],
        ["git", "ls-files", "--others", "--exclude-standard", "--", "."],
    ):
        try:
            output = subprocess.run(command, cwd=root, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            raise GitError(f"cannot list the files changed since {ref}: {detail.strip()}") from None
        changed.update(line.strip() for line in output.splitlines() if line.strip())
    prefix = _prefix(root)
    changed = {path.removeprefix(prefix) for path in changed}
    if any(path.startswith("policy/") for path in changed):
        return None
    return {path for path in changed if path.startswith("cases/")}


def _prefix(root: Path) -> str:
    """The repository root's path inside the git work tree ('' when they are the same)."""
    try:
        output = subprocess.run(
            ["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return output
