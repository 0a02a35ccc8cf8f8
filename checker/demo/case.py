"""A whole case file: the story decided in order, then written in the key order of the case schema
(checker/schemas/case.schema.json). Every draw comes in a fixed order from the run's one
`random.Random`, so the same seed gives the same bytes."""

from __future__ import annotations

from datetime import date, timedelta

from checker.calendar.workdays import add_months
from checker.demo import sections
from checker.demo.scalars import flag, scalar
from checker.demo.story import Story
from checker.demo.year import STAFF_CONDUCT

BREACH_SHARE = 0.02  # of all cases: each deliberately breaks one rule and explains it


def text(story: Story) -> str:
    """The case file of one complaint, as YAML text."""
    if story.route == "statutory":
        return _statutory(story)
    rng, cal, words = story.rng, story.cal, story.words
    excluded = rng.random() < 0.05
    direct = not excluded and rng.random() < 0.01
    breach: str | None = None
    if not excluded and rng.random() < BREACH_SHARE / 0.95:  # 95% of cases are accepted
        breaches = words.breaches
        if direct:  # no stage 1, so no breach of a stage 1 rule
            breaches = breaches.only(lambda rule: not rule.startswith("stage1-"))
        breach = breaches.pick(rng)
    exclusion: tuple[str, date, date] | None = None
    issue: tuple[date, str | None] | None = None
    stage1: dict | None = None
    stage2: dict | None = None
    if excluded:
        reason = story.exclusion_reason()
        decided = cal.add(story.start, rng.randint(1, 4))
        exclusion = (reason, decided, cal.add(decided, rng.randint(0, 1)))
        if reason == "late":
            issue = (add_months(story.day, -12) - timedelta(rng.randint(15, 700)), None)
        first, last = decided, exclusion[2]
    else:
        if rng.random() < 0.02:  # older than the time limit, accepted with discretion
            occurred = add_months(story.day, -12) - timedelta(rng.randint(10, 400))
            issue = (occurred, rng.choice(words.discretion_reasons))
        elif rng.random() < 0.3:
            issue = (story.day - timedelta(rng.randint(0, 300)), None)
        if direct:
            story.record["direct_to_stage2"] = {"date": story.start.isoformat()}
            stage2 = story.stage2(breach, None)
        else:
            stage1 = story.stage1(None if breach == "stage2-response-late" else breach)
            if breach == "stage2-response-late" or rng.random() < 0.15:
                late = breach if breach == "stage2-response-late" else None
                stage2 = story.stage2(late, stage1["responded"])
        opened, closed = stage1 or stage2, stage2 or stage1
        assert opened is not None and closed is not None  # an accepted case has a stage
        first, last = opened["acknowledged"], closed["responded"]

    lines = sections.header(story)
    if issue:
        lines.append(sections.issue(story, *issue))
    lines.extend(sections.complainant(story, first, last))
    discrimination = rng.random() < 0.03
    lines.append(f"discrimination_claimed: {flag(discrimination)}")
    if discrimination:
        involved = min(cal.add(story.start, rng.randint(1, 3)), last)
        lines.append(f"equalities_officer_involved: {involved}")
    if story.type == STAFF_CONDUCT:
        lines.append("about_staff_behaviour: {investigator_senior: true}")
    lines.extend(sections.definition(story))
    if exclusion:
        reason, decided, explained = exclusion
        lines.append(
            f"exclusion: {{reason: {reason}, decided: {decided}, explained: {explained}, "
            "ombudsman_right_given: true}"
        )
    if direct:
        reason = scalar(rng.choice(words.direct_reasons), True)
        lines.append(
            f"direct_to_stage2: {{reason: {reason}, agreed_by: head-of-service, "
            f"date: {story.start}}}"
        )
    for number, stage in ((1, stage1), (2, stage2)):
        if stage:
            lines.extend(sections.stage(story, number, stage))
    if story.channel == "ombudsman-referral" and rng.random() < 0.5:
        # referred to the council by the ombudsman as premature (policy 7): it arrived that day
        lines.append(
            f"ombudsman: {{body: {story.body()}, referred: {story.day}, "
            f"decided: {story.day}, outcome: premature}}"
        )
    elif stage2 and rng.random() < 0.2:
        lines.extend(sections.ombudsman(story, stage2["responded"]))
    final = (stage2 or stage1 or {}).get("decision")
    if final in ("upheld", "partly-upheld") and rng.random() < 1 / 3:
        learned = rng.choice(story.service.learning + words.learning)
        text, theme = scalar(learned, True), words.learning_themes[learned]
        publishable = flag(rng.random() < 2 / 3)
        lines.append(f"learning: {{text: {text}, theme: {theme}, publishable: {publishable}}}")
    if breach:
        lines.extend(sections.explanation(story, breach, stage1, stage2))
    return "\n".join(lines) + "\n"


def _statutory(story: Story) -> str:
    """A statutory social care complaint: outside both Codes, so only its outline is kept."""
    stage1 = story.stage1(None, statutory=True)
    lines = sections.header(story)
    lines += [f"complainant:\n  ref: {story.ref}", "discrimination_claimed: false"]
    lines += sections.definition(story)
    lines += [
        "stage1:",
        f"  acknowledged: {stage1['acknowledged']}",
        f"  responded: {stage1['responded']}",
        f"  decision: {stage1['decision']}",
    ]
    return "\n".join(lines) + "\n"
