"""The "how to complain" page: what a complaint is, how to make one, the time limit, any step
before stage 1, each stage with its timescales, what a working day is, and where to go next.

Every sentence follows from what the council's policy states (`checker.model.clocks` reads it):
its start events, units and advisory figures, its pre-stages and number of stages, its time
limit, what happens if the council needs longer and whether reasons for escalating are asked for.
Where the policy is silent and a Code governs one of its routes, the page states the Code's floor
and says that it is the Code's; where neither says anything, the page says nothing.

The page is written in plain English, for a reading age of about 11 (a Flesch-Kincaid grade of at
most 6, which tests/test_readability.py measures for every example council): one idea a sentence,
numerals for every figure, "we" for the council and "you" for the reader, everyday words
("getting" rather than "receipt"), and the ombudsmen's Complaint Handling Code named in full once,
then "the Code".
"""

from __future__ import annotations

from typing import Any

from checker.calendar.workdays import WEEKDAYS
from checker.model.clocks import figure_of
from checker.model.codes import BODIES, counterpart, governing
from checker.model.policy import clauses
from checker.report.charts.words import join
from checker.report.plain import escaped, link
from checker.site.text import WEEK

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
        "This page tells you how to complain. It says what happens at each step and how long it "
        "takes. It also says who can help if you are still not happy.\n",
        *_the_code(floor),
        *_what_a_complaint_is(policy, floor),
        *_how_to_make_one(council["contact"]),
        *_time_limit(floor),
        *_pre_stages(policy["rules"], floor),
        f"Our complaints process has {count} stage{'s' if count != 1 else ''}.\n",
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
        """How the page names the governing Code once `_the_code` has named it in full."""
        return "The Code" if capital else "the Code"

    def bodies(self) -> str:
        """The ombudsmen whose Codes govern: "the Housing Ombudsman and the ..."."""
        return " and ".join(f"the {BODIES[c['code']].name}" for c in self.codes)


def amount(spec: dict[str, Any]) -> str:
    """'5 working days', '28 calendar days', '1 month': numerals, as plain English has them."""
    found = figure_of(spec)
    if found is None:
        return ""
    figure, unit = found
    return f"{figure} {UNIT[unit]}{'s' if figure != 1 else ''}"


def _the_code(floor: Floor) -> list[str]:
    """The governing Codes, named in full once: the page calls them "the Code" after."""
    if not floor.codes:
        return []
    whose = "its" if len(floor.codes) == 1 else "their"
    return [
        f"We follow rules for handling complaints set by {floor.bodies()}. These rules are "
        f'{whose} Complaint Handling Code. On this page we call it "the Code".\n'
    ]


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
        out.append(f"Our policy says a complaint is:\n\n> {escaped(definition.strip(chr(39)))}\n")
    elif floor.codes and floor.codes[0].get("definition"):
        out.append(
            f"Our policy does not say what a complaint is. {floor.whose(capital=True)} says it "
            f"is:\n\n> {escaped(floor.codes[0]['definition']['text'])}\n"
        )
    out.append(
        'You do not have to use the word "complaint". Asking us to do something is not a '
        "complaint. For example, you might tell us once that we missed your bin. That is a "
        "request. If we do not put it right, you can complain. You can also complain if you are "
        "not happy with how we dealt with it.\n"
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
        "\nSomeone else can complain for you if you agree. This could be a family member, a "
        "friend, an advocate or your councillor.\n"
    )
    return out


def _time_limit(floor: Floor) -> list[str]:
    spec = floor.policy("late_complaint")
    if spec is not None and figure_of(spec) is not None:
        since = {
            "the-event": "of the problem happening.",
            "becoming-aware": "of when you found out about the problem.",
        }.get(
            spec.get("from", ""),
            "of the problem happening. Or it can be within "
            f"{amount(spec)} of when you found out about it.",
        )
        text = f"Please complain within {amount(spec)} {since}"
        if spec.get("discretion") is True:
            text += (
                " We may still look at a later complaint if there is a good reason for the delay."
            )
        elif spec.get("discretion") is False:
            text += " We will not look at a later complaint."
        return ["## When to complain\n", text + "\n"]
    code = floor.code("late_complaint")
    if code is None:
        return []
    return [
        "## When to complain\n",
        f"Our policy does not set a time limit. {floor.whose(capital=True)} says councils should "
        f"accept a complaint made within {amount(code)} of the problem happening. Or it can be "
        f"within {amount(code)} of when you found out about it. The Code also says councils "
        "should look at a later complaint if there is a good reason.\n",
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
            f"{floor.whose(capital=True)} does not allow a step before stage 1. Under the Code, "
            "the time for stage 1 starts on the day we get your complaint. You can ask for stage "
            "1 at any time.\n"
        )
    return out


def _stage(number: int, rules: dict[str, Any], floor: Floor) -> list[str]:
    out = [f"## Stage {number}\n"]
    what = "complaint" if number == 1 else "request"
    if number > 1:
        out.append(_asking(number, rules, floor))
    ack = _sentence(
        floor,
        f"stage{number}_acknowledgement",
        lambda verb, spec: (
            f"{verb} let you know we have your {what} within {amount(spec)}" + _start(spec, what)
        ),
        f"how soon we let you know we have your {what}",
    )
    response = _sentence(
        floor,
        f"stage{number}_response",
        lambda verb, spec: (
            f"{verb} send you our {'full' if number < rules['stages'] else 'final'} response "
            f"within {amount(spec)}" + _start(spec, what, respond=True)
        ),
        "how soon we send our response",
    )
    out += [line for line in (ack, response) if line]
    extension = _extension(number, floor)
    if extension:
        out.append(extension)
    return out


def _start(spec: dict[str, Any], what: str, respond: bool = False) -> str:
    """The end of a timescale's sentence: when its time starts (one more sentence unless it is
    from the day the complaint or request reaches us)."""
    start = spec.get("from", "acknowledgement" if respond else "receipt")
    if start == "acknowledgement":
        return f". This time starts when we let you know we have your {what}."
    if start == "day-after-receipt":
        return f". This time starts on the day after we get your {what}."
    return " of getting it." if not respond else f" of getting your {what}."


def _sentence(floor: Floor, name: str, say: Any, subject: str) -> str:
    """A timescale as the policy states it; where it is silent, the Code's, named as such."""
    spec = floor.policy(name)
    if spec is not None and figure_of(spec) is not None:
        verb = "We aim to" if spec.get("advisory") else "We will"
        return say(verb, spec) + "\n"
    code = floor.code(name)
    if code is None:
        return ""
    said = say("we must", code)
    return f"Our policy does not say {subject}. {floor.whose(capital=True)} says {said}\n"


def _asking(number: int, rules: dict[str, Any], floor: Floor) -> str:
    previous = number - 1
    text = (
        f"If you are not happy with our stage {previous} response, you can ask for stage "
        f"{number}. At stage {number} we look at your complaint again."
    )
    window = floor.policy(f"stage{number}_request_window")
    if window is not None and figure_of(window) is not None:
        since = 1 if window.get("from") == "stage1-response" else previous
        ask = "We suggest that you ask" if window.get("advisory") else "Please ask"
        text += f" {ask} within {amount(window)} of our stage {since} response."
    escalation = rules.get("escalation") or {}
    if escalation.get("reasons_required") is True:
        text += " Please tell us why you are still not happy. Our policy asks for your reasons."
    elif escalation.get("reasons_required") is False:
        text += " You do not have to say why."
    elif floor.says("6.12"):
        text += (
            f" You do not have to say why. {floor.whose(capital=True)} says so, and our policy "
            "does not say otherwise."
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
            " Our policy gives a reason we may not take a complaint to the next stage: "
            f'"{escaped(said)}"{stop}'
        )

    if number == 2 and floor.says("6.13"):
        text += (
            f" {floor.whose(capital=True)} says stage {number} must be done by someone who was "
            f"not involved at stage {previous}."
        )
    return text + "\n"


def _extension(number: int, floor: Floor) -> str:
    spec = floor.policy(f"stage{number}_extension")
    code = floor.code(f"stage{number}_extension")
    if spec is not None:
        text = (
            "If we need more time, we will tell you why. We will also tell you when to expect "
            "our response."
        )
        if figure_of(spec) is not None:
            unless = (
                ", unless there is a good reason" if spec.get("longer_with_good_reason") else ""
            )
            text += f" The extra time will be no more than {amount(spec)}{unless}."
        if spec.get("while_waiting_for_information"):
            text += " If we are waiting for information from you, that time does not count."
        if code is not None:
            text += " We will also tell you how to contact the ombudsman."
        return text + "\n"
    if code is None:
        return ""
    return (
        "Our policy does not say how much more time we may take. "
        f"{floor.whose(capital=True)} allows no more than {amount(code)} of extra time, unless "
        "there is a good reason. It says we must tell you why we need more time. We must also "
        "tell you when to expect our response, and how to contact the ombudsman.\n"
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
        count, f"all {count} stages of our process"
    )
    out.append(
        "\nThe ombudsmen are independent. They do not work for the council. They usually expect "
        f"you to finish {process} first. But you can contact them if we do not keep to our "
        "timescales.\n"
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
    text = f"A working day is {week}, but not a bank holiday."
    if closures:
        text += " We are also closed on these days: " + join(
            [f"{escaped(c['reason'])} ({c['date']})" for c in closures]
        )
        text += "."
    hours = calendar.get("working_hours")
    if hours:
        text += (
            f" If your complaint reaches us after {_clock(hours['end'])}, we count it from the "
            f"next working day. The same is true if it reaches us on {other}."
        )
    else:
        text += f" If your complaint reaches us on {other}, we count it from the next working day."
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
