"""The format for people: one line per finding, `path:line:col: severity rule-id message`."""

from __future__ import annotations


def render(result, colour: bool = False) -> str:
    lines = [
        f"{f.location}: {f.severity} {f.rule} {f.message}" + (" (explained)" if f.explained else "")
        for f in result.findings
    ]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result) -> str:
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


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"
