"""The format for machines: a stable, documented JSON object.

    {
      "version": 1,                      # bumped only on an incompatible change
      "as_of": "2026-11-23",
      "summary": {"files": 4, "cases": 0, "error": 0, "warning": 1, "info": 1, "explained": 0},
      "findings": [
        {"rule": "policy-clause-duplicate", "severity": "warning", "message": "...", "path": ...}
      ]
    }

One finding a line (each with rule, severity, message, path, line, column, provisions, clauses,
case_id, subject and explained), in the order the check found them (by file, line and rule).
"""

from __future__ import annotations

import json

from checker.model.findings import Finding
from checker.model.result import Result

VERSION = 1


def render(result: Result, colour: bool = False) -> str:
    """The document, with each finding on a line of its own: easy to read, grep and diff, and
    written by json's C encoder (an indented document goes through its pure-Python one, ten
    times slower at thousands of findings)."""
    counts = result.by_severity()
    summary = {
        "files": result.files,
        "cases": result.cases,
        "error": counts.get("error", 0),
        "warning": counts.get("warning", 0),
        "info": counts.get("info", 0),
        "explained": result.explained,
    }
    findings = ",\n".join(
        "    " + json.dumps(record(f), ensure_ascii=False) for f in result.findings
    )
    return escaped(
        f'{{\n  "version": {VERSION},\n  "as_of": {json.dumps(result.as_of.isoformat())},\n'
        f'  "summary": {json.dumps(summary)},\n'
        + (f'  "findings": [\n{findings}\n  ]\n}}\n' if findings else '  "findings": []\n}\n')
    )


def record(f: Finding) -> dict:
    """One finding as the document gives it (keys in this order)."""
    return {
        "rule": f.rule,
        "severity": str(f.severity),
        "message": f.message,
        "path": f.location.path,
        "line": f.location.line,
        "column": f.location.column,
        "provisions": list(f.provisions),
        "clauses": list(f.clauses),
        "case_id": f.case_id,
        "subject": f.subject,
        "explained": f.explained,
    }


def escaped(document: str) -> str:
    """A JSON document with every character json leaves as it is but a terminal or a strict reader
    must not get (C1 controls, invisible format characters such as a right-to-left override, and
    the lone surrogates of a file name that is not UTF-8) written as a \\u escape: the same
    values, in valid UTF-8. Outside its strings a JSON document holds only spaces and newlines."""
    if document.replace("\n", "").isprintable():
        return document
    return "".join(c if c.isprintable() or c == "\n" else _escape(c) for c in document)


def _escape(character: str) -> str:
    point = ord(character)
    if point > 0xFFFF:  # a surrogate pair, as JSON writes characters beyond the first plane
        point -= 0x10000
        return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
    return f"\\u{point:04x}"
