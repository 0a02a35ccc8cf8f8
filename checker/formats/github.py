"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

One `::error file=PATH,line=N,col=M,title=RULE-ID::MESSAGE` line per finding that is not
explained (`::warning` for warnings, `::notice` for notes), escaped as the runner expects, then
the summary line as plain text for the log. Explained breaches are on record, not annotated.
"""

from __future__ import annotations

from checker.formats.text import cited, ordered, printable, summary
from checker.model.findings import Finding, Severity
from checker.model.result import Result

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: Result, colour: bool = False) -> str:
    """One workflow command per unexplained finding, then the summary."""
    lines = [command(f) for f in ordered(result.findings) if not f.explained]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


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
