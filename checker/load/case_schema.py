"""What a case file may hold, read from its JSON Schema: the keys of each block, in their order.

The step commands and the import write case files; they take the names, the order and the kind
of every value from `schemas/case.schema.json`, so a field added there is written in its place
without a second list to keep in step.
"""

from __future__ import annotations

from functools import cache

from checker.schemas import schema


def node(path: tuple[str, ...]) -> dict | None:
    """The schema of the value at `path` (like ("stage1", "extension", "days")), or None."""
    current = _resolve(schema("case"))
    for step in path:
        found = _properties(current).get(step)
        if found is None:
            return None
        current = _resolve(found)
    return current


@cache
def order(path: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of the mapping at `path` in the order the schema lists them (the order to write)."""
    found = node(path)
    return tuple(key for key in _properties(found or {}) if key != "$schema")


def kind(path: tuple[str, ...]) -> str | None:
    """How the value at `path` is written: date, moment, slug, text, enum, integer, boolean,
    number, array or object (None for a path the schema does not know)."""
    found = node(path)
    if found is None:
        return None
    ref = _ref_name(_schema_at(path))
    if ref in ("date", "moment", "slug", "text"):
        return ref
    if "enum" in found:
        # true, false or a name (the Ombudsman an extension notice named): a cell is read as yes
        # or no, and a mapping's values: give the names
        return "boolean" if {True, False} <= set(found["enum"]) else "enum"
    if found.get("pattern"):
        return "slug" if found["pattern"] == schema("case")["$defs"]["slug"]["pattern"] else "text"
    return found.get("type")


def enum(path: tuple[str, ...]) -> tuple:
    """The allowed values at `path` (for a list, of its items); () when any value will do."""
    found = node(path) or {}
    if found.get("type") == "array":
        found = _resolve(found.get("items", {}))
    return tuple(found.get("enum", ()))


def _schema_at(path: tuple[str, ...]) -> dict:
    """The unresolved schema at `path` (its $ref still names the definition it uses)."""
    current = _resolve(schema("case"))
    raw: dict = current
    for step in path:
        raw = _properties(current).get(step, {})
        current = _resolve(raw)
    return raw


def _ref_name(raw: dict) -> str | None:
    ref = raw.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref.startswith("#/$defs/") else None


def _resolve(raw: dict) -> dict:
    """A schema with its $ref followed (one level, as the case schema uses them)."""
    name = _ref_name(raw)
    if name is None:
        return raw
    target = dict(schema("case")["$defs"][name])
    own = {k: v for k, v in raw.items() if k != "$ref"}
    if "properties" in own:  # stage2 adds `requested` to the shared stage: its own keys come first
        own["properties"] = {**own["properties"], **target.get("properties", {})}
    return {**target, **own}


def _properties(found: dict) -> dict:
    return found.get("properties", {}) if isinstance(found, dict) else {}
