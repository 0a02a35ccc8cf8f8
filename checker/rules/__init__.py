"""The rule catalogue: every rule the checker knows, registered by explicit import.

Each rule is one module: a docstring that is its documentation (what it checks, why it matters,
an example, how to fix) and constants for its id (`ID`), title, severity, whether a breach may be
explained, and the Code provisions and policy clauses it enforces. There are three kinds, each
listed below in the order its findings are made:

- built in: found where the files are loaded and validated, or by the engine (no `check`);
- case rules: `check(case: Case) -> Iterator[Problem]`, with the `ROUTES` they apply to, run once
  per case by `checker.engine.evaluate`;
- repository rules: `check(view: View) -> Iterator[Problem]`, run once per repository by
  `checker.engine.run` after the cases are evaluated and the self-assessments scored.

`complaints rules` lists them; `complaints explain ID` prints one.
"""

from __future__ import annotations

from types import ModuleType

from checker.rules import (
    actions_overdue,
    adjustments_not_reviewed,
    case_dates_order,
    case_folder_year,
    case_id_duplicate,
    case_id_filename,
    cases_in_public_repository,
    category_unknown,
    code_provision_duplicate,
    code_reference_broken,
    code_unverified,
    council_housing_stock_missing,
    definition_not_recorded,
    discrimination_without_equalities_officer,
    due_soon,
    exclusion_incomplete,
    exclusion_reason_unknown,
    explanation_unused,
    extension_agreed_late,
    extension_ombudsman_details_missing,
    extension_too_long,
    file_layout,
    late_complaint_not_considered,
    late_exclusion_in_time,
    later_stage_late,
    overdue,
    personal_data,
    personal_data_files,
    policy_clause_duplicate,
    policy_clause_order,
    policy_definition_missing,
    policy_escalation_reasons_required,
    policy_escalation_refusal,
    policy_exclusion_not_in_code,
    policy_extension_open_ended,
    policy_footnote_broken,
    policy_letter_incomplete,
    policy_reference_broken,
    policy_route_wrong_ombudsman,
    policy_rule_clause_missing,
    policy_rule_not_stated,
    policy_stages,
    policy_template_unknown,
    policy_time_limit_stricter_than_code,
    policy_timescale_longer_than_code,
    remedy_without_date,
    representative_without_consent,
    responsibility_not_stated,
    schema,
    self_assessment_action_missing,
    self_assessment_code_unknown,
    self_assessment_contradicted,
    self_assessment_contradicts_policy,
    self_assessment_evidence_broken,
    self_assessment_out_of_date,
    self_assessment_provision_duplicate,
    self_assessment_provision_missing,
    self_assessment_provision_unknown,
    staff_behaviour_not_senior,
    stage1_acknowledgement_late,
    stage1_response_incomplete,
    stage1_response_late,
    stage2_acknowledgement_late,
    stage2_request_late,
    stage2_response_incomplete,
    stage2_response_late,
    stage2_same_handler,
    stage2_without_stage1,
    stage_beyond_policy,
    yaml_syntax,
)

# Found by the loader, the validator and the engine.
BUILT_IN: tuple[ModuleType, ...] = (
    yaml_syntax,
    schema,
    file_layout,
    explanation_unused,
)

# Run on each case.
CASE: tuple[ModuleType, ...] = (
    case_folder_year,
    case_id_filename,
    category_unknown,
    case_dates_order,
    stage2_without_stage1,
    stage_beyond_policy,
    stage1_acknowledgement_late,
    stage1_response_late,
    stage2_acknowledgement_late,
    stage2_response_late,
    later_stage_late,
    extension_too_long,
    extension_agreed_late,
    extension_ombudsman_details_missing,
    overdue,
    due_soon,
    definition_not_recorded,
    responsibility_not_stated,
    stage1_response_incomplete,
    stage2_response_incomplete,
    stage2_same_handler,
    representative_without_consent,
    adjustments_not_reviewed,
    discrimination_without_equalities_officer,
    staff_behaviour_not_senior,
    exclusion_incomplete,
    exclusion_reason_unknown,
    late_complaint_not_considered,
    late_exclusion_in_time,
    actions_overdue,
    remedy_without_date,
    stage2_request_late,
    personal_data,
)

# Run once on the whole repository (personal_data_files shares personal_data's id).
REPOSITORY: tuple[ModuleType, ...] = (
    policy_clause_duplicate,
    policy_clause_order,
    policy_reference_broken,
    policy_footnote_broken,
    policy_template_unknown,
    policy_rule_clause_missing,
    code_provision_duplicate,
    code_reference_broken,
    code_unverified,
    council_housing_stock_missing,
    self_assessment_code_unknown,
    self_assessment_provision_unknown,
    self_assessment_provision_duplicate,
    self_assessment_provision_missing,
    self_assessment_evidence_broken,
    policy_rule_not_stated,
    policy_timescale_longer_than_code,
    policy_time_limit_stricter_than_code,
    policy_extension_open_ended,
    policy_stages,
    policy_escalation_reasons_required,
    policy_escalation_refusal,
    policy_definition_missing,
    policy_exclusion_not_in_code,
    policy_route_wrong_ombudsman,
    policy_letter_incomplete,
    self_assessment_action_missing,
    self_assessment_out_of_date,
    self_assessment_contradicted,
    self_assessment_contradicts_policy,
    case_id_duplicate,
    personal_data_files,
    cases_in_public_repository,
)

RULES: dict[str, ModuleType] = {
    module.ID: module
    for module in (*BUILT_IN, *CASE, *REPOSITORY)
    if module is not personal_data_files
}
