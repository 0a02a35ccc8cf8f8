"""The engine: runs every registered rule over a loaded repository and stamps its findings.

Rules yield `Problem`s; the engine, not the rule, turns each into a `Finding` with the rule's id,
severity and citations, and the problem's file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from checker.cases import ROUTES, Case
from checker.loader import locate
from checker.model import Document, Finding, Location, Problem, Severity
from checker.repository import Repository
from checker.rules import RULES, explanation_unused
from checker.workdays import Calendar


@dataclass
class Context:
    """What a repository-level rule may look at."""

    repository: Repository
    as_of: date
    calendar: Calendar | None = None
    codes: dict[str, Document] = field(default_factory=dict)
    _cases: list[Case] | None = field(default=None, repr=False)
    _evaluation: object = field(default=None, repr=False)  # a checker.evaluate.Evaluation
    scores: dict = field(default_factory=dict, repr=False)  # filled by checker.scoring
    progress: bool = False  # show a progress bar on a terminal while evaluating the cases
    use_cache: bool = False  # reuse the outcomes of unchanged case files (checker.cache)
    rules: frozenset[str] | None = None  # only these rules' findings (None: every rule's); see `run`

    @property
    def council(self) -> Document | None:
        return self.repository.one("council")

    @property
    def policy(self) -> Document | None:
        return self.repository.one("policy")

    def documents(self, kind: str) -> list[Document]:
        if kind == "case":
            return self.repository.cases()
        return self.repository.documents.get(kind, [])


def context(repository: Repository, as_of: date) -> Context:
    """The context for one run: the council's calendar and the Codes by name."""
    council = repository.one("council")
    calendar = Calendar.from_council(council.data) if council else None
    codes = {doc.data["code"]: doc for doc in repository.documents.get("code", [])}
    return Context(repository, as_of, calendar, codes)


# Repository-level rules, and case rules that also read the other files once a run (`check_files`)
REPOSITORY_RULES = [
    r for r in RULES.values() if hasattr(r, "check_files") or (hasattr(r, "check") and r.SCOPE != "case")
]
CASE_RULES = [r for r in RULES.values() if hasattr(r, "check") and r.SCOPE == "case"]
_CASE_RULES_BY_ROUTE = {route: [r for r in CASE_RULES if route in r.ROUTES] for route in ROUTES}


def run(repository: Repository, as_of: date, ctx: Context | None = None) -> list[Finding]:
    """Every finding: the files' load and schema findings, each case's, then the repository's.

    With `ctx.rules`, only those rules run and only their findings are returned: what the site
    and the report need when they publish (whether the data is valid, not whether the council
    complied: they publish it as it stands, and `complaints check` is what fails on a finding).
    The metrics still run the rules they measure by, so the scores are the same either way."""
    ctx = ctx or context(repository, as_of)
    policy = ctx.policy.data if ctx.policy else None
    findings = list(repository.findings)
    for outcome in evaluation(ctx).outcomes:
        findings.extend(outcome.findings)
    repository_findings = []
    for rule in REPOSITORY_RULES:
        if ctx.rules is None or rule.ID in ctx.rules:
            check = getattr(rule, "check_files", rule.check)
            repository_findings.extend(stamp(rule, problem, policy=policy) for problem in check(ctx))
    findings.extend(explain_policy_level(ctx, repository_findings))
    if ctx.rules is not None:
        findings = [f for f in findings if f.rule in ctx.rules]
    return sorted(findings, key=Finding.sort_key)


def evaluation(ctx: Context, count: bool = False):
    """Every case file's outcome (`checker.evaluate`), evaluated once per context; with `count`,
    each year's report figures too (which the cache cannot supply, so every case is evaluated)."""
    from checker import cache, evaluate  # they evaluate cases with this module's rules

    if ctx._evaluation is None or (count and ctx._evaluation.figures is None):
        setting = None
        if ctx.calendar is not None and ctx.policy is not None:
            codes = {name: document.data for name, document in ctx.codes.items()}
            setting = evaluate.Setting(ctx.council.data, ctx.policy.data, codes, ctx.calendar, ctx.as_of, count,
                                       ctx.rules)
        files = ctx.repository.case_files
        if ctx.use_cache and not count and ctx.rules is None:  # the cache keeps whole outcomes only
            ctx._evaluation = cache.evaluate(ctx.repository, setting, ctx.progress)
        else:
            ctx._evaluation = evaluate.evaluate(setting, files, ctx.progress)
    return ctx._evaluation


def explain_policy_level(ctx: Context, found: list[Finding]) -> list[Finding]:
    """Comply or explain for the policy, Codes and self-assessments: `explanations:` in policy.yaml
    name a rule and the subject of one of its findings (a letter, a timescale, a provision)."""
    if ctx.policy is None:
        return list(found)
    explanations = {
        (e["rule"], e.get("subject")): (index, e) for index, e in enumerate(ctx.policy.data.get("explanations", []))
    }
    result, used = [], set()
    for finding in found:
        entry = explanations.get((finding.rule, finding.subject))
        if entry and RULES[finding.rule].EXPLAINABLE:
            used.add((finding.rule, finding.subject))
            finding = replace(finding, explained=True, explanation=entry[1]["reason"])
        result.append(finding)
    for key, (index, explanation) in explanations.items():
        if key not in used:
            fired = any(f.rule == key[0] and f.subject == key[1] for f in found)
            problem = explanation_unused.problem_in_policy(ctx.policy, explanation, index, fired)
            result.append(stamp(explanation_unused, problem, policy=ctx.policy.data))
    return result


def cases(ctx: Context) -> list[Case]:
    """Every valid case, whole, as of the context's date (none without a council and policy), for
    the commands that need whole cases (`due`, the step commands); built once per context."""
    if ctx._cases is None:
        if ctx.calendar is None or ctx.policy is None:
            ctx._cases = []
        else:
            codes = {name: document.data for name, document in ctx.codes.items()}
            ctx._cases = [
                Case(document, ctx.council.data, ctx.policy.data, codes, ctx.calendar, ctx.as_of)
                for document in ctx.documents("case")
            ]
    return ctx._cases


def check_case(case: Case, rules: frozenset[str] | None = None) -> list[Finding]:
    """One case's findings, with comply-or-explain applied; with `rules`, only those rules'."""
    found = [
        stamp(rule, problem, case.id, case.policy)
        for rule in _CASE_RULES_BY_ROUTE[case.route]
        if rules is None or rule.ID in rules
        for problem in case.problems(rule)
    ]
    explanations = {e["rule"]: (i, e) for i, e in enumerate(case.data.get("explanations", []))}
    fired = {f.rule for f in found}
    for index, finding in enumerate(found):
        if finding.rule in explanations and RULES[finding.rule].EXPLAINABLE:
            reason = explanations[finding.rule][1]["reason"]
            found[index] = replace(finding, explained=True, explanation=reason)
    for rule_id, (index, _) in explanations.items():
        if rule_id not in fired or not getattr(RULES.get(rule_id), "EXPLAINABLE", False):
            problem = explanation_unused.problem(case, rule_id, index, rule_id in fired)
            found.append(stamp(explanation_unused, problem, case.id, case.policy))
    return found if rules is None else [f for f in found if f.rule in rules]


def stamp(rule, problem: Problem, case_id: str | None = None, policy: dict | None = None) -> Finding:
    """A rule's problem as a located finding carrying the rule's metadata."""
    line, column = locate(problem.document, problem.path, key=problem.key)
    return Finding(
        rule=rule.ID,
        severity=severity(rule, policy),
        message=problem.message,
        location=Location(problem.document.path, line, column),
        provisions=tuple(problem.provisions if problem.provisions is not None else rule.PROVISIONS),
        clauses=policy_clauses(rule, policy),
        case_id=case_id,
        subject=problem.subject,
    )


def severity(rule, policy: dict | None) -> Severity:
    """The rule's severity, raised (never lowered) where the policy's `rules.severity` says so."""
    configured = ((policy or {}).get("rules", {}).get("severity") or {}).get(rule.ID)
    return max(rule.SEVERITY, Severity.parse(configured)) if configured else rule.SEVERITY


def policy_clauses(rule, policy: dict | None) -> tuple[str, ...]:
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
