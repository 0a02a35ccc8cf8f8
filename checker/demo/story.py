"""One complaint's story, decided step by step on the clocks of `checker.model.deadlines`: what
it is about, then each stage's acknowledgement, extension, response, decision and remedies, within
every timescale unless the case is one of the few deliberate breaches. case.py writes it out."""

from __future__ import annotations

from datetime import date, time, timedelta

from checker.demo.scalars import scalar
from checker.demo.vocabulary import Weighted
from checker.demo.year import STAFF_CONDUCT, Year
from checker.model import deadlines

FAR = date(9999, 12, 31)  # "as of" for the generator's own clock look-ups: everything has happened
# Working days from the day a stage starts to its acknowledgement (at most the 5 allowed), and
# from the acknowledgement to the response (capped at the deadline); the share of stages extended.
ACKNOWLEDGED = Weighted.of([(0, 8), (1, 30), (2, 30), (3, 20), (4, 8), (5, 4)])
ACKNOWLEDGED_2 = Weighted.of([(0, 10), (1, 30), (2, 28), (3, 18), (4, 9), (5, 5)])
RESPONDED = {
    1: Weighted.of(zip(range(1, 11), (2, 4, 10, 12, 14, 14, 13, 12, 10, 9))),
    2: Weighted.of(zip(range(5, 21), (1, 1, 2, 3, 4, 5, 7, 8, 9, 10, 10, 10, 9, 8, 7, 6))),
}
EXTENDED = {1: 0.08, 2: 0.10}


class Story:
    """One complaint: who it came from and what about, and the stages decided in order."""

    def __init__(
        self, y: Year, case_id: str, ref: str, day: date, clock: time, channel: str
    ) -> None:
        self.y, self.rng, self.cal, self.words = y, y.rng, y.calendar, y.words
        self.id, self.ref, self.channel, self.day = case_id, ref, channel, day
        self.received = y.stamp(day, clock)
        self.record: dict = {"received": self.received}  # the dates deadlines reads
        self.start = deadlines.received(self.record, self.cal)
        self.route = y.route_weights.pick(self.rng)
        self.service_name = self.rng.choice(y.services[self.route])
        self.service = self.words.services[self.service_name]
        staff = self.route != "statutory" and self.rng.random() < 0.05 and y.staff_conduct
        self.type = STAFF_CONDUCT if staff else self.rng.choice(y.types[self.service_name])
        definitions, outcomes = y.texts[(self.service_name, self.type)]
        self.definition, self.outcomes = self.rng.choice(definitions), self.rng.choice(outcomes)

    def clock(self, number: int) -> deadlines.Stage:
        """The clocks of a stage already in the record."""
        stage = deadlines.stage(self.record, number, self.y.clocks[self.route], self.cal, FAR)
        assert stage is not None  # the stage is recorded, so it has started by FAR
        return stage

    def due(self, step: deadlines.Step, days: int = 10) -> date:
        """A step's deadline; where no floor sets one, `days` working days from the start."""
        return step.due or self.cal.add(self.start, days)

    def stage1(self, breach: str | None, statutory: bool = False) -> dict:
        """Stage 1: acknowledged within its deadline (unless that is the breach), then answered."""
        record: dict = {}
        self.record["stage1"] = record
        due = self.due(self.clock(1).acknowledgement, 5)
        if breach == "stage1-acknowledgement-late":
            ack = self.cal.add(due, self.rng.randint(1, 2))
        else:
            days = self.rng.randint(0, 3) if statutory else ACKNOWLEDGED.pick(self.rng)
            ack = min(self.cal.add(self.start, days), due)
        record["acknowledged"] = ack.isoformat()
        stage = {"acknowledged": ack, "handler": self.service.handler}
        if statutory:
            responded = self.cal.add(ack, self.rng.randint(3, 10))
            return stage | {
                "responded": min(responded, self.due(self.clock(1).response)),
                "decision": self.words.decisions[1].pick(self.rng),
            }
        return self._respond(1, record, stage, breach, ack)

    def stage2(self, breach: str | None, after: date | None) -> dict:
        """Stage 2: requested 1..40 days after the stage 1 response, or direct when `after` is
        None."""
        rng = self.rng
        record: dict = {}
        stage: dict = {"handler": self.service.reviewer}
        if after is not None:
            day = after + timedelta(rng.randint(1, 40))
            hour = (
                rng.choice((7, 8, 17, 18, 19, 20, 21))
                if rng.random() < 0.2
                else rng.randrange(9, 17)
            )
            record["requested"] = stage["requested"] = self.y.stamp(
                day, time(hour, rng.randrange(60))
            )
        self.record["stage2"] = record
        ack = self.cal.add(self.clock(2).started, ACKNOWLEDGED_2.pick(rng))
        record["acknowledged"] = ack.isoformat()
        stage["acknowledged"] = ack
        return self._respond(2, record, stage, breach, ack)

    def _respond(
        self, number: int, record: dict, stage: dict, breach: str | None, ack: date
    ) -> dict:
        """A stage's extension, response date and content, within its deadline unless breached."""
        rng, cal = self.rng, self.cal
        clock = self.clock(number)
        unextended = clock.response_due_unextended or self.due(clock.response)
        limits = [e.figure for e in self.y.clocks[self.route].extensions(number) if e.figure]
        most = min([*limits, 10 * number])
        without_details = breach == "extension-ombudsman-details-missing"
        if without_details or rng.random() < EXTENDED[number]:
            # agreed after the acknowledgement, by the deadline
            window = cal.elapsed(ack, unextended)
            agreed = cal.add(ack, rng.randint(max(1, window - 4), window))
            days = rng.randint(1, most)
            record["extension"] = {"agreed": agreed.isoformat(), "days": days}
            reason = rng.choice(self.words.extension_reasons)
            stage["extension"] = (agreed, days, reason, not without_details)
            due = self.due(self.clock(number).response)
            responded = cal.add(unextended, rng.randint(1, days))
        else:
            due = unextended
            responded = min(cal.add(ack, RESPONDED[number].pick(rng)), due)
        if breach == f"stage{number}-response-late":
            responded = cal.add(due, rng.randint(1, 5))
            agreed = max(cal.add(due, -rng.randint(0, 2)), cal.add(ack, 1))
            stage["update_intervals"] = (agreed, 5)  # HO 5.9: agreed once the delay was known
            stage["updates"] = self._updates(agreed, 5, responded)
        decision = self.words.decisions[number].pick(rng)
        return stage | {
            "responded": responded,
            "decision": decision,
            "remedies": self._remedies(decision, responded),
            "actions": self._actions(decision, responded),
        }

    def _updates(self, agreed: date, every: int, responded: date) -> list[date]:
        """The updates of a delayed response: one on each day an update falls due, `every`
        working days from the day the intervals were agreed, until the response."""
        updates = []
        day = self.cal.add(agreed, every)
        while day < responded:
            updates.append(day)
            day = self.cal.add(day, every)
        return updates

    def _remedies(self, decision: str, responded: date) -> list[str]:
        """The remedies of an upheld or partly upheld complaint, as YAML flow mappings."""
        if decision == "not-upheld":
            return []
        rng, remedies = self.rng, []
        if rng.random() < 0.85:
            remedies.append("{kind: apology}")
        if rng.random() < 0.3:
            by, done = self.y.done(responded, 10, 28)
            what = scalar(rng.choice(self.words.financial), flow=True)
            amount = rng.randint(2, 20) * 25
            remedies.append(
                f"{{kind: financial, amount: {amount}, what: {what}, by: {by}, done: {done}}}"
            )
        if rng.random() < 0.25:
            by, done = self.y.done(responded, 14, 60)
            what = scalar(rng.choice(self.service.actions), flow=True)
            remedies.append(f"{{kind: action, what: {what}, by: {by}, done: {done}}}")
        return remedies or ["{kind: acknowledgement}"]

    def _actions(self, decision: str, responded: date) -> list[str]:
        """The outstanding actions a response promises, as YAML flow mappings."""
        rng, actions = self.rng, self.service.actions
        if rng.random() >= (0.1 if decision == "not-upheld" else 0.4):
            return []
        promised = []
        for what in rng.sample(actions, min(len(actions), rng.choice((1, 1, 2)))):
            due, done = self.y.done(responded, 7, 45)
            promised.append(f"{{what: {scalar(what, flow=True)}, due: {due}, done: {done}}}")
        return promised

    def exclusion_reason(self) -> str:
        """An exclusion code that fits the route and the service and that the policy has."""
        codes = set(self.y.exclusions)
        fitting: tuple[str, ...]
        if self.route == "housing":
            fitting = self.words.housing_exclusions
        else:
            fitting = (*self.words.general_exclusions, *self.service.exclusions)
        return self.rng.choice([c for c in fitting if c in codes] or self.y.exclusions)

    def body(self) -> str:
        """The ombudsman (or the ICO) the route escalates to, as the policy's routes say."""
        return self.rng.choice(self.y.routes[self.route]["escalates_to"])
