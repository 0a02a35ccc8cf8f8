"""What git says about the repository: which case files changed since a ref (`--changed-since`),
and where its config is (whose remotes decide `cases-in-public-repository`)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_config(start: Path) -> Path | None:
    """The config file of the git repository holding `start` (a worktree's or submodule's
    `.git` file points to its git folder; a worktree's remotes are in the main one's)."""
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if dot_git.is_file():
            pointer = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if not pointer.startswith("gitdir:"):
                return None
            dot_git = folder / pointer.removeprefix("gitdir:").strip()
        if dot_git.is_dir():
            common = dot_git / "commondir"
            if common.is_file():
                dot_git = dot_git / common.read_text(encoding="utf-8", errors="replace").strip()
            return dot_git / "config" if (dot_git / "config").is_file() else None
    return None


class GitError(Exception):
    """git could not say what changed (not a repository, unknown ref)."""


def changed_cases(root: Path, ref: str) -> set[str] | None:
    """Repository-relative paths of case files changed since `ref` (committed, staged, unstaged or
    new); None, meaning everything, when anything under policy/ changed."""
    if ref.startswith("-") or not ref.strip():
        raise GitError(f"'{ref}' is not a git ref; give a branch, tag or commit, like origin/main")
    commit = _git(
        root, ref, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
    )
    changed: set[str] = set()
    for command in (
        ("diff", "--name-only", "--no-renames", commit.strip(), "--", "."),
        ("ls-files", "--others", "--exclude-standard", "--", "."),
    ):
        output = _git(root, ref, *command)
        changed.update(line.strip() for line in output.splitlines() if line.strip())
    prefix = _prefix(root)
    changed = {path.removeprefix(prefix) for path in changed}
    submodules = {path.removeprefix(prefix) for path in _submodules(root, ref)}
    if any(path.startswith("policy/") or path in submodules for path in changed):
        return None  # a changed policy, or a submodule whose files git does not list: everything
    return {path for path in changed if path.startswith("cases/")}


def _git(root: Path, ref: str, *arguments: str) -> str:
    """What a git command prints, or a GitError saying why it could not."""
    try:
        return subprocess.run(
            ["git", *arguments], cwd=root, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or str(error) or "no such commit"
        raise GitError(f"cannot list the files changed since {ref}: {detail.strip()}") from None


def _submodules(root: Path, ref: str) -> set[str]:
    """The paths of the submodules under `root` (git lists their pointers, not their files)."""
    listed = _git(root, ref, "ls-files", "--stage", "--", ".")
    return {line.split("\t", 1)[1] for line in listed.splitlines() if line.startswith("160000 ")}


def _prefix(root: Path) -> str:
    """The repository root's path inside the git work tree ('' when they are the same)."""
    try:
        output = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return output
