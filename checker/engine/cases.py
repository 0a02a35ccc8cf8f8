"""The case rules on one case, and every finding stamped: a rule's problem becomes a located
finding carrying the rule's id, severity, Code provisions and policy clauses; comply or explain
applied. `checker.engine.evaluate` calls `check_case` for every case file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import ModuleType

from checker.load.view import View
from checker.load.yaml import locate
from checker.model.case import ROUTES, Case
from checker.model.codes import SHORT, force
from checker.model.findings import Finding, Location, Problem, Severity
from checker.rules import CASE, RULES, explanation_unused

# Each route's case rules, each with the key a case needs for the rule to find anything (a rule's
# `NEEDS`, if it states one): most cases have no stage 2, exclusion or new issues, and so are not
# given to the rules about them (the same findings, tested): a typical case is given 30 of 43.
CASE_RULES_BY_ROUTE = {
    route: [(rule, getattr(rule, "NEEDS", None)) for rule in CASE if route in rule.ROUTES]
    for route in ROUTES
}


def explainable(rule_id: str) -> bool:
    """Whether a breach of this rule may be explained (an unknown id may not)."""
    return rule_id in RULES and RULES[rule_id].EXPLAINABLE


def check_case(case: Case, rules: frozenset[str] | None = None) -> list[Finding]:
    """One case's findings, with comply-or-explain applied; with `rules`, only those rules'."""
    data, found_by = case.data, case.found
    found: list[Finding] = []
    chosen = CASE_RULES_BY_ROUTE[case.route]
    if rules is not None:
        chosen = [(rule, needs) for rule, needs in chosen if rule.ID in rules]
    for rule, needs in chosen:
        if needs is not None and needs not in data:
            continue
        problems = found_by.get(rule)  # found already where `by_rule` ran: no call
        if problems is None:
            problems = case.problems(rule)
        if problems:
            governed_by = SHORT.get((case.code or {}).get("code", ""))
            found.extend(
                stamp(rule, problem, case.id, case.policy, governed_by, case.codes)
                for problem in problems
            )
    if "explanations" in data:
        found = _explained(case, found)
    return found if rules is None else [f for f in found if f.rule in rules]


def _explained(case: Case, found: list[Finding]) -> list[Finding]:
    """Comply or explain: each finding a case's `explanations` name is explained; an explanation
    that names no finding (or a rule that may not be explained) is a finding of its own."""
    explanations = {e["rule"]: (i, e) for i, e in enumerate(case.data["explanations"])}
    fired = {f.rule for f in found}
    for index, finding in enumerate(found):
        if finding.rule in explanations and explainable(finding.rule):
            reason = explanations[finding.rule][1]["reason"]
            found[index] = replace(finding, explained=True, explanation=reason)
    governed_by = SHORT.get((case.code or {}).get("code", ""))
    for rule_id, (index, _) in explanations.items():
        if rule_id not in fired or not explainable(rule_id):
            problem = explanation_unused.problem(case, rule_id, index, rule_id in fired)
            found.append(
                stamp(explanation_unused, problem, case.id, case.policy, governed_by, case.codes)
            )
    return found


def whole_cases(view: View) -> list[Case]:
    """Every valid case, whole, as of the view's date (none without a council and policy), for
    the commands that need whole cases (`due`, the step commands)."""
    if view.calendar is None or view.policy is None or view.council is None:
        return []
    codes = {name: document.data for name, document in view.codes.items()}
    council, policy = view.council.data, view.policy.data
    return [
        Case(document, council, policy, codes, view.calendar, view.as_of)
        for document in view.documents("case")
    ]


def stamp(
    rule: ModuleType,
    problem: Problem,
    case_id: str | None = None,
    policy: dict | None = None,
    governed_by: str | None = None,
    codes: Mapping[str, dict] | None = None,
) -> Finding:
    """A rule's problem as a located finding carrying the rule's metadata; a case's finding cites
    only the provisions of the Code that governs its route (`governed_by`: "HO", "LGSCO"). Its
    severity follows the force of what it cites (`severity`)."""
    line, column = problem.at or locate(problem.document, problem.path, key=problem.key)
    provisions = tuple(problem.provisions if problem.provisions is not None else rule.PROVISIONS)
    if governed_by:
        provisions = tuple(p for p in provisions if p.partition(" ")[0] == governed_by)
    clauses = problem.clauses if problem.clauses is not None else policy_clauses(rule, policy)
    # a case that misses a timescale the council's policy promises breaks the council's own
    # promise: the rule cites that clause itself (`Problem.clauses`)
    own = case_id is not None and bool(problem.clauses)
    return Finding(
        rule=rule.ID,
        severity=severity(rule, policy, () if own else provisions, codes),
        message=problem.message,
        location=Location(problem.document.path, line, column),
        provisions=provisions,
        clauses=clauses,
        case_id=case_id,
        subject=problem.subject,
        path=problem.path,
    )


def restamp(finding: Finding, policy: dict | None) -> Finding:
    """A finding the loader, the validator or the layout made (which come before the registry),
    stamped with its rule's severity, provisions and policy clauses as every other rule's is."""
    rule = RULES[finding.rule]
    return replace(
        finding,
        severity=severity(rule, policy),
        provisions=finding.provisions or tuple(rule.PROVISIONS),
        clauses=policy_clauses(rule, policy),
    )


def severity(
    rule: ModuleType,
    policy: dict | None,
    provisions: tuple[str, ...] = (),
    codes: Mapping[str, dict] | None = None,
) -> Severity:
    """A finding's severity: the policy's `rules.severity` for the rule where it sets one (higher
    or lower); else the rule's own, lowered to the force of the Code provisions it cites (a
    "should" warns, a "may" is a note, and an unverified provision is never an error)."""
    configured = ((policy or {}).get("rules", {}).get("severity") or {}).get(rule.ID)
    if configured:
        return Severity.parse(configured)
    default: Severity = rule.SEVERITY
    strength = force(provisions, codes) if provisions and codes else None
    return min(default, strength) if strength is not None else default


def policy_clauses(rule: ModuleType, policy: dict | None) -> tuple[str, ...]:
    """The clauses of this council's policy that state what `rule` enforces."""
    if policy is None:
        return ()
    cited: list[str] = []
    for dotted in rule.POLICY:
        node = policy.get("rules", {})
        for step in dotted.split("."):
            node = node.get(step) if isinstance(node, dict) else None
        for clause in (node or {}).get("clauses", []) if isinstance(node, dict) else []:
            if clause not in cited:
                cited.append(clause)
    return tuple(cited)
