"""Schema validation: each file kind's JSON Schema, compiled once; errors as located findings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

from checker.calendar.workdays import FIRST_YEAR, LAST_YEAR, parse_timestamp
from checker.load.yaml import locate
from checker.model.findings import Document, Finding, Location, Severity
from checker.schemas import known_keys, schema

# What a date or time written slightly wrong looks like: no name, address or phone has this shape.
DATE_LIKE = re.compile(
    r"[+-]?\d{1,6}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:[Zz]|[+-]\d{2}:?\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?"
)
YAML11_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})
RULE = "schema"  # the id of the findings of files that do not match their schema

_FORMAT_HINTS = {
    "date": f"a real date written YYYY-MM-DD, like 2025-06-02 ({FIRST_YEAR} to {LAST_YEAR})",
    "date-time": (
        f"a date and time with its offset, like 2025-06-02T17:42:00+01:00 "
        f"({FIRST_YEAR} to {LAST_YEAR})"
    ),
    "uri": "a full web address starting https://",
    "email": "an email address",
}


@cache
def _validator(kind: str) -> Any:
    import jsonschema_rs  # loaded only when a file is validated

    return jsonschema_rs.Draft202012Validator(
        schema(kind), validate_formats=True, formats=_formats()
    )


def _readable(name: str) -> Callable[[str], bool]:
    """RFC 3339's format check, and the checker able to read the value as written: RFC 3339 allows
    year 0000, a leap second and a lower-case t or z, which Python's dates do not (found by
    tests/test_properties.py)."""
    import jsonschema_rs

    rfc = jsonschema_rs.Draft202012Validator({"format": name}, validate_formats=True)

    @lru_cache(maxsize=65536)  # the same dates recur across thousands of cases
    def check(value: str) -> bool:
        try:
            return (
                rfc.is_valid(value)
                and bool(parse_timestamp(value))
                and FIRST_YEAR <= int(value[:4]) <= LAST_YEAR
            )
        except ValueError:
            return False

    return check


@cache
def _formats() -> dict[str, Callable[[str], bool]]:
    """The format checks, made when the first validator is (not when this module is imported)."""
    return {name: _readable(name) for name in ("date", "date-time")}


def validate(document: Document, kind: str) -> list[Finding]:
    """Findings for every way `document` breaks its kind's schema (none when it is valid)."""
    validator = _validator(kind)
    if validator.is_valid(document.data):
        return []
    try:
        errors = list(validator.iter_errors(document.data))
    except (
        ValueError
    ):  # jsonschema-rs follows data only so deep (found by tests/test_properties.py)
        message = "the data is nested too deeply to check; flatten the structure"
        return [Finding(RULE, Severity.ERROR, message, Location(document.path))]
    findings = []
    for error in errors:
        message, path, on_key = _describe(error, kind)
        line, column = locate(document, path, key=on_key)
        findings.append(
            Finding(RULE, Severity.ERROR, message, Location(document.path, line, column))
        )
    return sorted(set(findings), key=Finding.sort_key)


def _describe(error: Any, kind: str) -> tuple[str, tuple, bool]:
    """A plain message with its fix, the instance path to point at, and whether to point at its
    key."""
    path = tuple(error.instance_path)
    where = _dotted(path)
    kind_name = type(error.kind).__name__
    # A case file's text and keys are never quoted back: a resident's name or address typed in
    # the wrong place would reach CI logs. Only what has the shape of a date or time is.
    private = kind == "case"

    def show(value: object) -> str:
        if private and not _harmless(value):
            return "the value written"
        return _show(value)

    if kind_name in ("AdditionalProperties", "UnevaluatedProperties"):
        unexpected = list(getattr(error.kind, "unexpected", ()))
        key = unexpected[0] if unexpected else "?"
        allowed = sorted(_allowed_keys(kind, error.schema_path))
        hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        named = "an unknown key" if private and key not in known_keys() else f"unknown key '{key}'"
        return (
            f"{named}{_in(where)}; remove it or correct its spelling{hint}",
            path + (key,),
            True,
        )
    if kind_name == "Required":
        missing = error.kind.property
        return f"missing required key '{missing}'{_in(where)}; add it", path, bool(path)
    if kind_name == "Enum":
        options = list(error.kind.options) if hasattr(error.kind, "options") else []
        value = error.instance
        message = f"{where or 'value'}: {show(value)} is not one of {', '.join(map(str, options))}"
        if isinstance(value, str) and value.lower() in options:
            message += f"; write it in lower case: {value.lower()}"
        elif isinstance(value, bool) and str(value).lower() in ("true", "false"):
            message += "; write the word in quotes"
        else:
            message += "; use one of those values"
        return message, path, False
    if kind_name == "Format":
        hint = _FORMAT_HINTS.get(error.kind.format, f"a valid {error.kind.format}")
        return f"{where}: {show(error.instance)} is not {hint}", path, False
    if kind_name == "AnyOf" and isinstance(error.instance, str):  # only the date-or-time values
        return (
            f"{where}: {show(error.instance)} is not a date or a date and time; "
            f"write {_FORMAT_HINTS['date']} or {_FORMAT_HINTS['date-time']}",
            path,
            False,
        )
    if kind_name == "Type":
        expected = _type_name(getattr(error.kind, "types", None) or [])
        return (
            f"{where or 'the file'}: expected {expected}, found {_json_type(error.instance)}"
            f"{'' if private and not _harmless(error.instance) else ' ' + _show(error.instance)}; "
            f"write {expected} here",
            path,
            False,
        )
    if kind_name == "Pattern":
        return (
            f"{where}: {show(error.instance)} is not in the expected form "
            f"(pattern {error.kind.pattern}); see `complaints schema {kind}`",
            path,
            False,
        )
    said = "the value written does not match the schema" if private else error.message
    return f"{where or 'the file'}: {said}; see `complaints schema {kind}`", path, False


def _allowed_keys(kind: str, schema_path: Iterable[str | int]) -> set[str]:
    """The property names the schema allows at the object where an unknown key was found."""
    node = schema(kind)
    for step in list(schema_path)[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return set()
    keys = set(node.get("properties", {})) if isinstance(node, dict) else set()
    ref = node.get("$ref") if isinstance(node, dict) else None
    if ref and ref.startswith("#/$defs/"):
        keys |= set(schema(kind)["$defs"][ref.split("/")[-1]].get("properties", {}))
    keys.discard("$schema")
    return keys


def _dotted(path: tuple) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _in(where: str) -> str:
    return f" in {where}" if where else ""


def _harmless(value: object) -> bool:
    """A case value that may be quoted back: a date or time written slightly wrong, or one of
    YAML 1.1's words for true and false (a number may be a phone number; text may be a name)."""
    return isinstance(value, str) and bool(
        DATE_LIKE.fullmatch(value) or value.lower() in YAML11_BOOLEANS
    )


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return json.dumps(value)


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list"}
    if value is None:
        return "nothing (null)"
    return "a mapping" if isinstance(value, dict) else names.get(type(value), type(value).__name__)


def _type_name(types: str | list[str]) -> str:
    names = {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "object": "a mapping of keys",
        "array": "a list",
        "null": "nothing",
    }
    if not types:
        return "another type"
    return " or ".join(names.get(str(t), str(t)) for t in types)
