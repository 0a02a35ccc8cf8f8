"""The council's categories: the closed lists a case's service, type and channel come from.

`policy/council.yaml` declares them under `categories:` (its schema says how), each value with
the label the public reads:

    categories:
      services:
        housing-repairs: {label: Housing repairs, routes: [housing]}
      types:
        asb-handling: Anti-social behaviour handling
      channels:
        mp: Through an MP

Everything that counts, publishes or writes a category asks here: the rule that refuses an
undeclared value (`rules/category_unknown.py`), `complaints new`, the import, the demo data and
the public report's labels (`label`). The functions take the council's data as loaded and
validated, so they never guess: a value the council does not declare has no label.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

# A case's key -> the list under `categories:` that declares its values.
LISTS = {"service": "services", "type": "types", "channel": "channels"}
KEYS = tuple(LISTS)
# The shape every category id has (the case schema's slug): only such a value may be quoted back
# in a message; anything else might be text a person typed (a name, an address).
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def declared(council: Mapping, key: str) -> Mapping[str, object]:
    """The council's values for a case's `service`, `type` or `channel`, by id (empty when the
    council declares none)."""
    return (council.get("categories") or {}).get(LISTS[key]) or {}


def label(council: Mapping, key: str, value: str) -> str | None:
    """The public label of a case's `service`, `type` or `channel` value: 'asb-handling' ->
    'Anti-social behaviour handling'. None when the council does not declare the value: it is
    then never published under a name of its own (never a label made from the value)."""
    entry = declared(council, key).get(value)
    if isinstance(entry, str):
        return entry
    if isinstance(entry, Mapping) and isinstance(entry.get("label"), str):
        return str(entry["label"])
    return None


def labels(council: Mapping, key: str) -> dict[str, str]:
    """Every declared value of `key` with its public label, in the council's order."""
    return {
        value: found
        for value in declared(council, key)
        if (found := label(council, key, value)) is not None
    }


def routes(council: Mapping, service: str) -> tuple[str, ...]:
    """The routes a declared service's complaints may take; () when any route will do (or the
    service is not declared)."""
    entry = declared(council, "service").get(service)
    if isinstance(entry, Mapping):
        return tuple(entry.get("routes") or ())
    return ()


def suggestion(value: str, choices: Mapping[str, object] | list[str]) -> str | None:
    """The declared value nearest to `value` (a misspelling, a plural), if any is near."""
    found = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown(council: Mapping, key: str, value: object) -> str | None:
    """Why `value` cannot be a case's `key`, with the fix (None: the council declares it). The
    value is quoted only when it has a category's shape: anything else may be text a person typed.
    """
    choices = declared(council, key)
    if isinstance(value, str) and value in choices:
        return None
    where = f"policy/council.yaml categories.{LISTS[key]}"
    if not (isinstance(value, str) and SLUG.fullmatch(value)):
        return f"the {key} is not one of the council's {LISTS[key]} ({where}); use one of them"
    head = f"{key} '{value}' is not one of the council's {LISTS[key]} ({where})"
    near = suggestion(value, choices)
    if near:
        return f"{head}; did you mean '{near}'? If not, declare it there with its public label"
    return f"{head}; use one of them, or declare it there with its public label"


def off_route(council: Mapping, service: str, route: str) -> str | None:
    """Why a declared service cannot take `route`, with the fix (None: it may)."""
    allowed = routes(council, service)
    if not allowed or route in allowed:
        return None
    return (
        f"service '{service}' takes the {' or '.join(allowed)} route "
        f"(policy/council.yaml categories.services), not {route}; correct the route or the "
        "service, or add the route to the service's routes there"
    )
