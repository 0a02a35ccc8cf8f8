"""The step commands: each edits one case file, keeps every comment and the key order, prints the
next deadline, and refuses (changing nothing) a step the case's state does not allow."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from checker.files import ChangedOnDisk, edit
from tests.conftest import check, run_cli

# A case as an officer might have written it by hand: a comment block, end-of-line comments,
# a blank line, a comment between keys and a trailing comment.
COMMENTED = """\
# yaml-language-server: $schema=../../checker/schemas/case.schema.json
# Roof leak at a council flat: the third report this year.
# Handled by the repairs team; escalations go to the head of housing.
id: CCC-2025-0001
route: housing                # the Housing Ombudsman's Code applies
service: housing-repairs
type: repairs-delay
channel: webform
received: 2025-12-19T16:30:00+00:00   # before 17:00 on a Friday: counts that day

complainant:
  ref: P-7Q2K9ABC             # pseudonymous; never a name
discrimination_claimed: false
# Recorded by the contact centre on the phone.
definition: Roof leak reported three times and not repaired.
outcomes_sought: Repair completed and an apology.
not_responsible_for: []       # nothing outside the council's control
stage1:
  handler: housing-repairs-manager   # a role, never a name
# Learning is added when the case closes.
learning: {text: Repairs are now re-inspected after a third report., publishable: true}
# End of the case file.
"""

ALL_ELEMENTS = ["stage", "definition", "decision", "reasons", "remedy", "outstanding-actions"]


def _case(repo: Path, text: str = COMMENTED, case_id: str = "CCC-2025-0001") -> Path:
    path = repo / "cases" / "2025-26" / f"{case_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("CCC-2025-0001", case_id), encoding="utf-8")
    return path


def _inserted(before: str, after: str) -> list[str]:
    """The lines the edit added; fails if it changed or removed any line that was there."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        assert op in ("equal", "insert"), f"{op} of {old[i1:i2]!r} into {new[j1:j2]!r}"
        if op == "insert":
            added.extend(new[j1:j2])
    return [line.rstrip("\n") for line in added]


def _comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def test_a_commented_case_through_every_step_keeps_its_comments_and_prints_its_deadlines(repo):
    path = _case(repo)
    original = path.read_text()

    # Received Friday 2025-12-19 at 16:30, before 17:00: counts that day. Acknowledged Tuesday
    # 2025-12-23. Ten working days from it, skipping Christmas Day, Boxing Day, the weekend and
    # New Year's Day: 24 Dec, 29, 30, 31 Dec, 2 Jan, 5, 6, 7, 8, 9 Jan -> due Friday 2026-01-09.
    run = run_cli(
        "acknowledge",
        "CCC-2025-0001",
        "--root",
        repo,
        "--on",
        "2025-12-23",
        "--as-of",
        "2025-12-23",
        "--definition",
        "Roof leak reported three times and not repaired: water in the bedroom.",
        "--outcomes",
        "Repair completed and an apology.",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "Recorded in cases/2025-26/CCC-2025-0001.yaml: stage 1 acknowledged 2025-12-23.",
        "Next: stage 1 response due 2026-01-09, in 10 working days "
        "(10 working days from the acknowledgement)",
        "No findings on CCC-2025-0001 as of 2025-12-23.",
    ]
    after_acknowledge = path.read_text()
    # the definition's value is replaced (quoted for its colon), its comment above kept;
    # nothing else changes
    assert after_acknowledge == original.replace(
        "definition: Roof leak reported three times and not repaired.\n",
        "definition: 'Roof leak reported three times and not repaired: water in the bedroom.'\n",
    ).replace("stage1:\n", "stage1:\n  acknowledged: 2025-12-23\n")

    # Extended on 2026-01-07 by 10 working days from the 2026-01-09 deadline: 12 to 16 Jan and
    # 19 to 23 Jan -> due Friday 2026-01-23.
    run = run_cli(
        "extend",
        "CCC-2025-0001",
        "--root",
        repo,
        "--on",
        "2026-01-07",
        "--as-of",
        "2026-01-07",
        "--days",
        "10",
        "--reason",
        "Awaiting the roofer's survey",
        "--ombudsman-details-given",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines()[1] == (
        "Next: stage 1 response due 2026-01-23, in 12 working days "
        "(10 working days from the acknowledgement, extended by 10)"
    )
    after_extend = path.read_text()
    assert _inserted(after_acknowledge, after_extend) == [
        "  extension: {agreed: 2026-01-07, days: 10, reason: Awaiting the roofer's survey, "
        "ombudsman_details_given: true}",
    ]
    assert (
        after_extend.index("acknowledged:")
        < after_extend.index("  handler:")
        < after_extend.index("extension:")
    )

    run = run_cli(
        "respond",
        "CCC-2025-0001",
        "--root",
        repo,
        "--on",
        "2026-01-21",
        "--as-of",
        "2026-01-21",
        "--decision",
        "not-upheld",
        "--includes",
        *ALL_ELEMENTS,
        "escalation",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines()[1:] == [
        "Nothing is due. If the complainant asks for stage 2, record it with "
        "`complaints escalate CCC-2025-0001`.",
        "No findings on CCC-2025-0001 as of 2026-01-21.",
    ]
    after_respond = path.read_text()
    assert _inserted(after_extend, after_respond) == [
        "  responded: 2026-01-21",
        "  decision: not-upheld",
        "  response_includes: "
        "[stage, definition, decision, reasons, remedy, outstanding-actions, escalation]",
    ]

    # Asked for stage 2 on Monday 2026-02-02 at 17:15, after hours: counts from Tuesday 2026-02-03.
    # Acknowledgement due 5 working days on: 4, 5, 6, 9, 10 Feb -> 2026-02-10. The response is
    # counted from the acknowledgement, or while there is none from its due date: 20 working days
    # after 2026-02-10 -> 2026-03-10.
    run = run_cli(
        "escalate",
        "CCC-2025-0001",
        "--root",
        repo,
        "--on",
        "2026-02-02T17:15:00+00:00",
        "--as-of",
        "2026-02-03",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines()[1:] == [
        "Next: stage 2 acknowledgement due 2026-02-10, in 5 working days "
        "(5 working days from the escalation request)",
        "Next: stage 2 response due 2026-03-10, in 25 working days "
        "(20 working days from the stage 2 acknowledgement)",
        "No findings on CCC-2025-0001 as of 2026-02-03.",
    ]
    after_escalate = path.read_text()
    # stage2 goes after stage1, and before the comment that belongs to `learning`
    assert _inserted(after_respond, after_escalate) == [
        "stage2:",
        "  requested: 2026-02-02T17:15:00+00:00",
    ]
    assert "  requested: 2026-02-02T17:15:00+00:00\n# Learning is added" in after_escalate

    # Stage 2 acknowledged Thursday 2026-02-05 by someone else: 20 working days -> 2026-03-05.
    run = run_cli(
        "acknowledge",
        "CCC-2025-0001",
        "--root",
        repo,
        "--on",
        "2026-02-05",
        "--as-of",
        "2026-02-05",
        "--handler",
        "head-of-housing",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines()[1] == (
        "Next: stage 2 response due 2026-03-05, in 20 working days "
        "(20 working days from the stage 2 acknowledgement)"
    )

    # Answered a week late: recorded, and the finding is printed (exit 1) until it is explained.
    run = run_cli(
        "respond",
        "CCC-2025-0001",
        "--root",
        repo,
        "--on",
        "2026-03-12",
        "--as-of",
        "2026-03-12",
        "--decision",
        "not-upheld",
        "--includes",
        *ALL_ELEMENTS,
        "ombudsman",
        "--signposted-to",
        "housing-ombudsman",
    )
    assert run.code == 1
    assert (
        "error stage2-response-late stage 2 responded 2026-03-12, "
        "5 working days after its deadline 2026-03-05" in run.out
    )
    run = run_cli(
        "explain-breach",
        "CCC-2025-0001",
        "stage2-response-late",
        "--root",
        repo,
        "--on",
        "2026-03-13",
        "--as-of",
        "2026-03-13",
        "--reason",
        "Survey delayed by storm damage",
        "--by",
        "complaints-lead",
    )
    # the late response also went without update intervals agreed (HO 5.9): still an error
    assert run.code == 1, run.err
    assert "(the reason is in the case file)" in run.out
    assert "error delay-updates-missing stage 2 responded 2026-03-12" in run.out
    run = run_cli(
        "explain-breach",
        "CCC-2025-0001",
        "delay-updates-missing",
        "--root",
        repo,
        "--on",
        "2026-03-13",
        "--as-of",
        "2026-03-13",
        "--reason",
        "No update intervals were agreed while the survey was awaited",
        "--by",
        "complaints-lead",
    )
    assert run.code == 0, run.err

    final = path.read_text()
    assert _comments(final) == _comments(original)
    keys = [line.split(":")[0] for line in final.splitlines() if line and line[0].isalpha()]
    assert keys == [
        "id",
        "route",
        "service",
        "type",
        "channel",
        "received",
        "complainant",
        "discrimination_claimed",
        "definition",
        "outcomes_sought",
        "not_responsible_for",
        "stage1",
        "stage2",
        "learning",
        "explanations",
    ]
    assert final.endswith(
        "explanations:\n"
        "  - {rule: stage2-response-late, reason: Survey delayed by storm damage, "
        "reviewed_by: complaints-lead, date: 2026-03-13}\n"
        "  - {rule: delay-updates-missing, reason: No update intervals were agreed while the "
        "survey was awaited, reviewed_by: complaints-lead, date: 2026-03-13}\n"
        "# End of the case file.\n"
    )
    assert check(repo).code == 0  # what the commands wrote is valid and complete
    assert not list(path.parent.glob(".*"))  # no temporary file left behind


def _refused(repo: Path, path: Path, *argv: str) -> str:
    before = path.read_bytes()
    run = run_cli(*argv, "--root", repo)
    assert run.code == 2, run.out
    assert path.read_bytes() == before
    assert run.err.startswith("complaints: CCC-2025-0001: ") and run.err.rstrip().endswith(
        "nothing was changed"
    )
    assert "Traceback" not in run.err
    return run.err


ACKNOWLEDGED = COMMENTED.replace("stage1:\n", "stage1:\n  acknowledged: 2025-12-23\n")
RESPONDED = ACKNOWLEDGED.replace(
    "  handler: housing-repairs-manager   # a role, never a name\n",
    "  handler: housing-repairs-manager   # a role, never a name\n"
    "  responded: 2026-01-05\n"
    "  decision: upheld\n"
    "  response_includes: "
    "[stage, definition, decision, reasons, remedy, outstanding-actions, escalation]\n",
)


@pytest.mark.parametrize(
    ("text", "argv", "says"),
    [
        (
            COMMENTED,
            ["respond", "--decision", "upheld", "--includes", "stage"],
            "has not been acknowledged",
        ),
        (COMMENTED, ["extend", "--days", "5", "--reason", "Survey"], "has not been acknowledged"),
        (COMMENTED, ["escalate"], "stage 1 has not been responded to"),
        (ACKNOWLEDGED, ["acknowledge"], "already acknowledged on 2025-12-23"),
        (
            RESPONDED,
            ["respond", "--decision", "upheld", "--includes", "stage"],
            "already responded to on 2026-01-05",
        ),
        (RESPONDED, ["extend", "--days", "5", "--reason", "Survey"], "nothing left to extend"),
        (RESPONDED, ["exclude", "--reason", "late"], "excluded instead of being answered"),
        (
            COMMENTED.replace(
                "stage1:\n", "exclusion: {reason: late, decided: 2025-12-22}\nstage1:\n"
            ),
            ["escalate"],
            "was not accepted (late, decided 2025-12-22)",
        ),
        (
            COMMENTED.replace("stage1:\n", "withdrawn: 2025-12-22\nstage1:\n"),
            ["acknowledge"],
            "withdrawn on 2025-12-22",
        ),
        (
            ACKNOWLEDGED.replace(
                "stage1:\n", "stage1:\n  extension: {agreed: 2025-12-29, days: 5, reason: Survey}\n"
            ),
            ["extend", "--days", "5", "--reason", "Another survey"],
            "already has an extension",
        ),
        (
            COMMENTED,
            ["exclude", "--reason", "too-busy"],
            "'too-busy' is not one of the policy's exclusions",
        ),
        (
            COMMENTED.replace("definition: Roof leak reported three times and not repaired.\n", ""),
            ["acknowledge", "--outcomes", "A repair"],
            "give it with --definition",
        ),
        # the edit would write personal data, or a date before the complaint arrived
        (
            COMMENTED,
            ["acknowledge", "--definition", "Call Ms Example on 07700 900123"],
            "personal-data",
        ),
        (COMMENTED, ["acknowledge", "--on", "2025-12-18"], "case-dates-order"),
        (
            COMMENTED,
            ["acknowledge", "--on", "2025-12-24", "--as-of", "2025-12-23"],
            "after today (2025-12-23)",
        ),
        (
            RESPONDED,
            ["explain-breach", "stage1-response-late", "--reason", "x", "--by", "complaints-lead"],
            "does not fire on this case",
        ),
        (
            COMMENTED,
            ["explain-breach", "overdue", "--reason", "x", "--by", "complaints-lead"],
            "cannot be explained away",
        ),
        (
            COMMENTED,
            ["explain-breach", "no-such-rule", "--reason", "x", "--by", "complaints-lead"],
            "no rule",
        ),
        (
            COMMENTED.replace("channel: webform", "channel: carrier-pigeon"),
            ["acknowledge"],
            "fix the file first",
        ),
    ],
)
def test_a_step_the_case_does_not_allow_is_refused_and_changes_nothing(repo, text, argv, says):
    path = _case(repo, text)
    command, *options = argv
    if "--on" not in options and command != "escalate":
        options += ["--on", "2026-01-02"]
    if "--as-of" not in options:
        options += ["--as-of", "2026-01-05"]
    assert says in _refused(repo, path, command, "CCC-2025-0001", *options)


def test_excluding_records_the_policy_ground_and_stops_the_clocks(repo):
    path = _case(repo)
    run = run_cli(
        "exclude",
        "CCC-2025-0001",
        "--root",
        repo,
        "--reason",
        "previously-considered",
        "--on",
        "2025-12-22",
        "--explained-on",
        "2025-12-22",
        "--ombudsman-right-given",
        "--as-of",
        "2026-01-05",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines()[1] == "Nothing is due: the council's process ended on 2025-12-22."
    assert (
        "exclusion: {reason: previously-considered, decided: 2025-12-22, explained: 2025-12-22, "
        "ombudsman_right_given: true}\nstage1:\n"
    ) in path.read_text()
    assert "cannot be recorded" not in run.err
    assert check(repo).code == 0


def test_an_unknown_case_or_a_bad_id_is_a_usage_error(repo):
    run = run_cli(
        "acknowledge", "CCC-2025-0099", "--root", repo, "--definition", "x", "--outcomes", "y"
    )
    assert run.code == 2 and "no case CCC-2025-0099" in run.err
    run = run_cli("acknowledge", "case 1", "--root", repo)
    assert run.code == 2 and "not a case id" in run.err


def test_an_edit_never_overwrites_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("id: A\n")
    with pytest.raises(ChangedOnDisk):
        edit(path, b"id: B\n", b"id: C\n")
    assert path.read_text() == "id: A\n"
    edit(path, b"id: A\n", b"id: A\nroute: housing\n")
    assert path.read_text() == "id: A\nroute: housing\n"


RACING_PAIRS = 100


def _racing(repo: Path, barrier, name: str) -> None:
    """One step command in a forked process, released with its rival: exit 0 recorded, 3 refused."""
    from datetime import date

    from checker.edit import steps

    options: dict[str, object] = (
        {"on": date(2026, 1, 2), "days": 5, "reason": "Awaiting the roofer's survey"}
        if name == "extend"
        else {"on": date(2026, 1, 5), "decision": "upheld", "includes": ALL_ELEMENTS}
    )
    barrier.wait()
    try:
        steps.record(repo, "CCC-2025-0001", date(2026, 1, 5), steps.STEPS[name], **options)
    except steps.StepRefused:
        os._exit(3)
    except BaseException:
        os._exit(4)
    os._exit(0)


def test_of_two_steps_released_together_none_is_lost(repo):
    """Each pair of commands starts at the same instant on the same case: whatever each says it
    recorded is in the file afterwards, and what it refused changed nothing."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    outcomes = []
    for _ in range(RACING_PAIRS):
        path = _case(repo, ACKNOWLEDGED)
        barrier = context.Barrier(2)
        racers = {
            name: context.Process(target=_racing, args=(repo, barrier, name))
            for name in ("extend", "respond")
        }
        for racer in racers.values():
            racer.start()
        for racer in racers.values():
            racer.join(60)
        codes = {name: racer.exitcode for name, racer in racers.items()}
        assert set(codes.values()) <= {0, 3}, codes
        text = path.read_text()
        assert ("extension: {agreed: 2026-01-02" in text) == (codes["extend"] == 0), (codes, text)
        assert ("  responded: 2026-01-05" in text) == (codes["respond"] == 0), (codes, text)
        assert 0 in codes.values()  # one of them always records
        outcomes.append(tuple(sorted(codes.items())))
    assert len(outcomes) == RACING_PAIRS
