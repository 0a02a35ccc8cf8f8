"""complaints as code: the checker, the annual report and the public site of a council's
complaints process, from one git repository."""

from __future__ import annotations


class ExtraMissing(Exception):
    """A command needs a part of the tool that is installed only with an extra (the site, the
    charts, the Excel import): `pip install complaints-as-code` brings only what `check` needs."""

    def __init__(self, extra: str, module: str, what: str) -> None:
        super().__init__(
            f"{what} needs {module}, which is installed with the tool's [{extra}] extra: "
            f"pip install 'complaints-as-code[{extra}]'"
        )
