"""The working-day calendar: the only place that knows about bank holidays, hours and time zones.

Semantics (Canterbury's policy 12.2 and 12.3, which the Codes' working days follow):
- a working day is one of the council's working weekdays (Monday to Friday by default) that is
  neither a bank holiday of its country and subdivision nor one of its extra closure days;
- "within N working days of X" means on or before the Nth working day after X: X is day 0;
- something received before the end of working hours on a working day counts as received that
  day (before 09:00 included); at or after the end of hours, or on a non-working day, it counts
  as received on the next working day. Times are read in the council's time zone, across
  daylight-saving changes; a timestamp without an offset is already council-local.

Adding N working days is two array look-ups, not a loop: the calendar precomputes, for every day
of a span of years, how many working days fall on or before it, and grows the span on demand.
"""

from __future__ import annotations

import calendar as _calendar
from array import array
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from checker.calendar.one_country import country_class

if TYPE_CHECKING:
    import holidays

# The years the calendar covers, and so every date a data file may hold: wide enough for any
# complaint, narrow enough that every sum of working days ends at once.
FIRST_YEAR, LAST_YEAR = 1900, 2199
SPAN_LAST = LAST_YEAR + 1  # the calendar runs a year on, for the deadlines of the last year's dates
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class OutOfRange(ValueError):
    """A date, or a sum of working days, outside the years the calendar covers."""


class Calendar:
    """Working days for one council: add, count and receipt dates in O(1)."""

    def __init__(
        self,
        country: str = "GB",
        subdivision: str = "ENG",
        timezone: str = "Europe/London",
        opens: time | None = time(9, 0),
        closes: time | None = time(17, 0),
        working_weekdays: Iterable[str] = WEEKDAYS[:5],
        closures: Iterable[date] = (),
    ):
        self.country = country
        self.subdivision = subdivision
        self.zone = ZoneInfo(timezone)
        self.opens = opens
        self.closes = closes
        self.weekdays = frozenset(WEEKDAYS.index(day) for day in working_weekdays)
        self.closures = frozenset(closures)
        self._first = self._last = 0
        self._build(2015, 2035)

    @classmethod
    def from_council(cls, council: dict) -> Calendar:
        """The calendar a council's `calendar:` block describes (already schema-validated)."""
        spec = council["calendar"]
        # no working hours stated: no cut-off, a complaint counts on the working day it arrives
        hours = spec.get("working_hours")
        return cls(
            country=spec["country"],
            subdivision=spec["subdivision"],
            timezone=spec["timezone"],
            opens=time.fromisoformat(hours["start"]) if hours else None,
            closes=time.fromisoformat(hours["end"]) if hours else None,
            working_weekdays=spec.get("working_days", WEEKDAYS[:5]),
            closures=[date.fromisoformat(c["date"]) for c in spec.get("closures", [])],
        )

    def _build(self, first_year: int, last_year: int) -> None:
        key = (self.country, self.subdivision, self.weekdays, self.closures, first_year, last_year)
        if key not in _TABLES:
            _TABLES[key] = _table(*key)
        self._first, self._last, self._on_or_before, self._working = _TABLES[key]

    def _reach(self, ordinal: int) -> None:
        """Grow the precomputed span so that it covers `ordinal` with room to add to it."""
        if self._first + 366 <= ordinal <= self._last - 366:
            return
        year = date.fromordinal(max(1, ordinal)).year
        if not FIRST_YEAR <= year <= SPAN_LAST:
            raise OutOfRange(
                f"{date.fromordinal(max(1, ordinal)).isoformat()} is outside the years the "
                f"working-day calendar covers ({FIRST_YEAR} to {SPAN_LAST})"
            )
        first = min(date.fromordinal(self._first).year, year - 1)
        last = max(date.fromordinal(self._last).year, year + 2)
        self._build(max(FIRST_YEAR, first), min(SPAN_LAST, last))

    def _count(self, day: date) -> int:
        ordinal = day.toordinal()
        self._reach(ordinal)
        return self._on_or_before[ordinal - self._first]

    def is_working_day(self, day: date) -> bool:
        """True when `day` is a working day."""
        ordinal = day.toordinal()
        self._reach(ordinal)
        index = ordinal - self._first
        return self._on_or_before[index] != (self._on_or_before[index - 1] if index else 0)

    def add(self, day: date, n: int) -> date:
        """The Nth working day after `day` (day 0 is `day` itself); n may be negative."""
        if n == 0:
            return day
        while True:
            before = self._count(day)  # working days on or before `day`
            if n < 0 and self.is_working_day(day):
                before -= 1
            index = before + n - 1 if n > 0 else before + n
            if 0 <= index < len(self._working):
                return date.fromordinal(self._working[index])
            self._grow(day, n)

    def _grow(self, day: date, n: int) -> None:
        """Extend the span far enough to add `n` working days to `day`."""
        years = abs(n) // 200 + 2
        first = date.fromordinal(self._first).year
        last = date.fromordinal(self._last).year
        wider = (
            (first, min(SPAN_LAST, max(last, day.year) + years))
            if n > 0
            else (max(FIRST_YEAR, min(first, day.year) - years), last)
        )
        if wider == (first, last):  # already as wide as it goes: the sum ends outside it
            raise OutOfRange(
                f"{n} working days from {day.isoformat()} is outside the years the working-day "
                f"calendar covers ({FIRST_YEAR} to {SPAN_LAST})"
            )
        self._build(*wider)

    def elapsed(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end is earlier)."""
        return self._count(end) - self._count(start)

    def on_or_after(self, day: date) -> date:
        """`day` if it is a working day, otherwise the next working day."""
        return day if self.is_working_day(day) else self.add(day, 1)

    def local_day(self, when: datetime | date) -> date:
        """The council-local calendar day of a date, or of a moment (one without an offset is
        read as the council's local time, as `receipt` reads it)."""
        if isinstance(when, datetime):
            return (when.astimezone(self.zone) if when.tzinfo else when).date()
        return when

    def receipt(self, when: datetime | date) -> date:
        """The date something counts as received (policy 12.2)."""
        if not isinstance(when, datetime):
            return self.on_or_after(when)
        local = when.astimezone(self.zone) if when.tzinfo else when
        day = local.date()
        if self.is_working_day(day) and (self.closes is None or local.time() < self.closes):
            return day
        return self.add(day, 1)


_TABLES: dict[
    tuple, tuple
] = {}  # one table per calendar and span, shared by every Calendar in the process


def _table(
    country: str,
    subdivision: str,
    weekdays: Iterable[int],
    closures: Iterable[date],
    first_year: int,
    last_year: int,
) -> tuple[int, int, array, array]:
    """The working-day table for a span of years: first and last ordinal, the count of working
    days on or before each day, and the ordinals of the working days in order."""
    bank = {
        day.toordinal()
        for day in bank_holidays(country, subdivision, range(first_year, last_year + 1))
    }
    closed = bank | {day.toordinal() for day in closures}
    weekdays = [(weekday + 1) % 7 for weekday in weekdays]  # as ordinal % 7: day 1 was a Monday
    first = date(first_year, 1, 1).toordinal()
    last = date(last_year, 12, 31).toordinal()
    on_or_before, working = array("l"), array("l")
    count = 0
    for ordinal in range(first, last + 1):
        if ordinal % 7 in weekdays and ordinal not in closed:
            count += 1
            working.append(ordinal)
        on_or_before.append(count)
    return first, last, on_or_before, working


def bank_holidays(country: str, subdivision: str, years: range) -> holidays.HolidayBase:
    """The bank holidays of a country and subdivision, from the holidays library (loaded here,
    when a calendar is first built: a command that evaluates no case never pays for it)."""
    import holidays

    try:
        return country_class(country)(subdiv=subdivision, years=years)
    except Exception:  # any surprise in the library's layout: its documented way
        return holidays.country_holidays(country, subdiv=subdivision, years=years)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if day.day <= 28:  # every month has the day
        return date(year, month, day.day)
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def parse_timestamp(text: str) -> datetime | date:
    """An ISO 8601 date or date-time; raise ValueError with a plain message otherwise."""
    text = text.strip()
    try:
        if "T" in text or " " in text:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"'{text}' is not an ISO 8601 date or timestamp "
            "(like 2026-03-27 or 2026-03-27T17:42:00+00:00)"
        ) from None
