"""A whole complaint recorded by command, from `new` to the ombudsman's decision; a mistyped step
corrected with `amend`; and each of the later steps refused when the case's state does not allow
it (exit 2, the file unchanged, the message naming the command or option to use)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.edit import more_steps
from tests.conftest import new_housing_case, run_cli, scratch

CASE = "CCC-2025-0001"
HAND_NOTE = "# Hand note: the tenant prefers letters, not calls.\n"
LINE_NOTE = "   # phoned in by the tenant"

# A case as an officer writes one, acknowledged at stage 1 and not yet answered.
ACKNOWLEDGED = f"""\
# yaml-language-server: $schema=../../checker/schemas/case.schema.json
id: {CASE}
route: housing                # the Housing Ombudsman's Code applies
service: housing-repairs
type: repairs-delay
channel: webform
received: 2026-01-05T10:00:00+00:00
complainant:
  ref: P-7Q2K9ABC             # pseudonymous; never a name
discrimination_claimed: false
definition: Damp in the bedroom not treated.
outcomes_sought: Damp treated and an apology.
not_responsible_for: []
stage1:
  acknowledged: 2026-01-07
  handler: housing-repairs-manager   # a role, never a name
# End of the case file.
"""

ELEMENTS = [
    *("stage", "definition", "decision", "reasons", "remedy", "outstanding-actions", "escalation")
]


def _step(repo: Path, *argv: str, as_of: str, code: int | None = 0) -> str:
    """Run one step command as of a day; return what it printed."""
    run = run_cli(*argv[:1], CASE, *argv[1:], "--root", repo, "--as-of", as_of)
    if code is not None:
        assert run.code == code, (argv, run.out, run.err)
    return run.out


def _errors(repo: Path, as_of: str) -> set[str]:
    """The rules of the case's unexplained errors, as `complaints check` reports them."""
    run = run_cli("check", "--root", repo, "--format", "json", "--as-of", as_of)
    return {
        f["rule"]
        for f in run.json["findings"]
        if f["case_id"] == CASE and f["severity"] == "error" and not f["explained"]
    }


def test_a_whole_complaint_recorded_by_command_keeps_its_comments(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    run = new_housing_case(repo, "2026-01-05T10:00:00+00:00")
    assert run.code == 0, run.err
    path = repo / "cases" / "2025-26" / f"{CASE}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("channel: other\n", f"channel: other{LINE_NOTE}\n{HAND_NOTE}")
    path.write_text(text, encoding="utf-8")
    assert _errors(repo, "2026-01-05") == set()

    # Each step, the day it happened, and the errors the case then has.
    steps: list[tuple[list[str], str, set[str]]] = [
        (
            [
                "acknowledge",
                "--on",
                "2026-01-07",
                "--definition",
                "Damp in the bedroom not treated.",
                "--outcomes",
                "Damp treated and an apology.",
                "--handler",
                "housing-repairs-manager",
            ],
            "2026-01-07",
            set(),
        ),
        (
            ["respond", "--on", "2026-01-20", "--decision", "upheld", "--includes", *ELEMENTS],
            "2026-01-20",
            {"remedy-missing"},  # until the remedy is recorded, the next step
        ),
        (
            [
                *("remedy", "--kind", "financial", "--amount", "150", "--by", "2026-01-30"),
                *("--what", "Compensation for the carpet"),
            ],
            "2026-01-20",
            set(),
        ),
        (["remedy-done", "1", "--on", "2026-01-28"], "2026-01-28", set()),
        (["escalate", "--on", "2026-02-02"], "2026-02-02", set()),
        (["acknowledge", "--on", "2026-02-04"], "2026-02-04", set()),
        (
            [
                "extend",
                "--on",
                "2026-02-25",
                "--days",
                "10",
                "--reason",
                "Awaiting the damp survey",
                "--ombudsman-details-given",
            ],
            "2026-02-25",
            set(),
        ),
        (["update", "--on", "2026-02-25", "--every", "5"], "2026-02-25", set()),
        (["update", "--on", "2026-03-03"], "2026-03-03", set()),
        (
            [
                "respond",
                "--on",
                "2026-03-10",
                "--decision",
                "not-upheld",
                "--includes",
                "stage",
                "definition",
                "decision",
                "reasons",
                "ombudsman",
                "--signposted-to",
                "housing-ombudsman",
            ],
            "2026-03-10",
            set(),
        ),
        (["refer", "--body", "housing-ombudsman", "--on", "2026-04-01"], "2026-04-01", set()),
    ]
    outcome = "no-maladministration"
    assert outcome in more_steps.outcomes("housing-ombudsman")  # read from the schema
    steps += [
        (["ombudsman-decision", "--outcome", outcome, "--on", "2026-07-01"], "2026-07-01", set()),
        (
            [
                *("learning", "--text", "Damp reports now trigger a survey."),
                *("--theme", "quality-of-service", "--publishable"),
            ],
            "2026-07-01",
            set(),
        ),
    ]
    for argv, day, errors in steps:
        out = _step(repo, *argv, as_of=day, code=1 if errors else 0)
        assert out.startswith(f"Recorded in cases/2025-26/{CASE}.yaml: "), argv
        assert _errors(repo, day) == errors, argv
        text = path.read_text(encoding="utf-8")
        assert HAND_NOTE in text and f"channel: other{LINE_NOTE}\n" in text, argv

    assert (
        "  remedies:\n    - {kind: financial, amount: 150, what: Compensation for the carpet, "
        "by: 2026-01-30, done: 2026-01-28}\n"
    ) in text
    assert "  update_intervals: {agreed: 2026-02-25, every_working_days: 5}\n" in text
    assert "  updates: [2026-03-03]\n" in text
    assert (
        "ombudsman:\n  body: housing-ombudsman\n  referred: 2026-04-01\n  decided: 2026-07-01\n"
        f"  outcome: {outcome}\n"
    ) in text

    show = run_cli("show", CASE, "--root", repo, "--as-of", "2026-07-01")
    assert show.code in (0, 1), show.err
    timeline = show.out.split("Timeline:\n")[1].split("\n\n")[0]
    for day, what in [
        ("2026-01-07", "stage 1 acknowledged"),
        ("2026-01-20", "stage 1 responded"),
        ("2026-01-28", "stage 1 remedy done"),
        ("2026-02-02", "stage 2 requested"),
        ("2026-02-04", "stage 2 acknowledged"),
        ("2026-02-25", "stage 2 extended"),
        ("2026-02-25", "stage 2 updates agreed"),
        ("2026-03-03", "stage 2 updated"),
        ("2026-03-10", "stage 2 responded"),
        ("2026-04-01", "referred to housing-ombudsman"),
        ("2026-07-01", "ombudsman decided"),
    ]:
        assert f"  {day}  {what}" in timeline, (day, what, timeline)
    closed = run_cli("list", "--closed", "--root", repo, "--as-of", "2026-07-01")
    assert CASE in closed.out
    # the learning's theme, which the annual report counts
    assert (
        "theme: quality-of-service, publishable: true}"
        in next(repo.glob(f"cases/*/{CASE}.yaml")).read_text()
    )


def test_new_refuses_a_complaint_received_after_the_date_given(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    argv = ("new", "--root", repo, "--route", "housing", "--service", "housing-repairs")
    late = run_cli(*argv, "--received", "2026-01-06T10:00:00+00:00", "--as-of", "2026-01-05")
    assert late.code == 2 and "--received" in late.err and not list(repo.glob("cases/*/*.yaml"))
    ok = run_cli(*argv, "--received", "2026-01-05T10:00:00+00:00", "--as-of", "2026-01-05")
    assert ok.code == 0, ok.err


def _acknowledged(root: Path) -> Path:
    path = root / "cases" / "2025-26" / f"{CASE}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ACKNOWLEDGED, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mistyped", "amend", "right"),
    [
        (["--days", "25"], ["--days", "5"], ["--days", "5"]),
        (["--days", "5", "--on", "2026-01-12"], ["--on", "2026-01-13"], ["--days", "5"]),
        (
            ["--days", "5", "--reason", "Awaiting survey"],
            ["--reason", "Awaiting the survey, and a report"],
            ["--days", "5", "--reason", "Awaiting the survey, and a report"],
        ),
    ],
)
def test_a_mistyped_extension_amended_is_as_if_recorded_right(tmp_path, mistyped, amend, right):
    wrong = _acknowledged(scratch(tmp_path / "wrong", with_cases=False))
    direct = _acknowledged(scratch(tmp_path / "direct", with_cases=False))
    base = ["--on", "2026-01-13", "--reason", "Awaiting the damp survey"]
    # a later option overrides an earlier one: each list states only what differs
    _step(wrong.parents[2], "extend", *base, *mistyped, as_of="2026-01-13", code=None)
    _step(wrong.parents[2], "amend", "extend", *amend, as_of="2026-01-13", code=None)
    _step(direct.parents[2], "extend", *base, *right, as_of="2026-01-13", code=None)
    assert wrong.read_bytes() == direct.read_bytes()
    assert b"extension: {agreed: 2026-01-13, days: 5" in direct.read_bytes()


def test_a_response_amended_is_as_if_recorded_right(tmp_path):
    wrong = _acknowledged(scratch(tmp_path / "wrong", with_cases=False))
    direct = _acknowledged(scratch(tmp_path / "direct", with_cases=False))
    respond = ["respond", "--decision", "not-upheld", "--includes", *ELEMENTS]
    _step(wrong.parents[2], *respond, "--on", "2026-01-15", as_of="2026-01-20", code=None)
    _step(
        wrong.parents[2],
        *("amend", "respond", "--on", "2026-01-16", "--decision", "partly-upheld"),
        as_of="2026-01-20",
        code=None,
    )
    _step(
        direct.parents[2],
        *respond[:2],
        "partly-upheld",
        *respond[3:],
        "--on",
        "2026-01-16",
        as_of="2026-01-20",
        code=None,
    )
    assert wrong.read_bytes() == direct.read_bytes()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["remedy", "--kind", "apology"], "(complaints respond)"),
        (["remedy", "--kind", "apology", "--amount", "5"], "--kind financial"),
        (["action", "--what", "Treat the damp", "--by", "2026-02-10"], "(complaints respond)"),
        (["remedy-done", "1", "--on", "2026-01-12"], "`complaints remedy`"),
        (["action-done", "1", "--on", "2026-01-12"], "`complaints action`"),
        (["update", "--on", "2026-01-12"], "--every"),
        (
            ["refuse-escalation", "--requested", "2026-01-12", "--reason", "late"],
            "complaints respond",
        ),
        (
            ["ombudsman-decision", "--outcome", "premature", "--on", "2026-01-12"],
            "complaints refer",
        ),
        (["discrimination", "--not-claimed"], "--claimed"),
        (["amend", "extend", "--days", "5"], "`complaints extend`"),
        (["amend", "acknowledge", "--days", "5"], "--on, --includes, --handler"),
        (["remedy-done", "1", "--stage", "3"], "--stage with one it has"),
        (["acknowledge", "--on", "2026-01-08"], f"`complaints amend {CASE} acknowledge`"),
        (["amend", "respond", "--stage", "2", "--on", "2026-01-12"], "--stage with one it has"),
        (["amend", "acknowledge", "--on", "2026-01-03"], "case-dates-order"),
        (["amend", "respond", "--on", "2026-01-12"], "`complaints respond`"),
    ],
)
def test_a_step_the_case_does_not_allow_is_refused_and_changes_nothing(tmp_path, argv, says):
    path = _acknowledged(scratch(tmp_path / "repo", with_cases=False))
    before = path.read_bytes()
    run = run_cli(*argv[:1], CASE, *argv[1:], "--root", path.parents[2], "--as-of", "2026-01-12")
    assert run.code == 2, run.out
    assert says in run.err and run.err.rstrip().endswith("nothing was changed"), run.err
    assert path.read_bytes() == before


def _closed(tmp_path: Path) -> Path:
    """The acknowledged case, answered and (the policy's last stage) escalated and answered."""
    path = _acknowledged(scratch(tmp_path / "repo", with_cases=False))
    root = path.parents[2]
    respond = ["respond", "--decision", "not-upheld", "--includes", *ELEMENTS]
    _step(root, *respond, "--on", "2026-01-15", as_of="2026-01-15", code=None)
    _step(root, "escalate", "--on", "2026-01-19", as_of="2026-01-19", code=None)
    _step(root, "acknowledge", "--on", "2026-01-20", as_of="2026-01-20", code=None)
    final = [*respond, "ombudsman", "--signposted-to", "housing-ombudsman"]
    _step(root, *final, "--on", "2026-02-02", as_of="2026-02-02", code=None)
    _step(root, "refer", "--body", "housing-ombudsman", "--on", "2026-02-10", as_of="2026-02-10")
    _step(root, "learning", "--text", "Surveys are booked sooner.", "--private", as_of="2026-02-10")
    return path


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["withdraw", "--on", "2026-03-02"], "withdrawn while it is open"),
        (["refer", "--body", "lgsco", "--on", "2026-03-02"], "complaints ombudsman-decision"),
        (["ombudsman-decision", "--outcome", "fault", "--on", "2026-03-02"], "--outcome"),
        (
            ["ombudsman-decision", "--outcome", "maladministration", "--recommendation", "Train"],
            "--by",
        ),
        (["learning", "--text", "Again.", "--publishable"], "correct it in the file"),
        (["update", "--on", "2026-03-02", "--every", "5"], "responded to on 2026-02-02"),
        (
            ["refuse-escalation", "--requested", "2026-03-02", "--reason", "late"],
            "the policy's last",
        ),
    ],
)
def test_a_closed_case_refuses_what_no_longer_applies(tmp_path, argv, says):
    path = _closed(tmp_path)
    before = path.read_bytes()
    run = run_cli(*argv[:1], CASE, *argv[1:], "--root", path.parents[2], "--as-of", "2026-03-02")
    assert run.code == 2, run.out
    assert says in run.err, run.err
    assert path.read_bytes() == before


def test_outcomes_are_the_schemas_for_each_body():
    housing = more_steps.outcomes("housing-ombudsman")
    lgsco = more_steps.outcomes("lgsco")
    assert housing and lgsco
    assert "maladministration" in housing and "maladministration" not in lgsco
    assert "fault" in lgsco and "fault" not in housing


def _remedy(root: Path, barrier, kind: str) -> None:
    """One remedy command in a forked process, released with its rival: exit 0 recorded."""
    import os
    from datetime import date

    from checker.edit import more_steps, steps

    barrier.wait()
    try:
        steps.record(root, CASE, date(2026, 1, 20), more_steps.remedy, kind=kind)
    except steps.StepRefused:
        os._exit(3)
    except BaseException:
        os._exit(4)
    os._exit(0)


def test_two_remedies_recorded_at_once_are_both_kept(tmp_path):
    """Two handlers add a remedy to the same case at the same instant: neither write is lost."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    root = scratch(tmp_path / "repo", with_cases=False)
    for _ in range(10):
        path = _acknowledged(root)
        respond = ["respond", "--decision", "upheld", "--includes", *ELEMENTS]
        _step(root, *respond, "--on", "2026-01-15", as_of="2026-01-20", code=None)
        barrier = context.Barrier(2)
        racers = [
            context.Process(target=_remedy, args=(root, barrier, kind))
            for kind in ("apology", "explanation")
        ]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join(60)
        codes = [racer.exitcode for racer in racers]
        text = path.read_text(encoding="utf-8")
        assert set(codes) <= {0, 3}, codes
        assert ("{kind: apology}" in text) == (codes[0] == 0), (codes, text)
        assert ("{kind: explanation}" in text) == (codes[1] == 0), (codes, text)
        assert codes == [0, 0]  # the lock orders them: each sees the other's remedy


def test_the_new_file_s_guide_to_its_first_step_goes_once_a_step_is_recorded(tmp_path):
    from checker.edit.new_case import GUIDE

    repo = scratch(tmp_path / "repo", with_cases=False)
    opened = new_housing_case(repo, "2026-01-05T10:00:00+00:00", "--as-of", "2026-01-05")
    assert opened.code == 0, opened.err
    [path] = repo.glob("cases/*/*.yaml")
    assert GUIDE in path.read_text()
    path.write_text(path.read_text() + "# the tenant prefers phone calls\n")
    run = run_cli(
        "acknowledge", "1", "--root", repo, "--on", "2026-01-06", "--as-of", "2026-01-06",
        "--handler", "housing-repairs-manager", "--definition", "Roof leak not repaired.",
        "--outcomes", "A repair.", "--not-responsible-for", "The tenant's own fittings.",
    )  # fmt: skip
    assert run.code == 0, run.err
    text = path.read_text()
    assert "# When acknowledging" not in text and "# the tenant prefers phone calls\n" in text


def test_a_claim_of_discrimination_and_the_equalities_officer_by_command(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    opened = new_housing_case(repo, "2026-01-05T10:00:00+00:00", "--as-of", "2026-01-05")
    assert opened.code == 0, opened.err
    claimed = run_cli("discrimination", "1", "--root", repo, "--claimed", "--as-of", "2026-01-05")
    assert claimed.code == 1 and "--equalities-officer DATE" in claimed.out
    involved = run_cli(
        "discrimination", "1", "--root", repo, "--claimed", "--equalities-officer", "2026-01-06",
        "--as-of", "2026-01-06",
    )  # fmt: skip
    assert involved.code == 0, involved.out + involved.err
    [path] = repo.glob("cases/*/*.yaml")
    assert "equalities_officer_involved: 2026-01-06\n" in path.read_text()
    wrong = run_cli(
        "discrimination", "1", "--root", repo, "--not-claimed", "--equalities-officer",
        "2026-01-06", "--as-of", "2026-01-06",
    )  # fmt: skip
    assert wrong.code == 2 and "--equalities-officer goes with --claimed" in wrong.err
