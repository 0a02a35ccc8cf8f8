"""The results cache and the worker processes never change what the checker finds.

A cached run prints exactly what an uncached run prints; a change to a case, the policy or the
tool's code or libraries invalidates what was kept; a cache file that is not a private file of
this user's, or holds anything but what the cache writes (a planted pickle, JSON of the wrong
shape), is ignored; worker processes give exactly what one process gives, for the check and for
the report.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.engine import cache, cache_format, evaluate, signatures
from checker.engine import run as engine
from checker.load.repository import load_repository
from checker.model.findings import Finding, Location, Severity
from checker.model.outcome import Outcome
from tests.conftest import check, run_cli

AS_OF = "2026-11-23"
Spoiler = Callable[[str], str]  # a cache file's text, spoiled


@pytest.fixture(autouse=True)
def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test are as settled as old ones (the racy-file rule is tested apart)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


def evaluated(root: Path) -> int:
    """How many case files a cached evaluation evaluated rather than took from the cache."""
    return engine.evaluated(
        load_repository(root), date.fromisoformat(AS_OF), use_cache=True
    ).evaluated


def break_a_case(root: Path) -> str:
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


def test_a_cached_run_prints_exactly_what_an_uncached_run_prints(example: Path) -> None:
    broken = break_a_case(example)
    uncached = check(example, "--no-cache")
    first, second = check(example), check(example)
    assert uncached.findings(), "the example has findings to keep"
    assert any(f["path"] == broken for f in uncached.findings())
    assert first.out == second.out == uncached.out
    assert first.code == second.code == uncached.code == 1
    assert evaluated(example) == 0  # the second run really came from the cache


def test_an_unchanged_repository_gets_its_findings_without_evaluating_a_case(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_a_case(example)
    first = check(example)
    monkeypatch.setattr(evaluate, "evaluate", lambda *args: pytest.fail("a case was evaluated"))
    assert check(example).out == first.out


def test_an_unchanged_check_loads_no_rule_no_report_no_yaml_parser_and_no_metadata_reader(
    example: Path,
) -> None:
    """What an unchanged check does not need, it does not import: the rules, the report, the YAML
    parsers and the reader of the installed distributions' metadata (each some milliseconds of a
    0.4 s check)."""
    check(example)
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"code = main(['check', '--root', {str(example)!r}, '--as-of', {AS_OF!r}, "
        "'--format', 'json', '--output', 'found.json'])\n"
        "print(sorted(m for m in ('checker.rules', 'checker.report.render', 'importlib.metadata', "
        "'checker.engine.evaluate', 'yaml', 'yaml_rs') if m in sys.modules), code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=example, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[] 0"


def test_a_changed_case_is_evaluated_again(example: Path) -> None:
    check(example)
    broken = break_a_case(example)
    after = check(example)
    assert evaluated(example) == 0
    assert any(
        f["path"] == broken and f["rule"] == "stage1-response-late" for f in after.findings()
    )
    assert after.out == check(example, "--no-cache").out


def test_a_changed_policy_invalidates_the_cache(example: Path) -> None:
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


def test_the_tools_code_and_libraries_are_part_of_the_key(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check(example)
    assert evaluated(example) == 0
    installed = cache._installed()
    monkeypatch.setattr(cache, "_installed", lambda: [*installed[:-1], b"tzdata\0another copy"])
    cache._tool.cache_clear()
    try:
        assert evaluated(example) == 400
    finally:
        monkeypatch.undo()
        cache._tool.cache_clear()


def test_the_tools_own_code_and_schemas_decide_its_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "rules" / "a_rule.py").write_text("ID = 'a-rule'\n")
    (tmp_path / "case.schema.json").write_text("{}\n")
    (tmp_path / "__pycache__" / "stale.py").write_text("# not the tool's code\n")
    monkeypatch.setattr(cache, "PACKAGE", tmp_path)

    def fingerprint() -> bytes:
        cache._tool.cache_clear()
        return cache._tool()

    try:
        first = fingerprint()
        (tmp_path / "__pycache__" / "stale.py").write_text("# still not\n")
        (tmp_path / "notes.txt").write_text("not code\n")
        assert fingerprint() == first
        (tmp_path / "case.schema.json").write_text('{"type": "object"}\n')
        second = fingerprint()
        assert second != first
        (tmp_path / "rules" / "a_rule.py").write_text("ID = 'another-rule'\n")
        assert fingerprint() not in (first, second)
    finally:
        monkeypatch.undo()
        cache._tool.cache_clear()


def test_the_libraries_are_known_by_their_installed_files(tmp_path: Path) -> None:
    import importlib.util

    for library, copy in zip(cache.LIBRARIES, cache._installed(), strict=True):
        spec = importlib.util.find_spec(library)
        assert spec is not None and spec.origin is not None, library
        assert copy.startswith(f"{library}\0{spec.origin}\0".encode()), copy
    # a library installed again (a new version, or the same one) is another copy
    (tmp_path / "library.py").write_text("VERSION = 1\n")
    sys.path.insert(0, str(tmp_path))
    try:
        first = checker.installed("library")
        (tmp_path / "library.py").unlink()
        (tmp_path / "library.py").write_text("VERSION = 1\n")
        assert first is not None and checker.installed("library") not in (None, first)
    finally:
        sys.path.remove(str(tmp_path))
    assert checker.installed("no_such_library_here") is None


def test_a_new_public_remote_is_not_hidden_by_the_cache(example: Path) -> None:
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


def kept_files(root: Path) -> list[Path]:
    """The repository's two cache files (the whole check's findings, each case's outcome)."""
    kept = [cache._file(root, part) for part in ("findings", "cases")]
    assert all(path.is_file() for path in kept), "the run before kept nothing"
    return kept


def test_the_cache_is_plain_json_with_no_pickle_left(example: Path) -> None:
    for part in ("findings", "cases"):
        old = cache._file(example, part).with_suffix(".pickle")
        old.parent.mkdir(parents=True, exist_ok=True)
        old.write_bytes(b"left by an earlier version")
    check(example)
    for path in kept_files(example):
        assert path.suffix == ".json"
        assert json.loads(path.read_bytes())["fingerprint"]
        assert not path.with_suffix(".pickle").exists()  # this user's own: removed


def test_an_unreadable_cache_is_ignored_and_kept_again(example: Path) -> None:
    first = check(example)
    for path in kept_files(example):
        path.write_bytes(b"not a cache at all")
    again = check(example)
    assert (again.out, again.err) == (first.out, "")  # nothing to act on: no note
    assert evaluated(example) == 0  # kept again, whole


def planted(marker: Path) -> bytes:
    """A pickle that runs a command when it is loaded: it creates `marker`."""
    return f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()


@pytest.mark.parametrize("mode", [0o600, 0o666])
def test_a_pickle_planted_in_the_cache_never_runs(example: Path, tmp_path: Path, mode: int) -> None:
    """A pickle that would run a command, planted where the cache or an earlier version's cache
    is kept (by this user or, writable by anyone, by someone else), is never loaded."""
    marker = tmp_path / "planted"
    first = check(example)
    for path in kept_files(example):
        kept = path.read_bytes()
        head = kept[: kept.index(b'"entries":') + len(b'"entries":')]  # only the payload is wrong
        for target, payload in (
            (path, head + planted(marker)),
            (path.with_suffix(".pickle"), planted(marker)),
        ):
            target.write_bytes(payload)
            target.chmod(mode)
    again = check(example)
    assert again.out == first.out and "Traceback" not in again.err
    assert not marker.exists()
    assert ("not a private file of yours" in again.err) == (mode == 0o666)


def entries_changed(change: Callable[[Any], object]) -> Spoiler:
    """A spoiler: the file's entries changed in place by `change`, its fingerprint kept."""

    def spoil(text: str) -> str:
        whole = json.loads(text)
        change(whole["entries"])
        return json.dumps(whole, separators=(",", ":"))

    return spoil


def entries_as(make: Callable[[Any], object]) -> Spoiler:
    """A spoiler: the file's entries replaced by what `make` makes of them."""

    def spoil(text: str) -> str:
        whole = json.loads(text)
        whole["entries"] = make(whole["entries"])
        return json.dumps(whole, separators=(",", ":"))

    return spoil


def entries_text(entries: str) -> Spoiler:
    """A spoiler: the file's entries replaced by this text, its fingerprint kept."""
    return lambda text: text[: text.index('"entries":') + len('"entries":')] + entries + "}"


def first_finding(entries: Any) -> list:
    """The first finding kept, in either file."""
    return entries[0] if isinstance(entries, list) else entries["findings"][0][1][0]


SPOILED = {
    "truncated": lambda text: text[: len(text) // 2],
    "not JSON": entries_text("pickle"),
    "a list where a mapping is": entries_as(lambda entries: [entries]),
    "a mapping where a list is": entries_as(lambda entries: {"findings": entries}),
    "a finding with a field too many": entries_changed(lambda e: first_finding(e).append("x")),
    "a finding with a field too few": entries_changed(lambda e: first_finding(e).pop()),
    "a string where a line is": entries_changed(lambda e: first_finding(e)[3].__setitem__(1, "2")),
    "true where a column is": entries_changed(lambda e: first_finding(e)[3].__setitem__(2, True)),
    "a number where a rule is": entries_changed(lambda e: first_finding(e).__setitem__(0, 7)),
    "an unknown severity": entries_changed(lambda e: first_finding(e).__setitem__(1, 9)),
    "null where provisions are": entries_changed(lambda e: first_finding(e).__setitem__(4, None)),
    "a string where a bool is": entries_changed(lambda e: first_finding(e).__setitem__(7, "yes")),
    "nesting far too deep": entries_text("[" * 100_000 + "]" * 100_000),
    "a number too long to read": lambda text: text.replace("[", "[" + "9" * 5_000 + ",", 1),
}


def spoiled(path: Path, spoil: Spoiler) -> None:
    """Spoil the cache file at `path`, and check that reading it refuses it (not merely that what
    it holds happens to be harmless)."""
    fingerprint = bytes.fromhex(json.loads(path.read_bytes())["fingerprint"])
    path.write_text(spoil(path.read_text(encoding="ascii")), encoding="ascii")
    read = cache_format.findings if path.name.endswith(".findings.json") else cache_format.outcomes
    with pytest.raises((ValueError, RecursionError)):  # Unreadable is a ValueError
        read(cache_format.entries(fingerprint, path.read_bytes()))


@pytest.mark.parametrize("spoil", SPOILED.values(), ids=list(SPOILED))
def test_a_cache_of_the_wrong_shape_is_ignored_and_kept_again(
    example: Path, spoil: Spoiler
) -> None:
    break_a_case(example)  # findings in both files to spoil
    uncached = check(example, "--no-cache")
    check(example)
    for path in kept_files(example):
        spoiled(path, spoil)
    again = check(example)
    assert (again.code, again.out, again.err) == (uncached.code, uncached.out, "")
    assert evaluated(example) == 0  # kept again, whole


OUTCOMES_SPOILED = {
    "a column too short": entries_changed(lambda e: e["route"].pop()),
    "a column missing": entries_changed(lambda e: e.pop("code")),
    "a column too many": entries_changed(lambda e: e.__setitem__("class", ["os.system"])),
    "a signature of the wrong length": entries_changed(lambda e: e["signature"].pop()),
    "a float where a size is": entries_changed(lambda e: e["signature"].__setitem__(0, 1.0)),
    "an answer that is not a bool": entries_changed(lambda e: e["answer_sets"][0].append(1)),
    "an answer set not there": entries_changed(lambda e: e["answers"].__setitem__(0, 10**6)),
    "an answer set from the end": entries_changed(lambda e: e["answers"].__setitem__(0, -1)),
    "a case file kept twice": entries_changed(lambda e: e["path"].__setitem__(1, e["path"][0])),
    "findings of no case file": entries_changed(lambda e: e["findings"][0].__setitem__(0, 10**6)),
    "findings of a case twice": entries_changed(lambda e: e["findings"].append(e["findings"][0])),
}


@pytest.mark.parametrize("spoil", OUTCOMES_SPOILED.values(), ids=list(OUTCOMES_SPOILED))
def test_kept_outcomes_of_the_wrong_shape_are_ignored(example: Path, spoil: Spoiler) -> None:
    break_a_case(example)
    uncached = check(example, "--no-cache")
    check(example)
    spoiled(cache._file(example, "cases"), spoil)
    assert evaluated(example) == 400  # nothing taken from it: every case evaluated again
    assert check(example).out == uncached.out


def test_another_users_cache_file_is_never_read_and_is_noted(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = check(example)
    kept = kept_files(example)
    me = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # as if every file were someone else's
    monkeypatch.setattr(cache_format, "entries", lambda *_: pytest.fail("a cache file was read"))
    again = check(example)
    assert again.out == first.out
    notes = again.err.splitlines()
    assert len(notes) == len(kept) and all("not a private file of yours" in n for n in notes)
    assert all(str(path) in again.err for path in kept)
    assert check(example).err == ""  # each said once


def test_a_cache_path_that_is_a_pipe_or_a_link_is_ignored(example: Path, tmp_path: Path) -> None:
    first = check(example)
    findings, cases = kept_files(example)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(cases.read_bytes())
    findings.unlink()
    os.mkfifo(findings)  # reading a pipe with no writer would wait for ever
    cases.unlink()
    cases.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    again = check(example)
    assert again.out == first.out
    assert again.err.count("not a private file of yours") == 2
    assert elsewhere.read_bytes() == before  # nothing written through the link
    assert all(path.is_file() and not path.is_symlink() for path in (findings, cases))


def test_what_is_kept_is_exactly_what_was_found() -> None:
    finding = Finding(
        "schema",
        Severity.ERROR,
        "é, \u2028, \ud800 and \x00 kept as they are",
        Location("cases/2025-26/CCC-2025-0001.yaml", 3, 7),
        ("HO 1.1",),
        ("1.2",),
        None,
        True,
        "a reason",
        None,
        ("stages", 0, "responded"),
    )
    assert [field.name for field in fields(Finding)] == list(cache_format.FINDING_FIELDS)
    assert list(Outcome._fields) == [
        column for column in cache_format.COLUMNS if column not in ("signature", "answer_sets")
    ]
    kept = [
        (
            (10, 2, 3, 4),
            Outcome(
                "cases/2025-26/a.yaml",
                (finding, finding),
                "A",
                "general",
                None,
                (True, None, False),
            ),
        ),
        ((11, 2, 3, 5), Outcome("cases/2025-26/b.yaml", ())),
        (
            (12, 2, 3, 6),
            Outcome("cases/2025-26/c.yaml", (), "C", "general", "lgsco", (True, None, False)),
        ),
    ]
    fingerprint = bytes(range(32))
    document = cache_format.document(fingerprint, cache_format.outcome_columns(kept))
    back = cache_format.outcomes(cache_format.entries(fingerprint, document))
    assert back == {outcome.path: (signature, outcome) for signature, outcome in kept}
    assert all(type(value) is Finding for value in back["cases/2025-26/a.yaml"][1].findings)
    assert cache_format.findings(
        cache_format.entries(fingerprint, cache_format.document(fingerprint, [finding]))
    ) == (finding,)
    with pytest.raises(cache_format.Unreadable):
        cache_format.entries(bytes(32), document)  # another fingerprint


def test_the_cache_is_private_to_its_user(example: Path) -> None:
    check(example)
    kept = kept_files(example)
    assert cache.folder().stat().st_mode & 0o777 == 0o700
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in kept)


@pytest.mark.parametrize(
    "misplaced",
    ["cases/2025-26/CCC-2025-9999.yml", "cases/CCC-2025-9999.yaml", "cases/2025-26/deeper/x.yaml"],
)
def test_a_file_in_the_wrong_place_is_not_hidden_by_the_cache(
    example: Path, misplaced: str
) -> None:
    first = check(example)
    assert not first.findings("file-layout")
    target = example / misplaced
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("id: CCC-2025-9999\n")
    cached = check(example)
    assert cached.findings("file-layout"), misplaced
    assert cached.out == check(example, "--no-cache").out


def test_a_file_changed_in_the_last_moments_is_not_kept(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 3_600 * 10**9)  # everything counts as just written
    check(example)
    assert evaluated(example) == 400


def test_a_cold_check_signs_each_file_as_it_reads_it_in_the_workers_too(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        signatures, "take", lambda files: pytest.fail("the files were signed before reading")
    )
    monkeypatch.setattr(evaluate, "PARALLEL_FROM", 1)
    monkeypatch.setattr(evaluate, "BATCH", 7)  # many batches, their signatures merged in order
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    repository = load_repository(example)
    engine.evaluated(repository, date.fromisoformat(AS_OF), use_cache=True)
    assert repository.signatures == signatures.stat(repository.case_files)
    assert len(repository.signatures) == 400 and None not in repository.signatures


def test_a_cold_check_keeps_its_findings_from_the_signatures_taken_while_reading(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_a_case(example)
    # a policy file's finding, which the repository holds once the policy files are loaded
    (example / "policy" / "self-assessment" / "broken.yaml").write_text("code: [\n")
    uncached = check(example, "--no-cache")
    assert any(f["path"].endswith("broken.yaml") for f in uncached.findings())
    with monkeypatch.context() as patched:
        patched.setattr(signatures, "take", lambda files: pytest.fail("signed before reading"))
        patched.setattr(evaluate, "PARALLEL_FROM", 1)  # signed in the workers
        patched.setattr(os, "cpu_count", lambda: 2)
        assert check(example).out == uncached.out
    patched_evaluate = lambda *args, **kwargs: pytest.fail("a case was evaluated")  # noqa: E731
    monkeypatch.setattr(evaluate, "evaluate", patched_evaluate)
    assert check(example).out == uncached.out  # the findings kept by the cold check


def test_a_keys_bytes_are_the_same_whatever_else_holds_the_signatures() -> None:
    """A cold check's signatures are held by its outcomes too; a warm check's by nothing else."""

    def taken() -> list[signatures.Signature | None]:
        return [(10**3 + n, 10**18 + n, 10**18 + n, 10**6 + n) for n in range(3)]

    alone, shared = taken(), taken()
    outcomes = [(signature, "an outcome") for signature in shared]
    assert alone == shared and outcomes
    assert marshal.dumps(alone) != marshal.dumps(shared)  # marshal's default marks what is shared
    assert signatures.plain(alone) == signatures.plain(shared)


def test_a_file_changed_after_the_check_began_is_not_kept_though_signed_after_the_change(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The racy rule counts from before the first signature was taken, not from the end of the run:
    a file changed while the check runs could change again in the same tick of the clock."""
    edited = example / break_a_case(example)
    sign = signatures.one

    def edit_then_sign(path: str) -> signatures.Signature | None:
        if path == str(edited):  # changed after the check began, just before it is signed
            edited.write_text(edited.read_text(encoding="utf-8"), encoding="utf-8")
        return sign(path)

    monkeypatch.setattr(signatures, "one", edit_then_sign)
    check(example)
    monkeypatch.setattr(signatures, "one", sign)
    assert evaluated(example) == 1


def test_workers_give_exactly_what_one_process_gives(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_a_case(example)
    single = [run_cli(*command, "--root", str(example), "--as-of", AS_OF) for command in COMMANDS]
    monkeypatch.setattr(evaluate, "PARALLEL_FROM", 1)
    monkeypatch.setattr(evaluate, "BATCH", 7)  # many batches, merged in order
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parallel = [run_cli(*command, "--root", str(example), "--as-of", AS_OF) for command in COMMANDS]
    for one, many in zip(single, parallel):
        assert (one.code, one.out) == (many.code, many.out)


def test_cases_checked_rule_by_rule_give_exactly_what_case_by_case_gives(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_a_case(example)
    spoiled = example / "cases" / "2025-26" / "CCC-2025-9998.yaml"
    spoiled.write_text("id: CCC-2025-9998\nroute: [\n", encoding="utf-8")  # a batch's invalid file
    by_rule = [run_cli(*command, "--root", str(example), "--as-of", AS_OF) for command in COMMANDS]
    monkeypatch.setattr(evaluate, "check_by_rule", lambda cases, rules=None: None)
    by_case = [run_cli(*command, "--root", str(example), "--as-of", AS_OF) for command in COMMANDS]
    assert any('"yaml-syntax"' in run.out for run in by_case)
    for one, other in zip(by_rule, by_case):
        assert (one.code, one.out) == (other.code, other.out)


COMMANDS = [
    ("check", "--format", "json", "--no-cache"),
    ("report", "--format", "json", "--no-cache"),
    ("report", "--format", "markdown", "--no-cache"),
    ("score", "--format", "json"),
]


class Terminal:
    """A stand-in for stderr on a terminal."""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def test_the_progress_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert evaluate._progress(10, wanted=True).disable  # pytest's stderr is not a terminal
    monkeypatch.setattr("sys.stderr", Terminal())
    assert not evaluate._progress(10, wanted=True).disable
    assert evaluate._progress(10, wanted=False).disable  # the in-process API never draws one
    monkeypatch.setenv("CI", "true")
    assert evaluate._progress(10, wanted=True).disable  # never in CI logs


def test_a_large_repositorys_signatures_taken_in_two_processes_are_the_same(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
