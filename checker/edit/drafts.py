"""A case file's text checked before it is written: by the schema and every case rule.

The step commands and the import never write a file that would be invalid, hold personal data or
put its dates out of order; other findings (a late response, say) describe what really happened
and are written, then reported. One function serves both, so they refuse for the same reasons the
check reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from checker.engine.cases import check_case
from checker.engine.evaluate import Setting
from checker.load.validate import validate
from checker.load.yaml import LoadError, parse
from checker.model.findings import Document, Finding, Location, Severity
from checker.rules import case_dates_order, personal_data, schema, yaml_syntax

# What a command refuses to write: the data would be wrong, or private, not merely non-compliant.
BLOCKING = (yaml_syntax.ID, schema.ID, personal_data.ID, case_dates_order.ID)


def findings(text: str, shown: str, setting: Setting) -> list[Finding]:
    """Every finding a case file holding `text` at `shown` would have, as of the setting's date."""
    try:
        document = Document(shown, parse(text), text)
    except LoadError as error:
        return [
            Finding(
                yaml_syntax.ID,
                Severity.ERROR,
                str(error),
                Location(shown, error.line, error.column),
            )
        ]
    problems = validate(document, "case")
    if problems:
        return problems
    return check_case(setting.case(document))


def blocking(found: Sequence[Finding], before: Sequence[Finding] = ()) -> list[Finding]:
    """The findings that stop a write, leaving out any the file already had before the edit."""
    already = Counter((f.rule, f.path) for f in before)
    result = []
    for finding in found:
        if finding.rule not in BLOCKING:
            continue
        if already[(finding.rule, finding.path)]:
            already[(finding.rule, finding.path)] -= 1
            continue
        result.append(finding)
    return result
