"""Output formats: each module renders a check `Result` to a string, chosen by name."""

from __future__ import annotations

from checker.formats import json_format, text

FORMATS = {"text": text.render, "json": json_format.render}
