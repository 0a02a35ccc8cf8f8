"""The results cache and the worker processes never change what the checker finds.

A cached run prints exactly what an uncached run prints; a change to a case, the policy or the
tool's code or libraries invalidates what was kept; worker processes give exactly what one
process gives, for the check and for the report.
"""

from __future__ import annotations

import os
import pickle
from datetime import date
from pathlib import Path

import pytest

from checker.engine import cache, evaluate, signatures
from checker.engine import run as engine
from checker.load.repository import load_repository
from tests.conftest import check, run_cli

AS_OF = "2026-11-23"


@pytest.fixture(autouse=True)
def _settled(monkeypatch):
    """Files written by the test are as settled as old ones (the racy-file rule is tested apart)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


def evaluated(root) -> int:
    """How many case files a cached evaluation evaluated rather than took from the cache."""
    return engine.evaluated(
        load_repository(root), date.fromisoformat(AS_OF), use_cache=True
    ).evaluated


def break_a_case(root) -> str:
    """Make one example case's stage 1 response late; return its path."""
    path = min((root / "cases" / "2025-26").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "responded: " in text
    lines = [
        "  responded: 2026-01-30" if line.startswith("  responded: ") and i < 40 else line
        for i, line in enumerate(text.splitlines())
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.relative_to(root).as_posix()


def test_a_cached_run_prints_exactly_what_an_uncached_run_prints(example):
    broken = break_a_case(example)
    uncached = check(example, "--no-cache")
    first, second = check(example), check(example)
    assert uncached.findings(), "the example has findings to keep"
    assert any(f["path"] == broken for f in uncached.findings())
    assert first.out == second.out == uncached.out
    assert first.code == second.code == uncached.code == 1
    assert evaluated(example) == 0  # the second run really came from the cache


def test_an_unchanged_repository_gets_its_findings_without_evaluating_a_case(example, monkeypatch):
    break_a_case(example)
    first = check(example)
    monkeypatch.setattr(evaluate, "evaluate", lambda *args: pytest.fail("a case was evaluated"))
    assert check(example).out == first.out


def test_a_changed_case_is_evaluated_again(example):
    check(example)
    broken = break_a_case(example)
    after = check(example)
    assert evaluated(example) == 0
    assert any(
        f["path"] == broken and f["rule"] == "stage1-response-late" for f in after.findings()
    )
    assert after.out == check(example, "--no-cache").out


def test_a_changed_policy_invalidates_the_cache(example):
    before = check(example)
    policy = example / "policy" / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    # Canterbury's stage 1 response timescale: 10 working days, made 3
    start = text.index("stage1_response:")
    at = text.index("working_days: 10", start)
    policy.write_text(
        text[:at] + "working_days: 3" + text[at + len("working_days: 10") :], encoding="utf-8"
    )
    after = check(example)
    assert evaluated(example) == 0 and len(after.findings("stage1-response-late")) > len(
        before.findings("stage1-response-late")
    )
    assert after.out == check(example, "--no-cache").out


def test_the_tools_code_and_libraries_are_part_of_the_key(example, monkeypatch):
    check(example)
    assert evaluated(example) == 0
    installed = cache._installed()
    monkeypatch.setattr(cache, "_installed", lambda: [*installed[:-1], "tzdata 2099.1"])
    cache._tool.cache_clear()
    try:
        assert evaluated(example) == 400
    finally:
        monkeypatch.undo()
        cache._tool.cache_clear()


def test_the_libraries_are_known_by_their_installed_versions():
    import importlib.metadata

    for distribution, installed in zip(cache.LIBRARIES, cache._installed(), strict=True):
        assert installed == f"{distribution} {importlib.metadata.version(distribution)}", installed


def test_a_new_public_remote_is_not_hidden_by_the_cache(example):
    import subprocess

    subprocess.run(["git", "init", "-q", str(example)], check=True)
    quiet = check(example)
    assert not quiet.findings("cases-in-public-repository")
    subprocess.run(
        [
            "git",
            "-C",
            str(example),
            "remote",
            "add",
            "origin",
            "https://github.com/example-council/complaints.git",
        ],
        check=True,
    )
    assert check(example).findings("cases-in-public-repository")


def test_an_unreadable_cache_is_ignored(example):
    first = check(example)
    kept = list(cache.folder().glob("*.pickle"))
    assert kept, "the first run kept nothing to spoil"
    for path in kept:
        path.write_bytes(b"not a cache at all")
    assert check(example).out == first.out


def planted(marker: Path) -> bytes:
    """A pickle that runs a command when it is loaded: it creates `marker`."""
    return f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()


def test_a_cache_file_that_would_run_code_never_does(example, tmp_path):
    """A pickle planted where the cache is kept (writable by someone else, or not a plain file)
    is never loaded: the check runs as if there were no cache."""
    first = check(example)
    kept = sorted(cache.folder().glob("*.pickle"))
    assert kept, "the first run kept nothing to plant over"
    for path in kept:
        fingerprint = path.read_bytes()[:32]
        path.write_bytes(fingerprint + planted(tmp_path / "planted"))
        path.chmod(0o666)  # as a shared or world-writable cache folder would let anyone write
    assert check(example).out == first.out
    assert not (tmp_path / "planted").exists()


def test_a_cache_path_that_is_a_pipe_or_holds_no_mapping_is_ignored(example):
    first = check(example)
    kept = sorted(cache.folder().glob("*.pickle"))
    assert kept, "the first run kept nothing to spoil"
    fingerprint = kept[0].read_bytes()[:32]
    kept[0].unlink()
    os.mkfifo(kept[0])  # reading a pipe with no writer would wait for ever
    for path in kept[1:]:
        path.write_bytes(fingerprint + pickle.dumps([1, 2, 3]))
    assert check(example).out == first.out


def test_the_cache_is_private_to_its_user(example):
    check(example)
    kept = [cache._file(example, part) for part in ("findings", "cases")]
    assert all(path.is_file() for path in kept)
    assert cache.folder().stat().st_mode & 0o777 == 0o700
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in kept)


@pytest.mark.parametrize(
    "misplaced",
    ["cases/2025-26/CCC-2025-9999.yml", "cases/CCC-2025-9999.yaml", "cases/2025-26/deeper/x.yaml"],
)
def test_a_file_in_the_wrong_place_is_not_hidden_by_the_cache(example, misplaced):
    first = check(example)
    assert not first.findings("file-layout")
    target = example / misplaced
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("id: CCC-2025-9999\n")
    cached = check(example)
    assert cached.findings("file-layout"), misplaced
    assert cached.out == check(example, "--no-cache").out


def test_a_file_changed_in_the_last_moments_is_not_kept(example, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 3_600 * 10**9)  # everything counts as just written
    check(example)
    assert evaluated(example) == 400


def test_workers_give_exactly_what_one_process_gives(example, monkeypatch):
    break_a_case(example)
    single = [run_cli(*command, "--root", example, "--as-of", AS_OF) for command in COMMANDS]
    monkeypatch.setattr(evaluate, "PARALLEL_FROM", 1)
    monkeypatch.setattr(evaluate, "BATCH", 7)  # many batches, merged in order
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parallel = [run_cli(*command, "--root", example, "--as-of", AS_OF) for command in COMMANDS]
    for one, many in zip(single, parallel):
        assert (one.code, one.out) == (many.code, many.out)


COMMANDS = [
    ("check", "--format", "json", "--no-cache"),
    ("report", "--format", "json"),
    ("report", "--format", "markdown"),
    ("score", "--format", "json"),
]


class Terminal:
    """A stand-in for stderr on a terminal."""

    def isatty(self):
        return True

    def write(self, text):
        return len(text)

    def flush(self):
        pass


def test_the_progress_bar_shows_on_a_terminal_only(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert evaluate._progress(10, wanted=True).disable  # pytest's stderr is not a terminal
    monkeypatch.setattr("sys.stderr", Terminal())
    assert not evaluate._progress(10, wanted=True).disable
    assert evaluate._progress(10, wanted=False).disable  # the in-process API never draws one
    monkeypatch.setenv("CI", "true")
    assert evaluate._progress(10, wanted=True).disable  # never in CI logs


def test_a_large_repositorys_signatures_taken_in_two_processes_are_the_same(example, monkeypatch):
    files = [
        (str(example / shown), shown)
        for shown in sorted(
            p.relative_to(example).as_posix() for p in example.glob("cases/*/*.yaml")
        )
    ]
    files.insert(
        len(files) * 3 // 4, (str(example / "cases/2025-26/gone.yaml"), "cases/2025-26/gone.yaml")
    )
    serial = signatures.stat(files)
    monkeypatch.setattr(signatures, "PARALLEL_FROM", 2)
    assert (
        signatures.take(files) == serial
        and serial[len(files) * 3 // 4] is None
        and len(serial) > 100
    )
