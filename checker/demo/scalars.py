"""YAML scalars written by hand: the generator builds each case file by string formatting (no
`yaml.dump`), so 100,000 cases take seconds, and quotes only what a YAML reader could misread."""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 '.,()/-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
_quoted: dict[tuple[str, bool], str] = {}


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when no YAML reader could misread it, else double-quoted."""
    key = (text, flow)
    if key not in _quoted:
        plain = (
            _PLAIN.match(text) is not None
            and text.lower() not in _RESERVED
            and not text.endswith(" ")
            and not (flow and "," in text)  # a comma ends a plain scalar inside [...] or {...}
        )
        _quoted[key] = text if plain else json.dumps(text, ensure_ascii=False)
    return _quoted[key]


def flag(value: bool) -> str:
    """A YAML boolean."""
    return "true" if value else "false"
