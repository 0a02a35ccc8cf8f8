"""SARIF 2.1.0, for code scanning (GitHub's upload-sarif, Azure DevOps, IDE viewers).

One run. The driver lists every rule of the registry, in registry order, not only the rules that
found something, so a viewer can show and explain any rule; each rule's help is its docstring.
A rule's tags are the Code provisions it enforces and, as "policy 10.2.2", the clauses of this
council's policy its findings cite (the engine resolves a rule's POLICY paths to clause numbers,
so a rule that found nothing has only its provisions). Paths are relative to %SRCROOT%, the
repository root. An explained breach is on record, not an alert: it is left out unless asked for
(`include_explained`), and then reported with an in-source suppression whose justification says
where its reason is written, never the reason (a case's is text about the complaint, and SARIF is
uploaded to other services); GitHub code scanning does not act on suppressions, so left in, each
would show as an open alert.

Each result has a fingerprint that stays the same while the finding does (its rule, file, case and
subject and YAML path, never its line, which an edit above it moves), so code scanning tracks an
alert across commits; and a region with an end, and the run an automation id and the driver a full
name, as GitHub Advanced Security for Azure DevOps requires.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from checker.formats.json_format import escaped
from checker.formats.text import explanation
from checker.model.findings import Finding, Severity
from checker.model.result import Result
from checker.rules import RULES

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/complaints-as-code/complaints-as-code"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"


def render(
    result: Result,
    colour: bool = False,
    rules: Mapping[str, ModuleType] | None = None,
    include_explained: bool = False,
) -> str:
    """The check as a SARIF log; `rules` defaults to the registry."""
    rules = RULES if rules is None else rules
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    clauses: dict[str, list[str]] = {}
    for finding in result.findings:
        seen = clauses.setdefault(finding.rule, [])
        seen.extend(clause for clause in finding.clauses if clause not in seen)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "complaints",
                        "fullName": f"complaints (complaints-as-code) {tool_version()}",
                        "informationUri": INFORMATION_URI,
                        "version": tool_version(),
                        "rules": [_rule(rule, clauses.get(rule.ID, ())) for rule in rules.values()],
                    }
                },
                "automationDetails": {"id": "complaints/check/"},
                "originalUriBaseIds": {SRCROOT: {"uri": _root_uri(result.root)}},
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(f, index)
                    for f in result.findings
                    if include_explained or not f.explained
                ],
                "properties": {"asOf": result.as_of.isoformat()},
            }
        ],
    }
    return escaped(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def tool_version() -> str:
    """The installed package's version, or "0" when run from a source tree that is not installed."""
    try:
        return metadata.version("complaints-as-code")
    except metadata.PackageNotFoundError:
        return "0"


def _rule(rule: ModuleType, clauses: Iterable[str]) -> dict:
    doc = inspect.cleandoc(rule.__doc__ or rule.TITLE)
    descriptor = {
        "id": rule.ID,
        "name": name(rule.ID),
        "shortDescription": {"text": rule.TITLE},
        "fullDescription": {"text": _section(doc, "What it checks") or rule.TITLE},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.SEVERITY]},
    }
    tags = _tags(rule.PROVISIONS, clauses)
    if tags:
        descriptor["properties"] = {"tags": tags}
    return descriptor


def name(rule_id: str) -> str:
    """A rule's SARIF name, in Pascal case and never its id in another case: "schema" is
    "SchemaCheck" (SARIF1001 asks that a rule's name differ from its id)."""
    words = rule_id.split("-")
    return "".join(word.capitalize() for word in words) + ("Check" if len(words) == 1 else "")


def fingerprint(finding: Finding) -> str:
    """What identifies a finding from one commit to the next: never its line or its wording."""
    parts = [finding.rule, finding.location.path, finding.case_id or "", finding.subject or ""]
    parts += [str(step) for step in finding.path]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _section(doc: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading, joined into one paragraph."""
    lines: list[str] | None = None
    for text in doc.splitlines():
        if text.startswith("## "):
            if lines is not None:
                break
            if text[3:].strip() == heading:
                lines = []
        elif lines is not None:
            lines.append(text.strip())
    return " ".join(text for text in lines or () if text)


def _result(finding: Finding, index: dict[str, int]) -> dict:
    loc = finding.location
    artifact = {"uri": quote(loc.path, errors="surrogateescape")}  # a name that is not UTF-8
    if Path(loc.path).is_absolute():  # outside the repository: no base to be relative to
        artifact = {"uri": Path(loc.path).as_uri()}
    else:
        artifact["uriBaseId"] = SRCROOT
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result |= {
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {
                        "startLine": max(loc.line, 1),
                        "startColumn": max(loc.column, 1),
                        "endLine": max(loc.line, 1),
                        "endColumn": max(loc.column, 1) + 1,
                    },
                }
            }
        ],
        "partialFingerprints": {"complaintsFinding/v1": fingerprint(finding)},
    }
    tags = _tags(finding.provisions, finding.clauses)
    if tags:
        result["properties"] = {"tags": tags}
    if finding.explained:
        result["suppressions"] = [{"kind": "inSource", "justification": _justification(finding)}]
    return result


def _tags(provisions: Iterable[str], clauses: Iterable[str]) -> list[str]:
    """What a rule or finding cites: Code provisions as written ("HO 6.2"), then policy clauses."""
    return list(dict.fromkeys([*provisions, *(f"policy {clause}" for clause in clauses)]))


def _root_uri(root: Path) -> str:
    return root.absolute().as_uri().rstrip("/") + "/"


def _justification(finding: Finding) -> str:
    """Where the reason for an explained breach is written (never the reason: see text.py)."""
    return f"explained {explanation(finding)}"
