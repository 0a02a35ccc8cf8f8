"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

One `::error file=PATH,line=N,col=M,title=RULE-ID::MESSAGE` line per finding that is not
explained (`::warning` for warnings, `::notice` for notes), escaped as the runner expects, then
the summary line as plain text for the log. Explained breaches are on record, not annotated.

GitHub shows at most ten annotations of each kind from a step and drops the rest without a word,
so only the first ten of each are written as annotations; the others are written to the log as
plain lines, and a last notice says how many were not annotated. Where the runner gives a job
summary file (`GITHUB_STEP_SUMMARY`), `job_summary` is the Markdown appended to it: the findings
counted by rule, then every one of them.
"""

from __future__ import annotations

from collections import Counter

from checker.formats.text import cited, line, ordered, printable, summary
from checker.model.findings import Finding, Severity
from checker.model.result import Result

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN = 10  # the annotations of each kind GitHub shows from one step
NOUNS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: Result, colour: bool = False) -> str:
    """Up to ten workflow commands of each kind, the rest as plain lines, then the summary."""
    lines: list[str] = []
    annotated, left = Counter[Severity](), Counter[Severity]()
    for finding in ordered(f for f in result.findings if not f.explained):
        kind = finding.severity
        if annotated[kind] < SHOWN:
            annotated[kind] += 1
            lines.append(command(finding))
        else:
            left[kind] += 1
            lines.append("  " + line(finding))  # indented: never read as a command
    if left:
        more = ", ".join(
            f"{left[s]} {NOUNS[s]}{'s' if left[s] != 1 else ''}" for s in COMMANDS if left[s]
        )
        lines.append(
            f"::notice title=complaints::{more} not shown as annotations (GitHub shows "
            f"{SHOWN} of each kind from a step): every finding is in this log and in the job "
            "summary"
        )
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def job_summary(result: Result) -> str:
    """The Markdown for the job summary: the findings counted by rule, then each of them."""
    findings = ordered(f for f in result.findings if not f.explained)
    out = ["## complaints check", "", _cell(summary(result)), ""]
    if findings:
        counts = Counter((f.rule, f.severity) for f in findings)
        out += ["| Rule | Severity | Findings |", "| --- | --- | ---: |"]
        out += [
            f"| `{rule}` | {NOUNS[severity]} | {n} |"
            for (rule, severity), n in sorted(counts.items(), key=lambda x: (-x[0][1], x[0][0]))
        ]
        out += ["", "| File | Line | Rule | Finding |", "| --- | ---: | --- | --- |"]
        out += [
            f"| {_cell(f.location.path)} | {f.location.line} | `{f.rule}` | "
            f"{_cell(f.message + cited(f))} |"
            for f in findings
        ]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    """Text in a Markdown table cell, as plain text: no markup, no line breaks, no HTML."""
    text = printable(text)
    for char in "\\`*_[]<>|#!~":
        text = text.replace(char, "\\" + char)
    return text


def command(finding: Finding) -> str:
    """The workflow command that annotates one finding."""
    loc = finding.location
    properties = {"file": loc.path, "line": loc.line, "col": loc.column, "title": finding.rule}
    joined = ",".join(
        f"{key}={escape_property(printable(str(value)))}" for key, value in properties.items()
    )
    message = escape_data(printable(finding.message + cited(finding), breaks=True))
    return f"::{COMMANDS[finding.severity]} {joined}::{message}"


def escape_data(text: str) -> str:
    """Escape a command's message, as the Actions runner's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value: as a message, and also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
