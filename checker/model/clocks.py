"""Every timescale a case is held to, from both floors: the council's policy and the Code that
governs the case's route.

The one place that reads `rules.timescales` and a Code's `timescales`. A timescale the policy
leaves out is "not stated": the case is then held to the Code's figure alone. A timescale the
policy calls advisory ("we aim to", "we recommend") is shown to residents and handlers but holds
no case to it; the Code's floor still does. Where both floors state a timescale, the case is held
to each: the earlier deadline is the one that binds, and each missed deadline cites its own source
(the policy's clauses, or the Code's provisions).
"""

from __future__ import annotations

from typing import NamedTuple

from checker.model.codes import cite

UNITS = ("working_days", "calendar_days", "months")
UNIT_WORDS = {"working_days": "working day", "calendar_days": "calendar day", "months": "month"}
STEPS = ("acknowledgement", "response")
# what each kind of timescale runs from where the policy does not say (and always, for the Codes),
# by the last word of its name
DEFAULT_START = {
    "acknowledgement": "receipt",
    "response": "acknowledgement",
    "extension": "the-deadline",
    "window": "previous-response",
    "complaint": "the-event-or-becoming-aware",
}
START_WORDS = {
    "receipt": "from receipt",
    "day-after-receipt": "from the day after receipt",
    "acknowledgement": "from the acknowledgement",
    "the-deadline": "added to the response deadline",
    "previous-response": "from the previous stage's response",
    "stage1-response": "from the stage 1 response",
    "the-event": "from the issue occurring",
    "becoming-aware": "from becoming aware of the issue",
    "the-event-or-becoming-aware": "from the issue occurring or becoming aware of it",
}
MOST_STAGES = 5
STAGE_NAMES = tuple(f"stage{n}" for n in range(1, MOST_STAGES + 1))


class Clock(NamedTuple):
    """One timescale under one floor."""

    name: str  # stage1_response, stage2_request_window, late_complaint, ...
    figure: int
    unit: str  # working_days | calendar_days | months
    start: str  # receipt | day-after-receipt | acknowledgement (or a time limit's start)
    advisory: bool
    council: bool  # the council's policy (True) or the Code (False)
    cites: tuple[str, ...]  # the policy's clause numbers, or the Code's provisions ("HO 6.3")

    def amount(self) -> str:
        """'10 working days', '1 month'."""
        return amount(self.figure, self.unit)


class Extension(NamedTuple):
    """How much longer a response may take under one floor."""

    figure: int | None  # None: the policy lets a response take longer without saying how much
    unit: str
    good_reason: bool  # longer still with a recorded good reason
    waits: bool  # open-ended while waiting for information from the complainant
    council: bool
    cites: tuple[str, ...]


def amount(figure: int, unit: str) -> str:
    word = UNIT_WORDS[unit]
    return f"{figure} {word}{'s' if figure != 1 else ''}"


def figure_of(spec: dict) -> tuple[int, str] | None:
    """A timescale's figure and unit, or None where it states none."""
    for unit in UNITS:
        if unit in spec:
            return spec[unit], unit
    return None


def policy_clock(name: str, spec: dict | None) -> Clock | None:
    """The policy's own timescale, as stated; None where the policy does not state it."""
    if not isinstance(spec, dict) or (found := figure_of(spec)) is None:
        return None
    start = spec.get("from", DEFAULT_START[name.rpartition("_")[2]])
    return Clock(
        name,
        *found,
        start,
        bool(spec.get("advisory")),
        True,
        tuple(spec.get("clauses", ())),
    )


def code_clock(name: str, code: dict | None) -> Clock | None:
    """A Code's timescale (the Codes state stage 1 and 2 and the time limit)."""
    if code is None:
        return None
    spec = code.get("timescales", {}).get(name)
    if spec is None or (found := figure_of(spec)) is None:
        return None
    start = DEFAULT_START[name.rpartition("_")[2]]
    return Clock(name, *found, start, False, False, cite(code["code"], spec["provisions"]))


class Clocks:
    """The timescales of one route: the policy's and its Code's, per stage and step."""

    def __init__(self, rules: dict, code: dict | None) -> None:
        self.rules = rules
        self.code = code
        self.stages: int = rules["stages"]
        stated = rules.get("timescales") or {}
        self.stated: dict = stated
        self._policy = {name: policy_clock(name, spec) for name, spec in stated.items()}
        self._steps: dict[tuple[int, str], tuple[Clock, ...]] = {}
        for number in range(1, MOST_STAGES + 1):
            for step in STEPS:
                name = f"stage{number}_{step}"
                both = (self._policy.get(name), code_clock(name, code))
                self._steps[number, step] = tuple(c for c in both if c is not None)
        # the time limit for complaining under each floor, the policy's first
        limits = (self._policy.get("late_complaint"), code_clock("late_complaint", code))
        self.time_limits: tuple[Clock, ...] = tuple(c for c in limits if c is not None)

    def step(self, number: int, step: str) -> tuple[Clock, ...]:
        """Each floor's clock for a step: the policy's first, then the Code's (advisory too)."""
        return self._steps.get((number, step), ())

    def policy(self, name: str) -> Clock | None:
        """The policy's own timescale, where it states one."""
        return self._policy.get(name)

    def extensions(self, number: int) -> tuple[Extension, ...]:
        """Each floor's limit on extending the stage's response."""
        name = f"stage{number}_extension"
        found = []
        spec = self.stated.get(name)
        if isinstance(spec, dict):
            figure = figure_of(spec)
            found.append(
                Extension(
                    figure[0] if figure else None,
                    figure[1] if figure else "working_days",
                    bool(spec.get("longer_with_good_reason")),
                    bool(spec.get("while_waiting_for_information")),
                    True,
                    tuple(spec.get("clauses", ())),
                )
            )
        code = self.code or {}
        code_spec = code.get("timescales", {}).get(name)
        if code_spec is not None:
            found.append(
                Extension(
                    code_spec["working_days"],
                    "working_days",
                    bool(code_spec.get("longer_with_good_reason")),
                    False,
                    False,
                    cite(code["code"], code_spec["provisions"]),
                )
            )
        return tuple(found)


_MEMO: dict[tuple[int, int], tuple[dict, dict | None, Clocks]] = {}


def of(rules: dict, code: dict | None) -> Clocks:
    """The clocks of a route, built once per policy and Code (a case reads them on every check).

    The memo keeps the policy and Code it was built from, so an id is never reused while cached.
    """
    key = (id(rules), id(code))
    kept = _MEMO.get(key)
    if kept is not None and kept[0] is rules and kept[1] is code:
        return kept[2]
    if len(_MEMO) > 64:
        _MEMO.clear()
    clocks = Clocks(rules, code)
    _MEMO[key] = (rules, code, clocks)
    return clocks
