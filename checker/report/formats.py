"""The annual report's output formats, by name (`complaints report --format`).

Each renderer's module is imported when it is first used, as the check's formats are
(`checker.formats`): the command line lists the names for every command it parses, and the report
and its charts take longer to import than the rest of an unchanged check's imports together."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.report.publish import Published


def _format(module: str, function: str) -> Callable[[Published], str]:
    def render(report: Published) -> str:
        renderer: Callable[[Published], str] = getattr(
            importlib.import_module(f"checker.report.{module}"), function
        )
        return renderer(report)

    return render


FORMATS = {
    "markdown": _format("render", "markdown_with_charts"),
    "json": _format("open_data", "json_format"),
    "csv": _format("open_data", "csv_format"),
}
