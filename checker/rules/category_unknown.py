"""A case whose service, type or channel the council does not declare.

## What it checks
The case's `service`, `type` and `channel` are each one of the values `policy/council.yaml`
declares under `categories:` (services, types, channels), and, where the council says which
routes a service's complaints take, the case's route is one of them.

## Why it matters
The annual report (HO 8.1, LGSCO 8.1), the open data and the governing body's updates on the
categories of complaints (HO 9.7, LGSCO 9.7) count cases by these values and publish each under
the label the council gave it. A value outside the council's lists would be published as a
category of its own: a misspelling splits a service in two, and free text put in the wrong place
(a name, a street) would reach the public site. A service on the wrong route puts the case under
the wrong Code. The site is not built while any case has one.

## Example
    route: housing
    service: housing-repair      # the council declares housing-repairs
    type: roof                   # not a declared type

## How to fix
Use a value the council declares (the message suggests the nearest). If the case really is about
a new service, type or channel, declare it first in `policy/council.yaml` under `categories:`
with the label the public should read. This cannot be explained away.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import categories
from checker.model.case import ROUTES as ALL_ROUTES
from checker.model.case import Case
from checker.model.findings import Problem, Severity

ID = "category-unknown"
TITLE = "A case's service, type and channel are ones the council declares"
SEVERITY = Severity.ERROR
ROUTES = ALL_ROUTES  # every case, whichever Code it is under
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "HO 9.7", "LGSCO 8.1", "LGSCO 9.7")
POLICY = ()


def check(case: Case) -> Iterator[Problem]:
    for key in categories.KEYS:
        message = categories.unknown(case.council, key, case.data.get(key))
        if message:
            yield Problem(message, case.document, (key,))
    service = case.data.get("service")
    if isinstance(service, str) and service in categories.declared(case.council, "service"):
        message = categories.off_route(case.council, service, case.route)
        if message:
            yield Problem(message, case.document, ("route",))
