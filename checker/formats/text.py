"""The format for people: findings grouped by file, one line each, then a one-line summary.

Each line is `path:line:col: severity rule-id message [citations]`, so editors and `grep` can jump
to it and an officer sees which Code provisions and policy clauses it enforces; an
explained breach ends with ` (explained in the case file)` or ` (explained in policy/policy.yaml,
under explanations)`: where its reason is, never the reason (a case's is text about the complaint,
and no output, CI logs included, carries case text or anything typed into a reason). Files
come in path order with a blank line between them; within a file the findings keep line order,
whatever their severity. ANSI colour only when asked for (the CLI asks only on a terminal without
NO_COLOR).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from checker.model.findings import Finding, Severity
from checker.model.result import Result

RESET = "\033[0m"
BOLD = "\033[1m"
DIM = "\033[2m"
COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}

# What an explained finding says when the case file gives no reason in words.
# What an explained finding says instead of its reason: where the reason is written. No output
# quotes a reason: a case's is text about the complaint, and CI logs are kept and shared; the
# policy's is read where it is written, beside the breach it explains.
IN_THE_CASE = "in the case file"
IN_THE_POLICY = "in policy/policy.yaml, under explanations"


def explanation(finding: Finding) -> str:
    """Where an explained finding's reason is written (never the reason itself)."""
    in_a_case = finding.case_id is not None or finding.location.path.startswith("cases/")
    return IN_THE_CASE if in_a_case else IN_THE_POLICY


def render(result: Result, colour: bool = False) -> str:
    """Every finding, grouped by file, and the summary line."""
    groups = [
        "\n".join(line(f, colour) for f in findings)
        for _, findings in groupby(ordered(result.findings), _path)
    ]
    return "\n\n".join([*groups, summary(result)]) + "\n"


def cited(finding: Finding) -> str:
    """What a finding cites, as a line ends: ' [HO 6.3; policy 10.2.6, 12.1]' (nothing if none)."""
    parts = []
    if finding.provisions:
        parts.append(", ".join(finding.provisions))
    if finding.clauses:
        parts.append("policy " + ", ".join(finding.clauses))
    return f" [{'; '.join(parts)}]" if parts else ""


def line(finding: Finding, colour: bool = False) -> str:
    """One finding as `path:line:col: severity rule-id message [citations]`, coloured if asked."""
    loc = finding.location
    # an explained breach is on record, not to be acted on: "explained", never "error"
    kind = "explained" if finding.explained else str(finding.severity)
    suffix = f" (the reason is {explanation(finding)})" if finding.explained else ""
    message, where = printable(finding.message + cited(finding)), printable(str(loc))
    if not colour:
        return f"{where}: {kind} {finding.rule} {message}{suffix}"
    if finding.explained:  # dimmed as a whole
        return f"{DIM}{where}: {kind} {finding.rule} {message}{suffix}{RESET}"
    path = f"{BOLD}{printable(loc.path)}{RESET}:{loc.line}:{loc.column}"
    severity = f"{COLOURS[finding.severity]}{finding.severity}{RESET}"
    return f"{path}: {severity} {finding.rule} {message}"


def printable(text: str, breaks: bool = False) -> str:
    """Text with every control or invisible character written as an escape (\\x1b, \\u202e), so
    that a file name or a message can neither drive the terminal nor hide what it says; with
    `breaks`, line breaks are kept."""
    if text.isprintable():
        return text
    kept = "\r\n" if breaks else ""  # line breaks, where the format carries them itself
    return "".join(
        c if c.isprintable() or c in kept else c.encode("unicode_escape").decode() for c in text
    )


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Files in path order; within a file, line and column order (stable for ties)."""
    return sorted(findings, key=lambda f: (f.location.path, f.location.line, f.location.column))


def summary(result: Result) -> str:
    """One line: what was checked and what was found."""
    counts = result.by_severity()
    parts = [
        _plural(counts.get("error", 0), "error"),
        _plural(counts.get("warning", 0), "warning"),
        _plural(counts.get("info", 0), "note"),
    ]
    if result.explained:
        parts.append(_plural(result.explained, "explained breach", "explained breaches"))
    return (
        f"Checked {_plural(result.files, 'file')} ({_plural(result.cases, 'case')}) "
        f"as of {result.as_of.isoformat()}: {', '.join(parts)}."
    )


def _path(finding: Finding) -> str:
    return finding.location.path


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"
