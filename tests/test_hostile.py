"""The hostile-YAML corpus (tests/hostile/): each file, put in a repository as a case, gets its one
located message, with time and memory bounded; never a traceback, never a crash.

Also the files that cannot be kept in git: a 100 MiB file, a symbolic link out of the repository,
a directory named like a case file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "hostile"
CASE = "cases/2025-26/CCC-2025-0001.yaml"

# file -> (rule, line, words in the message)
EXPECTED = {
    "alias-bomb.yaml": ("yaml-syntax", 1, "anchors"),
    "merge-key.yaml": ("yaml-syntax", 1, "anchors"),
    "python-object.yaml": (
        "yaml-syntax",
        1,
        "tag '!!python/object/apply:os.system' is not allowed",
    ),
    "two-documents.yaml": ("yaml-syntax", 2, "more than one YAML document"),
    "tab-indented.yaml": ("yaml-syntax", 2, "tab"),
    "nul-byte.yaml": ("yaml-syntax", 1, "binary"),
    "utf16.yaml": ("yaml-syntax", 1, "UTF-16"),
    "invalid-utf8.yaml": ("yaml-syntax", 1, "not valid UTF-8"),
    "deep-nesting.yaml": ("yaml-syntax", 1, "nested too deeply"),
    "yaml11-traps.yaml": ("schema", 5, "expected text, found a number; write text here"),
    "short-date.yaml": ("schema", 7, "'2025-1-5' is not a date or a date and time"),
    # found by tests/test_properties.py: the end of a file with no final newline was put on a line
    # past the last; U+2028 shifted every later line (libyaml breaks lines there, editors do not)
    "truncated.yaml": ("yaml-syntax", 7, "cannot be read"),
    "line-separators.yaml": ("yaml-syntax", 3, "invisible line separator (U+2028)"),
    # found by tests/test_properties.py: block nesting the fast parser reads but the schema
    # validator (about 255 levels) and the fast path's key check could not follow
    "deep-block-mapping.yaml": ("yaml-syntax", 1, "nested too deeply"),
    # found by make fuzz: RFC 3339 allows year 0000, Python's dates do not
    "year-zero.yaml": ("schema", 15, "'0000-01-01' is not a real date"),
}
LIMIT_SECONDS = 5
LIMIT_MEGABYTES = 200


# Runs a command and writes its peak memory (KiB). A process's peak as wait4 reports it starts
# from its parent's size when it was spawned, so measured from this test process (hundreds of MB
# after the property tests) every run would look as big; this small parent measures it truly.
PEAK = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)


def run_bounded(repo: Path) -> tuple[int, dict, float, float]:
    """`complaints check` in its own process: exit code, JSON, wall seconds, and the peak memory in
    megabytes of that process."""
    command = [
        sys.executable,
        "-m",
        "checker.cli",
        "check",
        "--root",
        str(repo),
        "--format",
        "json",
        "--as-of",
        "2026-11-23",
        "--no-cache",
    ]
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", PEAK, str(peak), *command], capture_output=True, timeout=60
        )
        elapsed = time.perf_counter() - started
        kib = int(peak.read_text())
    assert b"Traceback" not in run.stderr, run.stderr.decode()
    return run.returncode, json.loads(run.stdout), elapsed, kib / 1024


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_gets_its_located_message_within_bounds(repo, name):
    target = repo / CASE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((HOSTILE / name).read_bytes())
    code, result, seconds, megabytes = run_bounded(repo)
    rule, line, words = EXPECTED[name]
    found = [f for f in result["findings"] if f["path"] == CASE]
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found][:1] == [(rule, line)], found
    assert words in found[0]["message"], found[0]["message"]
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def test_the_corpus_is_complete():
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(EXPECTED)


def test_a_100_mib_file_is_refused_without_reading_it(repo):
    target = repo / CASE
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no disk used
    code, result, seconds, megabytes = run_bounded(repo)
    (finding,) = [f for f in result["findings"] if f["path"] == CASE]
    assert code == 1 and "over the 1 MiB limit" in finding["message"]
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES


def test_a_symbolic_link_out_of_the_repository_is_refused(repo, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: CCC-2025-0001\n")
    target = repo / CASE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(outside)
    code, result, _, _ = run_bounded(repo)
    (finding,) = [f for f in result["findings"] if f["path"] == CASE]
    assert code == 1 and "symbolic link" in finding["message"]


def test_a_year_folder_that_is_a_symbolic_link_is_refused(repo, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "CCC-2025-0001.yaml").write_text("id: CCC-2025-0001\n")
    (repo / "cases" / "2025-26").symlink_to(outside, target_is_directory=True)
    code, result, _, _ = run_bounded(repo)
    (finding,) = [f for f in result["findings"] if f["path"] == "cases/2025-26"]
    assert code == 1 and finding["rule"] == "file-layout" and "symbolic link" in finding["message"]


def test_a_directory_named_like_a_case_file_is_refused(repo):
    (repo / CASE).mkdir(parents=True)
    code, result, _, _ = run_bounded(repo)
    (finding,) = [f for f in result["findings"] if f["path"] == CASE]
    assert code == 1 and "not a regular file" in finding["message"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its permissions")
def test_an_unreadable_file_is_refused(repo):
    target = repo / CASE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("id: CCC-2025-0001\n")
    target.chmod(0)
    code, result, _, _ = run_bounded(repo)
    (finding,) = [f for f in result["findings"] if f["path"] == CASE]
    assert code == 1 and "permission denied" in finding["message"]


# Files within the size limit that would once take minutes and a gigabyte: a list of 340,000
# items (one finding per item, each line found by reading the file again), and files built to
# make the schema validator gather tens of thousands of errors.
CASE_HEAD = (
    "id: CCC-2025-0001\nroute: housing\nservice: housing-repairs\ntype: repairs-delay\n"
    "channel: webform\nreceived: 2025-06-02T10:15:00+01:00\ncomplainant:\n  ref: P-7Q2K9\n"
    "discrimination_claimed: false\n"
)


def _write_case(repo: Path, text: str) -> None:
    target = repo / CASE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


@pytest.mark.parametrize(
    ("tail", "line", "column"),
    [  # the head and the list's key and list are 21 nodes: item 19,980 is one too many
        ("not_responsible_for: [" + ",".join(["1"] * 340_000) + "]\n", 10, 22 + 2 * 19_979 + 1),
        ("not_responsible_for:\n" + "- 1\n" * 250_000, 10 + 19_980, 3),
        ("explanations: [" + ",".join(["{}"] * 100_000) + "]\n", 10, 15 + 3 * 19_979 + 1),
    ],
    ids=["340000-items", "250000-block-items", "100000-mappings"],
)
def test_a_file_of_too_many_values_is_refused_at_the_first_too_many(
    repo: Path, tail: str, line: int, column: int
) -> None:
    from checker.load.yaml import MAX_NODES

    assert MAX_NODES == 20_000  # the positions below count the nodes before the limit
    _write_case(repo, CASE_HEAD + tail)
    code, result, seconds, megabytes = run_bounded(repo)
    (finding,) = [f for f in result["findings"] if f["path"] == CASE]
    assert code == 1 and finding["rule"] == "yaml-syntax" and "20,000" in finding["message"]
    assert (finding["line"], finding["column"]) == (line, column)
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def test_a_case_of_thousands_of_schema_errors_lists_the_first_and_counts_the_rest(
    repo: Path,
) -> None:
    from checker.load.validate import MAX_FINDINGS

    items = ",".join(["{}"] * 100)  # each of the 100 a list may hold, wrong four ways
    lists = "".join(f"  {name}: [{items}]\n" for name in ("remedies", "actions"))
    _write_case(
        repo,
        CASE_HEAD
        + f"explanations: [{items}]\nstage1:\n{lists}stage2:\n{lists}"
        + "not_responsible_for: ["
        + ",".join(["1"] * 5_000)
        + "]\n",  # fmt: skip
    )
    code, result, seconds, megabytes = run_bounded(repo)
    found = [f for f in result["findings"] if f["path"] == CASE and f["rule"] == "schema"]
    assert code == 1 and len(found) == MAX_FINDINGS + 1
    assert sum("more schema errors" in f["message"] for f in found) == 1
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def test_a_case_of_thousands_of_personal_comments_lists_the_first_and_counts_the_rest(
    repo: Path,
) -> None:
    from checker.rules.personal_data import MAX_COMMENTS

    _write_case(repo, CASE_HEAD + "".join(f"# a{n}@example.org\n" for n in range(30_000)))
    code, result, seconds, megabytes = run_bounded(repo)
    found = [f for f in result["findings"] if f["rule"] == "personal-data"]
    assert code == 1 and len(found) == MAX_COMMENTS + 1
    assert [f["line"] for f in found[1:4]] == [10, 11, 12]  # each at its own line
    assert "and 29,950 more comments" in found[0]["message"]
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def test_a_list_longer_than_its_schema_allows_says_so_once(repo: Path) -> None:
    _write_case(repo, CASE_HEAD + "not_responsible_for: [" + ",".join(["x"] * 19_000) + "]\n")
    code, result, seconds, megabytes = run_bounded(repo)
    (finding,) = [f for f in result["findings"] if f["path"] == CASE]
    assert (finding["rule"], finding["line"], finding["column"]) == ("schema", 10, 22)
    assert "19,000 items, more than the 100 allowed" in finding["message"]
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def test_a_policy_built_to_make_every_clause_an_error_is_checked_within_bounds(
    repo: Path,
) -> None:
    # Lists as long as the schema allows, the first half valid (so cutting lists short finds no
    # error) and the rest clauses with nothing in them: the most errors the node limit leaves.
    good = ",".join(['{number: "1.1", text: x}'] * 256)
    section = "{number: '1', title: x, clauses: [" + good + "," + ",".join(["{}"] * 256) + "]}"
    (repo / "policy" / "policy.yaml").write_text("sections: [" + ",".join([section] * 12) + "]\n")
    _write_case(repo, CASE_HEAD)
    code, result, seconds, megabytes = run_bounded(repo)
    found = [f for f in result["findings"] if f["path"] == "policy/policy.yaml"]
    assert code == 1 and 1 < len(found) <= 51
    assert seconds < LIMIT_SECONDS and megabytes < LIMIT_MEGABYTES, (seconds, megabytes)


def test_lines_are_found_by_the_index_exactly_as_by_counting() -> None:
    import random

    from checker.load.yaml import _Lines, _position

    rng = random.Random(17)
    texts = ["", "a", "\n", "\r\n", "\r\r\n\n", "a\rb\r\nc\nd"]
    texts += ["".join(rng.choice("ab\r\n ") for _ in range(40)) for _ in range(300)]
    for text in texts:
        lines = _Lines(text)
        assert [lines.position(i) for i in range(len(text) + 1)] == [
            _position(text, i) for i in range(len(text) + 1)
        ], repr(text)


def test_the_node_limit_allows_exactly_the_limit() -> None:
    from checker.load.yaml import MAX_NODES, LoadError, parse

    # a mapping, its key, the list and its items: MAX_NODES nodes, then one more
    exactly = "x: [" + ",".join(["1"] * (MAX_NODES - 3)) + "]\n"
    assert len(parse(exactly)["x"]) == MAX_NODES - 3
    one_more = exactly.replace("[", "[1,")
    with pytest.raises(LoadError) as error:
        parse(one_more)
    assert (error.value.line, error.value.column) == (1, len(one_more) - 2)  # its last item
