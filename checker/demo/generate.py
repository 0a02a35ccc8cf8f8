"""Example complaint cases: a realistic, deterministic year of a council's complaints, as YAML.

`generate` turns a council, its policy, a reporting year, a count and a seed into case files that
are valid against case.schema.json and meet every timescale except a few deliberate breaches,
each carrying its explanation (comply or explain). Every deadline comes from `checker.calendar.deadlines`
and every working day from the council's `Calendar`; the only source of chance is
`random.Random(seed)`, so the same arguments always give byte-identical files. The YAML is built
by string formatting (no `yaml.dump`), so 100,000 cases take seconds. `write` saves them under
cases/YEAR/ and never overwrites a file.
"""

from __future__ import annotations

import errno
import json
import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path

from checker.calendar import deadlines
from checker.calendar.periods import bounds
from checker.calendar.workdays import Calendar, add_months
from checker.load.validate import validate
from checker.load.yaml import load

SCHEMA_LINE = "# yaml-language-server: $schema=../../checker/schemas/case.schema.json"
FAR = date(9999, 12, 31)  # "as of" for the generator's own clock look-ups: everything has happened
LEAD = "complaints-lead"
BREACH_SHARE = 0.02  # of all cases: each deliberately breaks one rule and explains it

ACKNOWLEDGEMENT_INCLUDES = {
    1: "[definition, outcomes-sought, not-responsible-for, process]",
    2: "[definition, outcomes-sought, not-responsible-for]",
}
RESPONSE_INCLUDES = {
    1: "[stage, definition, decision, reasons, remedy, outstanding-actions, escalation]",
    2: "[stage, definition, decision, reasons, remedy, outstanding-actions, ombudsman]",
}
# The Housing Ombudsman accepts only these exclusions (HO 2.2); the LGSCO names none, so other
# routes use these two or those that fit the service, whenever the policy has them.
HOUSING_EXCLUSIONS = ("late", "previously-considered", "legal-proceedings")
GENERAL_EXCLUSIONS = ("late", "previously-considered")


@dataclass(frozen=True)
class Service:
    """One service: its route, complaint types, handlers and the texts its cases draw on."""

    route: str
    noun: str  # how a sentence names it: "the repairs service"
    types: tuple[str, ...]
    handler: str  # stage 1
    reviewer: str  # stage 2: a different, more senior role
    elsewhere: tuple[str, ...] = ()  # aspects the council is not responsible for
    actions: tuple[str, ...] = ()
    learning: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()  # exclusion codes that fit, besides the general ones


def _service(route: str, noun: str, types: str, handler: str, reviewer: str, **texts) -> Service:
    """A Service from a table row; `types` and `exclusions` are space-separated slugs."""
    return Service(
        route,
        noun,
        tuple(types.split()),
        handler,
        reviewer,
        tuple(texts.get("elsewhere", ())),
        tuple(texts.get("actions", ())),
        tuple(texts.get("learning", ())),
        tuple(texts.get("exclusions", "").split()),
    )


SERVICES = {
    # The council as landlord (the housing route, the Housing Ombudsman's Code).
    "housing-repairs": _service(
        "housing",
        "the repairs service",
        "repairs-delay damp-and-mould repair-quality missed-appointment communication",
        "housing-repairs-manager",
        "head-of-housing",
        elsewhere=[
            "The gas supply, which is the network operator's",
            "Damage to the resident's own belongings, which is for their contents insurance",
        ],
        actions=[
            "Roof repaired",
            "Damp treatment completed and the rooms redecorated",
            "Boiler replaced",
            "Window frame replaced",
            "Floor repair finished and made safe",
        ],
        learning=[
            "Repairs reported three times now get a supervisor's inspection.",
            "Damp and mould reports are now inspected within ten working days.",
            "Contractors now confirm appointments the day before.",
        ],
        exclusions="legal-proceedings",
    ),
    "housing-management": _service(
        "housing",
        "the housing management team",
        "asb-handling communication policy-decision",
        "housing-management-team-leader",
        "head-of-housing",
        elsewhere=[
            "The behaviour of a neighbouring owner-occupier, which is a matter for the police"
        ],
        actions=[
            "Anti-social behaviour case reviewed and an action plan agreed",
            "Home visit arranged with the housing officer",
        ],
        learning=[
            "Anti-social behaviour reports now get a written action plan.",
            "Housing officers now reply to messages within three working days.",
        ],
        exclusions="legal-proceedings",
    ),
    "tenancy-services": _service(
        "housing",
        "the tenancy services team",
        "rent-account-error tenancy-change-delay communication",
        "tenancy-services-manager",
        "head-of-housing",
        elsewhere=[
            "Universal Credit housing costs, which are the Department for Work and Pensions'"
        ],
        actions=["Rent account corrected", "Tenancy change completed"],
        learning=["Rent account adjustments are now checked by a second officer."],
    ),
    "leasehold-services": _service(
        "housing",
        "the leasehold team",
        "service-charge-dispute major-works-consultation communication",
        "leasehold-manager",
        "head-of-housing",
        elsewhere=["Repairs inside the flat, which are the leaseholder's under the lease"],
        actions=["Service charge recalculated", "Major works breakdown sent to the leaseholder"],
        learning=["Service charge estimates now include a breakdown of each cost."],
        exclusions="legal-proceedings",
    ),
    "estate-services": _service(
        "housing",
        "the estate services team",
        "grounds-maintenance communal-cleaning communal-lighting",
        "estate-services-manager",
        "head-of-housing",
        elsewhere=["Street lighting on the public road, which is the county council's"],
        actions=[
            "Communal lighting repaired",
            "Cleaning schedule restored",
            "Overgrown areas cut back",
        ],
        learning=["Estate inspections now record communal lighting faults."],
    ),
    # Everything else (the general route, the LGSCO's Code); housing options is not the landlord.
    "waste-and-recycling": _service(
        "general",
        "the waste and recycling service",
        "missed-collection container-delivery assisted-collection",
        "waste-services-manager",
        "head-of-environmental-services",
        elsewhere=["Trade waste collected by a private contractor"],
        actions=[
            "Assisted collection reinstated",
            "Replacement bin delivered",
            "Crew briefed on the collection point",
        ],
        learning=[
            "Assisted collections are now flagged on the crews' in-cab devices.",
            "Repeated missed collections now trigger a supervisor's check.",
        ],
        exclusions="service-request",
    ),
    "council-tax": _service(
        "general",
        "the council tax team",
        "billing-error enforcement-action discount-decision communication",
        "council-tax-team-leader",
        "head-of-revenues",
        elsewhere=["The property's band, which is set by the Valuation Office Agency"],
        actions=[
            "Council tax account corrected",
            "Enforcement fees removed",
            "Single person discount applied",
        ],
        learning=["Reminder notices are now checked against recent payments before they are sent."],
        exclusions="statutory-appeal legal-proceedings",
    ),
    "planning": _service(
        "general",
        "the planning service",
        "application-handling enforcement-delay communication",
        "planning-team-leader",
        "head-of-planning",
        elsewhere=["Building control on the site, which an approved inspector oversees"],
        actions=["Enforcement site visit carried out", "Application file corrected"],
        learning=["Planning enforcement cases now get an update to the complainant every month."],
        exclusions="statutory-appeal consultation-response",
    ),
    "parking": _service(
        "general",
        "the parking service",
        "permit-administration enforcement-conduct car-park-maintenance",
        "parking-services-manager",
        "head-of-transport-and-parking",
        elsewhere=["Road surface repairs, which are the county council's as highway authority"],
        actions=["Permit issued", "Car park pay machine repaired"],
        learning=["Permit renewals now send a reminder before they expire."],
        exclusions="statutory-appeal",
    ),
    "environmental-health": _service(
        "general",
        "the environmental health team",
        "noise-investigation pest-control communication",
        "environmental-health-manager",
        "head-of-environmental-services",
        elsewhere=["Noise from the railway, which is the network operator's"],
        actions=["Noise monitoring equipment installed", "Pest treatment visit arranged"],
        learning=["Noise cases now get a named officer and a target date."],
        exclusions="service-request",
    ),
    "customer-services": _service(
        "general",
        "the customer services team",
        "call-handling communication",
        "customer-services-team-leader",
        "head-of-customer-services",
        elsewhere=["Services run by the county council, such as libraries"],
        actions=["Call recording reviewed with the team", "Account notes corrected"],
        learning=["Call-backs are now logged and tracked to completion."],
        exclusions="member-conduct personnel",
    ),
    "licensing": _service(
        "general",
        "the licensing team",
        "licence-processing-delay taxi-licensing communication",
        "licensing-team-leader",
        "head-of-regulatory-services",
        elsewhere=["Private hire operators licensed by another council"],
        actions=["Licence issued", "Application fee refunded"],
        learning=[
            "Licence applications now get an acknowledgement with the expected decision date."
        ],
        exclusions="statutory-appeal",
    ),
    "benefits": _service(
        "general",
        "the benefits team",
        "claim-processing-delay overpayment-recovery policy-decision",
        "benefits-team-leader",
        "head-of-revenues",
        elsewhere=["Universal Credit decisions, which are the Department for Work and Pensions'"],
        actions=["Claim assessed and paid", "Overpayment recovery paused"],
        learning=["Claims waiting for evidence are now reviewed every week."],
        exclusions="statutory-appeal",
    ),
    "housing-options": _service(
        "general",
        "the housing options team",
        "homelessness-assessment temporary-accommodation allocations-banding",
        "housing-options-manager",
        "head-of-housing-needs",
        elsewhere=["Lettings decisions of housing associations, which are theirs to make"],
        actions=[
            "Housing register banding reviewed",
            "Temporary accommodation repair chased with the provider",
        ],
        learning=["Temporary accommodation is now inspected before each placement."],
        exclusions="statutory-appeal",
    ),
    "street-cleansing": _service(
        "general",
        "the street cleansing service",
        "fly-tipping-removal street-sweeping litter-bins",
        "street-cleansing-supervisor",
        "head-of-environmental-services",
        elsewhere=["Litter on the railway embankment, which is the network operator's"],
        actions=["Fly-tipping cleared", "Litter bin replaced"],
        learning=["Fly-tipping reports now get a target date for clearance."],
        exclusions="service-request",
    ),
    "leisure": _service(
        "general",
        "the leisure service",
        "facility-booking facility-condition",
        "leisure-contract-manager",
        "head-of-culture-and-leisure",
        elsewhere=["Charges at the privately owned car park next to the centre"],
        actions=["Changing rooms repaired", "Booking fee refunded"],
        learning=["The leisure contractor now reports facility faults to the council every week."],
        exclusions="consultation-response",
    ),
    # Data protection (LGSCO and ICO), and the statutory social care processes outside both Codes.
    "information-governance": _service(
        "data-protection",
        "the information governance team",
        "data-request-handling data-breach record-accuracy",
        "information-governance-officer",
        "data-protection-officer",
        elsewhere=["Records held by the county council, which is a separate data controller"],
        actions=["Records corrected", "Outstanding information sent"],
        learning=["Subject access requests are now tracked on one shared log."],
        exclusions="information-request legal-proceedings",
    ),
    "adult-social-care": _service(
        "statutory",
        "adult social care",
        "care-assessment care-charges",
        "adult-social-care-complaints-manager",
        "head-of-adult-social-care",
    ),
    "childrens-social-care": _service(
        "statutory",
        "children's social care",
        "social-work-practice communication",
        "childrens-social-care-complaints-manager",
        "head-of-childrens-social-care",
    ),
}

# What each complaint type is about, and what the complainant wants: plain, impersonal sentences.
# "{noun}" is the service ("the repairs service").
TYPES = {
    "communication": (
        [
            "Calls and emails to {noun} went unanswered for several weeks.",
            "A promised call back from {noun} never came.",
            "Letters from {noun} gave conflicting information about what would happen next.",
        ],
        [
            "A clear explanation and regular updates.",
            "An apology and answers to the outstanding questions.",
        ],
    ),
    "staff-conduct": (
        [
            "An officer of {noun} was dismissive and rude during a visit.",
            "An officer of {noun} spoke to the complainant disrespectfully on the phone.",
            "An officer of {noun} shared details of the complaint with a neighbour.",
        ],
        [
            "An apology and assurance that the officer's conduct will be addressed.",
            "The officer's behaviour investigated and an apology.",
        ],
    ),
    "policy-decision": (
        [
            "The complainant disagrees with how {noun} applied its policy to their circumstances.",
            "A decision by {noun} did not take account of the complainant's health.",
        ],
        [
            "The decision reconsidered and the reasons explained.",
            "A fresh decision by a different officer.",
        ],
    ),
    "repairs-delay": (
        [
            "A roof leak was reported three times and has not been repaired.",
            "A broken boiler left the home without heating or hot water for over a week.",
            "A repair to the kitchen window has been outstanding for several months.",
        ],
        [
            "The repair completed and an apology.",
            "The repair completed promptly and compensation for the inconvenience.",
        ],
    ),
    "damp-and-mould": (
        [
            "Damp and mould in the bedroom returned after a previous treatment.",
            "Mould in the bathroom was reported but no inspection was arranged.",
        ],
        [
            "A full inspection, the cause of the damp fixed and the mould treated.",
            "The damp resolved and the affected rooms redecorated.",
        ],
    ),
    "repair-quality": (
        [
            "A repair to the bathroom floor was left unfinished and unsafe.",
            "New kitchen units were fitted badly and the doors do not close.",
        ],
        ["The work put right to a proper standard."],
    ),
    "missed-appointment": (
        [
            "Contractors failed to attend two booked repair appointments.",
            "A repair appointment was cancelled without notice after the complainant took time off work.",
        ],
        ["Reliable appointments and compensation for the wasted time."],
    ),
    "asb-handling": (
        [
            "Reports of anti-social behaviour from a neighbouring property were not acted on.",
            "The complainant was not told what action followed their reports of noise and harassment.",
        ],
        ["The reports investigated and a clear action plan agreed."],
    ),
    "rent-account-error": (
        [
            "Rent payments were not credited and arrears letters were sent in error.",
            "The rent account shows charges the complainant does not understand.",
        ],
        ["The rent account corrected and the arrears letters withdrawn."],
    ),
    "tenancy-change-delay": (
        ["A request to add a partner to the tenancy has not been decided after several months."],
        ["A decision on the request and an explanation of the delay."],
    ),
    "service-charge-dispute": (
        ["The service charge includes costs for works the leaseholder says were never done."],
        ["A breakdown of the charges and a refund of any overcharge."],
    ),
    "major-works-consultation": (
        ["Major works began on the block without the consultation the lease requires."],
        ["Proper consultation and a review of the costs charged."],
    ),
    "grounds-maintenance": (
        ["Communal grass and hedges on the estate have not been cut this season."],
        ["The grounds maintained to the published schedule."],
    ),
    "communal-cleaning": (
        ["The communal stairwell has not been cleaned for several weeks."],
        ["The cleaning schedule restored and monitored."],
    ),
    "communal-lighting": (
        ["Lighting in the communal car park has been broken for over a month."],
        ["The lighting repaired and checked regularly."],
    ),
    "missed-collection": (
        [
            "The household recycling has been missed repeatedly despite several reports.",
            "The garden waste bin was missed four times in two months.",
        ],
        ["Reliable collections and the missed waste collected."],
    ),
    "container-delivery": (
        ["A replacement bin was ordered but never delivered."],
        ["The bin delivered and an apology."],
    ),
    "assisted-collection": (
        ["The assisted collection agreed for the household keeps being missed."],
        ["The assisted collection carried out every week as agreed."],
    ),
    "billing-error": (
        [
            "The council tax bill was issued for the wrong period after a move.",
            "Payments were not applied to the account and a reminder was sent.",
        ],
        ["The bill corrected and the reminder withdrawn."],
    ),
    "enforcement-action": (
        ["The account was passed to enforcement agents without a reminder being received."],
        ["The enforcement fees removed and the account returned to the council."],
    ),
    "discount-decision": (
        ["A single person discount was removed without explanation."],
        ["The discount reinstated and backdated."],
    ),
    "application-handling": (
        ["Objections to a neighbouring planning application were not taken into account."],
        ["An explanation of how the objections were considered."],
    ),
    "enforcement-delay": (
        ["A reported breach of planning control has not been investigated after several months."],
        ["The breach investigated and regular updates given."],
    ),
    "permit-administration": (
        ["A residents' parking permit was not renewed although the fee was paid."],
        ["The permit issued and the period without it taken into account."],
    ),
    "enforcement-conduct": (
        ["A civil enforcement officer behaved aggressively when issuing a ticket."],
        ["The officer's conduct addressed and an apology."],
    ),
    "car-park-maintenance": (
        ["The pay machines in a council car park have been out of order for weeks."],
        ["The machines repaired and a refund of the extra charges."],
    ),
    "noise-investigation": (
        ["Reports of noise from a neighbouring business have not been investigated."],
        ["The noise investigated and action taken to stop it."],
    ),
    "pest-control": (
        ["A booked pest control treatment did not take place and was not rearranged."],
        ["The treatment carried out and the fee refunded."],
    ),
    "call-handling": (
        [
            "The complainant was transferred between departments several times without an answer.",
            "The call centre gave wrong advice about how to report a problem.",
        ],
        ["A clear answer and better call handling in future."],
    ),
    "licence-processing-delay": (
        ["A licence application has not been decided within the published timescale."],
        ["A decision on the application and an explanation of the delay."],
    ),
    "taxi-licensing": (
        ["A driver's licence renewal was delayed by lost paperwork."],
        ["The licence renewed and the lost income considered."],
    ),
    "claim-processing-delay": (
        ["A housing benefit claim has not been assessed after several weeks."],
        ["The claim assessed and any arrears paid."],
    ),
    "overpayment-recovery": (
        ["Deductions for a benefit overpayment started without the overpayment being explained."],
        ["An explanation of the overpayment and the deductions paused."],
    ),
    "homelessness-assessment": (
        ["A homelessness application was not assessed within the time the complainant was told."],
        ["The assessment completed and a decision given in writing."],
    ),
    "temporary-accommodation": (
        ["The temporary accommodation provided has damp and a broken heater."],
        ["Suitable accommodation or the repairs done quickly."],
    ),
    "allocations-banding": (
        ["The housing register banding does not reflect the household's medical needs."],
        ["The banding reviewed with the medical evidence."],
    ),
    "fly-tipping-removal": (
        ["Fly-tipped waste in a lane was reported several times and not cleared."],
        ["The waste cleared and the lane kept clean."],
    ),
    "street-sweeping": (
        ["The street has not been swept for months and leaves block the drains."],
        ["Regular sweeping restored."],
    ),
    "litter-bins": (
        ["The litter bins in the park overflow every weekend."],
        ["More frequent emptying or larger bins."],
    ),
    "facility-booking": (
        ["A sports hall booking was cancelled at short notice without a refund."],
        ["A refund and an explanation of the cancellation."],
    ),
    "facility-condition": (
        ["The changing rooms at the leisure centre have been in poor repair for months."],
        ["The changing rooms repaired."],
    ),
    "data-request-handling": (
        [
            "A subject access request was not answered within the legal time limit.",
            "Information sent in response to a subject access request was incomplete.",
        ],
        ["All the information the complainant is entitled to, and an apology."],
    ),
    "data-breach": (
        [
            "A letter containing the complainant's personal information was sent to the wrong household."
        ],
        ["An explanation of how it happened and assurance it will not recur."],
    ),
    "record-accuracy": (
        ["Council records about the complainant are inaccurate and were not corrected when asked."],
        ["The records corrected and confirmation in writing."],
    ),
    "care-assessment": (
        ["A care needs assessment was delayed for several months."],
        ["The assessment completed and an apology."],
    ),
    "care-charges": (
        ["The charges for home care were calculated without the complainant's disability costs."],
        ["The charges recalculated and any overpayment refunded."],
    ),
    "social-work-practice": (
        ["A social worker's report contained information the family says is inaccurate."],
        ["The report corrected and the family's views recorded."],
    ),
}

LEARNING = (
    "Complaint acknowledgements now set out which aspects the council is not responsible for.",
    "Officers were reminded to return calls within one working day.",
    "Response letters now list every outstanding action with a target date.",
)
EXTENSION_REASONS = (
    "Awaiting the contractor's survey",
    "Waiting for information from an external agency",
    "The complaint covers several services and needs input from each",
    "The investigating officer needs to visit the property",
    "Awaiting records from the contractor",
    "Waiting for the complainant's evidence",
)
BREACH_REASONS = {
    "stage1-acknowledgement-late": (
        "The complaint was logged in another team's inbox and found after the deadline",
        "Staff absence in the complaints team over the holiday period",
        "The online form failed to forward the complaint to the service",
    ),
    "stage1-response-late": (
        "Contractor survey delayed by storm damage",
        "The investigating officer was off sick and the case was not reassigned in time",
        "Waiting for records from a partner organisation",
    ),
    "stage2-response-late": (
        "Waiting for legal advice on the remedy",
        "The reviewing officer was on leave and no deputy was assigned",
        "An independent survey took longer than agreed",
    ),
    "extension-ombudsman-details-missing": (
        "The extension letter template omitted the ombudsman's details; the template is now fixed",
        "The extension was agreed by phone and the letter that followed omitted the ombudsman's details",
    ),
}
DISCRETION_REASONS = (
    "The complainant was in hospital for a long period and could not complain sooner",
    "The problem has continued and its full effect only recently became clear",
    "The complainant was first given wrong advice about how to complain",
)
DIRECT_REASONS = (
    "The head of service had already investigated the matter in depth",
    "The complaint concerns a decision of a senior officer and needs a final review at once",
    "The same issue was the subject of an earlier complaint and needs a final response",
)
FINANCIAL = (
    "Payment in recognition of the delay and inconvenience",
    "Payment for the time and trouble of pursuing the complaint",
    "Refund of the charges made in error",
)
RECOMMENDATIONS = (
    "Apologise to the complainant in writing",
    "Pay a sum to remedy the distress caused",
    "Review how reports are tracked and report back to the ombudsman",
    "Remind staff of the complaint handling timescales",
)
NEEDS = ("large print", "easy read", "phone calls only", "BSL interpreter", "extra time to respond")
REF_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
FAULT = ("fault", "service-failure", "maladministration")


class Weighted:
    """Values with relative weights, drawn with one call (cumulative weights computed once)."""

    def __init__(self, *pairs: tuple[object, int]):
        self.values = [value for value, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random):
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


ROUTES = Weighted(("housing", 40), ("general", 55), ("data-protection", 4), ("statutory", 1))
CHANNELS = Weighted(
    ("webform", 45),
    ("email", 25),
    ("phone", 15),
    ("letter", 5),
    ("in-person", 3),
    ("councillor", 4),
    ("mp", 1),
    ("social-media", 1),
    ("ombudsman-referral", 1),
)
# The share of each channel's complaints that arrive outside working hours (about 10% overall).
OUT_OF_HOURS = {
    "webform": 0.14,
    "email": 0.14,
    "social-media": 0.3,
    "councillor": 0.1,
    "mp": 0.05,
    "ombudsman-referral": 0.05,
}
REPRESENTATIVES = Weighted(
    ("advocate", 30),
    ("family", 40),
    ("friend", 18),
    ("councillor", 8),
    ("mp", 4),
)
BREACHES = Weighted(
    ("stage1-acknowledgement-late", 30),
    ("stage1-response-late", 35),
    ("stage2-response-late", 15),
    ("extension-ombudsman-details-missing", 20),
)
DIRECT_BREACHES = Weighted(
    ("stage2-response-late", 15), ("extension-ombudsman-details-missing", 20)
)
# Working days from the day a stage starts to its acknowledgement (at most the 5 allowed), and
# from the acknowledgement to the response (capped at the deadline); the share of stages extended.
ACKNOWLEDGED = Weighted((0, 8), (1, 30), (2, 30), (3, 20), (4, 8), (5, 4))
ACKNOWLEDGED_2 = Weighted((0, 10), (1, 30), (2, 28), (3, 18), (4, 9), (5, 5))
RESPONDED = {
    1: Weighted(*zip(range(1, 11), (2, 4, 10, 12, 14, 14, 13, 12, 10, 9))),
    2: Weighted(*zip(range(5, 21), (1, 1, 2, 3, 4, 5, 7, 8, 9, 10, 10, 10, 9, 8, 7, 6))),
}
EXTENDED = {1: 0.08, 2: 0.10}
DECISIONS = Weighted(("upheld", 30), ("partly-upheld", 25), ("not-upheld", 45))
STAGE2_DECISIONS = Weighted(("upheld", 20), ("partly-upheld", 30), ("not-upheld", 50))
OUTCOMES = {
    "housing-ombudsman": Weighted(
        ("not-investigated", 30),
        ("no-fault", 25),
        ("service-failure", 25),
        ("maladministration", 20),
    ),
    "lgsco": Weighted(("not-investigated", 40), ("no-fault", 30), ("fault", 30)),
    "ico": Weighted(("not-investigated", 40), ("no-fault", 40), ("fault", 20)),
}


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 '.,()/-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
_quoted: dict[tuple[str, bool], str] = {}


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when no YAML reader could misread it, else double-quoted."""
    key = (text, flow)
    if key not in _quoted:
        plain = (
            _PLAIN.match(text) is not None
            and text.lower() not in _RESERVED
            and not text.endswith(" ")
            and not (flow and "," in text)  # a comma ends a plain scalar inside [...] or {...}
        )
        _quoted[key] = text if plain else json.dumps(text, ensure_ascii=False)
    return _quoted[key]


class _Year:
    """What every case of one run shares: the calendar, the year's days, the policy's rules."""

    def __init__(self, council: dict, policy: dict, year: str, seed: int):
        self.rng = random.Random(seed)
        self.calendar = Calendar.from_council(council)
        self.timescales = policy["rules"]["timescales"]
        self.routes = policy["rules"]["routes"]
        self.exclusions = [e["code"] for e in policy["rules"].get("exclusions", [])]
        self.start, self.end = bounds(year, council["reporting_year"]["start_month"])
        self.limit = add_months(self.end, 7)  # every step done by then: 31 October for April years
        self.prefix = f"{council['case_prefix']}-{year[:4]}"
        days = [self.start + timedelta(n) for n in range((self.end - self.start).days + 1)]
        self.working = [d for d in days if self.calendar.is_working_day(d)]
        self.weekend = [d for d in days if d.weekday() >= 5]
        self.holidays = [d for d in days if d.weekday() < 5 and not self.calendar.is_working_day(d)]
        self.services = {
            route: [name for name, s in SERVICES.items() if s.route == route]
            for route in ROUTES.values
        }
        self.texts = {
            (name, kind): tuple(
                [text.format(noun=s.noun) for text in texts] for texts in TYPES[kind]
            )
            for name, s in SERVICES.items()
            for kind in (*s.types, "staff-conduct")
        }
        self._offsets: dict[date, str] = {}

    def stamp(self, day: date, clock: time) -> str:
        """A local date and time with the council's UTC offset that day (+01:00 in summer time)."""
        if day not in self._offsets:  # clocks change at 01:00-02:00; no complaint is stamped then
            offset = datetime.combine(day, time(12), self.calendar.zone).utcoffset()
            minutes = int(offset.total_seconds() // 60)
            sign = "+" if minutes >= 0 else "-"
            self._offsets[day] = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        return f"{day.isoformat()}T{clock.hour:02d}:{clock.minute:02d}:00{self._offsets[day]}"

    def arrival(self, channel: str) -> tuple[date, time]:
        """When a complaint arrives: mostly in working hours; by some channels also in the evening,
        early morning, at weekends and on bank holidays; always counting within the year."""
        rng = self.rng
        while True:
            if rng.random() < OUT_OF_HOURS.get(channel, 0.0):
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


def generate(
    council: dict, policy: dict, year: str, count: int, seed: int
) -> list[tuple[str, str]]:
    """`count` example cases received in reporting year `year`: (file name, YAML text), in id order."""
    width = max(4, len(str(count)))
    if width > 6:
        raise ValueError("the id format (PREFIX-YEAR-NUMBER) holds at most 999,999 cases a year")
    y = _Year(council, policy, year, seed)
    arrivals = []
    for _ in range(count):
        channel = CHANNELS.pick(y.rng)
        arrivals.append((*y.arrival(channel), channel))
    arrivals.sort(key=lambda arrival: arrival[:2])  # numbered in order of receipt
    refs: set[str] = set()
    files = []
    for number, (day, clock, channel) in enumerate(arrivals, 1):
        case_id = f"{y.prefix}-{number:0{width}d}"
        while (ref := "P-" + "".join(y.rng.choices(REF_CHARACTERS, k=6))) in refs:
            pass
        refs.add(ref)
        files.append((f"{case_id}.yaml", _Case(y, case_id, ref, day, clock, channel).text()))
    return files


class _Case:
    """One complaint: its story decided step by step on checker.calendar.deadlines' clocks, then written."""

    def __init__(self, y: _Year, case_id: str, ref: str, day: date, clock: time, channel: str):
        self.y, self.rng, self.cal = y, y.rng, y.calendar
        self.id, self.ref, self.channel, self.day = case_id, ref, channel, day
        self.received = y.stamp(day, clock)
        self.record: dict = {
            "received": self.received
        }  # the dates checker.calendar.deadlines reads
        self.start = deadlines.received(self.record, self.cal)
        self.route = ROUTES.pick(self.rng)
        self.service = self.rng.choice(y.services[self.route])
        self.s = SERVICES[self.service]
        staff = self.route != "statutory" and self.rng.random() < 0.05
        self.type = "staff-conduct" if staff else self.rng.choice(self.s.types)
        definitions, outcomes = y.texts[(self.service, self.type)]
        self.definition, self.outcomes = self.rng.choice(definitions), self.rng.choice(outcomes)

    # --- the stages ---------------------------------------------------------------------------

    def clock(self, number: int) -> deadlines.Stage:
        return deadlines.stage(self.record, number, self.y.timescales, self.cal, FAR)

    def stage1(self, breach: str | None, statutory: bool = False) -> dict:
        record: dict = {}
        self.record["stage1"] = record
        due = self.clock(1).acknowledgement.due
        if breach == "stage1-acknowledgement-late":
            ack = self.cal.add(due, self.rng.randint(1, 2))
        else:
            days = self.rng.randint(0, 3) if statutory else ACKNOWLEDGED.pick(self.rng)
            ack = min(self.cal.add(self.start, days), due)
        record["acknowledged"] = ack.isoformat()
        stage = {"acknowledged": ack, "handler": self.s.handler}
        if statutory:
            responded = self.cal.add(ack, self.rng.randint(3, 10))
            return stage | {
                "responded": min(responded, self.clock(1).response.due),
                "decision": DECISIONS.pick(self.rng),
            }
        return self._respond(1, record, stage, breach, ack)

    def stage2(self, breach: str | None, after: date | None) -> dict:
        """Stage 2: requested 1..40 days after the stage 1 response, or direct when `after` is None."""
        rng = self.rng
        record: dict = {}
        stage: dict = {"handler": self.s.reviewer}
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
        unextended = self.clock(number).response_due_unextended
        most = min(self.y.timescales[f"stage{number}_extension"]["working_days"], 10 * number)
        without_details = breach == "extension-ombudsman-details-missing"
        if without_details or rng.random() < EXTENDED[number]:
            window = cal.elapsed(
                ack, unextended
            )  # agreed after the acknowledgement, by the deadline
            agreed = cal.add(ack, rng.randint(max(1, window - 4), window))
            days = rng.randint(1, most)
            record["extension"] = {"agreed": agreed.isoformat(), "days": days}
            reason = rng.choice(EXTENSION_REASONS)
            stage["extension"] = (agreed, days, reason, not without_details)
            due = self.clock(number).response.due
            responded = cal.add(unextended, rng.randint(1, days))
        else:
            due = unextended
            responded = min(cal.add(ack, RESPONDED[number].pick(rng)), due)
        if breach == f"stage{number}-response-late":
            responded = cal.add(due, rng.randint(1, 5))
            agreed = max(cal.add(due, -rng.randint(0, 2)), cal.add(ack, 1))
            stage["update_intervals"] = (agreed, 5)  # HO 5.9: agreed once the delay was known
        decision = (DECISIONS if number == 1 else STAGE2_DECISIONS).pick(rng)
        return stage | {
            "responded": responded,
            "decision": decision,
            "remedies": self._remedies(decision, responded),
            "actions": self._actions(decision, responded),
        }

    def _later(self, after: date, low: int, high: int) -> date:
        """A day `low`..`high` days after `after`, but never past the last step date."""
        return min(after + timedelta(self.rng.randint(low, high)), self.y.limit)

    def _between(self, first: date, last: date) -> date:
        return first + timedelta(self.rng.randint(0, max(0, (last - first).days)))

    def _done(self, after: date, low: int, high: int) -> tuple[date, date]:
        """A target date after `after`, and a completion date after `after`, on or before it."""
        due = self._later(after, low, high)
        return due, self._between(min(after + timedelta(1), due), due)

    def _remedies(self, decision: str, responded: date) -> list[str]:
        if decision == "not-upheld":
            return []
        rng, remedies = self.rng, []
        if rng.random() < 0.85:
            remedies.append("{kind: apology}")
        if rng.random() < 0.3:
            by, done = self._done(responded, 10, 28)
            what = scalar(rng.choice(FINANCIAL), flow=True)
            amount = rng.randint(2, 20) * 25
            remedies.append(
                f"{{kind: financial, amount: {amount}, what: {what}, by: {by}, done: {done}}}"
            )
        if rng.random() < 0.25:
            by, done = self._done(responded, 14, 60)
            what = scalar(rng.choice(self.s.actions), flow=True)
            remedies.append(f"{{kind: action, what: {what}, by: {by}, done: {done}}}")
        return remedies or ["{kind: acknowledgement}"]

    def _actions(self, decision: str, responded: date) -> list[str]:
        rng = self.rng
        if rng.random() >= (0.1 if decision == "not-upheld" else 0.4):
            return []
        actions = []
        for what in rng.sample(self.s.actions, min(len(self.s.actions), rng.choice((1, 1, 2)))):
            due, done = self._done(responded, 7, 45)
            actions.append(f"{{what: {scalar(what, flow=True)}, due: {due}, done: {done}}}")
        return actions

    # --- the whole case -----------------------------------------------------------------------

    def text(self) -> str:
        """The case file: the story decided in order, then written in the DESIGN.md key order."""
        if self.route == "statutory":
            return self._statutory()
        rng, cal = self.rng, self.cal
        excluded = rng.random() < 0.05
        direct = not excluded and rng.random() < 0.01
        breach = None
        if not excluded and rng.random() < BREACH_SHARE / 0.95:  # 95% of cases are accepted
            breach = (DIRECT_BREACHES if direct else BREACHES).pick(rng)
        exclusion = issue = stage1 = stage2 = None
        if excluded:
            reason = self._exclusion_reason()
            decided = cal.add(self.start, rng.randint(1, 4))
            exclusion = (reason, decided, cal.add(decided, rng.randint(0, 1)))
            if reason == "late":
                issue = (add_months(self.day, -12) - timedelta(rng.randint(15, 700)), None)
            first, last = decided, exclusion[2]
        else:
            if rng.random() < 0.02:  # older than the time limit, accepted with discretion
                occurred = add_months(self.day, -12) - timedelta(rng.randint(10, 400))
                issue = (occurred, rng.choice(DISCRETION_REASONS))
            elif rng.random() < 0.3:
                issue = (self.day - timedelta(rng.randint(0, 300)), None)
            if direct:
                self.record["direct_to_stage2"] = {"date": self.start.isoformat()}
                stage2 = self.stage2(breach, None)
            else:
                stage1 = self.stage1(None if breach == "stage2-response-late" else breach)
                if breach == "stage2-response-late" or rng.random() < 0.15:
                    late = breach if breach == "stage2-response-late" else None
                    stage2 = self.stage2(late, stage1["responded"])
            first, last = (stage1 or stage2)["acknowledged"], (stage2 or stage1)["responded"]

        lines = self._header()
        if issue:
            lines.append(self._issue(*issue))
        lines.extend(self._complainant(first, last))
        discrimination = rng.random() < 0.03
        lines.append(f"discrimination_claimed: {_bool(discrimination)}")
        if discrimination:
            involved = min(cal.add(self.start, rng.randint(1, 3)), last)
            lines.append(f"equalities_officer_involved: {involved}")
        if self.type == "staff-conduct":
            lines.append("about_staff_behaviour: {investigator_senior: true}")
        lines.extend(self._definition())
        if exclusion:
            reason, decided, explained = exclusion
            lines.append(
                f"exclusion: {{reason: {reason}, decided: {decided}, explained: {explained}, "
                "ombudsman_right_given: true}"
            )
        if direct:
            reason = scalar(rng.choice(DIRECT_REASONS), True)
            lines.append(
                f"direct_to_stage2: {{reason: {reason}, agreed_by: head-of-service, "
                f"date: {self.start}}}"
            )
        for number, stage in ((1, stage1), (2, stage2)):
            if stage:
                lines.extend(self._stage(number, stage))
        if self.channel == "ombudsman-referral" and rng.random() < 0.5:
            # referred to the council by the ombudsman as premature (policy 7): it arrived that day
            lines.append(
                f"ombudsman: {{body: {self._body()}, referred: {self.day}, "
                f"decided: {self.day}, outcome: premature}}"
            )
        elif stage2 and rng.random() < 0.2:
            lines.extend(self._ombudsman(stage2["responded"]))
        final = (stage2 or stage1 or {}).get("decision")
        if final in ("upheld", "partly-upheld") and rng.random() < 1 / 3:
            text = scalar(rng.choice(self.s.learning + LEARNING), True)
            lines.append(f"learning: {{text: {text}, publishable: {_bool(rng.random() < 2 / 3)}}}")
        if breach:
            lines.extend(self._explanation(breach, stage1, stage2))
        return "\n".join(lines) + "\n"

    def _statutory(self) -> str:
        """A statutory social care complaint: outside both Codes, so only its outline is kept."""
        stage1 = self.stage1(None, statutory=True)
        lines = self._header()
        lines += [f"complainant:\n  ref: {self.ref}", "discrimination_claimed: false"]
        lines += self._definition()
        lines += [
            "stage1:",
            f"  acknowledged: {stage1['acknowledged']}",
            f"  responded: {stage1['responded']}",
            f"  decision: {stage1['decision']}",
        ]
        return "\n".join(lines) + "\n"

    def _header(self) -> list[str]:
        return [
            SCHEMA_LINE,
            f"id: {self.id}",
            f"route: {self.route}",
            f"service: {self.service}",
            f"type: {self.type}",
            f"channel: {self.channel}",
            f"received: {self.received}",
        ]

    def _definition(self) -> list[str]:
        if self.s.elsewhere and self.rng.random() < 0.1:
            elsewhere = f"[{scalar(self.rng.choice(self.s.elsewhere), True)}]"
        else:
            elsewhere = "[]"
        return [
            f"definition: {scalar(self.definition)}",
            f"outcomes_sought: {scalar(self.outcomes)}",
            f"not_responsible_for: {elsewhere}",
        ]

    def _exclusion_reason(self) -> str:
        codes = set(self.y.exclusions)
        if self.route == "housing":
            fitting = HOUSING_EXCLUSIONS
        else:
            fitting = (*GENERAL_EXCLUSIONS, *self.s.exclusions)
        return self.rng.choice([c for c in fitting if c in codes] or self.y.exclusions)

    def _issue(self, occurred: date, discretion: str | None) -> str:
        if discretion is None:
            return f"issue: {{occurred: {occurred}}}"
        return (
            f"issue:\n  occurred: {occurred}\n  discretion: {{reason: {scalar(discretion, True)}, "
            f"agreed_by: {LEAD}, date: {self.start}}}"
        )

    def _complainant(self, first: date, last: date) -> list[str]:
        """The complainant block; adjustments agreed by the first step, reviewed while open."""
        rng, cal = self.rng, self.cal
        lines = ["complainant:", f"  ref: {self.ref}"]
        kind = None
        if self.channel in ("councillor", "mp") and rng.random() < 0.6:
            kind = self.channel
        elif rng.random() < 0.052:
            kind = REPRESENTATIVES.pick(rng)
        if kind:
            consent = self.day + timedelta(rng.randint(0, 7))
            lines.append(
                f"  representative: {{kind: {kind}, consent: written, consent_date: {consent}, "
                f"personal_matter: {_bool(rng.random() < 0.5)}}}"
            )
        if rng.random() < 0.04:
            lines.append("  disability_disclosed: true")
            if rng.random() < 0.85:
                lines.append("  adjustments:")
                for need in rng.sample(NEEDS, rng.choice((1, 1, 1, 2))):
                    agreed = min(cal.add(self.start, rng.randint(0, 2)), first)
                    interval = timedelta(rng.randint(14, 90))
                    review = agreed + interval
                    reviewed, when = [], review
                    while when <= last and len(reviewed) < 3:  # due on or before the close
                        when = self._between(when, min(when + timedelta(5), last))
                        reviewed.append(when.isoformat())
                        when += interval
                    tail = f", reviewed: [{', '.join(reviewed)}]" if reviewed else ""
                    lines.append(
                        f"    - {{need: {scalar(need, True)}, agreed: {agreed}, "
                        f"next_review: {review}{tail}}}"
                    )
        return lines

    def _stage(self, number: int, stage: dict) -> list[str]:
        lines = [f"stage{number}:"]
        if "requested" in stage:
            lines.append(f"  requested: {stage['requested']}")
        lines.append(f"  acknowledged: {stage['acknowledged']}")
        lines.append(f"  acknowledgement_includes: {ACKNOWLEDGEMENT_INCLUDES[number]}")
        lines.append(f"  handler: {stage['handler']}")
        if "extension" in stage:
            agreed, days, reason, given = stage["extension"]
            reason = scalar(reason, True)
            lines.append(
                f"  extension: {{agreed: {agreed}, days: {days}, reason: {reason}, "
                f"ombudsman_details_given: {_bool(given)}}}"
            )
        if "update_intervals" in stage:
            agreed, every = stage["update_intervals"]
            lines.append(f"  update_intervals: {{agreed: {agreed}, every_working_days: {every}}}")
        lines.append(f"  responded: {stage['responded']}")
        lines.append(f"  decision: {stage['decision']}")
        lines.append(f"  response_includes: {RESPONSE_INCLUDES[number]}")
        if number == 2 and self.route in self.y.routes:
            bodies = sorted(self.y.routes[self.route]["escalates_to"])
            lines.append(f"  signposted_to: [{', '.join(bodies)}]")
        for key in ("remedies", "actions"):
            items = stage[key]
            if len(items) == 1 and len(items[0]) < 60:
                lines.append(f"  {key}: [{items[0]}]")
            elif items:
                lines.append(f"  {key}:")
                lines.extend(f"    - {item}" for item in items)
        return lines

    def _body(self) -> str:
        """The ombudsman (or the ICO) the route escalates to, as the policy's routes say."""
        return self.rng.choice(self.y.routes[self.route]["escalates_to"])

    def _ombudsman(self, responded: date) -> list[str]:
        """A referral after the final response, decided (and any recommendation done) in time."""
        rng, room = self.rng, (self.y.limit - responded).days
        if room < 40:
            return []
        body = self._body()
        referred = responded + timedelta(rng.randint(7, min(120, room - 30)))
        decided = self._later(referred, 20, 150)
        outcome = OUTCOMES[body].pick(rng)
        lines = [
            "ombudsman:",
            f"  body: {body}",
            f"  referred: {referred}",
            f"  decided: {decided}",
            f"  outcome: {outcome}",
        ]
        if outcome in FAULT:
            lines.append("  recommendations:")
            for what in rng.sample(RECOMMENDATIONS, rng.choice((1, 2))):
                due, done = self._done(decided, 10, 60)
                lines.append(f"    - {{what: {scalar(what, True)}, due: {due}, done: {done}}}")
        return lines

    def _explanation(self, rule: str, stage1: dict | None, stage2: dict | None) -> list[str]:
        """The comply-or-explain record of the case's one deliberate breach, dated after it."""
        if rule == "stage1-acknowledgement-late":
            breached = stage1["acknowledged"]
        elif rule == "stage1-response-late":
            breached = stage1["responded"]
        elif rule == "stage2-response-late":
            breached = stage2["responded"]
        else:  # the extension notice, reviewed once the stage it extended was answered
            extended = (
                stage1 if stage1 and not stage1.get("extension", (0, 0, 0, True))[3] else stage2
            )
            breached = extended["responded"]
        reason = scalar(self.rng.choice(BREACH_REASONS[rule]), True)
        reviewed = self._later(breached, 1, 14)
        return [
            "explanations:",
            f"  - {{rule: {rule}, reason: {reason}, reviewed_by: {LEAD}, date: {reviewed}}}",
        ]


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _data(path: Path, shown_as: str, kind: str) -> dict:
    """A policy file's data, or ValueError naming the file and what is wrong with it."""
    document, problems = load(path, shown_as)
    if document is not None:
        problems = validate(document, kind)
    if problems:
        raise ValueError(f"{problems[0].location}: {problems[0].message}")
    return document.data


def write(root: Path, year: str, count: int, seed: int) -> list[Path]:
    """Write `count` example cases to ROOT/cases/YEAR/; refuse if any of their files exists."""
    council = _data(root / "policy" / "council.yaml", "policy/council.yaml", "council")
    policy = _data(root / "policy" / "policy.yaml", "policy/policy.yaml", "policy")
    files = generate(council, policy, year, count, seed)
    folder = root / "cases" / year
    paths = [folder / name for name, _ in files]
    if folder.exists():
        for path in paths:
            if path.exists() or path.is_symlink():
                message = "a case file is already there; nothing was written"
                raise FileExistsError(errno.EEXIST, message, str(path))
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for path, (_, text) in zip(paths, files):
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(path)
    except FileExistsError:  # created by someone else meanwhile: take back what this call wrote
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
