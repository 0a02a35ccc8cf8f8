"""The "how to complain" page: what a complaint is, how to make one, the time limit, any step
before stage 1, each stage with its timescales, what a working day is, and where to go next.

Every sentence follows from what the council's policy states (`checker.model.clocks` reads it):
its start events, units and advisory figures, its pre-stages and number of stages, its time
limit, what happens if the council needs longer and whether reasons for escalating are asked for.
Where the policy is silent and a Code governs one of its routes, the page states the Code's floor
and says that it is the Code's; where neither says anything, the page says nothing.
"""

from __future__ import annotations

from typing import Any

from checker.calendar.workdays import WEEKDAYS
from checker.model.clocks import figure_of
from checker.model.codes import BODIES, counterpart, governing
from checker.model.policy import clauses, words
from checker.report.charts.words import join
from checker.report.plain import escaped, link
from checker.site.text import WEEK

ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
UNIT = {"working_days": "working day", "calendar_days": "calendar day", "months": "month"}


def how_to_complain(
    council: dict[str, Any], policy: dict[str, Any], codes: dict[str, dict[str, Any]]
) -> str:
    """The procedure page, from the council's calendar and contacts, its policy and the Codes
    that govern its routes."""
    floor = Floor(policy, codes)
    count = policy["rules"]["stages"]
    out = [
        "# How to complain\n",
        "What happens when you make a complaint, how long each step takes, and who to go to if "
        "you are not happy with our response.\n",
        *_what_a_complaint_is(policy, floor),
        *_how_to_make_one(council["contact"]),
        *_time_limit(floor),
        *_pre_stages(policy["rules"], floor),
        f"Our complaints process has {words(count)} stage{'s' if count != 1 else ''}.\n",
    ]
    for number in range(1, count + 1):
        out += _stage(number, policy["rules"], floor)
    out += [_working_day(council["calendar"]), *_if_not_satisfied(policy["rules"])]
    return "\n".join(out)


class Floor:
    """What the policy states, and where it is silent, what the governing Codes set."""

    def __init__(self, policy: dict[str, Any], codes: dict[str, dict[str, Any]]) -> None:
        self.stated: dict[str, Any] = policy["rules"].get("timescales") or {}
        self.codes = [codes[name] for name in sorted(governing(policy)) if name in codes]

    def policy(self, name: str) -> dict[str, Any] | None:
        spec = self.stated.get(name)
        return spec if isinstance(spec, dict) else None

    def code(self, name: str) -> dict[str, Any] | None:
        """The strictest governing Code's figure for a timescale (the Codes agree on every one)."""
        found = [c["timescales"][name] for c in self.codes if name in c.get("timescales", {})]
        return min(found, key=lambda spec: figure_of(spec) or (0, "")) if found else None

    def says(self, ho_number: str) -> bool:
        """Whether a governing Code has the provision (or its counterpart) HO `ho_number`."""
        return any(counterpart(code, ho_number) for code in self.codes)

    def whose(self, capital: bool = False) -> str:
        """How the page names the Codes: the one that governs, or both."""
        the = "The" if capital else "the"
        if len(self.codes) == 1:
            return f"{the} {BODIES[self.codes[0]['code']].name}'s Complaint Handling Code"
        return f"{the} Complaint Handling Code of both ombudsmen"


def amount(spec: dict[str, Any]) -> str:
    """'five working days', '28 calendar days', 'one month'."""
    found = figure_of(spec)
    if found is None:
        return ""
    figure, unit = found
    return f"{words(figure)} {UNIT[unit]}{'s' if figure != 1 else ''}"


def _what_a_complaint_is(policy: dict[str, Any], floor: Floor) -> list[str]:
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
    elif floor.codes and floor.codes[0].get("definition"):
        out.append(
            f"Our policy does not define a complaint. {floor.whose(capital=True)} defines it "
            f"as:\n\n> {escaped(floor.codes[0]['definition']['text'])}\n"
        )
    out.append(
        'You do not have to use the word "complaint". A request for a service (for example, '
        "reporting a missed bin once) is not a complaint, but if we fail to put it right, or you "
        "are unhappy with how we handled it, you can complain.\n"
    )
    return out


def _how_to_make_one(contact: dict[str, Any]) -> list[str]:
    out = ["## How to make a complaint\n"]
    out.append(f"- Online: {link(contact['online']['url'], contact['online']['label'])}")
    if contact.get("phone"):
        out.append(f"- By phone: {escaped(contact['phone'])}")
    if contact.get("email"):
        out.append(f"- By email: {escaped(contact['email'])}")
    if contact.get("post"):
        post = "<br>".join(escaped(line) for line in contact["post"])
        out.append(f"- By post:<br>{post}")
    if contact.get("in_person"):
        out.append(f"- In person: {escaped(contact['in_person'])}")
    if contact.get("notes"):
        out.append(f"\n{escaped(contact['notes'].strip())}")
    out.append(
        "\nSomeone else, such as a family member, an advocate or your councillor, can complain "
        "for you with your consent.\n"
    )
    return out


def _time_limit(floor: Floor) -> list[str]:
    spec = floor.policy("late_complaint")
    if spec is not None and figure_of(spec) is not None:
        since = {
            "the-event": "of the issue happening",
            "becoming-aware": "of you becoming aware of the issue",
        }.get(spec.get("from", ""), "of the issue happening, or of you becoming aware of it")
        text = f"Please complain within {amount(spec)} {since}."
        if spec.get("discretion") is True:
            text += (
                " We may still consider a later complaint if there is a good reason for the delay."
            )
        elif spec.get("discretion") is False:
            text += " We will not consider a later complaint."
        return ["## When to complain\n", text + "\n"]
    code = floor.code("late_complaint")
    if code is None:
        return []
    return [
        "## When to complain\n",
        f"Our policy does not set a time limit. {floor.whose(capital=True)} asks councils to "
        f"accept complaints made within {amount(code)} of the issue happening, or of you becoming "
        "aware of it, and to consider later ones where there is a good reason.\n",
    ]


def _pre_stages(rules: dict[str, Any], floor: Floor) -> list[str]:
    steps = rules.get("pre_stages") or []
    out = []
    for step in steps:
        name = escaped(step.get("name", "Before stage 1"))
        text = (
            f'Before stage 1, our policy has a step called "{name}".'
            if "name" in step
            else "Before stage 1, our policy has an earlier step "
            f"(clause {escaped(step['clauses'][0])} of our policy)."
        )
        response = step.get("response")
        if response and figure_of(response):
            aim = "We aim to" if response.get("advisory") else "We will"
            text += f" {aim} deal with it within {amount(response)}."
        out += [f"## {name}\n", text + "\n"]
    if steps and floor.codes:
        out.append(
            f"{floor.whose(capital=True)} does not allow a step before stage 1: its timescales "
            "for stage 1 run from the day we receive your complaint, and you can ask for stage 1 "
            "at any time.\n"
        )
    return out


def _stage(number: int, rules: dict[str, Any], floor: Floor) -> list[str]:
    out = [f"## Stage {number}\n"]
    received = "receiving it" if number == 1 else "receiving your request"
    if number > 1:
        out.append(_asking(number, rules, floor))
    ack = _sentence(
        floor,
        f"stage{number}_acknowledgement",
        lambda verb, spec: (
            f"{verb} acknowledge your {'complaint' if number == 1 else 'request'} within "
            f"{amount(spec)} of {_start(spec, received)}."
        ),
        "how soon we acknowledge it",
    )
    response = _sentence(
        floor,
        f"stage{number}_response",
        lambda verb, spec: (
            f"{verb} send you our {'full' if number < rules['stages'] else 'final'} response "
            f"within {amount(spec)} of {_start(spec, received, respond=True)}."
        ),
        "how soon we respond",
    )
    out += [line for line in (ack, response) if line]
    extension = _extension(number, floor)
    if extension:
        out.append(extension)
    return out


def _start(spec: dict[str, Any], received: str, respond: bool = False) -> str:
    start = spec.get("from", "acknowledgement" if respond else "receipt")
    if start == "acknowledgement":
        return "our acknowledgement"
    if start == "day-after-receipt":
        return f"{received} (the days begin the day after we receive it)"
    return received


def _sentence(floor: Floor, name: str, say: Any, subject: str) -> str:
    """A timescale as the policy states it; where it is silent, the Code's, named as such."""
    spec = floor.policy(name)
    if spec is not None and figure_of(spec) is not None:
        verb = "We aim to" if spec.get("advisory") else "We will"
        return say(verb, spec) + "\n"
    code = floor.code(name)
    if code is None:
        return ""
    text = say("we must", code)
    return (
        f"Our policy does not say {subject}: {floor.whose()} says {text[:-1]} "
        "(the Code's timescale).\n"
    )


def _asking(number: int, rules: dict[str, Any], floor: Floor) -> str:
    previous = number - 1
    text = (
        f"If you are not satisfied with our stage {previous} response, you can ask for your "
        f"complaint to be reviewed at stage {number}."
    )
    window = floor.policy(f"stage{number}_request_window")
    if window is not None and figure_of(window) is not None:
        since = 1 if window.get("from") == "stage1-response" else previous
        ask = "We recommend that you ask" if window.get("advisory") else "Please ask"
        text += f" {ask} within {amount(window)} of our stage {since} response."
    escalation = rules.get("escalation") or {}
    if escalation.get("reasons_required") is True:
        text += " Please tell us why you are still not satisfied: our policy asks for your reasons."
    elif escalation.get("reasons_required") is False:
        text += " You do not have to explain why."
    elif floor.says("6.12"):
        text += (
            f" You do not have to explain why: {floor.whose()} says so, and our policy does not "
            "say otherwise."
        )
    if escalation.get("when_response_late"):
        text += (
            f" If our stage {previous} response is late, you can ask for stage {number} without "
            "waiting for it."
        )
    for ground in escalation.get("refusal_grounds") or []:
        said = ground["text"].strip()
        stop = "" if said.endswith((".", "!", "?")) else "."
        text += (
            f' Our policy says we may decline to take a complaint further: "{escaped(said)}"{stop}'
        )

    if number == 2 and floor.says("6.13"):
        text += (
            f" {floor.whose(capital=True)} says that someone who was not involved at stage "
            f"{previous} must consider it."
        )
    return text + "\n"


def _extension(number: int, floor: Floor) -> str:
    spec = floor.policy(f"stage{number}_extension")
    code = floor.code(f"stage{number}_extension")
    if spec is not None:
        text = "If we need longer, we will tell you why and when to expect our response"
        if figure_of(spec) is not None:
            unless = " unless there is a good reason" if spec.get("longer_with_good_reason") else ""
            text += f"; an extension is no more than {amount(spec)}{unless}"
        text += "."
        if spec.get("while_waiting_for_information"):
            text += " If we are waiting for information from you, the time we wait does not count."
        if code is not None:
            text += " We will also tell you how to contact the ombudsman."
        return text + "\n"
    if code is None:
        return ""
    return (
        "Our policy does not say how much longer a response may take. "
        f"{floor.whose(capital=True)} allows an extension of no more than {amount(code)} unless "
        "there is a good reason, and says we must tell you why, when to expect our response and "
        "how to contact the ombudsman.\n"
    )


def _if_not_satisfied(rules: dict[str, Any]) -> list[str]:
    out = ["## If you are still not satisfied\n"]
    for spec in rules["routes"].values():
        bodies = " and ".join(
            f"the [{BODIES[b].name}]({BODIES[b].url})" for b in spec["escalates_to"]
        )
        out.append(f"- {escaped(spec['description'])}: {bodies}.")
    count = rules["stages"]
    process = {1: "our process", 2: "both stages of our process"}.get(
        count, f"all {words(count)} stages of our process"
    )
    out.append(
        "\nThe ombudsmen are independent of the council. They usually expect you to have completed "
        f"{process} first, but you can contact them if we do not meet our timescales.\n"
    )
    return out


def _working_day(calendar: dict[str, Any]) -> str:
    """What a working day is and when a complaint counts as received, from the council's calendar
    (the one place the checker's own working days come from)."""
    # the checker's own default when the council states none: Monday to Friday
    days = [day.capitalize() for day in calendar.get("working_days", WEEKDAYS[:5])]
    week = f"{days[0]} to {days[-1]}" if _consecutive(days) and len(days) > 2 else join(days)
    other = (
        "a weekend or bank holiday" if days == list(WEEK[:5]) else "a day that is not a working day"
    )
    closures = calendar.get("closures") or []
    text = f"A working day is {week}, excluding bank holidays"
    if closures:
        text += " and the days we close: " + join(
            [f"{escaped(c['reason'])} ({c['date']})" for c in closures]
        )
    text += "."
    hours = calendar.get("working_hours")
    if hours:
        text += (
            f" A complaint that reaches us after {_clock(hours['end'])}, or on {other}, counts "
            "from the next working day."
        )
    else:
        text += f" A complaint that reaches us on {other} counts from the next working day."
    return "## Working days\n\n" + text + "\n"


def _consecutive(days: list[str]) -> bool:
    indexes = [WEEK.index(day) for day in days]
    return indexes == list(range(indexes[0], indexes[0] + len(indexes)))


def _clock(text: str) -> str:
    """A time of day as a page says it: 17:00 is 5pm, 16:30 is 4:30pm."""
    hours, minutes = (int(part) for part in text.split(":")[:2])
    suffix = "am" if hours < 12 else "pm"
    shown = hours % 12 or 12
    return f"{shown}{suffix}" if minutes == 0 else f"{shown}:{minutes:02d}{suffix}"
