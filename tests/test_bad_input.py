"""Bad input gets one clear, located message (file, line, problem, fix) and exit 1; never a
traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import check, run_cli

CASE = """\
# yaml-language-server: $schema=../../checker/schemas/case.schema.json
id: CCC-2025-0001
route: housing
service: housing-repairs
type: repairs-delay
channel: webform
received: 2025-06-02T10:15:00+01:00
complainant:
  ref: P-7Q2K9
discrimination_claimed: false
definition: Roof leak reported three times and not repaired.
outcomes_sought: Repair completed and an apology.
stage1:
  acknowledged: 2025-06-04
  handler: housing-repairs-manager
  responded: 2025-06-13
  decision: not-upheld
  response_includes: [stage, definition, decision, reasons, remedy, outstanding-actions, escalation]
not_responsible_for: []
"""
END = CASE.count("\n") + 1  # the line a text appended to CASE starts on


def write_case(
    repo: Path, text: str = CASE, name: str = "CCC-2025-0001.yaml", folder: str = "2025-26"
) -> str:
    path = repo / "cases" / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return f"cases/{folder}/{name}"


def only(run, rule: str) -> dict:
    """The single error finding of `rule`, after asserting the run failed cleanly."""
    assert run.code == 1, run.out + run.err
    assert "Traceback" not in run.err
    found = [f for f in run.findings(rule) if f["severity"] == "error"]
    assert len(found) == 1, found
    return found[0]


def test_the_example_case_is_valid(repo):
    write_case(repo)
    run = check(repo)
    assert run.code == 0, run.out
    assert run.json["summary"]["error"] == 0


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (CASE + "route: general\n", END, f"duplicate key 'route' (lines 3 and {END})"),
        (
            CASE.replace("ref: P-7Q2K9", "ref: &who P-7Q2K9")
            + "learning: {text: *who, publishable: false}\n",
            9,
            "anchor",
        ),
        (CASE.replace("  handler: housing", "\thandler: housing"), 15, "tab"),
        (CASE + "---\nid: CCC-2025-0002\n", END, "more than one YAML document"),
        (
            CASE + "service_area: !!python/object:os.system x\n",
            END,
            "tag '!!python/object:os.system' is not allowed",
        ),
    ],
    ids=["duplicate-key", "alias", "tab-indentation", "two-documents", "custom-tag"],
)
def test_syntax_problems_are_located(repo, text, line, words):
    path = write_case(repo, text)
    finding = only(check(repo), "yaml-syntax")
    assert finding["path"] == path
    assert finding["line"] == line
    assert words in finding["message"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"id: CCC\x00\x01\x02", "binary"),
        (b"id: caf\xe9\n", "not valid UTF-8"),
        ("id: x\n".encode("utf-16"), "UTF-16"),
        (b"id: x\n" + b"# padding\n" * (2 * 1024 * 1024 // 10), "over the 1 MiB limit"),
    ],
    ids=["empty", "binary", "invalid-utf8", "utf16", "2-mib"],
)
def test_unreadable_files_are_refused_with_the_fix(repo, content, words):
    path = repo / "cases" / "2025-26" / "CCC-2025-0001.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    finding = only(check(repo), "yaml-syntax")
    assert finding["path"] == "cases/2025-26/CCC-2025-0001.yaml"
    assert words in finding["message"]
    assert ";" in finding["message"]  # every message carries its fix after the problem


def test_a_bom_and_crlf_line_endings_are_accepted(repo):
    write_case(repo, "\ufeff" + CASE.replace("\n", "\r\n"))
    assert check(repo).code == 0


def test_a_bom_and_crlf_still_give_the_right_line(repo):
    path = write_case(
        repo, "\ufeff" + CASE.replace("\n", "\r\n").replace("2025-06-04", "2025-06-31")
    )
    finding = only(check(repo), "schema")
    assert (finding["path"], finding["line"], finding["column"]) == (path, 14, 17)


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "words"),
    [
        ("  handler: housing", "  handlr: housing", 15, 3, "an unknown key in stage1"),
        (
            "complainant:\n  ref: P-7Q2K9\n",
            "complainant:\n  disability_disclosed: false\n",
            8,
            1,
            "missing required key 'ref'",
        ),
        ("2025-06-04", "2025-02-30", 14, 17, "'2025-02-30' is not a real date"),
        (
            "received: 2025-06-02T10:15:00+01:00",
            "received: 17:42",
            7,
            11,
            "'17:42' is not a date or a date and time",
        ),
        ("route: housing", "route: Housing", 3, 8, "write it in lower case: housing"),
        (
            "discrimination_claimed: false",
            "discrimination_claimed: No",
            10,
            25,
            "expected true or false, found text 'No'",
        ),
    ],
    ids=[
        "unknown-key",
        "missing-key",
        "impossible-date",
        "time-without-date",
        "enum-case",
        "yes-no-as-text",
    ],
)
def test_schema_problems_are_located_with_their_fix(repo, old, new, line, column, words):
    assert old in CASE
    path = write_case(repo, CASE.replace(old, new))
    finding = only(check(repo), "schema")
    assert (finding["path"], finding["line"], finding["column"]) == (path, line, column)
    assert words in finding["message"], finding["message"]


def test_unquoted_times_and_yes_stay_strings(repo):
    council = repo / "policy" / "council.yaml"
    text = council.read_text().replace(
        '{start: "09:00", end: "17:00"}', "{start: 09:00, end: 17:00}"
    )
    council.write_text(text)
    assert check(repo).code == 0  # 09:00 is the string "09:00", never the sexagesimal 540


def test_comply_yes_capitalised_is_kept_as_text_and_explained(repo):
    assessment = repo / "policy" / "self-assessment" / "2026-housing-ombudsman.yaml"
    lines = assessment.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if 'comply: "yes"' in line)
    lines[index] = lines[index].replace('comply: "yes"', "comply: Yes")
    assessment.write_text("".join(lines))
    finding = only(check(repo), "schema")
    assert finding["line"] == index + 1
    assert "'Yes' is not one of yes, no, partial; write it in lower case: yes" in finding["message"]


def _answers(repo) -> Path:
    return repo / "policy" / "self-assessment" / "2026-housing-ombudsman.yaml"


def test_a_self_assessment_answering_an_unknown_provision(repo):
    path = _answers(repo)
    text = path.read_text()
    path.write_text(text + '  - provision: "6.21"\n    comply: "yes"\n')
    finding = only(check(repo), "self-assessment-provision-unknown")
    assert finding["line"] == len(text.splitlines()) + 1
    assert "provision 6.21 is not in" in finding["message"]


def test_a_self_assessment_answering_the_introductory_provision(repo):
    path = _answers(repo)
    path.write_text(path.read_text() + '  - provision: "1.1"\n    comply: "yes"\n')
    finding = only(check(repo), "self-assessment-provision-unknown")
    assert "not assessed" in finding["message"]


def test_a_self_assessment_that_skips_a_provision(repo):
    path = _answers(repo)
    text = path.read_text()
    start = text.index('  - provision: "6.3"')
    end = text.index('  - provision: "6.4"')
    path.write_text(text[:start] + text[end:])
    finding = only(check(repo), "self-assessment-provision-missing")
    assert "no answer for provision 6.3" in finding["message"]
    assert finding["line"] == next(
        i for i, line in enumerate(text.splitlines(), 1) if line.startswith("answers:")
    )


def test_a_self_assessment_answering_twice(repo):
    path = _answers(repo)
    path.write_text(path.read_text() + '  - provision: "6.3"\n    comply: "no"\n')
    finding = only(check(repo), "self-assessment-provision-duplicate")
    assert "answered again" in finding["message"]


def test_text_output_names_file_line_and_column(repo, cli):
    write_case(repo, CASE + "route: general\n")
    run = cli("check", "--root", repo, "--as-of", "2026-11-23")
    assert run.code == 1
    assert (
        f"cases/2025-26/CCC-2025-0001.yaml:{END}:1: error yaml-syntax duplicate key 'route'"
        in run.out
    )
    assert run.out.rstrip().splitlines()[-1].startswith("Checked ")


def test_a_case_outside_a_year_folder(repo):
    (repo / "cases" / "CCC-2025-0001.yaml").write_text(CASE)
    finding = only(check(repo), "file-layout")
    assert "reporting-year folder" in finding["message"]


def test_a_case_in_the_wrong_year_folder(repo):
    path = write_case(repo, folder="2024-25")
    finding = only(check(repo), "case-folder-year")
    assert finding["path"] == path
    assert "move it to cases/2025-26/" in finding["message"]


def test_after_hours_on_31_march_counts_in_the_next_year(repo):
    text = (
        CASE.replace("2025-06-02T10:15:00+01:00", "2026-03-31T17:30:00+01:00")
        .replace("2025-06-04", "2026-04-02")
        .replace("2025-06-13", "2026-04-10")
    )
    write_case(repo, text, folder="2025-26")
    finding = only(check(repo), "case-folder-year")
    assert "2026-27" in finding["message"]


def test_the_installed_command_exits_with_the_checks_code_and_its_whole_output(repo):
    import json
    import subprocess
    import sys

    command = Path(sys.executable).parent / "complaints"
    write_case(repo, CASE.replace("route: housing", "route: Housing"))
    run = subprocess.run(
        [command, "check", "--root", repo, "--format", "json"], capture_output=True, text=True
    )
    assert run.returncode == 1 and run.stderr == ""
    assert (
        json.loads(run.stdout)["summary"]["error"] >= 1
    )  # written out whole before the quick exit
    usage = subprocess.run(
        [command, "check", "--root", repo, "--format", "nope"], capture_output=True, text=True
    )
    assert usage.returncode == 2 and "invalid choice" in usage.stderr
    head = subprocess.run(
        f"'{command}' check --root '{repo}' | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in head.stderr and "Exception" not in head.stderr


# Personal details typed where a case file's schema does not allow them: each is an error, and
# none may be quoted back in any output a CI log keeps.
NAME, PHONE, EMAIL = "Mary Oyelaran-Whitfield", "07700 900461", "mary.ow@example.org"
TYPED_IN_THE_WRONG_PLACE = [
    ("  ref: P-7Q2K9", f"  ref: {NAME} {PHONE}"),  # the complainant reference's pattern
    ("route: housing", f"route: {NAME}"),  # a closed list
    ("received: 2025-06-02T10:15:00+01:00", f"received: {EMAIL}"),  # a date format
    ("discrimination_claimed: false", f"discrimination_claimed: {NAME}"),  # a boolean
    ("type: repairs-delay", "type: 07700900461"),  # a phone number read as a number
    ("  handler: housing-repairs-manager", f"  {NAME}: {EMAIL}"),  # an unknown key
    ("not_responsible_for: []", f"not_responsible_for: []\n{NAME.lower()}: 1\n{NAME.lower()}: 2"),
]
SECRETS = (NAME, NAME.lower(), PHONE, PHONE.replace(" ", ""), "7700900461", EMAIL)


@pytest.mark.parametrize("format_", ["text", "json", "sarif", "junit", "github"])
@pytest.mark.parametrize(("right", "wrong"), TYPED_IN_THE_WRONG_PLACE)
def test_what_was_typed_into_a_case_file_is_never_quoted_back(repo, format_, right, wrong):
    assert right in CASE
    write_case(repo, CASE.replace(right, wrong))
    run = check(repo, "--format", format_)
    assert run.code == 1, run.out
    assert "error" in run.out
    output = run.out + run.err
    assert not [secret for secret in SECRETS if secret in output], output


# Inputs that once crashed or hung a command; each now ends at once with a message or a result.
@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("workdays", "add", "2025-01-01", "100000000"), "outside the years"),
        (("workdays", "add", "2025-01-01", "-100000000"), "outside the years"),
        (("workdays", "between", "0001-01-01", "9999-12-31"), "not between 1900 and 2199"),
        (("workdays", "receipt", "0001-01-01T10:00:00+00:00"), "not between 1900 and 2199"),
    ],
)
def test_working_day_sums_outside_the_calendar_are_refused(argv, says):
    import time

    started = time.monotonic()
    run = run_cli(*argv)
    assert run.code == 2 and says in run.err and "Traceback" not in run.err
    assert time.monotonic() - started < 5


def test_a_year_with_no_cases_gets_a_report_not_a_traceback(repo):
    write_case(repo)
    run = run_cli("report", "--root", repo, "--year", "2027-28", "--as-of", "2026-11-23")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ("received: 2025-06-02T10:15:00+01:00", "received: 1066-10-14T10:15:00+01:00"),
        ("  acknowledged: 2025-06-04", "  acknowledged: 2250-06-04"),
        (
            "  decision: not-upheld",
            "  decision: not-upheld\n  remedies: [{kind: financial, amount: 1e308}]",
        ),
    ],
)
def test_values_outside_what_a_case_can_hold_are_schema_errors(repo, right, wrong):
    write_case(repo, CASE.replace(right, wrong))
    run = check(repo)
    assert run.code == 1
    assert [f["rule"] for f in run.findings() if f["path"].startswith("cases/")] == ["schema"]


def test_a_case_file_with_an_upper_case_ending_is_not_skipped(repo):
    write_case(repo, name="CCC-2025-0001.YAML")
    run = check(repo)
    assert [(f["rule"], f["path"]) for f in run.findings("file-layout")] == [
        ("file-layout", "cases/2025-26/CCC-2025-0001.YAML")
    ]


def test_a_full_disk_is_a_message_not_a_traceback(repo, monkeypatch):
    import errno

    from checker import files

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(files, "_temporary", full)
    run = run_cli(
        "new", "--root", repo, "--route", "housing", "--service", "housing-repairs",
        "--received", "2025-06-02T10:15:00+01:00",
    )  # fmt: skip
    assert run.code == 2
    assert "No space left on device" in run.err and "Traceback" not in run.err


# A file name (or a typed argument) holding terminal control sequences: an ANSI colour, an
# operating-system command that retitles the terminal, a single-byte CSI in a name that is not
# UTF-8. Whatever a command prints, to stdout or stderr, in every format, holds them as escapes.
RAW_CONTROLS = ("\x1b", "\x9b", "\x07", "\u202e")


def _hostile_names(repo: Path) -> None:
    import os

    write_case(repo, name="CCC-2025-0001\x1b[31m.yaml")
    write_case(repo, "id: [\n", name="bad\x1b]0;pwned\x07.yaml")
    write_case(repo, CASE.replace("0001", "0003"), name="CCC-2025-0003\u202e.yaml")
    folder = os.fsencode(repo / "cases" / "2025-26")
    try:  # a name that is not UTF-8 (refused by file systems that keep names in Unicode)
        with open(os.path.join(folder, b"CCC-2025-0002\xff\x9b31m.yaml"), "w") as handle:
            handle.write(CASE.replace("0001", "0002"))
    except OSError:
        pass


@pytest.mark.parametrize(
    "argv",
    [
        *(
            ("check", "--format", format_)
            for format_ in ("text", "json", "sarif", "junit", "github")
        ),
        ("due",),
        ("score",),
        ("report",),
        ("pages", "--out", "{tmp}/site"),
        ("respond", "CCC-2025-0001\x1b[31m", "--decision", "upheld"),
        ("new", "--route", "housing", "--service", "x\x1b[2J", "--received", "2025-06-02"),
        ("check", "--root", "{tmp}/no\x1b[31mwhere"),
    ],
    ids=lambda argv: "-".join(a for a in argv if a.isidentifier())[:40],
)
def test_control_characters_never_reach_the_terminal_raw(
    repo: Path, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    import xml.etree.ElementTree as ET

    _hostile_names(repo)
    argv = tuple(a.replace("{tmp}", str(tmp_path)) for a in argv)
    if "--root" not in argv:
        argv += ("--root", str(repo))
    if argv[0] in ("check", "due", "score", "report", "pages"):
        argv += ("--as-of", "2026-11-23")
    run = run_cli(*argv)
    output = run.out + run.err
    assert "Traceback" not in run.err
    assert not [c for c in RAW_CONTROLS if c in output], repr(output[:2000])
    output.encode("utf-8")  # valid UTF-8: no lone surrogate of a name that is not UTF-8
    if "json" in argv:  # the same values, written as escapes
        paths = {f["path"] for f in run.json["findings"]}
        assert "cases/2025-26/CCC-2025-0001\x1b[31m.yaml" in paths
    if "sarif" in argv:
        assert run.json["runs"][0]["results"]
    if "junit" in argv:
        ET.fromstring(run.out)


def test_every_list_a_file_may_hold_has_a_maximum() -> None:
    """The validator checks only a too-long list's first items (checker/load/validate.py), and no
    list can run away: each array of each input schema has maxItems (report-data describes the
    tool's own output, not input)."""
    from checker.load.validate import _list_bounds
    from checker.schemas import KINDS, schema

    kinds = list(KINDS)
    assert kinds
    for kind in kinds:
        fewest, longest = _list_bounds(kind)
        assert longest is not None and longest <= 1000, kind
        assert fewest <= 8, kind  # never more than the items checked first
    assert _list_bounds("case")[1] == 100
    assert schema("case")["properties"]["explanations"]["maxItems"] == 100
