"""What every generated case of one run shares: the calendar, the year's days, the policy's rules,
the vocabulary, and the one source of chance, `random.Random(seed)`, drawn from in a fixed order.

A generated case uses only the services, types and channels the council declares (its
`categories:`): the vocabulary's others are left out, and a service only on a route the council
declares for it. Where the council declares every one the vocabulary has (as Canterbury does), the
draws, and so the files, are the same as the vocabulary alone would give."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from checker.calendar.periods import bounds
from checker.calendar.workdays import Calendar, add_months
from checker.demo.vocabulary import FILE, Service, Weighted, vocabulary
from checker.model import categories, clocks
from checker.model.case import ROUTES
from checker.schemas import header_in

CASE_HEADER = header_in("checker/schemas")  # a case file's schema line, in this repository

STAFF_CONDUCT = "staff-conduct"  # a type of any service's complaints but the statutory ones


class Year:
    """One run: the reporting year's days, its arrivals, and the draws of dates every case makes."""

    def __init__(
        self,
        council: dict,
        policy: dict,
        year: str,
        seed: int,
        codes: dict | None = None,
        header: str = CASE_HEADER,
    ) -> None:
        self.header = header  # each case file's first line: where its schema is
        self.words = words = vocabulary()
        self.rng = random.Random(seed)
        self.calendar = Calendar.from_council(council)
        self.routes = policy["rules"]["routes"]
        # each route's timescales: the policy's and its Code's (none for a route the policy lacks)
        self.clocks = {
            name: clocks.of(
                policy["rules"], (codes or {}).get(self.routes.get(name, {}).get("code", ""))
            )
            for name in ROUTES
        }
        self.exclusions = [e["code"] for e in policy["rules"].get("exclusions", [])]
        self.start, self.end = bounds(year, council["reporting_year"]["start_month"])
        self.limit = add_months(self.end, 7)  # every step done by then: 31 October for April years
        self.prefix = f"{council['case_prefix']}-{year[:4]}"
        days = [self.start + timedelta(n) for n in range((self.end - self.start).days + 1)]
        self.working = [d for d in days if self.calendar.is_working_day(d)]
        self.weekend = [d for d in days if d.weekday() >= 5]
        self.holidays = [d for d in days if d.weekday() < 5 and not self.calendar.is_working_day(d)]
        # the vocabulary's services and types the council declares, and its routes with a service
        types = categories.declared(council, "type")
        self.staff_conduct = STAFF_CONDUCT in types
        self.types = {
            name: kinds
            for name, s in words.services.items()
            if _declared(council, name, s)
            and (kinds := tuple(kind for kind in s.types if kind in types))
        }
        self.services = {
            route: [name for name in self.types if words.services[name].route == route]
            for route in words.routes.values
        }
        self.route_weights: Weighted[str] = words.routes.only(lambda r: bool(self.services[r]))
        channels = categories.declared(council, "channel")
        self.channels: Weighted[str] = words.channels.only(lambda channel: channel in channels)
        if not self.route_weights.values or not self.channels.values:
            raise ValueError(
                f"policy/council.yaml declares none of the services (with a type) or none of "
                f"the channels the demo data draws on (checker/demo/{FILE}); the demo data uses "
                "only declared categories"
            )
        self.texts = {
            (name, kind): (
                [text.format(noun=s.noun) for text in words.types[kind].definitions],
                [text.format(noun=s.noun) for text in words.types[kind].outcomes_sought],
            )
            for name, s in words.services.items()
            for kind in (*s.types, STAFF_CONDUCT)
        }
        self._offsets: dict[date, str] = {}

    def stamp(self, day: date, clock: time) -> str:
        """A local date and time with the council's UTC offset that day (+01:00 in summer time)."""
        if day not in self._offsets:  # clocks change at 01:00-02:00; no complaint is stamped then
            offset = datetime.combine(day, time(12), self.calendar.zone).utcoffset()
            assert offset is not None  # a time in a zone has an offset
            minutes = int(offset.total_seconds() // 60)
            sign = "+" if minutes >= 0 else "-"
            self._offsets[day] = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        return f"{day.isoformat()}T{clock.hour:02d}:{clock.minute:02d}:00{self._offsets[day]}"

    def arrival(self, channel: str) -> tuple[date, time]:
        """When a complaint arrives: mostly in working hours; by some channels also in the evening,
        early morning, at weekends and on bank holidays; always counting within the year."""
        rng = self.rng
        while True:
            if rng.random() < self.words.out_of_hours.get(channel, 0.0):
                when = rng.random()
                if when < 0.45:
                    day, minutes = rng.choice(self.working), rng.randrange(17 * 60, 23 * 60)
                elif when < 0.65:
                    day, minutes = rng.choice(self.working), rng.randrange(6 * 60 + 30, 9 * 60)
                elif when < 0.95 or not self.holidays:
                    day, minutes = rng.choice(self.weekend), rng.randrange(8 * 60, 22 * 60)
                else:
                    day, minutes = rng.choice(self.holidays), rng.randrange(9 * 60, 17 * 60)
            else:
                day, minutes = rng.choice(self.working), rng.randrange(9 * 60, 17 * 60)
            clock = time(minutes // 60, minutes % 60)
            if self.calendar.receipt(datetime.combine(day, clock)) <= self.end:
                return day, clock

    # --- dates every part of a case draws -----------------------------------------------------

    def later(self, after: date, low: int, high: int) -> date:
        """A day `low`..`high` days after `after`, but never past the last step date."""
        return min(after + timedelta(self.rng.randint(low, high)), self.limit)

    def between(self, first: date, last: date) -> date:
        return first + timedelta(self.rng.randint(0, max(0, (last - first).days)))

    def done(self, after: date, low: int, high: int) -> tuple[date, date]:
        """A target date after `after`, and a completion date after `after`, on or before it."""
        due = self.later(after, low, high)
        return due, self.between(min(after + timedelta(1), due), due)


def _declared(council: dict, name: str, service: Service) -> bool:
    """The council declares the vocabulary's service, on the vocabulary's route for it."""
    return categories.label(council, "service", name) is not None and not categories.off_route(
        council, name, service.route
    )
