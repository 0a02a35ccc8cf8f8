"""A case file's text checked before it is written: by the schema and every case rule.

The step commands and the import never write a file that would be invalid, hold personal data or
put its dates out of order; other findings (a late response, say) describe what really happened
and are written, then reported. One function serves both, so they refuse for the same reasons the
check reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from checker.cases import Case
from checker.engine import Context, check_case
from checker.loader import LoadError, parse
from checker.model import Document, Finding, Location, Severity
from checker.validate import validate
from checker.workdays import Calendar

# What a command refuses to write: the data would be wrong, or private, not merely non-compliant.
BLOCKING = ("yaml-syntax", "schema", "personal-data", "case-dates-order")


@dataclass(frozen=True)
class Setting:
    """What every case of a repository is evaluated with: the council, policy, Codes, calendar."""

    council: dict
    policy: dict
    codes: dict
    calendar: Calendar

    @classmethod
    def of(cls, ctx: Context) -> Setting | None:
        """The setting of a loaded repository, or None when its council or policy is invalid."""
        if ctx.council is None or ctx.policy is None or ctx.calendar is None:
            return None
        codes = {name: document.data for name, document in ctx.codes.items()}
        return cls(ctx.council.data, ctx.policy.data, codes, ctx.calendar)

    def case(self, document: Document, as_of: date) -> Case:
        return Case(document, self.council, self.policy, self.codes, self.calendar, as_of)


def findings(text: str, shown: str, setting: Setting, as_of: date) -> list[Finding]:
    """Every finding a case file holding `text` at `shown` would have, as of a date."""
    try:
        document = Document(shown, parse(text), text)
    except LoadError as error:
        return [Finding("yaml-syntax", Severity.ERROR, str(error), Location(shown, error.line, error.column))]
    problems = validate(document, "case")
    if problems:
        return problems
    return check_case(setting.case(document, as_of))


def blocking(found: list[Finding], before: list[Finding] = ()) -> list[Finding]:
    """The findings that stop a write, leaving out any the file already had before the edit."""
    already = Counter((f.rule, f.message) for f in before)
    result = []
    for finding in found:
        if finding.rule not in BLOCKING:
            continue
        if already[(finding.rule, finding.message)]:
            already[(finding.rule, finding.message)] -= 1
            continue
        result.append(finding)
    return result
