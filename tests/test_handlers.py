"""The handler commands: `new` opens the next case safely, `due` lists open steps,
`--changed-since`."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import Run, check
from tests.test_bad_input import CASE, write_case


def test_new_writes_the_next_case_and_prints_its_deadlines(repo, cli):
    run = cli(
        "new",
        "--root",
        repo,
        "--route",
        "housing",
        "--service",
        "housing-repairs",
        "--received",
        "2025-06-02T17:42:00+01:00",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "Opened cases/2025-26/CCC-2025-0001.yaml",
        "Counts as received: 2025-06-03",  # 17:42 is after hours
        "Stage 1 acknowledgement due: 2025-06-10 (5 working days from receipt: the policy and "
        "the Code)",
        "Stage 1 response due: 2025-06-24 if acknowledged on time (10 working days from the "
        "acknowledgement: the policy and the Code)",
        "  (counted from the acknowledgement as sent: sooner if it is sent sooner)",
    ]
    again = cli(
        "new",
        "--root",
        repo,
        "--route",
        "general",
        "--service",
        "council-tax",
        "--received",
        "2025-06-03T10:00:00+01:00",
    )
    assert "CCC-2025-0002" in again.out
    assert check(repo, "--as-of", "2025-06-03").code == 0  # the new files are valid


def test_new_never_overwrites_and_numbers_after_the_highest(repo, cli):
    write_case(repo, CASE.replace("CCC-2025-0001", "CCC-2025-0041"), name="CCC-2025-0041.yaml")
    before = (repo / "cases/2025-26/CCC-2025-0041.yaml").read_text()
    run = cli(
        "new",
        "--root",
        repo,
        "--route",
        "housing",
        "--service",
        "housing-repairs",
        "--received",
        "2025-07-01T09:30:00+01:00",
    )
    assert "CCC-2025-0042" in run.out
    assert (repo / "cases/2025-26/CCC-2025-0041.yaml").read_text() == before


def test_a_naive_time_is_council_local_and_written_with_its_offset(repo, cli):
    cli(
        "new",
        "--root",
        repo,
        "--route",
        "housing",
        "--service",
        "housing-repairs",
        "--received",
        "2026-01-05T16:30:00",
    )
    text = (repo / "cases/2025-26/CCC-2025-0001.yaml").read_text()
    assert "received: 2026-01-05T16:30:00+00:00" in text


def test_twenty_handlers_at_once_get_twenty_different_cases(repo):
    command = [
        sys.executable,
        "-m",
        "checker.cli",
        "new",
        "--root",
        str(repo),
        "--route",
        "general",
        "--service",
        "waste-and-recycling",
        "--received",
        "2025-09-01T11:00:00+01:00",
    ]

    def one(_):
        return subprocess.run(command, capture_output=True, text=True).returncode

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(one, range(20)))
    assert codes == [0] * 20
    files = sorted(p.name for p in (repo / "cases" / "2025-26").glob("*.yaml"))
    assert files == [f"CCC-2025-{n:04d}.yaml" for n in range(1, 21)]
    assert not list((repo / "cases" / "2025-26").glob(".*"))  # no temporary file left behind


def test_new_refuses_a_bad_service_name(repo, cli):
    run = cli(
        "new",
        "--root",
        repo,
        "--route",
        "housing",
        "--service",
        "Housing Repairs",
        "--received",
        "2025-06-02T10:00:00+01:00",
    )
    assert run.code == 2
    assert "lower-case words joined by hyphens" in run.err


@pytest.mark.parametrize(
    ("route", "extra", "says"),
    [
        (
            "housing",
            ["--service", "housing-repair"],
            "--service: service 'housing-repair' is not one of the council's services "
            "(policy/council.yaml categories.services); did you mean 'housing-repairs'?",
        ),
        (
            "housing",
            ["--service", "housing-repairs", "--type", "repairs-delays"],
            "--type: type 'repairs-delays' is not one of the council's types "
            "(policy/council.yaml categories.types); did you mean 'repairs-delay'?",
        ),
        (
            "general",
            ["--service", "housing-repairs"],
            "--route: service 'housing-repairs' takes the housing route",
        ),
    ],
    ids=["service", "type", "route"],
)
def test_new_refuses_a_category_the_council_does_not_declare(
    repo: Path, cli: Callable[..., Run], route: str, extra: list[str], says: str
) -> None:
    run = cli(
        "new", "--root", repo, "--route", route, "--received", "2025-06-02T10:00:00+01:00", *extra
    )
    assert run.code == 2 and says in run.err, run.err
    assert run.err.rstrip().endswith("no case was opened")
    assert not list((repo / "cases").rglob("*.yaml"))


def test_new_refuses_a_channel_the_council_does_not_use(
    repo: Path, cli: Callable[..., Run]
) -> None:
    council = repo / "policy" / "council.yaml"
    council.write_text(council.read_text().replace("    other: Other\n", ""))
    run = cli(
        "new",
        "--root",
        repo,
        "--route",
        "housing",
        "--service",
        "housing-repairs",
        "--received",
        "2025-06-02T10:00:00+01:00",
    )
    assert run.code == 2 and "--channel: channel 'other' is not one of" in run.err, run.err


def test_due_lists_open_steps_soonest_first_with_handler_and_rule(repo, cli):
    late = CASE.replace("  responded: 2025-06-13\n", "").replace("CCC-2025-0001", "CCC-2025-0002")
    write_case(repo, late, name="CCC-2025-0002.yaml")  # response due 2025-06-18, still open
    fresh = (
        CASE.split("stage1:")[0]
        .replace("CCC-2025-0001", "CCC-2025-0003")
        .replace("2025-06-02T10:15:00+01:00", "2025-06-16T10:00:00+01:00")
    )
    write_case(repo, fresh, name="CCC-2025-0003.yaml")  # acknowledgement due 2025-06-23
    run = cli("due", "--root", repo, "--as-of", "2025-06-20", "--within", "5")
    lines = run.out.splitlines()
    assert lines[1].split()[:4] == ["2025-06-18", "OVERDUE", "by", "2"]
    assert "CCC-2025-0002" in lines[1] and "housing-repairs-manager" in lines[1]
    assert "stage1-response-late" in lines[1]
    assert lines[2].split()[:3] == ["2025-06-23", "in", "1"]
    assert "(unassigned)" in lines[2]
    assert lines[-1] == "2 open steps as of 2025-06-20: 1 overdue."


def test_check_as_of_a_date_in_the_year_reports_the_open_deadlines(repo):
    write_case(repo)  # acknowledged 2025-06-04, response due 2025-06-18, responded 2025-06-13
    assert check(repo, "--as-of", "2025-06-11").code == 0
    soon = check(repo, "--as-of", "2025-06-16", "--fail-on", "warning")
    assert [(f["rule"], f["severity"]) for f in soon.findings() if f["rule"] == "due-soon"] == []
    open_case = CASE.replace("  responded: 2025-06-13\n", "")
    write_case(repo, open_case)
    assert [
        f["message"][:40] for f in check(repo, "--as-of", "2025-06-16").findings("due-soon")
    ] == ["stage 1 response is due 2025-06-18 (in 2"]
    overdue = check(repo, "--as-of", "2025-06-19")
    assert overdue.code == 1
    assert "due 2025-06-18" in overdue.findings("overdue")[0]["message"]


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_changed_since_checks_only_changed_cases_unless_the_policy_changed(repo):
    write_case(repo, CASE.replace("Roof", "Roof"), name="CCC-2025-0001.yaml")
    broken = CASE.replace("CCC-2025-0001", "CCC-2025-0002").replace("2025-06-04", "2025-06-30")
    write_case(repo, broken, name="CCC-2025-0002.yaml")  # acknowledged late: an error
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", "-A")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base")
    assert check(repo).code == 1
    unchanged = check(repo, "--changed-since", "HEAD")
    assert unchanged.code == 0 and unchanged.json["summary"]["cases"] == 0
    path = repo / "cases/2025-26/CCC-2025-0001.yaml"
    path.write_text(path.read_text().replace("Roof leak", "A roof leak"))
    one = check(repo, "--changed-since", "HEAD")
    assert one.json["summary"]["cases"] == 1 and one.code == 0
    policy = repo / "policy/policy.yaml"
    policy.write_text(policy.read_text() + "\n")
    assert check(repo, "--changed-since", "HEAD").code == 1  # the policy changed: everything


def test_changed_since_an_unknown_ref_is_a_usage_error(repo, cli):
    _git(repo, "init", "-q")
    run = cli("check", "--root", repo, "--changed-since", "no-such-ref")
    assert run.code == 2
    assert "cannot list the files changed since no-such-ref" in run.err


@pytest.mark.parametrize("ref", ["--output=/tmp/planted", "-p", " "])
def test_changed_since_a_ref_that_looks_like_an_option_is_refused(repo, cli, ref):
    _git(repo, "init", "-q")
    run = cli("check", "--root", repo, f"--changed-since={ref}")  # as a script might pass it
    assert run.code == 2 and "Traceback" not in run.err
    assert "is not a git ref" in run.err
    assert not Path("/tmp/planted").exists()


def test_changed_since_checks_everything_when_the_cases_are_a_submodule(repo, tmp_path):
    """git lists a submodule's pointer, not its files: a change in it means every case is
    checked."""
    commit = ["-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm"]
    cases = tmp_path / "cases-repo"
    (cases / "2025-26").mkdir(parents=True)
    broken = CASE.replace("2025-06-04", "2025-06-30")  # acknowledged late: an error
    (cases / "2025-26" / "CCC-2025-0001.yaml").write_text(broken)
    _git(cases, "init", "-q")
    _git(cases, "add", "-A")
    _git(cases, *commit, "cases")
    (repo / "cases").rmdir()
    _git(repo, "init", "-q")
    _git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(cases), "cases")
    _git(repo, "add", "-A")
    _git(repo, *commit, "base")
    assert check(repo, "--changed-since", "HEAD").json["summary"]["cases"] == 0
    path = repo / "cases" / "2025-26" / "CCC-2025-0001.yaml"
    path.write_text(path.read_text().replace("Roof leak", "A roof leak"))
    changed = check(repo, "--changed-since", "HEAD")
    assert changed.json["summary"]["cases"] == 1 and changed.code == 1


# A writer that never stops: it rewrites one case file in place (`edit`, then `replace`) and creates
# new ones (`write_new`), each time with about 2 MB of text, until it is killed.
WRITER = """
import itertools, os, sys
from pathlib import Path
from checker import files
folder, old, new = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
target = folder / "CCC-2025-0001.yaml"
print("ready", flush=True)
for n in itertools.count():
    files.edit(target, target.read_bytes(), new)
    files.replace(target, old.decode())
    files.write_new(folder / f"CCC-2025-{os.getpid()}-{n}.yaml", new.decode())
"""


def test_a_writer_killed_mid_write_leaves_the_old_file_or_the_new_one_never_half(repo, tmp_path):
    folder = repo / "cases" / "2025-26"
    folder.mkdir(parents=True)
    old = CASE.encode()
    new = CASE.replace("Roof leak", "A roof leak").encode() + b"# " + b"padding " * 250_000 + b"\n"
    (tmp_path / "old").write_bytes(old)
    (tmp_path / "new").write_bytes(new)
    (folder / "CCC-2025-0001.yaml").write_bytes(old)
    for kill in range(20):
        writer = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(folder),
                str(tmp_path / "old"),
                str(tmp_path / "new"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout.readline() == "ready\n"
        time.sleep(kill * 0.003)  # 0 to 57 ms into the writing: some kills land inside a write
        writer.kill()
        writer.wait()
        writer.stdout.close()
        assert (folder / "CCC-2025-0001.yaml").read_bytes() in (old, new), (
            f"kill {kill}: half a file"
        )
        for path in folder.glob("CCC-2025-*.yaml"):
            assert path.name == "CCC-2025-0001.yaml" or path.read_bytes() == new, (
                f"{path.name} is not whole"
            )
    leftovers = list(folder.glob(".*.tmp"))
    assert leftovers, "no kill landed inside a write: the test did not test anything"
    (folder / "CCC-2025-0001.yaml").write_bytes(old)
    for path in folder.glob("CCC-2025-*.yaml"):
        if path.name != "CCC-2025-0001.yaml":
            path.unlink()
    result = check(repo, "--as-of", "2025-06-16")  # the temporary files left behind are not cases
    assert result.code == 0 and result.json["summary"]["cases"] == 1, result.findings()
    assert not [f for f in result.findings() if ".tmp" in f["path"]]
