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
ID_SHAPED = re.compile(r"[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*")  # a key outside a case may be quoted
RULE = "schema"  # the id of the findings of files that do not match their schema
MAX_FINDINGS = 50  # schema findings listed for one file; one more counts the rest
FIRST_ITEMS = 8  # each list's items checked first (see _errors)

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
    """Findings for every way `document` breaks its kind's schema (none when it is valid): the
    first MAX_FINDINGS, and one more that counts the rest."""
    validator = _validator(kind)
    if validator.is_valid(document.data):
        return []
    try:
        errors, whole = _errors(validator, document.data, kind)
    except (ValueError, RecursionError):  # jsonschema-rs follows data only so deep (found by
        # tests/test_properties.py)
        message = "the data is nested too deeply to check; flatten the structure"
        return [Finding(RULE, Severity.ERROR, message, Location(document.path))]
    findings = []
    for error in errors[:MAX_FINDINGS]:
        message, path, on_key = _describe(error, kind, document.data)
        line, column = locate(document, path, key=on_key)
        findings.append(
            Finding(RULE, Severity.ERROR, message, Location(document.path, line, column))
        )
    if len(errors) > MAX_FINDINGS:
        _, path, on_key = _describe(errors[MAX_FINDINGS], kind, document.data)
        line, column = locate(document, path, key=on_key)
        more = len(errors) - MAX_FINDINGS
        message = (
            f"and {'' if whole else 'at least '}{more:,} more schema "
            f"error{'s' if more > 1 else ''} in this file, the first of them here (only "
            f"{MAX_FINDINGS} are listed); correct those and check again"
        )
        findings.append(
            Finding(RULE, Severity.ERROR, message, Location(document.path, line, column))
        )
    if not findings:  # cannot happen while every list has a maximum; never pass a file silently
        message = f"the file does not match its schema; see `complaints schema {kind}`"
        findings.append(Finding(RULE, Severity.ERROR, message, Location(document.path)))
    return sorted(set(findings), key=Finding.sort_key)


def _errors(validator: Any, data: Any, kind: str) -> tuple[list[Any], bool]:
    """The validator's errors, and whether they are all of them.

    The validator gathers every error before it gives the first, at some tens of microseconds
    each, and a file within the size and node limits can hold tens of thousands. So each list is
    first cut to its first few items, then to twice as many each time, until more than
    MAX_FINDINGS errors are found or no list is cut; a list is never kept longer than the schema
    allows plus one item (it is then too long, and says so). The errors in a list's first items
    are errors of the whole file: an item's validity does not depend on the items after it, and
    no list is cut shorter than a schema's minItems."""
    fewest, longest = _list_bounds(kind)
    if longest is None:  # a list without a maximum: every error, whatever it costs
        return list(validator.iter_errors(data)), True
    keep = max(FIRST_ITEMS, fewest)
    while True:
        keep = min(keep, longest + 1)
        clipped, cut = _clipped(data, keep)
        errors = list(validator.iter_errors(clipped))
        if not cut or keep > longest or len(errors) > MAX_FINDINGS:
            return errors, not cut
        keep *= 2


@cache
def _list_bounds(kind: str) -> tuple[int, int | None]:
    """The largest minItems and maxItems of the kind's schema (no maxItems if a list has none)."""
    fewest, most, bounded = 0, 0, True
    pending: list[object] = [schema(kind)]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            if node.get("type") == "array":
                fewest = max(fewest, node.get("minItems", 0))
                if isinstance(node.get("maxItems"), int):
                    most = max(most, node["maxItems"])
                else:
                    bounded = False
            pending.extend(node.values())
    return fewest, most if bounded else None


def _clipped(data: Any, keep: int) -> tuple[Any, bool]:
    """The data with each list cut to its first `keep` items (the very objects where nothing is
    cut), and whether any was."""
    if type(data) is dict:
        pairs = [(key, *_clipped(value, keep)) for key, value in data.items()]
        if any(cut for _, _, cut in pairs):
            return {key: value for key, value, _ in pairs}, True
        return data, False
    if type(data) is list:
        items = [_clipped(value, keep) for value in data[:keep]]
        if len(data) > keep or any(cut for _, cut in items):
            return [value for value, _ in items], True
        return data, False
    return data, False


def _describe(error: Any, kind: str, data: Any = None) -> tuple[str, tuple, bool]:
    """A plain message with its fix, the instance path to point at, and whether to point at its
    key (`data` is the file's whole data, whose lists the validator may have seen cut short)."""
    path = tuple(error.instance_path)
    where = _dotted(path)
    kind_name = type(error.kind).__name__
    # What was typed is never quoted back, in any file: a resident's name or address typed in the
    # wrong place would reach CI logs. Only what has the shape of a date or time, or is one of
    # YAML 1.1's words for true and false, is; and a key the schemas know, or, outside a case, a
    # key shaped like an id (lower case, no spaces, starting with a letter).

    def show(value: object) -> str:
        return _show(value) if _harmless(value) else "the value written"

    def key_named(key: str, unnamed: str) -> str:
        shaped = kind != "case" and len(key) <= 40 and bool(ID_SHAPED.fullmatch(key))
        return f"key '{key}'" if key in known_keys() or shaped else unnamed

    if kind_name in ("AdditionalProperties", "UnevaluatedProperties"):
        unexpected = list(getattr(error.kind, "unexpected", ()))
        key = unexpected[0] if unexpected else "?"
        allowed = sorted(_allowed_keys(kind, error.schema_path))
        hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        named = key_named(key, "a key")
        named = "an unknown key" if named == "a key" else f"unknown {named}"
        return (
            f"{named}{_in(where)}; remove it or correct its spelling{hint}",
            path + (key,),
            True,
        )
    if kind_name == "PropertyNames":  # a key of a mapping whose keys are ids or a closed list
        inner = error.kind.error
        key = str(inner.instance)
        options = getattr(inner.kind, "options", None)
        wanted = (
            f"one of {', '.join(map(str, options))}"
            if options
            else f"in the expected form (pattern {getattr(inner.kind, 'pattern', '?')})"
        )
        return (
            f"{key_named(key, 'a key')}{_in(where)} is not {wanted}; correct it",
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
            f"{' ' + _show(error.instance) if _harmless(error.instance) else ''}; "
            f"write {expected} here",
            path,
            False,
        )
    if kind_name in _TOO_MANY:
        what, fix = _TOO_MANY[kind_name]
        count = len(_value_at(data, path) if data is not None else error.instance)
        return (
            f"{where or 'the file'}: {count:,} {what}, more than the {error.kind.limit:,} "
            f"allowed; {fix}",
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
    # the validator's own message quotes the value: never shown
    said = "the value written does not match the schema"
    return f"{where or 'the file'}: {said}; see `complaints schema {kind}`", path, False


_TOO_MANY = {  # (what was counted, the fix)
    "MaxItems": ("items", "shorten the list, or split the file if a list really needs more"),
    "MaxProperties": ("keys", "remove the keys that do not belong here"),
    "MaxLength": ("characters", "shorten the text"),
}


def _value_at(data: Any, path: tuple) -> Any:
    """The value at a path of the data (a path the validator gave, so every step exists)."""
    for step in path:
        data = data[step]
    return data


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
