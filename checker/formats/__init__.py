"""Output formats: each module renders a check `Result` to a string, chosen by name."""

from __future__ import annotations

from checker.formats import github, json_format, junit, sarif, text

FORMATS = {
    "text": text.render,
    "json": json_format.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
}
