"""The parts of a case file, each written as YAML lines from a `Story` (and, for the complainant,
the ombudsman and the explanation, decided as they are written, drawing in the file's order)."""

from __future__ import annotations

from datetime import date, timedelta

from checker.demo.scalars import flag, scalar
from checker.demo.story import Story
from checker.model.codes import CODES

LEAD = "complaints-lead"
ACKNOWLEDGEMENT_INCLUDES = {
    1: "[definition, outcomes-sought, not-responsible-for, process]",
    2: "[definition, outcomes-sought, not-responsible-for]",
}
RESPONSE_INCLUDES = {
    1: "[stage, definition, decision, reasons, remedy, outstanding-actions, escalation]",
    2: "[stage, definition, decision, reasons, remedy, outstanding-actions, ombudsman]",
}
# The LGSCO's Code asks the response, not the acknowledgement, to say what is not the council's
# responsibility (LGSCO 6.7, 6.17; rule responsibility-not-stated).
RESPONSE_INCLUDES_UNDER_THE_LGSCO = {
    number: elements.replace("definition,", "definition, not-responsible-for,")
    for number, elements in RESPONSE_INCLUDES.items()
}
FAULT = ("fault", "service-failure", "maladministration", "severe-maladministration")  # with orders
ORDERED = {"service-failure": 150, "maladministration": 400, "severe-maladministration": 1000}


def header(story: Story) -> list[str]:
    """The schema line, then what the complaint is and when it arrived."""
    return [
        story.y.header,
        f"id: {story.id}",
        f"route: {story.route}",
        f"service: {story.service_name}",
        *([f"tenure: {t}"] if (t := tenure(story)) else []),
        f"type: {story.type}",
        f"channel: {story.channel}",
        f"received: {story.received}",
    ]


def tenure(story: Story) -> str | None:
    """A housing complainant's tenure, for the TSMs by tenure. It takes no random number, so that
    adding it left every other draw of the example year as it was: a leasehold service's
    complainant is a leaseholder, one in forty other housing complainants (by case number) a
    shared owner (LCHO), the rest tenants (LCRA)."""
    if story.route != "housing":
        return None
    if story.service_name == "leasehold-services":
        return "leaseholder"
    return "lcho" if int(story.id.rsplit("-", 1)[1]) % 40 == 0 else "lcra"


def definition(story: Story) -> list[str]:
    """The complaint as defined, the outcomes sought, and (sometimes) what is not the council's."""
    aspects = story.service.not_responsible_for
    if aspects and story.rng.random() < 0.1:
        elsewhere = f"[{scalar(story.rng.choice(aspects), True)}]"
    else:
        elsewhere = "[]"
    return [
        f"definition: {scalar(story.definition)}",
        f"outcomes_sought: {scalar(story.outcomes)}",
        f"not_responsible_for: {elsewhere}",
    ]


def issue(story: Story, occurred: date, discretion: str | None) -> str:
    """When the problem occurred, and the discretion that accepted it late, if any."""
    if discretion is None:
        return f"issue: {{occurred: {occurred}}}"
    return (
        f"issue:\n  occurred: {occurred}\n  discretion: {{reason: {scalar(discretion, True)}, "
        f"agreed_by: {LEAD}, date: {story.start}}}"
    )


def complainant(story: Story, first: date, last: date) -> list[str]:
    """The complainant block; adjustments agreed by the first step, reviewed while open."""
    rng, cal = story.rng, story.cal
    lines = ["complainant:", f"  ref: {story.ref}"]
    kind = None
    if story.channel in ("councillor", "mp") and rng.random() < 0.6:
        kind = story.channel
    elif rng.random() < 0.052:
        kind = story.words.representatives.pick(rng)
    if kind:
        consent = story.day + timedelta(rng.randint(0, 7))
        lines.append(
            f"  representative: {{kind: {kind}, consent: written, consent_date: {consent}, "
            f"personal_matter: {flag(rng.random() < 0.5)}}}"
        )
    if rng.random() < 0.04:
        lines.append("  disability_disclosed: true")
        if rng.random() < 0.85:
            lines.append("  adjustments:")
            for need in rng.sample(story.words.needs, rng.choice((1, 1, 1, 2))):
                agreed = min(cal.add(story.start, rng.randint(0, 2)), first)
                interval = timedelta(rng.randint(14, 90))
                review = agreed + interval
                reviewed: list[str] = []
                when = review
                while when <= last and len(reviewed) < 3:  # due on or before the close
                    when = story.y.between(when, min(when + timedelta(5), last))
                    reviewed.append(when.isoformat())
                    when += interval
                tail = f", reviewed: [{', '.join(reviewed)}]" if reviewed else ""
                lines.append(
                    f"    - {{need: {scalar(need, True)}, agreed: {agreed}, "
                    f"next_review: {review}{tail}}}"
                )
    return lines


def stage(story: Story, number: int, decided: dict) -> list[str]:
    """A stage's block, from what `Story.stage1` or `Story.stage2` decided."""
    lines = [f"stage{number}:"]
    if "requested" in decided:
        lines.append(f"  requested: {decided['requested']}")
    lines.append(f"  acknowledged: {decided['acknowledged']}")
    lines.append(f"  acknowledgement_includes: {ACKNOWLEDGEMENT_INCLUDES[number]}")
    lines.append(f"  handler: {decided['handler']}")
    if "extension" in decided:
        agreed, days, reason, given = decided["extension"]
        reason = scalar(reason, True)
        lines.append(
            f"  extension: {{agreed: {agreed}, days: {days}, reason: {reason}, "
            f"ombudsman_details_given: {notified(story) if given else flag(False)}}}"
        )
    if "update_intervals" in decided:
        agreed, every = decided["update_intervals"]
        lines.append(f"  update_intervals: {{agreed: {agreed}, every_working_days: {every}}}")
        if decided["updates"]:
            lines.append(f"  updates: [{', '.join(d.isoformat() for d in decided['updates'])}]")
    lines.append(f"  responded: {decided['responded']}")
    lines.append(f"  decision: {decided['decision']}")
    code = story.y.routes.get(story.route, {}).get("code")
    includes = RESPONSE_INCLUDES_UNDER_THE_LGSCO if code == "lgsco" else RESPONSE_INCLUDES
    lines.append(f"  response_includes: {includes[number]}")
    if number == 2 and story.route in story.y.routes:
        bodies = sorted(story.y.routes[story.route]["escalates_to"])
        lines.append(f"  signposted_to: [{', '.join(bodies)}]")
    for key in ("remedies", "actions"):
        items = decided[key]
        if len(items) == 1 and len(items[0]) < 60:
            lines.append(f"  {key}: [{items[0]}]")
        elif items:
            lines.append(f"  {key}:")
            lines.extend(f"    - {item}" for item in items)
    return lines


def notified(story: Story) -> str:
    """What an extension notice gave: the Ombudsman the route escalates to (HO 6.5, LGSCO 6.5:
    the relevant Ombudsman, never the ICO), or `true` on a route the policy lacks."""
    bodies = story.y.routes.get(story.route, {}).get("escalates_to", [])
    return next((body for body in bodies if body in CODES), flag(True))


def ombudsman(story: Story, responded: date) -> list[str]:
    """A referral after the final response, decided (and any recommendation done) in time."""
    rng, y = story.rng, story.y
    room = (y.limit - responded).days
    if room < 40:
        return []
    body = story.body()
    referred = responded + timedelta(rng.randint(7, min(120, room - 30)))
    decided = y.later(referred, 20, 150)
    outcome = story.words.ombudsman_outcomes[body].pick(rng)
    lines = [
        "ombudsman:",
        f"  body: {body}",
        f"  referred: {referred}",
        f"  decided: {decided}",
        f"  outcome: {outcome}",
    ]
    if outcome in ORDERED:  # a fixed sum by finding: the same example whatever else is drawn
        lines.append(f"  compensation_ordered: {ORDERED[outcome]}")
    if outcome in FAULT:
        lines.append("  recommendations:")
        for what in rng.sample(story.words.recommendations, rng.choice((1, 2))):
            due, done = y.done(decided, 10, 60)
            lines.append(f"    - {{what: {scalar(what, True)}, due: {due}, done: {done}}}")
    return lines


def explanation(story: Story, rule: str, stage1: dict | None, stage2: dict | None) -> list[str]:
    """The comply-or-explain record of the case's one deliberate breach, dated after it."""
    if rule == "extension-ombudsman-details-missing":
        # the extension notice, reviewed once the stage it extended was answered
        without = stage1 and not stage1.get("extension", (0, 0, 0, True))[3]
        breached_stage = stage1 if without else stage2
    else:
        breached_stage = stage2 if rule == "stage2-response-late" else stage1
    assert breached_stage is not None  # the stage the rule is about was decided
    step = "acknowledged" if rule == "stage1-acknowledgement-late" else "responded"
    breached = breached_stage[step]
    reason = scalar(story.rng.choice(story.words.breach_reasons[rule]), True)
    reviewed = story.y.later(breached, 1, 14)
    return [
        "explanations:",
        f"  - {{rule: {rule}, reason: {reason}, reviewed_by: {LEAD}, date: {reviewed}}}",
    ]
