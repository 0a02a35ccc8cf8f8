"""Output formats: each module renders a check `Result` to a string, chosen by name.

A format's module is imported when it is first used: most runs print one format, and some
formats' modules (SARIF's rule catalogue, JUnit's XML) take longer to import than a cached check
takes to run."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from checker.model.result import Result


def _format(module: str) -> Callable[..., str]:
    def render(result: Result, colour: bool = False) -> str:
        return importlib.import_module(f"checker.formats.{module}").render(result, colour=colour)

    return render


FORMATS = {
    "text": _format("text"),
    "json": _format("json_format"),
    "junit": _format("junit"),
    "sarif": _format("sarif"),
    "github": _format("github"),
}
