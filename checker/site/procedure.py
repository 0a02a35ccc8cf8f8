"""The "how to complain" page: what a complaint is, how to make one, the stages with the policy's
timescales, what a working day is, and where to go next (seed 000's content, from the data)."""

from __future__ import annotations

from typing import Any

from checker.calendar.workdays import WEEKDAYS
from checker.model.codes import BODIES
from checker.model.policy import clauses, words
from checker.report.charts.words import join
from checker.report.plain import escaped, link
from checker.site.text import WEEK, timescale_figures


def how_to_complain(council: dict[str, Any], policy: dict[str, Any]) -> str:
    """The procedure page: channels, the two stages with their timescales, the ombudsmen."""
    out = [
        "# How to complain\n",
        "What happens when you make a complaint, how long each step takes, and who to go to if "
        "you are not happy with our response.\n",
        *_what_a_complaint_is(policy),
        *_how_to_make_one(council["contact"]),
        *_stages(policy),
        _working_day(council["calendar"]),
        *_if_not_satisfied(policy["rules"]),
    ]
    return "\n".join(out)


def _what_a_complaint_is(policy: dict[str, Any]) -> list[str]:
    definition = next(
        (
            c.data.get("quote")
            for c in clauses(policy)
            if c.data.get("quote") and "expression of dissatisfaction" in c.data["quote"]
        ),
        None,
    )
    out = ["## What a complaint is\n"]
    if definition:
        out.append(f"We define a complaint as:\n\n> {escaped(definition.strip(chr(39)))}\n")
    out.append(
        'You do not have to use the word "complaint". A request for a service (for example, '
        "reporting a missed bin once) is not a complaint, but if we fail to put it right, or you "
        "are unhappy with how we handled it, you can complain.\n"
    )
    return out


def _how_to_make_one(contact: dict[str, Any]) -> list[str]:
    out = ["## How to make a complaint\n"]
    post = "<br>".join(escaped(line) for line in contact["post"])
    out.append(f"- Online: {link(contact['online']['url'], contact['online']['label'])}")
    out.append(f"- By phone: {escaped(contact['phone'])}")
    if contact.get("email"):
        out.append(f"- By email: {escaped(contact['email'])}")
    out.append(f"- By post:<br>{post}")
    if contact.get("notes"):
        out.append(f"\n{escaped(contact['notes'].strip())}")
    out.append(
        "\nSomeone else, such as a family member, an advocate or your councillor, can complain "
        "for you with your consent.\n"
    )
    return out


def _stages(policy: dict[str, Any]) -> list[str]:
    """The two stages, with the policy's timescales."""
    rules = policy["rules"]
    t = timescale_figures(policy)
    out = []
    ack1, resp1, ext1 = t["stage1_acknowledgement"], t["stage1_response"], t["stage1_extension"]
    ack2, resp2, ext2 = t["stage2_acknowledgement"], t["stage2_response"], t["stage2_extension"]
    out.append("## Stage 1\n")
    out.append(
        f"We will acknowledge your complaint within {words(ack1)} working days, setting out our "
        "understanding of it and the outcome you are looking for. We will send you our full "
        f"response within {words(resp1)} working days of that acknowledgement.\n"
    )
    unless = (
        " unless there is a good reason"
        if rules["timescales"]["stage1_extension"]["longer_with_good_reason"]
        else ""
    )
    out.append(
        "If your complaint is complex and we need longer, we will tell you why and when to expect "
        f"our response; an extension is no more than {words(ext1)} working days{unless}, and we "
        "will tell you how to contact the ombudsman.\n"
    )
    window = t.get("stage2_request_window")
    out.append("## Stage 2\n")
    ask = (
        f"Please ask within {words(window)} month{'s' if window != 1 else ''} "
        "of our stage 1 reply. "
        if window
        else ""
    )
    out.append(
        "If you are not satisfied with our stage 1 response, you can ask for your complaint to be "
        f"reviewed at stage 2. {ask}You do not have to explain why. Someone who was not involved "
        "at stage 1 will consider it. We will acknowledge your request within "
        f"{words(ack2)} working days and send our final response within {words(resp2)} working "
        "days of that acknowledgement (with an extension, if needed, of no more than "
        f"{words(ext2)} working days).\n"
    )
    return out


def _if_not_satisfied(rules: dict[str, Any]) -> list[str]:
    out = ["## If you are still not satisfied\n"]
    for spec in rules["routes"].values():
        bodies = " and ".join(
            f"the [{BODIES[b].name}]({BODIES[b].url})" for b in spec["escalates_to"]
        )
        out.append(f"- {escaped(spec['description'])}: {bodies}.")
    out.append(
        "\nThe ombudsmen are independent of the council. They usually expect you to have completed "
        "both stages of our process first, but you can contact them if we do not meet our "
        "timescales.\n"
    )
    return out


def _working_day(calendar: dict[str, Any]) -> str:
    """What a working day is and when a complaint counts as received, from the council's calendar
    (the one place the checker's own working days come from)."""
    # the checker's own default when the council states none: Monday to Friday
    days = [day.capitalize() for day in calendar.get("working_days", WEEKDAYS[:5])]
    week = f"{days[0]} to {days[-1]}" if _consecutive(days) and len(days) > 2 else join(days)
    closing = _clock(calendar["working_hours"]["end"])
    other = (
        "a weekend or bank holiday" if days == list(WEEK[:5]) else "a day that is not a working day"
    )
    return (
        f"A working day is {week}, excluding bank holidays. A complaint that reaches us after "
        f"{closing}, or on {other}, counts from the next working day.\n"
    )


def _consecutive(days: list[str]) -> bool:
    indexes = [WEEK.index(day) for day in days]
    return indexes == list(range(indexes[0], indexes[0] + len(indexes)))


def _clock(text: str) -> str:
    """A time of day as a page says it: 17:00 is 5pm, 16:30 is 4:30pm."""
    hours, minutes = (int(part) for part in text.split(":")[:2])
    suffix = "am" if hours < 12 else "pm"
    shown = hours % 12 or 12
    return f"{shown}{suffix}" if minutes == 0 else f"{shown}:{minutes:02d}{suffix}"
