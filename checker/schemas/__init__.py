"""The kinds of data file and the JSON Schema of each, shipped in this folder: the one place that
says what a file may hold, and so the closed lists (routes, channels, Codes) the rest reads."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

KINDS = ("council", "policy", "code", "self-assessment", "case", "report", "import-mapping")


@cache
def schema(kind: str) -> dict:
    """The JSON Schema for one file kind."""
    if kind not in KINDS:
        raise KeyError(kind)
    text = resources.files("checker.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    found: dict = json.loads(text)
    return found


@cache
def known_keys() -> frozenset[str]:
    """Every key any schema names: a key that is one of these is the schema's word, not text a
    person typed, and so may be quoted back in a message."""
    found: set[str] = set()
    for node in objects([schema(kind) for kind in KINDS]):
        properties = node.get("properties")
        if isinstance(properties, dict):
            found.update(properties)
    return frozenset(found)


def objects(node: object) -> Iterator[dict]:
    """Every mapping in a schema (or any JSON data), at any depth."""
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


@cache
def closed_keys(kind: str) -> frozenset[str]:
    """The keys of a kind's files that can hold no free text: wherever the schema names the key,
    its value is one of a closed list (`enum`, `const`), a date or a date and time, a boolean or
    a number, or a list of these. A key the schema names anywhere with a looser value (any
    string, a pattern, an object) is not one of them; and none is, where the schema lets an object
    hold keys it does not name (where any key could hold any text)."""
    root = schema(kind)
    seen: dict[str, bool] = {}
    for node in objects(root):
        if "patternProperties" in node or any(
            node.get(extra, False) is not False
            for extra in ("additionalProperties", "unevaluatedProperties")
        ):
            return frozenset()
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, value in properties.items():
                seen[key] = seen.get(key, True) and _closed(value, root)
    return frozenset(key for key, closed in seen.items() if closed)


SCALARS = frozenset({"boolean", "number", "integer"})
DATES = frozenset({"date", "date-time"})


def _closed(node: object, root: dict, depth: int = 0) -> bool:
    """Whether every value `node` allows is closed (as `closed_keys` says)."""
    if not isinstance(node, dict) or depth > 20:
        return False
    reference = node.get("$ref")
    if isinstance(reference, str):
        name = reference.removeprefix("#/$defs/")
        target = root.get("$defs", {}).get(name) if name != reference else None
        return _closed(target, root, depth + 1)
    if "enum" in node or "const" in node:
        return True
    kind = node.get("type")
    if kind == "array":
        return _closed(node.get("items"), root, depth + 1)
    if kind == "string" and node.get("format") in DATES:
        return True
    if kind == "string" and isinstance(node.get("anyOf"), list):
        return all(isinstance(a, dict) and a.get("format") in DATES for a in node["anyOf"])
    return (
        isinstance(kind, str)
        and kind in SCALARS
        or (isinstance(kind, list) and bool(kind) and set(kind) <= SCALARS)
    )


def enum(kind: str, name: str) -> tuple[str, ...]:
    """The values a top-level property of a kind of file may take: `enum("case", "route")`."""
    return tuple(schema(kind)["properties"][name]["enum"])


def folder(root: Path) -> str:
    """Where a repository keeps the schemas its editors read, from its root: this tool's own
    repository in checker/schemas/, a council's repository (made by `complaints init`, with the
    tool installed as a package) in schemas/."""
    return "checker/schemas" if (root / "checker" / "schemas").is_dir() else "schemas"


def header(root: Path, kind: str = "case", depth: int = 2) -> str:
    """The first line of a YAML file the tool writes `depth` folders below the root: it points an
    editor's YAML language server at the file's schema."""
    return header_in(folder(root), kind, depth)


def header_in(where: str, kind: str = "case", depth: int = 2) -> str:
    """The schema line for a repository that keeps its schemas in the folder `where`."""
    return f"# yaml-language-server: $schema={'../' * depth}{where}/{kind}.schema.json"


# The line `header_in` writes, and its newline, as it starts a file: a path of lower-case words,
# in which nothing personal can be written (the personal-data rule skips it).
HEADER_LINE = re.compile(
    r"# yaml-language-server: \$schema=(?:\.\./)*[a-z/]+/[a-z-]+\.schema\.json\r?\n"
)
