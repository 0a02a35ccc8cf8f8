"""A response later than the Code's timescale without the complainant kept informed.

## What it checks
Where a stage's response came after the Code's deadline for it, or is still not sent once that
deadline has passed (the deadline `checker.model.deadlines` gives the Code's floor, a valid
extension included: the one `stage1-response-late` and `stage2-response-late` hold it to), the
stage records `update_intervals`: the day the complainant was told of the delay and the interval
agreed (`agreed`, on or before the response), and how often they would be updated
(`every_working_days`). Where intervals are agreed, `updates` lists the day of each update, and
no gap is longer than the interval agreed, read as the Codes' deadlines are read (`agreed` is
day 0):
- the first update is due within N working days of `agreed` (on or before its Nth working day
  after);
- each next one within N working days of the update before it (of the last one sent in time);
- none is due once the response is sent on or before the day the next update is due; while the
  stage is open, updates are due until the date checked (or the day the complaint was withdrawn).

With `agreed` on Monday 2025-06-16 and 5 working days, the first update is due by Monday
2025-06-23; a response on 2025-06-23 needs none, one on 2025-06-24 needs an update by then. An
update on Friday 2025-06-20 moves the next one to Friday 2025-06-27.

The policy's own stricter timescale does not trigger this rule: both Codes speak of their own
timescales.

## Why it matters
HO 5.9: "Where a response to a complaint will fall outside the timescales set out in this Code,
the landlord must agree with the resident suitable intervals for keeping them informed about
their complaint." LGSCO 5.5 asks the organisation to tell the individual when they will get the
response and why it is delayed (the checker's summary of the Code's words): `agreed` is the day
they were told, by the letter or call that says when and why, and the updates agreed keep that
promise. A complainant who hears nothing cannot tell a delayed complaint from a forgotten one.

## Example
    stage1:
      acknowledged: 2025-06-04
      responded: 2025-06-25      # the Code's deadline was 2025-06-18; no update_intervals

    stage1:
      update_intervals: {agreed: 2025-06-16, every_working_days: 5}
      responded: 2025-07-01      # updates due by 2025-06-23 and then every 5 working days
      updates: [2025-06-20]      # the next was due by 2025-06-27

## How to fix
Record the day the complainant was told and the interval agreed under `update_intervals`, and
each update under `updates`. If they were not kept informed, explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.model.case import UNDER_A_CODE, Case
from checker.model.deadlines import Due
from checker.model.findings import Problem, Severity
from checker.rules._timescales import describe, where

ID = "delay-updates-missing"
TITLE = "Complainants are kept informed when a response is late"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 5.9", "LGSCO 5.5")
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    withdrawn = case.happened(case.data.get("withdrawn"))
    for number, stage in case.stages.items():
        code = stage.response.due_by(False)  # the Code's deadline (None where it sets none)
        if code is None:
            continue
        done = stage.response.done
        end = done or min(case.as_of, withdrawn or case.as_of)
        late = code in stage.response.missed() if done else end > code.day
        if not late:
            continue
        record = case.record(number)
        intervals = record.get("update_intervals")
        agreed = case.happened(intervals["agreed"]) if intervals else None
        if agreed is None or agreed > end:
            yield _not_agreed(case, number, code, done, agreed)
        else:
            yield from _gaps(case, number, record, agreed, end)


def _not_agreed(
    case: Case, number: int, code: Due, done: date | None, agreed: date | None
) -> Problem:
    deadline = f"the Code's deadline {code.day.isoformat()} ({describe(code, number)})"
    if done:
        text = f"stage {number} responded {done.isoformat()}, after {deadline}"
    else:
        text = f"stage {number}'s response is not sent and {deadline} has passed"
    if agreed is not None:
        text += f", and update_intervals were agreed only after it ({agreed.isoformat()})"
    else:
        text += ", and no update_intervals are recorded"
    path, key = where(case, number)
    return Problem(
        f"{text}; record the day the complainant was told of the delay (when they would get "
        "the response and why) and how often they would be updated: update_intervals: "
        "{agreed: DATE, every_working_days: N}",
        case.document,
        (f"stage{number}", "responded") if done else path,
        key=not done and key,
        stage=number,
    )


def _gaps(case: Case, number: int, record: dict, agreed: date, end: date) -> Iterator[Problem]:
    """The first update that was due and not sent, from `agreed` until `end`."""
    every = record["update_intervals"]["every_working_days"]
    updates = sorted(d for d in map(case.happened, record.get("updates", [])) if d)
    last = agreed
    while True:
        due = case.calendar.add(last, every)
        if end <= due:
            return
        sent = [u for u in updates if last < u <= due]
        if not sent:
            since = "agreed" if last == agreed else "the update"
            yield Problem(
                f"stage {number}: an update was due by {due.isoformat()} ({every} working days "
                f"after {since} on {last.isoformat()}) and none is recorded under updates; "
                "record each update sent, or explain the missed one",
                case.document,
                (f"stage{number}", "updates" if "updates" in record else "update_intervals"),
                stage=number,
            )
            return
        last = sent[-1]
