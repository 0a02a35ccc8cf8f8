"""What the policy-against-the-Codes rules share: a problem that says in a few words what the
policy does, for `self_assessment_contradicts_policy` to quote beside a "yes" answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model.findings import Problem


@dataclass(frozen=True)
class Breach(Problem):
    """A policy's breach of a Code: a problem, and what the policy does (the message before its
    advice)."""

    breach: str = field(kw_only=True)
