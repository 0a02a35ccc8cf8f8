"""The rule catalogue: every rule the checker knows, registered by explicit import.

Each rule is one module: a docstring that is its documentation (what it checks, why it matters,
an example, how to fix), constants for its id, title, severity, scope and the Code provisions
and policy clauses it enforces, and, unless the loader itself reports it, `check(ctx)` yielding
problems. `complaints rules` lists them; `complaints explain ID` prints one.
"""

from __future__ import annotations

from types import ModuleType

from checker.rules import (
    case_folder_year,
    code_provision_duplicate,
    code_reference_broken,
    code_unverified,
    file_layout,
    policy_clause_duplicate,
    policy_clause_order,
    policy_footnote_broken,
    policy_reference_broken,
    policy_rule_clause_missing,
    policy_template_unknown,
    schema,
    self_assessment_code_unknown,
    self_assessment_evidence_broken,
    self_assessment_provision_duplicate,
    self_assessment_provision_missing,
    self_assessment_provision_unknown,
    yaml_syntax,
)

_MODULES: tuple[ModuleType, ...] = (
    yaml_syntax,
    schema,
    file_layout,
    policy_clause_duplicate,
    policy_clause_order,
    policy_reference_broken,
    policy_footnote_broken,
    policy_template_unknown,
    policy_rule_clause_missing,
    code_provision_duplicate,
    code_reference_broken,
    code_unverified,
    self_assessment_code_unknown,
    self_assessment_provision_unknown,
    self_assessment_provision_duplicate,
    self_assessment_provision_missing,
    self_assessment_evidence_broken,
    case_folder_year,
)

RULES: dict[str, ModuleType] = {module.ID: module for module in _MODULES}
