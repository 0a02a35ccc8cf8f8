"""What the command line says to a handler or officer: its version, "did you mean" for a mistyped
command, option or rule, case ids typed short, a handler from `new`, a name refused as a handler,
the flag to use instead of a case file's key, overdue steps with their unit, cut text marked, shell
completion, and every refusal of a step command naming the flag or command to use."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest

from checker.formats.score import _cut
from tests.conftest import new_housing_case, run_cli

AS_OF = "2026-02-02"  # in reporting year 2025-26: a short id means CCC-2025-...
ELEMENTS = ["stage", "definition", "decision", "reasons", "remedy", "outstanding-actions"]


def _new(repo: Path, *extra: str, received: str = "2025-12-19T16:30:00+00:00") -> str:
    """Open a housing case with `complaints new`; its id."""
    run = new_housing_case(repo, received, "--type", "repairs-delay", *extra)
    assert run.code == 0, run.err
    return re.search(r"(CCC-\d{4}-\d{4})\.yaml", run.out).group(1)


def _step(repo: Path, command: str, case: str, *extra: str) -> object:
    return run_cli(command, case, "--root", repo, "--as-of", AS_OF, *extra)


def _acknowledge(repo: Path, case: str) -> None:
    run = _step(
        repo,
        "acknowledge",
        case,
        "--on",
        "2025-12-23",
        "--definition",
        "Roof leak not repaired.",
        "--outcomes",
        "A repair.",
    )
    assert run.code in (0, 1), run.err


# --version and "did you mean"


def test_version_is_the_installed_distributions():
    run = run_cli("--version")
    assert run.code == 0
    assert run.out.strip() == f"complaints {metadata.version('complaints-as-code')}"


def test_a_mistyped_command_gets_the_nearest_one():
    run = run_cli("chek")
    assert run.code == 2
    assert "invalid choice: 'chek'" in run.err
    assert "did you mean check?" in run.err


def test_a_mistyped_option_is_refused_under_its_commands_usage_with_the_nearest_option():
    run = run_cli("due", "--handlr", "housing-repairs-manager")
    assert run.code == 2
    assert run.err.startswith("usage: complaints due ")
    assert "complaints due: error: unrecognized arguments: --handlr" in run.err
    assert "did you mean --handler?" in run.err


def test_a_mistyped_option_of_a_step_command_gets_the_steps_option(repo):
    run = run_cli(
        "extend", "CCC-2025-0001", "--root", repo, "--days", "5", "--reason", "x",
        "--ombudsman-detials-given",
    )  # fmt: skip
    assert run.code == 2
    assert run.err.startswith("usage: complaints extend ")
    assert "did you mean --ombudsman-details-given?" in run.err


def test_a_mistyped_choice_gets_the_nearest_choice():
    run = run_cli("check", "--format", "jsno")
    assert run.code == 2
    assert "did you mean json?" in run.err


def test_a_mistyped_rule_id_gets_the_nearest_rule():
    run = run_cli("explain", "stage1-respnse-late")
    assert run.code == 2
    assert "no rule 'stage1-respnse-late' (did you mean stage1-response-late?)" in run.err
    assert "`complaints rules`" in run.err


def test_an_unknown_rule_id_far_from_any_gets_no_guess():
    run = run_cli("explain", "zzzz")
    assert run.code == 2
    assert "did you mean" not in run.err


# Case ids as a handler types them


@pytest.mark.parametrize("typed", ["ccc-2025-0001", "0001", "1", "2025-1", "CCC-2025-0001"])
def test_a_step_command_takes_the_ids_show_takes(repo, typed):
    _new(repo)
    run = _step(
        repo,
        "acknowledge",
        typed,
        "--on",
        "2025-12-23",
        "--definition",
        "Roof leak not repaired.",
        "--outcomes",
        "A repair.",
    )
    assert run.code in (0, 1), run.err
    assert (
        "Recorded in cases/2025-26/CCC-2025-0001.yaml: stage 1 acknowledged 2025-12-23" in run.out
    )
    assert "acknowledged: 2025-12-23" in (repo / "cases/2025-26/CCC-2025-0001.yaml").read_text()


def test_a_short_id_no_case_answers_to_is_refused_with_where_to_look(repo):
    _new(repo)
    run = _step(repo, "withdraw", "0009")
    assert run.code == 2
    assert "there is no case 0009 in 2025-26, the current reporting year" in run.err
    assert "`complaints list`" in run.err
    assert "nothing was changed" in run.err


def test_a_path_is_not_a_case_id(repo):
    run = _step(repo, "withdraw", "../CCC-2025-0001")
    assert run.code == 2
    assert "is not a case id like CCC-2025-0142" in run.err


# new --handler, and a name refused as a handler


def test_new_records_the_stage_1_handler_and_due_shows_it(repo):
    case = _new(repo, "--handler", "housing-repairs-manager")
    text = (repo / "cases/2025-26" / f"{case}.yaml").read_text()
    assert "stage1:\n  handler: housing-repairs-manager\n" in text
    due = run_cli("due", "--root", repo, "--as-of", "2025-12-22")
    assert due.code == 0
    row = next(line for line in due.out.splitlines() if case in line)
    assert "housing-repairs-manager" in row
    assert "(unassigned)" not in due.out
    # and the handler's acknowledgement goes on in the same stage
    _acknowledge(repo, case)
    text = (repo / "cases/2025-26" / f"{case}.yaml").read_text()
    assert "handler: housing-repairs-manager" in text and "acknowledged: 2025-12-23" in text


@pytest.mark.parametrize(
    "argv",
    [
        ("due", "--handler", "John Smith"),
        ("list", "--handler", "John Smith"),
        ("new", "--route", "housing", "--service", "housing-repairs", "--received", "2025-12-19",
         "--handler", "John Smith"),
        ("acknowledge", "CCC-2025-0001", "--handler", "John Smith"),
        ("respond", "CCC-2025-0001", "--decision", "upheld", "--includes", "stage",
         "--handler", "John Smith"),
        ("amend", "CCC-2025-0001", "respond", "--handler", "John Smith"),
    ],
    ids=lambda argv: argv[0] if isinstance(argv, tuple) else str(argv),
)  # fmt: skip
def test_a_name_given_as_a_handler_is_refused_asking_for_a_role_or_pseudonym(argv):
    run = run_cli(*argv)
    assert run.code == 2
    assert "'John Smith' is not a role like housing-repairs-manager" in run.err
    assert "role or pseudonym, never a name" in run.err


# The flag, not the case file's key


def test_extend_without_the_ombudsman_details_names_the_flag_that_records_them(repo):
    case = _new(repo)
    _acknowledge(repo, case)
    run = _step(repo, "extend", case, "--days", "5", "--reason", "Awaiting survey", "--on",
                "2025-12-24")  # fmt: skip
    assert "extension-ombudsman-details-missing" in run.out
    assert f"`complaints amend {case} extend --ombudsman-details-given`" in run.out
    fixed = _step(repo, "amend", case, "extend", "--ombudsman-details-given")
    assert fixed.code in (0, 1), fixed.err
    assert "extension-ombudsman-details-missing" not in fixed.out
    assert "ombudsman_details_given: true" in (repo / "cases/2025-26" / f"{case}.yaml").read_text()


def test_exclude_without_the_explanation_names_the_flags_that_record_it(repo):
    case = _new(repo)
    run = _step(repo, "exclude", case, "--reason", "previously-considered", "--on", "2025-12-22")
    assert "exclusion-incomplete" in run.out
    flags = f"`complaints amend {case} exclude --explained-on DATE --ombudsman-right-given`"
    assert flags in run.out
    fixed = _step(
        repo, "amend", case, "exclude", "--explained-on", "2025-12-22", "--ombudsman-right-given"
    )
    assert fixed.code == 0, fixed.err
    assert "exclusion-incomplete" not in fixed.out
    text = (repo / "cases/2025-26" / f"{case}.yaml").read_text()
    assert "explained: 2025-12-22" in text and "ombudsman_right_given: true" in text


# OVERDUE with its unit


OVERDUE = re.compile(r"OVERDUE by (\d+)( working days?)?")


def _overdue(text: str) -> list[tuple[str, str]]:
    found = OVERDUE.findall(text)
    assert found, text
    return found


def test_an_overdue_step_says_working_days_in_due_list_show_and_a_steps_output(repo):
    case = _new(repo)  # received Friday 2025-12-19: acknowledgement due 2025-12-30
    outputs = {
        "due": run_cli("due", "--root", repo, "--as-of", AS_OF).out,
        "list": run_cli("list", "--root", repo, "--as-of", AS_OF).out,
        "show": run_cli("show", case, "--root", repo, "--as-of", AS_OF).out,
    }
    second = _new(repo)
    _acknowledge(repo, second)  # response due 2026-01-09, not sent by 2026-02-02
    step = _step(repo, "learning", second, "--text", "Repairs are re-inspected.", "--private")
    assert step.code in (0, 1), step.err
    outputs["step"] = step.out
    for name, text in outputs.items():
        for days, unit in _overdue(text):
            assert unit == (" working day" if days == "1" else " working days"), (name, text)


# score's action text, cut with an ellipsis


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Publish the policy", "Publish the policy"),
        ("x" * 60, "x" * 60),
        ("x" * 61, "x" * 59 + "…"),
        (
            "The council recognises that this is an area that could be improved by training",
            "The council recognises that this is an area that could be i…",
        ),
    ],
)
def test_score_cuts_long_action_text_with_an_ellipsis(text, cut):
    assert _cut(text, 60) == cut
    assert len(_cut(text, 60)) <= 60


# Shell completion


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "complete"), ("zsh", "#compdef complaints")]
)
def test_completion_prints_a_script_with_every_command_and_option(shell, marker):
    run = run_cli("completion", shell)
    assert run.code == 0, run.err
    assert marker in run.out
    for word in ("acknowledge", "refuse-escalation", "--ombudsman-details-given", "--handler"):
        assert word in run.out, word


def test_completion_for_an_unknown_shell_is_refused_with_the_shells_it_writes():
    run = run_cli("completion", "fish")
    assert run.code == 2
    assert "invalid choice: 'fish'" in run.err and "bash" in run.err and "zsh" in run.err


# Every refusal of a step command names the flag or the command to use


def _refusals(repo: Path) -> list[tuple[str, str]]:
    """Each step command run in a state that refuses it: (what was run, what it said)."""
    said: list[tuple[str, str]] = []

    def refused(command: str, case: str, *extra: str) -> None:
        run = _step(repo, command, case, *extra)
        shown = " ".join((command, case, *extra))
        assert run.code == 2, f"{shown} was not refused: {run.out}"
        assert run.err.startswith("complaints: "), run.err
        said.append((shown, run.err.removeprefix("complaints: ").strip()))

    def done(command: str, case: str, *extra: str) -> None:
        run = _step(repo, command, case, *extra)
        assert run.code in (0, 1), f"{command}: {run.err}"

    fresh = _new(repo)  # received, nothing else yet
    refused("acknowledge", fresh, "--on", "2026-03-02")  # after --as-of
    refused("extend", fresh, "--days", "5", "--reason", "Survey")
    refused("respond", fresh, "--decision", "upheld", "--includes", *ELEMENTS)
    refused("escalate", fresh)
    refused("remedy", fresh, "--kind", "apology")
    refused("action", fresh, "--what", "Repair the roof", "--by", "2026-03-02")
    refused("remedy-done", fresh, "1")
    refused("action-done", fresh, "1")
    refused("update", fresh)
    refused("refuse-escalation", fresh, "--requested", "2026-01-20", "--reason", "late")
    refused("ombudsman-decision", fresh, "--outcome", "maladministration")
    refused("exclude", fresh, "--reason", "no-such-ground")
    refused("explain-breach", fresh, "no-such-rule", "--reason", "x", "--by", "complaints-lead")
    refused("explain-breach", fresh, "due-soon", "--reason", "x", "--by", "complaints-lead")
    refused("amend", fresh, "acknowledge", "--on", "2025-12-23")
    refused("amend", fresh, "exclude", "--explained-on", "2025-12-23")
    refused("amend", fresh, "respond", "--days", "5")
    refused("remedy", fresh, "--kind", "apology", "--amount", "50")
    refused("discrimination", fresh, "--not-claimed")

    case = _new(repo)
    _acknowledge(repo, case)
    refused("acknowledge", case)
    done("update", case, "--every", "5", "--on", "2026-01-06")
    refused("update", case, "--every", "5", "--on", "2026-01-07")
    done("update", case, "--on", "2026-01-08")
    refused("update", case, "--on", "2026-01-08")
    done("extend", case, "--days", "5", "--reason", "Survey", "--on", "2025-12-24",
         "--ombudsman-details-given")  # fmt: skip
    refused("extend", case, "--days", "5", "--reason", "Survey")
    done("respond", case, "--decision", "upheld", "--includes", *ELEMENTS, "--on", "2026-01-15")
    refused("extend", case, "--days", "5", "--reason", "Survey")
    refused("respond", case, "--decision", "upheld", "--includes", *ELEMENTS)
    refused("update", case)
    refused("exclude", case, "--reason", "previously-considered")
    refused("remedy-done", case, "1")
    refused("remedy-done", case, "1", "--stage", "3")
    done("remedy", case, "--kind", "apology")
    refused("remedy-done", case, "2")
    done("remedy-done", case, "1", "--on", "2026-01-16")
    refused("remedy-done", case, "1")
    done("learning", case, "--text", "Repairs are re-inspected.", "--private")
    refused("learning", case, "--text", "Again.", "--private")
    done("escalate", case, "--on", "2026-01-19")
    refused("escalate", case)
    refused("exclude", case, "--reason", "previously-considered")
    refused("refuse-escalation", case, "--requested", "2026-01-20", "--reason", "late")
    done("refer", case, "--body", "housing-ombudsman", "--on", "2026-01-21")
    refused("refer", case, "--body", "housing-ombudsman")

    withdrawn = _new(repo)
    done("withdraw", withdrawn, "--on", "2025-12-22")
    refused("acknowledge", withdrawn)
    refused("withdraw", withdrawn)

    excluded = _new(repo)
    done("exclude", excluded, "--reason", "previously-considered", "--on", "2025-12-22")
    refused("acknowledge", excluded)
    refused("amend", excluded, "exclude")
    refused("amend", excluded, "exclude", "--on", "2025-12-22T10:00:00")
    return said


def test_every_refusal_of_a_step_command_names_the_flag_or_command_to_use(repo):
    table = _refusals(repo)
    assert len(table) > 40
    unhelpful = [
        f"{shown}: {said}"
        for shown, said in table
        if not re.search(r"(?<![\w-])--[a-z]|complaints [a-z]", said)
    ]
    assert unhelpful == []
