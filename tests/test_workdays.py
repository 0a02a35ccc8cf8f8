"""The working-day calendar against England and Wales bank holidays 2019-2027, as literal tables.

Every expected date below was written out by hand from the gov.uk list of bank holidays in
England and Wales, never computed by the code under test: the weekday bank holidays and their
neighbours, adding and counting working days across Christmas, Easter and the one-off holidays of
2020, 2022 and 2023, and the receipt date either side of 09:00 and 17:00 on the working days around
every daylight-saving change, with timestamps written in UTC and in British Summer Time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from checker.calendar import periods
from checker.calendar.workdays import Calendar, add_months, bank_holidays, parse_timestamp
from tests.conftest import run_cli, scratch

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return Calendar()


def d(text: str) -> date:
    return date.fromisoformat(text)


def named(rows: list[tuple]) -> list[str]:
    """Test ids: each row's first column."""
    return [str(row[0]) for row in rows]


def steps(rows: list[tuple]) -> list[str]:
    """Test ids for (date, n, ...) rows, like 2025-12-24+5."""
    return [f"{row[0]}{row[1]:+d}" for row in rows]


# --- 1. Which days are working days ------------------------------------------------------------

# Every weekday bank holiday in England and Wales, 2019-2027, and the first one of 2028.
BANK_HOLIDAYS = [
    ("2019-01-01", "Tue", "New Year's Day"),
    ("2019-04-19", "Fri", "Good Friday"),
    ("2019-04-22", "Mon", "Easter Monday"),
    ("2019-05-06", "Mon", "Early May bank holiday"),
    ("2019-05-27", "Mon", "Spring bank holiday"),
    ("2019-08-26", "Mon", "Summer bank holiday"),
    ("2019-12-25", "Wed", "Christmas Day"),
    ("2019-12-26", "Thu", "Boxing Day"),
    ("2020-01-01", "Wed", "New Year's Day"),
    ("2020-04-10", "Fri", "Good Friday"),
    ("2020-04-13", "Mon", "Easter Monday"),
    ("2020-05-08", "Fri", "Early May bank holiday, moved for VE Day 75"),
    ("2020-05-25", "Mon", "Spring bank holiday"),
    ("2020-08-31", "Mon", "Summer bank holiday"),
    ("2020-12-25", "Fri", "Christmas Day"),
    ("2020-12-28", "Mon", "Boxing Day substitute (26th is a Saturday)"),
    ("2021-01-01", "Fri", "New Year's Day"),
    ("2021-04-02", "Fri", "Good Friday"),
    ("2021-04-05", "Mon", "Easter Monday"),
    ("2021-05-03", "Mon", "Early May bank holiday"),
    ("2021-05-31", "Mon", "Spring bank holiday"),
    ("2021-08-30", "Mon", "Summer bank holiday"),
    ("2021-12-27", "Mon", "Christmas Day substitute (25th is a Saturday)"),
    ("2021-12-28", "Tue", "Boxing Day substitute (26th is a Sunday)"),
    ("2022-01-03", "Mon", "New Year's Day substitute (1st is a Saturday)"),
    ("2022-04-15", "Fri", "Good Friday"),
    ("2022-04-18", "Mon", "Easter Monday"),
    ("2022-05-02", "Mon", "Early May bank holiday"),
    ("2022-06-02", "Thu", "Spring bank holiday, moved for the Platinum Jubilee"),
    ("2022-06-03", "Fri", "Platinum Jubilee bank holiday (one-off)"),
    ("2022-08-29", "Mon", "Summer bank holiday"),
    ("2022-09-19", "Mon", "State Funeral of Queen Elizabeth II (one-off)"),
    ("2022-12-26", "Mon", "Boxing Day"),
    ("2022-12-27", "Tue", "Christmas Day substitute (25th is a Sunday)"),
    ("2023-01-02", "Mon", "New Year's Day substitute (1st is a Sunday)"),
    ("2023-04-07", "Fri", "Good Friday"),
    ("2023-04-10", "Mon", "Easter Monday"),
    ("2023-05-01", "Mon", "Early May bank holiday"),
    ("2023-05-08", "Mon", "Coronation of King Charles III (one-off)"),
    ("2023-05-29", "Mon", "Spring bank holiday"),
    ("2023-08-28", "Mon", "Summer bank holiday"),
    ("2023-12-25", "Mon", "Christmas Day"),
    ("2023-12-26", "Tue", "Boxing Day"),
    ("2024-01-01", "Mon", "New Year's Day"),
    ("2024-03-29", "Fri", "Good Friday"),
    ("2024-04-01", "Mon", "Easter Monday"),
    ("2024-05-06", "Mon", "Early May bank holiday"),
    ("2024-05-27", "Mon", "Spring bank holiday"),
    ("2024-08-26", "Mon", "Summer bank holiday"),
    ("2024-12-25", "Wed", "Christmas Day"),
    ("2024-12-26", "Thu", "Boxing Day"),
    ("2025-01-01", "Wed", "New Year's Day"),
    ("2025-04-18", "Fri", "Good Friday"),
    ("2025-04-21", "Mon", "Easter Monday"),
    ("2025-05-05", "Mon", "Early May bank holiday"),
    ("2025-05-26", "Mon", "Spring bank holiday"),
    ("2025-08-25", "Mon", "Summer bank holiday"),
    ("2025-12-25", "Thu", "Christmas Day"),
    ("2025-12-26", "Fri", "Boxing Day"),
    ("2026-01-01", "Thu", "New Year's Day"),
    ("2026-04-03", "Fri", "Good Friday"),
    ("2026-04-06", "Mon", "Easter Monday"),
    ("2026-05-04", "Mon", "Early May bank holiday"),
    ("2026-05-25", "Mon", "Spring bank holiday"),
    ("2026-08-31", "Mon", "Summer bank holiday"),
    ("2026-12-25", "Fri", "Christmas Day"),
    ("2026-12-28", "Mon", "Boxing Day substitute (26th is a Saturday)"),
    ("2027-01-01", "Fri", "New Year's Day"),
    ("2027-03-26", "Fri", "Good Friday"),
    ("2027-03-29", "Mon", "Easter Monday"),
    ("2027-05-03", "Mon", "Early May bank holiday"),
    ("2027-05-31", "Mon", "Spring bank holiday"),
    ("2027-08-30", "Mon", "Summer bank holiday"),
    ("2027-12-27", "Mon", "Christmas Day substitute (25th is a Saturday)"),
    ("2027-12-28", "Tue", "Boxing Day substitute (26th is a Sunday)"),
    ("2028-01-03", "Mon", "New Year's Day substitute (1st is a Saturday)"),
]

# The weekday before and the weekday after each holiday above, where that day is not itself a
# holiday (Good Friday's next weekday is Easter Monday, and so on: those are in the table above).
WORKING_NEIGHBOURS = [
    ("2018-12-31", "Mon", "before New Year's Day 2019"),
    ("2019-01-02", "Wed", "after New Year's Day"),
    ("2019-04-18", "Thu", "before Good Friday"),
    ("2019-04-23", "Tue", "after Easter Monday"),
    ("2019-05-03", "Fri", "before early May"),
    ("2019-05-07", "Tue", "after early May"),
    ("2019-05-24", "Fri", "before spring"),
    ("2019-05-28", "Tue", "after spring"),
    ("2019-08-23", "Fri", "before summer"),
    ("2019-08-27", "Tue", "after summer"),
    ("2019-12-24", "Tue", "before Christmas"),
    ("2019-12-27", "Fri", "after Boxing Day"),
    ("2019-12-31", "Tue", "before New Year's Day 2020"),
    ("2020-01-02", "Thu", "after New Year's Day"),
    ("2020-04-09", "Thu", "before Good Friday"),
    ("2020-04-14", "Tue", "after Easter Monday"),
    ("2020-05-07", "Thu", "before VE Day"),
    ("2020-05-11", "Mon", "after VE Day"),
    ("2020-05-22", "Fri", "before spring"),
    ("2020-05-26", "Tue", "after spring"),
    ("2020-08-28", "Fri", "before summer"),
    ("2020-09-01", "Tue", "after summer"),
    ("2020-12-24", "Thu", "before Christmas"),
    ("2020-12-29", "Tue", "after the Boxing Day substitute"),
    ("2020-12-31", "Thu", "before New Year's Day 2021"),
    ("2021-01-04", "Mon", "after New Year's Day"),
    ("2021-04-01", "Thu", "before Good Friday"),
    ("2021-04-06", "Tue", "after Easter Monday"),
    ("2021-04-30", "Fri", "before early May"),
    ("2021-05-04", "Tue", "after early May"),
    ("2021-05-28", "Fri", "before spring"),
    ("2021-06-01", "Tue", "after spring"),
    ("2021-08-27", "Fri", "before summer"),
    ("2021-08-31", "Tue", "after summer"),
    ("2021-12-24", "Fri", "Christmas Eve, before the Christmas substitute"),
    ("2021-12-29", "Wed", "after the Boxing Day substitute"),
    ("2021-12-31", "Fri", "before the New Year's Day 2022 substitute"),
    ("2022-01-04", "Tue", "after the New Year's Day substitute"),
    ("2022-04-14", "Thu", "before Good Friday"),
    ("2022-04-19", "Tue", "after Easter Monday"),
    ("2022-04-29", "Fri", "before early May"),
    ("2022-05-03", "Tue", "after early May"),
    ("2022-06-01", "Wed", "before the moved spring holiday"),
    ("2022-06-06", "Mon", "after the Platinum Jubilee"),
    ("2022-08-26", "Fri", "before summer"),
    ("2022-08-30", "Tue", "after summer"),
    ("2022-09-16", "Fri", "before the State Funeral"),
    ("2022-09-20", "Tue", "after the State Funeral"),
    ("2022-12-23", "Fri", "before Boxing Day"),
    ("2022-12-28", "Wed", "after the Christmas substitute"),
    ("2022-12-30", "Fri", "before the New Year's Day 2023 substitute"),
    ("2023-01-03", "Tue", "after the New Year's Day substitute"),
    ("2023-04-06", "Thu", "before Good Friday"),
    ("2023-04-11", "Tue", "after Easter Monday"),
    ("2023-04-28", "Fri", "before early May"),
    ("2023-05-02", "Tue", "after early May"),
    ("2023-05-05", "Fri", "before the Coronation"),
    ("2023-05-09", "Tue", "after the Coronation"),
    ("2023-05-26", "Fri", "before spring"),
    ("2023-05-30", "Tue", "after spring"),
    ("2023-08-25", "Fri", "before summer"),
    ("2023-08-29", "Tue", "after summer"),
    ("2023-12-22", "Fri", "before Christmas"),
    ("2023-12-27", "Wed", "after Boxing Day"),
    ("2023-12-29", "Fri", "before New Year's Day 2024"),
    ("2024-01-02", "Tue", "after New Year's Day"),
    ("2024-03-28", "Thu", "before Good Friday"),
    ("2024-04-02", "Tue", "after Easter Monday"),
    ("2024-05-03", "Fri", "before early May"),
    ("2024-05-07", "Tue", "after early May"),
    ("2024-05-24", "Fri", "before spring"),
    ("2024-05-28", "Tue", "after spring"),
    ("2024-08-23", "Fri", "before summer"),
    ("2024-08-27", "Tue", "after summer"),
    ("2024-12-24", "Tue", "before Christmas"),
    ("2024-12-27", "Fri", "after Boxing Day"),
    ("2024-12-31", "Tue", "before New Year's Day 2025"),
    ("2025-01-02", "Thu", "after New Year's Day"),
    ("2025-04-17", "Thu", "before Good Friday"),
    ("2025-04-22", "Tue", "after Easter Monday"),
    ("2025-05-02", "Fri", "before early May"),
    ("2025-05-06", "Tue", "after early May"),
    ("2025-05-23", "Fri", "before spring"),
    ("2025-05-27", "Tue", "after spring"),
    ("2025-08-22", "Fri", "before summer"),
    ("2025-08-26", "Tue", "after summer"),
    ("2025-12-24", "Wed", "before Christmas"),
    ("2025-12-29", "Mon", "after Boxing Day"),
    ("2025-12-31", "Wed", "before New Year's Day 2026"),
    ("2026-01-02", "Fri", "after New Year's Day"),
    ("2026-04-02", "Thu", "before Good Friday"),
    ("2026-04-07", "Tue", "after Easter Monday"),
    ("2026-05-01", "Fri", "before early May"),
    ("2026-05-05", "Tue", "after early May"),
    ("2026-05-22", "Fri", "before spring"),
    ("2026-05-26", "Tue", "after spring"),
    ("2026-08-28", "Fri", "before summer"),
    ("2026-09-01", "Tue", "after summer"),
    ("2026-12-24", "Thu", "before Christmas"),
    ("2026-12-29", "Tue", "after the Boxing Day substitute"),
    ("2026-12-31", "Thu", "before New Year's Day 2027"),
    ("2027-01-04", "Mon", "after New Year's Day"),
    ("2027-03-25", "Thu", "before Good Friday"),
    ("2027-03-30", "Tue", "after Easter Monday"),
    ("2027-04-30", "Fri", "before early May"),
    ("2027-05-04", "Tue", "after early May"),
    ("2027-05-28", "Fri", "before spring"),
    ("2027-06-01", "Tue", "after spring"),
    ("2027-08-27", "Fri", "before summer"),
    ("2027-08-31", "Tue", "after summer"),
    ("2027-12-24", "Fri", "Christmas Eve, before the Christmas substitute"),
    ("2027-12-29", "Wed", "after the Boxing Day substitute"),
    ("2027-12-31", "Fri", "before the New Year's Day 2028 substitute"),
    ("2028-01-04", "Tue", "after the New Year's Day substitute"),
]

# Days a careless calendar gets wrong: holidays that moved, and the weekend dates substituted.
SPECIAL_DAYS = [
    ("2020-05-04", "Mon", True, "usual early May date, moved to Fri 8 May for VE Day 75"),
    ("2020-05-08", "Fri", False, "VE Day 75"),
    ("2020-05-25", "Mon", False, "spring bank holiday, not moved"),
    ("2022-05-30", "Mon", True, "usual spring date, moved to Thu 2 Jun for the Jubilee"),
    ("2022-06-02", "Thu", False, "spring bank holiday, moved"),
    ("2022-06-03", "Fri", False, "Platinum Jubilee"),
    ("2022-09-19", "Mon", False, "State Funeral of Queen Elizabeth II"),
    ("2023-05-08", "Mon", False, "Coronation of King Charles III"),
    ("2020-12-26", "Sat", False, "Boxing Day, substituted by Mon 28 Dec"),
    ("2021-12-25", "Sat", False, "Christmas Day, substituted by Mon 27 Dec"),
    ("2021-12-26", "Sun", False, "Boxing Day, substituted by Tue 28 Dec"),
    ("2022-01-01", "Sat", False, "New Year's Day, substituted by Mon 3 Jan"),
    ("2022-12-25", "Sun", False, "Christmas Day, substituted by Tue 27 Dec"),
    ("2023-01-01", "Sun", False, "New Year's Day, substituted by Mon 2 Jan"),
    ("2026-12-26", "Sat", False, "Boxing Day, substituted by Mon 28 Dec"),
    ("2027-12-25", "Sat", False, "Christmas Day, substituted by Mon 27 Dec"),
    ("2027-12-26", "Sun", False, "Boxing Day, substituted by Tue 28 Dec"),
    ("2028-01-01", "Sat", False, "New Year's Day, substituted by Mon 3 Jan"),
    ("2025-06-02", "Mon", True, "an ordinary Monday"),
    ("2025-06-07", "Sat", False, "an ordinary Saturday"),
    ("2025-06-08", "Sun", False, "an ordinary Sunday"),
]


@pytest.mark.parametrize(("day", "weekday", "name"), BANK_HOLIDAYS, ids=named(BANK_HOLIDAYS))
def test_bank_holidays_are_not_working_days(calendar, day, weekday, name):
    assert d(day).strftime("%a") == weekday, "the table itself is wrong"
    assert not calendar.is_working_day(d(day)), name


@pytest.mark.parametrize(
    ("day", "weekday", "name"), WORKING_NEIGHBOURS, ids=named(WORKING_NEIGHBOURS)
)
def test_weekdays_next_to_bank_holidays_are_working_days(calendar, day, weekday, name):
    assert d(day).strftime("%a") == weekday, "the table itself is wrong"
    assert calendar.is_working_day(d(day)), name


@pytest.mark.parametrize(
    ("day", "weekday", "working", "why"), SPECIAL_DAYS, ids=named(SPECIAL_DAYS)
)
def test_moved_holidays_and_substituted_weekends(calendar, day, weekday, working, why):
    assert d(day).strftime("%a") == weekday, "the table itself is wrong"
    assert calendar.is_working_day(d(day)) is working, why


# --- 2. add(): the Nth working day after a date, the date itself being day 0 --------------------

ADD = [
    # Christmas and New Year, every year
    ("2019-12-24", 5, "2020-01-03", "2019: Wed 25, Thu 26 Dec, Wed 1 Jan"),
    ("2019-12-20", 10, "2020-01-08", "2019: from the Friday before"),
    ("2020-12-24", 5, "2021-01-05", "2020: Fri 25, Mon 28 Dec, Fri 1 Jan"),
    ("2020-12-18", 10, "2021-01-06", "2020: from the Friday before"),
    ("2021-12-24", 5, "2022-01-05", "2021: Mon 27, Tue 28 Dec, Mon 3 Jan"),
    ("2021-12-17", 10, "2022-01-05", "2021: from the Friday before"),
    ("2022-12-24", 5, "2023-01-04", "2022: from a Saturday; Mon 26, Tue 27 Dec, Mon 2 Jan"),
    ("2022-12-23", 10, "2023-01-11", "2022: from the Friday before"),
    ("2023-12-24", 5, "2024-01-03", "2023: from a Sunday; Mon 25, Tue 26 Dec, Mon 1 Jan"),
    ("2023-12-22", 10, "2024-01-10", "2023: from the Friday before"),
    ("2024-12-24", 5, "2025-01-03", "2024: Wed 25, Thu 26 Dec, Wed 1 Jan"),
    ("2024-12-20", 10, "2025-01-08", "2024: from the Friday before"),
    ("2025-12-24", 5, "2026-01-05", "2025: Thu 25, Fri 26 Dec, Thu 1 Jan"),
    ("2025-12-19", 10, "2026-01-07", "2025: from the Friday before"),
    ("2026-12-24", 5, "2027-01-05", "2026: Fri 25, Mon 28 Dec, Fri 1 Jan"),
    ("2026-12-18", 10, "2027-01-06", "2026: from the Friday before"),
    ("2027-12-24", 5, "2028-01-05", "2027: Mon 27, Tue 28 Dec, Mon 3 Jan 2028"),
    ("2027-12-17", 10, "2028-01-05", "2027: from the Friday before"),
    # Easter
    ("2019-04-18", 3, "2019-04-25", "Easter 2019"),
    ("2020-04-09", 5, "2020-04-20", "Easter 2020"),
    ("2021-04-01", 1, "2021-04-06", "Easter 2021"),
    ("2022-04-14", 2, "2022-04-20", "Easter 2022"),
    ("2023-04-06", 1, "2023-04-11", "Easter 2023"),
    ("2024-03-28", 1, "2024-04-02", "Easter 2024"),
    ("2025-04-17", 1, "2025-04-22", "Easter 2025"),
    ("2025-04-17", 10, "2025-05-06", "Easter 2025 then early May"),
    ("2026-04-02", 1, "2026-04-07", "Easter 2026"),
    ("2027-03-25", 1, "2027-03-30", "Easter 2027"),
    # the one-off holidays and the holidays they moved
    ("2020-05-01", 1, "2020-05-04", "Mon 4 May 2020 is a working day"),
    ("2020-05-01", 5, "2020-05-11", "over VE Day 75, Fri 8 May 2020"),
    ("2020-05-07", 1, "2020-05-11", "over VE Day 75"),
    ("2022-05-27", 1, "2022-05-30", "Mon 30 May 2022 is a working day"),
    ("2022-05-27", 5, "2022-06-07", "over the Jubilee, Thu 2 and Fri 3 Jun 2022"),
    ("2022-06-01", 1, "2022-06-06", "over the Jubilee"),
    ("2022-09-16", 1, "2022-09-20", "over the State Funeral"),
    ("2022-09-12", 10, "2022-09-27", "over the State Funeral"),
    ("2023-04-28", 1, "2023-05-02", "over early May 2023"),
    ("2023-04-28", 5, "2023-05-09", "over early May and the Coronation"),
    ("2023-05-05", 1, "2023-05-09", "over the Coronation"),
    # n = 0 is the date itself, working day or not
    ("2025-06-02", 0, "2025-06-02", "n = 0 on a working day"),
    ("2025-12-27", 0, "2025-12-27", "n = 0 on a Saturday"),
    ("2025-12-28", 0, "2025-12-28", "n = 0 on a Sunday"),
    ("2025-12-25", 0, "2025-12-25", "n = 0 on Christmas Day"),
    # from a non-working day, +1 is the next working day and -1 the previous one
    ("2025-06-07", 1, "2025-06-09", "Saturday + 1"),
    ("2025-06-07", -1, "2025-06-06", "Saturday - 1"),
    ("2025-12-27", -1, "2025-12-24", "Saturday after Boxing Day - 1"),
    # negative n
    ("2026-01-05", -5, "2025-12-24", "back over Christmas 2025"),
    ("2025-01-08", -10, "2024-12-20", "back over Christmas 2024"),
    ("2025-12-29", -1, "2025-12-24", "the Monday after Boxing Day - 1"),
    ("2025-04-22", -1, "2025-04-17", "back over Easter 2025"),
    ("2022-06-06", -2, "2022-05-31", "back over the Jubilee"),
    ("2025-12-31", -253, "2024-12-31", "back over the 253 working days of 2025"),
    # large n: 2025 has 253 working days; 2020-2027 have 2021 between them (see YEARS below)
    ("2024-12-31", 200, "2025-10-15", "the 200th working day of 2025"),
    ("2024-12-31", 253, "2025-12-31", "the last working day of 2025"),
    ("2019-12-31", 2021, "2027-12-31", "eight years"),
    ("2027-12-31", -2021, "2019-12-31", "eight years back"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), ADD, ids=steps(ADD))
def test_add(calendar, start, n, expected, why):
    assert calendar.add(d(start), n) == d(expected), why


def test_add_far_outside_the_precomputed_span():
    """A fresh calendar grows its span on demand, in both directions, and stays consistent."""
    fresh = Calendar()
    # Tue 1 Jan 2041 is New Year's Day; Wed 2 Jan 2041 is the next working day.
    assert fresh.add(d("2040-12-31"), 1) == d("2041-01-02")
    # Mon 1 Jan 2001 is New Year's Day; Fri 29 Dec 2000 is the working day before Tue 2 Jan.
    assert fresh.add(d("2001-01-02"), -1) == d("2000-12-29")
    assert fresh.add(d("2024-12-20"), 10) == d("2025-01-08")


# --- 3. elapsed(): working days after a, up to and including b --------------------------------

# Working days in each whole year: 261 weekdays (260 when the year starts on a Saturday or
# Sunday, 262 in a leap year starting Monday to Thursday) less its weekday bank holidays.
YEARS = [
    (2019, 253, "261 weekdays - 8"),
    (2020, 254, "262 weekdays (leap year from a Wednesday) - 8"),
    (2021, 253, "261 - 8"),
    (2022, 250, "260 (starts on a Saturday) - 10"),
    (2023, 251, "260 (starts on a Sunday) - 9"),
    (2024, 254, "262 (leap year from a Monday) - 8"),
    (2025, 253, "261 - 8"),
    (2026, 253, "261 - 8"),
    (2027, 253, "261 - 8"),
]


@pytest.mark.parametrize(("year", "count", "how"), YEARS, ids=named(YEARS))
def test_working_days_in_each_year(calendar, year, count, how):
    assert calendar.elapsed(date(year - 1, 12, 31), date(year, 12, 31)) == count, how


ELAPSED = [
    ("2024-12-20", "2025-01-08", 10, "the holidays library's count over the range is 11"),
    ("2025-01-08", "2024-12-20", -10, "reversed order is negative"),
    ("2025-12-24", "2026-01-05", 5, "Christmas 2025"),
    ("2025-06-02", "2025-06-02", 0, "a working day to itself"),
    ("2025-06-07", "2025-06-07", 0, "a Saturday to itself"),
    ("2025-12-25", "2025-12-25", 0, "Christmas Day to itself"),
    ("2025-06-06", "2025-06-09", 1, "Friday to Monday"),
    ("2025-06-07", "2025-06-08", 0, "Saturday to Sunday"),
    ("2025-06-07", "2025-06-09", 1, "Saturday to Monday"),
    ("2025-12-24", "2025-12-28", 0, "Christmas Eve to the Sunday after"),
    ("2022-05-27", "2022-06-06", 4, "over the Jubilee"),
    ("2023-05-05", "2023-05-09", 1, "over the Coronation"),
    ("2019-12-31", "2027-12-31", 2021, "eight years"),
]


@pytest.mark.parametrize(
    ("start", "end", "expected", "why"), ELAPSED, ids=[f"{r[0]}..{r[1]}" for r in ELAPSED]
)
def test_elapsed(calendar, start, end, expected, why):
    assert calendar.elapsed(d(start), d(end)) == expected, why


# add(a, n) == b and elapsed(a, b) == n together. From a non-working day this holds only for
# n > 0: add(Sat, -1) is Friday, but no working day falls after Friday up to Saturday.
ROUND_TRIPS = [
    ("2024-12-20", 10, "2025-01-08"),
    ("2025-12-24", 5, "2026-01-05"),
    ("2027-12-24", 5, "2028-01-05"),
    ("2025-12-27", 1, "2025-12-29"),  # from a Saturday
    ("2022-12-24", 5, "2023-01-04"),  # from a Saturday
    ("2022-05-27", 5, "2022-06-07"),
    ("2023-04-28", 5, "2023-05-09"),
    ("2024-12-31", 200, "2025-10-15"),
    ("2026-01-05", -5, "2025-12-24"),
    ("2025-04-22", -1, "2025-04-17"),
    ("2025-12-31", -253, "2024-12-31"),
]


@pytest.mark.parametrize(("start", "n", "end"), ROUND_TRIPS, ids=steps(ROUND_TRIPS))
def test_elapsed_agrees_with_add(calendar, start, n, end):
    assert calendar.add(d(start), n) == d(end)
    assert calendar.elapsed(d(start), d(end)) == n
    assert calendar.elapsed(d(end), d(start)) == -n


# --- 4. receipt(): the date a complaint counts as received ------------------------------------

# The working days either side of every daylight-saving change, 2019-2027 (clocks go forward on
# the last Sunday of March and back on the last Sunday of October). For each: the clock that day
# (GMT, +00:00, or BST, +01:00), the receipt date before 17:00 local, and from 17:00 local.
# In 2024 and 2027 the Friday before the March change is Good Friday and the Monday after is
# Easter Monday, so the Thursday before and the Tuesday after are tested as well.
CHANGE_DAYS = [
    # 2019: forward Sun 31 Mar, back Sun 27 Oct
    ("2019-03-29", "GMT", "2019-03-29", "2019-04-01"),
    ("2019-04-01", "BST", "2019-04-01", "2019-04-02"),
    ("2019-10-25", "BST", "2019-10-25", "2019-10-28"),
    ("2019-10-28", "GMT", "2019-10-28", "2019-10-29"),
    # 2020: forward Sun 29 Mar, back Sun 25 Oct
    ("2020-03-27", "GMT", "2020-03-27", "2020-03-30"),
    ("2020-03-30", "BST", "2020-03-30", "2020-03-31"),
    ("2020-10-23", "BST", "2020-10-23", "2020-10-26"),
    ("2020-10-26", "GMT", "2020-10-26", "2020-10-27"),
    # 2021: forward Sun 28 Mar, back Sun 31 Oct
    ("2021-03-26", "GMT", "2021-03-26", "2021-03-29"),
    ("2021-03-29", "BST", "2021-03-29", "2021-03-30"),
    ("2021-10-29", "BST", "2021-10-29", "2021-11-01"),
    ("2021-11-01", "GMT", "2021-11-01", "2021-11-02"),
    # 2022: forward Sun 27 Mar, back Sun 30 Oct
    ("2022-03-25", "GMT", "2022-03-25", "2022-03-28"),
    ("2022-03-28", "BST", "2022-03-28", "2022-03-29"),
    ("2022-10-28", "BST", "2022-10-28", "2022-10-31"),
    ("2022-10-31", "GMT", "2022-10-31", "2022-11-01"),
    # 2023: forward Sun 26 Mar, back Sun 29 Oct
    ("2023-03-24", "GMT", "2023-03-24", "2023-03-27"),
    ("2023-03-27", "BST", "2023-03-27", "2023-03-28"),
    ("2023-10-27", "BST", "2023-10-27", "2023-10-30"),
    ("2023-10-30", "GMT", "2023-10-30", "2023-10-31"),
    # 2024: forward Sun 31 Mar (Easter Day), back Sun 27 Oct
    ("2024-03-28", "GMT", "2024-03-28", "2024-04-02"),  # Thursday before Good Friday
    ("2024-03-29", "GMT", "2024-04-02", "2024-04-02"),  # Good Friday
    ("2024-04-01", "BST", "2024-04-02", "2024-04-02"),  # Easter Monday
    ("2024-04-02", "BST", "2024-04-02", "2024-04-03"),  # Tuesday after Easter Monday
    ("2024-10-25", "BST", "2024-10-25", "2024-10-28"),
    ("2024-10-28", "GMT", "2024-10-28", "2024-10-29"),
    # 2025: forward Sun 30 Mar, back Sun 26 Oct
    ("2025-03-28", "GMT", "2025-03-28", "2025-03-31"),
    ("2025-03-31", "BST", "2025-03-31", "2025-04-01"),
    ("2025-10-24", "BST", "2025-10-24", "2025-10-27"),
    ("2025-10-27", "GMT", "2025-10-27", "2025-10-28"),
    # 2026: forward Sun 29 Mar, back Sun 25 Oct
    ("2026-03-27", "GMT", "2026-03-27", "2026-03-30"),
    ("2026-03-30", "BST", "2026-03-30", "2026-03-31"),
    ("2026-10-23", "BST", "2026-10-23", "2026-10-26"),
    ("2026-10-26", "GMT", "2026-10-26", "2026-10-27"),
    # 2027: forward Sun 28 Mar (Easter Day), back Sun 31 Oct
    ("2027-03-25", "GMT", "2027-03-25", "2027-03-30"),  # Thursday before Good Friday
    ("2027-03-26", "GMT", "2027-03-30", "2027-03-30"),  # Good Friday
    ("2027-03-29", "BST", "2027-03-30", "2027-03-30"),  # Easter Monday
    ("2027-03-30", "BST", "2027-03-30", "2027-03-31"),  # Tuesday after Easter Monday
    ("2027-10-29", "BST", "2027-10-29", "2027-11-01"),
    ("2027-11-01", "GMT", "2027-11-01", "2027-11-02"),
]

# The same instants written with both offsets. "before" is before 17:00 local (09:00 local and
# earlier included); "from" is 17:00 local or later.
CLOCKS = {
    "BST": [
        ("08:59:59+01:00", "before"),
        ("07:59:59Z", "before"),  # 08:59:59 BST
        ("09:00:00+01:00", "before"),
        ("08:00:00Z", "before"),  # 09:00 BST
        ("16:59:59+01:00", "before"),
        ("15:59:59+00:00", "before"),  # 16:59:59 BST
        ("17:00:00+01:00", "from"),
        ("16:00:00Z", "from"),  # 17:00 BST
        ("16:59:00+00:00", "from"),  # 17:59 BST, though before 17:00 in UTC
    ],
    "GMT": [
        ("08:59:59Z", "before"),
        ("09:59:59+01:00", "before"),  # 08:59:59 GMT
        ("09:00:00+00:00", "before"),
        ("16:59:00Z", "before"),
        ("16:59:59+00:00", "before"),
        ("17:59:59+01:00", "before"),  # 16:59:59 GMT
        ("17:00:00Z", "from"),
        ("17:00:00+00:00", "from"),
        ("18:00:00+01:00", "from"),  # 17:00 GMT
    ],
}

RECEIPTS_AT_CHANGES = [
    (f"{day}T{clock}", before if side == "before" else after)
    for day, zone, before, after in CHANGE_DAYS
    for clock, side in CLOCKS[zone]
]


@pytest.mark.parametrize(("day", "zone", "before", "after"), CHANGE_DAYS, ids=named(CHANGE_DAYS))
def test_the_change_days_table_is_right(day, zone, before, after):
    """A check on the table itself: each day's clock is what zoneinfo says it was at noon."""
    noon = datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=LONDON)
    assert noon.utcoffset() == timedelta(hours=1 if zone == "BST" else 0)


@pytest.mark.parametrize(
    ("timestamp", "expected"), RECEIPTS_AT_CHANGES, ids=named(RECEIPTS_AT_CHANGES)
)
def test_receipt_around_daylight_saving_changes(calendar, timestamp, expected):
    when = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    assert calendar.receipt(when) == d(expected)


RECEIPTS = [
    # the example case of README.md
    ("2026-03-27T17:42:00+00:00", "2026-03-30", "Friday 17:42 GMT: the next Monday"),
    ("2025-06-02T17:42:00+01:00", "2025-06-03", "Monday 17:42 BST: Tuesday"),
    # working hours on an ordinary working day
    ("2025-06-02T08:59:00+01:00", "2025-06-02", "08:59 counts as that day"),
    ("2025-06-02T00:00:00+01:00", "2025-06-02", "midnight counts as that day"),
    ("2025-06-02T23:30:00Z", "2025-06-03", "00:30 BST on Tuesday"),
    ("2025-06-01T23:30:00Z", "2025-06-02", "Sunday 23:30 UTC is Monday 00:30 BST"),
    ("2025-06-02T11:30:00-05:00", "2025-06-03", "16:30 UTC is 17:30 BST"),
    # Friday 17:00 exactly
    ("2025-06-06T17:00:00+01:00", "2025-06-09", "Friday 17:00 BST: the next Monday"),
    ("2025-06-06T16:00:00Z", "2025-06-09", "Friday 17:00 BST written in UTC"),
    ("2025-01-10T17:00:00Z", "2025-01-13", "Friday 17:00 GMT: the next Monday"),
    # non-working days
    ("2025-06-07T10:00:00+01:00", "2025-06-09", "Saturday"),
    ("2025-06-08T10:00:00+01:00", "2025-06-09", "Sunday"),
    ("2025-12-25T10:00:00Z", "2025-12-29", "Christmas Day, then Boxing Day and a weekend"),
    ("2025-08-25T10:00:00+01:00", "2025-08-26", "summer bank holiday"),
    ("2025-04-18T12:00:00+01:00", "2025-04-22", "Good Friday"),
    ("2022-09-19T10:00:00+01:00", "2022-09-20", "the State Funeral"),
    ("2023-05-08T10:00:00+01:00", "2023-05-09", "the Coronation"),
    ("2020-05-04T10:00:00+01:00", "2020-05-04", "Mon 4 May 2020 is a working day"),
    ("2025-12-24T17:00:00Z", "2025-12-29", "Christmas Eve at 17:00"),
    ("2024-12-31T17:30:00Z", "2025-01-02", "New Year's Eve after hours"),
    ("2027-12-24T17:00:00Z", "2027-12-29", "Christmas Eve 2027: the substitutes follow"),
    ("2027-12-31T17:00:00Z", "2028-01-04", "New Year's Eve 2027: Mon 3 Jan 2028 is a holiday"),
    # the changeover Sundays themselves
    ("2025-03-30T01:30:00Z", "2025-03-31", "the hour that BST skips, written in UTC"),
    ("2025-10-26T01:30:00+01:00", "2025-10-27", "the hour that happens twice, first time"),
    ("2025-10-26T01:30:00+00:00", "2025-10-27", "the hour that happens twice, second time"),
]


@pytest.mark.parametrize(("timestamp", "expected", "why"), RECEIPTS, ids=named(RECEIPTS))
def test_receipt(calendar, timestamp, expected, why):
    when = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    assert calendar.receipt(when) == d(expected), why


NAIVE_RECEIPTS = [
    ("2025-06-02T16:30:00", "2025-06-02", "16:30 local (16:30 UTC would be 17:30 BST)"),
    ("2025-06-02T17:00:00", "2025-06-03", "17:00 local"),
    ("2025-06-02T08:59:00", "2025-06-02", "08:59 local"),
    ("2025-01-10T16:59:59", "2025-01-10", "a winter Friday, 16:59:59"),
    ("2025-01-10T17:00:00", "2025-01-13", "a winter Friday, 17:00"),
    ("2025-06-07T12:00:00", "2025-06-09", "a Saturday"),
]


@pytest.mark.parametrize(
    ("timestamp", "expected", "why"), NAIVE_RECEIPTS, ids=named(NAIVE_RECEIPTS)
)
def test_receipt_of_a_naive_timestamp_is_local_time(calendar, timestamp, expected, why):
    assert calendar.receipt(datetime.fromisoformat(timestamp)) == d(expected), why


DATE_RECEIPTS = [
    ("2025-06-02", "2025-06-02", "a working day"),
    ("2025-06-07", "2025-06-09", "a Saturday"),
    ("2025-12-25", "2025-12-29", "Christmas Day"),
    ("2022-06-02", "2022-06-06", "the moved spring holiday, before the Jubilee"),
]


@pytest.mark.parametrize(("day", "expected", "why"), DATE_RECEIPTS, ids=named(DATE_RECEIPTS))
def test_receipt_of_a_plain_date(calendar, day, expected, why):
    assert calendar.receipt(d(day)) == d(expected), why
    assert calendar.on_or_after(d(day)) == d(expected), why


PARSED = [
    ("2026-03-27", date(2026, 3, 27)),
    ("2026-03-27T17:42:00+00:00", datetime(2026, 3, 27, 17, 42, tzinfo=ZoneInfo("UTC"))),
    ("2026-03-27T17:42:00Z", datetime(2026, 3, 27, 17, 42, tzinfo=ZoneInfo("UTC"))),
    ("2025-06-02T17:42:00+01:00", datetime(2025, 6, 2, 16, 42, tzinfo=ZoneInfo("UTC"))),
    (" 2026-03-27 17:42 ", datetime(2026, 3, 27, 17, 42)),
]


@pytest.mark.parametrize(("text", "expected"), PARSED, ids=[r[0].strip() for r in PARSED])
def test_parse_timestamp(text, expected):
    parsed = parse_timestamp(text)
    assert type(parsed) is type(expected)
    assert parsed == expected
    if isinstance(expected, datetime):
        assert (parsed.tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize("text", ["17:42", "2025-02-30", "2026-03-27T25:00", "yesterday", ""])
def test_parse_timestamp_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError, match="is not an ISO 8601 date or timestamp"):
        parse_timestamp(text)


# --- 5. The command line ----------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """Run from a folder with no council repository above it: England's calendar applies."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


CLI_RUNS = [
    (("add", "2025-12-24", "5"), "2026-01-05\n"),
    (("add", "2024-12-20", "10"), "2025-01-08\n"),
    (("add", "2026-01-05", "-5"), "2025-12-24\n"),
    (("add", "2025-12-27", "0"), "2025-12-27\n"),
    (("receipt", "2026-03-27T17:42:00+00:00"), "2026-03-30\n"),
    (("receipt", "2026-03-30T16:00:00Z"), "2026-03-31\n"),
    (("receipt", "2026-03-30T16:59:59+01:00"), "2026-03-30\n"),
    (("receipt", "2026-03-30T16:59:59"), "2026-03-30\n"),
    (("receipt", "2025-12-25"), "2025-12-29\n"),
    (("between", "2024-12-20", "2025-01-08"), "10\n"),
    (("between", "2025-01-08", "2024-12-20"), "-10\n"),
    (("between", "2025-06-02", "2025-06-02"), "0\n"),
]
CLI_IDS = ["-".join(r[0]) for r in CLI_RUNS]


@pytest.mark.parametrize(("argv", "expected"), CLI_RUNS, ids=CLI_IDS)
def test_cli_outside_a_repository(cli, outside, argv, expected):
    run = cli("workdays", *argv)
    assert (run.code, run.out, run.err) == (0, expected, "")


@pytest.mark.parametrize(("argv", "expected"), CLI_RUNS, ids=CLI_IDS)
def test_cli_with_the_example_repository(cli, outside, argv, expected):
    run = cli("workdays", "--root", ROOT, *argv)
    assert (run.code, run.out, run.err) == (0, expected, "")


BAD_ARGUMENTS = [
    (("add", "2025-02-30", "5"), "2025-02-30"),
    (("add", "2025-12-24", "five"), "five"),
    (("between", "2025-01-01", "2025-02-30"), "2025-02-30"),
    (("receipt", "17:42"), "17:42"),
    (("receipt", "2026-03-27T25:00:00Z"), "2026-03-27T25:00:00Z"),
]


@pytest.mark.parametrize(
    ("argv", "problem"), BAD_ARGUMENTS, ids=["-".join(r[0]) for r in BAD_ARGUMENTS]
)
def test_cli_bad_arguments_exit_2_with_a_message(cli, outside, argv, problem):
    run = cli("workdays", *argv)
    assert run.code == 2
    assert run.out == ""
    assert problem in run.err
    assert "Traceback" not in run.err


# --- 6. Extra closure days --------------------------------------------------------------------


def test_a_closure_day_is_not_a_working_day():
    closed = Calendar(closures=[date(2025, 12, 29)])
    assert not closed.is_working_day(d("2025-12-29"))
    assert closed.is_working_day(d("2025-12-30"))
    assert closed.add(d("2025-12-24"), 5) == d("2026-01-06")  # one day later than 2026-01-05
    assert closed.elapsed(d("2025-12-24"), d("2026-01-06")) == 5
    assert closed.receipt(datetime.fromisoformat("2025-12-24T17:00:00+00:00")) == d("2025-12-30")


def council(**calendar) -> dict:
    """A council document's `calendar:` block, as it is after schema validation."""
    block = {
        "country": "GB",
        "subdivision": "ENG",
        "timezone": "Europe/London",
        "working_hours": {"start": "09:00", "end": "17:00"},
        "working_days": ["monday", "tuesday", "wednesday", "thursday", "friday"],
    }
    return {"name": "Example Council", "calendar": {**block, **calendar}}


def test_from_council_without_closures_is_englands_calendar():
    plain = Calendar.from_council(council(closures=[]))
    assert plain.add(d("2025-12-24"), 5) == d("2026-01-05")
    assert Calendar.from_council(council()).add(d("2024-12-20"), 10) == d("2025-01-08")


def test_from_council_with_closures():
    closed = Calendar.from_council(
        council(closures=[{"date": "2025-12-29", "reason": "Closed for Christmas"}])
    )
    assert not closed.is_working_day(d("2025-12-29"))
    assert closed.add(d("2025-12-24"), 5) == d("2026-01-06")


def test_from_council_working_hours():
    early = Calendar.from_council(council(working_hours={"start": "08:30", "end": "16:30"}))
    assert early.receipt(datetime.fromisoformat("2025-06-02T16:29:59+01:00")) == d("2025-06-02")
    assert early.receipt(datetime.fromisoformat("2025-06-02T15:30:00Z")) == d("2025-06-03")


def test_cli_uses_the_repositorys_closures(cli, outside, repo):
    council_yaml = repo / "policy" / "council.yaml"
    text = council_yaml.read_text(encoding="utf-8")
    assert "  closures: []" in text
    council_yaml.write_text(
        text.replace(
            "  closures: []",
            "  closures:\n    - {date: 2025-12-29, reason: Closed between Christmas and New Year}",
        ),
        encoding="utf-8",
    )
    run = cli("workdays", "--root", repo, "add", "2025-12-24", "5")
    assert (run.code, run.out, run.err) == (0, "2026-01-06\n", "")
    run = cli("workdays", "--root", repo, "between", "2025-12-24", "2026-01-06")
    assert (run.code, run.out, run.err) == (0, "5\n", "")


# --- 7. add_months ----------------------------------------------------------------------------

MONTHS = [
    ("2025-01-31", 1, "2025-02-28", "to a shorter month"),
    ("2024-01-31", 1, "2024-02-29", "to February in a leap year"),
    ("2025-03-28", 1, "2025-04-28", "the same day"),
    ("2025-05-31", 1, "2025-06-30", "31st to a 30-day month"),
    ("2025-03-31", -1, "2025-02-28", "backwards to a shorter month"),
    ("2025-12-15", 1, "2026-01-15", "across a year end"),
    ("2025-11-30", 3, "2026-02-28", "across a year end to February"),
    ("2025-01-15", -1, "2024-12-15", "backwards across a year end"),
    ("2024-02-29", 12, "2025-02-28", "a leap day plus a year"),
    ("2025-06-02", 0, "2025-06-02", "zero months"),
    ("2025-04-01", 12, "2026-04-01", "a reporting year"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), MONTHS, ids=steps(MONTHS))
def test_add_months(start, n, expected, why):
    assert add_months(d(start), n) == d(expected), why


# --- 7. The bank holidays, from the holidays library ------------------------------------------


@pytest.mark.parametrize("subdivision", ["ENG", "WLS", "SCT", "NIR"])
def test_bank_holidays_are_the_librarys_own(subdivision):
    """The one country's module, loaded alone, gives what `holidays.country_holidays` gives."""
    import holidays

    years = range(2015, 2036)
    assert dict(bank_holidays("GB", subdivision, years)) == dict(
        holidays.country_holidays("GB", subdiv=subdivision, years=years)
    )


def test_an_unknown_country_is_refused_as_the_library_refuses_it():
    import holidays

    with pytest.raises(NotImplementedError):
        bank_holidays("XX", "", range(2025, 2026))
    with pytest.raises(NotImplementedError):
        holidays.country_holidays("XX", years=range(2025, 2026))


def test_working_weekdays_other_than_monday_to_friday():
    tuesday_to_saturday = Calendar(
        working_weekdays=("tuesday", "wednesday", "thursday", "friday", "saturday")
    )
    assert tuesday_to_saturday.is_working_day(d("2025-06-07"))  # a Saturday
    assert not tuesday_to_saturday.is_working_day(d("2025-06-09"))  # a Monday
    assert not tuesday_to_saturday.is_working_day(d("2025-12-26"))  # a Friday, but Boxing Day
    assert tuesday_to_saturday.is_working_day(d("2025-12-27"))  # the Saturday after it
    assert tuesday_to_saturday.add(d("2025-06-06"), 2) == d(
        "2025-06-10"
    )  # Friday, Saturday, (Sunday, Monday) Tuesday


def test_a_reporting_year_from_january_is_a_calendar_year_labelled_by_its_year() -> None:
    assert periods.label(date(2026, 3, 31), 1) == "2026"
    assert periods.bounds("2026", 1) == (date(2026, 1, 1), date(2026, 12, 31))
    assert periods.before("2026") == "2025"
    assert periods.last_full_year(date(2026, 11, 23), 1) == "2025"
    assert periods.bounds("2025-26") == (date(2025, 4, 1), date(2026, 3, 31))
    for wrong, start_month in (("2025-26", 1), ("2026", 4), ("2025-27", 4)):
        with pytest.raises(periods.NotAYear, match="labelled like"):
            periods.bounds(wrong, start_month)


def test_a_council_whose_year_starts_in_january_is_checked_scored_and_reported(
    tmp_path: Path,
) -> None:
    repo = scratch(tmp_path / "repo", with_cases=False)
    council = repo / "policy" / "council.yaml"
    council.write_text(
        council.read_text("utf-8").replace("  start_month: 4 ", "  start_month: 1 "), "utf-8"
    )
    for command in (("check", "--no-cache"), ("score",), ("report", "--year", "2025")):
        run = run_cli(*command, "--root", repo, "--as-of", "2026-11-23")
        assert run.code in (0, 1) and "Traceback" not in run.err, (command, run.err)
    run = run_cli("report", "--year", "2025-26", "--root", repo)
    assert run.code == 2
    assert "labelled like 2025" in run.err


@pytest.mark.parametrize(
    ("when", "day"),
    [
        (date(2026, 3, 28), date(2026, 3, 28)),  # a date is its own day
        (datetime.fromisoformat("2026-01-15T23:30:00+00:00"), date(2026, 1, 15)),  # GMT
        (datetime.fromisoformat("2026-06-30T23:30:00+00:00"), date(2026, 7, 1)),  # BST: 00:30
        (datetime.fromisoformat("2026-07-01T00:30:00+02:00"), date(2026, 6, 30)),  # Paris 23:30
        (datetime.fromisoformat("2026-06-30T23:30:00"), date(2026, 6, 30)),  # no offset: local
    ],
)
def test_a_moment_falls_on_the_councils_local_day(
    calendar: Calendar, when: date | datetime, day: date
) -> None:
    assert calendar.local_day(when) == day
