"""`complaints new`: open the next case file of a reporting year, and say when each step is due."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from checker.calendar import periods
from checker.calendar.workdays import Calendar
from checker.files import write_new
from checker.model import categories, clocks, deadlines
from checker.schemas import header

PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class Refused(Exception):
    """The case cannot be opened as asked (a value the council does not declare); nothing was
    written."""


@dataclass(frozen=True)
class Opened:
    """The case file written and the deadlines it starts."""

    path: Path
    case_id: str
    received: date
    stage: deadlines.Stage  # stage 1's deadlines under each floor, from the day it counts from


def open_case(
    root: Path,
    council: dict[str, Any],
    policy: dict[str, Any],
    codes: dict[str, dict[str, Any]],
    calendar: Calendar,
    *,
    route: str,
    service: str,
    received: datetime | date,
    case_type: str,
    channel: str,
    today: date | None = None,
    handler: str | None = None,
    attempts: int = 1000,
) -> Opened:
    """Write the next free case id's file for the reporting year the complaint counts in; Refused
    when its service, type or channel is not one the council declares, or the service is not on
    the route, or it was received after `today` (the council's today when not given)."""
    routes = policy["rules"]["routes"]
    if route not in routes:
        raise Refused(f"the policy has no {route} route; use one of: {', '.join(sorted(routes))}")
    _check_categories(council, route, service=service, type=case_type, channel=channel)
    if isinstance(received, datetime) and received.tzinfo is None:
        received = received.replace(tzinfo=calendar.zone)  # an officer's time is council-local
    _check_not_future(received, today or datetime.now(calendar.zone).date(), calendar)
    counts_from = calendar.receipt(received)
    year = periods.label(counts_from, council["reporting_year"]["start_month"])
    folder = root / "cases" / year
    prefix = f"{council['case_prefix']}-{year[:4]}-"
    # the deadlines the new case starts, as the checker will hold it to them
    route_clocks = clocks.of(policy["rules"], codes.get(policy["rules"]["routes"][route]["code"]))
    stage = deadlines.stage(
        {"received": received.isoformat()}, 1, route_clocks, calendar, counts_from
    )
    assert stage is not None  # stage 1 starts the day the complaint counts from
    number = _last_number(folder, prefix)
    for _ in range(attempts):
        number += 1
        case_id = f"{prefix}{number:04d}"
        path = folder / f"{case_id}.yaml"
        text = (
            header(root) + "\n" + _template(case_id, route, service, case_type, channel, received)
        ) + (f"stage1:\n  handler: {handler}\n" if handler else "")  # as `acknowledge --handler`
        try:
            write_new(path, text)
        except FileExistsError:
            continue  # another handler took this id a moment ago: take the next
        return Opened(path, case_id, counts_from, stage)
    raise FileExistsError(f"no free case id in {folder} after {attempts} attempts")


def _check_categories(council: dict[str, Any], route: str, **values: str) -> None:
    for key, value in values.items():
        message = categories.unknown(council, key, value)
        if message:
            raise Refused(f"--{key}: {message}")
    message = categories.off_route(council, values["service"], route)
    if message:
        raise Refused(f"--route: {message}")


def _check_not_future(received: datetime | date, today: date, calendar: Calendar) -> None:
    day = calendar.local_day(received)
    if day > today:
        raise Refused(
            f"--received: {day.isoformat()} is after today ({today.isoformat()}); "
            "a complaint cannot be received in the future: correct the date"
        )


def _last_number(folder: Path, prefix: str) -> int:
    pattern = re.compile(re.escape(prefix) + r"(\d+)\.yaml$")
    numbers = [
        int(m.group(1)) for p in folder.glob(f"{prefix}*.yaml") if (m := pattern.match(p.name))
    ]
    return max(numbers, default=0)


# What the file says of its next step until one is recorded (the step commands then remove it).
GUIDE = """\
# When acknowledging, record the complaint definition (HO 5.6) and what the council is not
# responsible for (HO 5.7), then the acknowledgement under stage1:
# definition: ...
# outcomes_sought: ...
# not_responsible_for: []
# stage1:
#   acknowledged: YYYY-MM-DD
#   handler: a-role-never-a-name
"""


def _template(
    case_id: str, route: str, service: str, case_type: str, channel: str, received: datetime | date
) -> str:
    reference = "P-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(6))
    return f"""\
id: {case_id}
route: {route}
service: {service}
type: {case_type}
channel: {channel}
received: {received.isoformat()}
complainant:
  ref: {reference}                # pseudonymous: never a name, address, email or phone number
discrimination_claimed: false
{GUIDE}"""
