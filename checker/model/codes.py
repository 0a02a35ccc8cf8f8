"""The Complaint Handling Codes as data: provisions by number, and how rules cite them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from checker.model.findings import Severity
from checker.schemas import enum, schema


@dataclass(frozen=True)
class Body:
    """A body a complaint can be taken to after the council's process: how pages and reports name
    it, and where a resident finds it."""

    name: str
    short: str  # as a citation names a Code's provision: "HO 6.3"
    label: str  # as the report's tables name it
    url: str


BODIES = {
    "housing-ombudsman": Body(
        "Housing Ombudsman", "HO", "Housing Ombudsman", "https://www.housing-ombudsman.org.uk/"
    ),
    "lgsco": Body(
        "Local Government and Social Care Ombudsman", "LGSCO", "LGSCO", "https://www.lgo.org.uk/"
    ),
    "ico": Body(
        "Information Commissioner's Office", "ICO", "ICO", "https://ico.org.uk/make-a-complaint/"
    ),
}
CODES = enum("code", "code")  # the bodies whose Complaint Handling Code a route follows
# How the report names each ombudsman decision (the case schema lists each body's own categories).
OUTCOME_LABELS = {
    "pending": "Not yet decided",
    "premature": "Premature: referred back to the council",
    "not-investigated": "Not investigated",
    "outside-jurisdiction": "Outside jurisdiction",
    "withdrawn": "Withdrawn",
    "severe-maladministration": "Severe maladministration",
    "maladministration": "Maladministration",
    "service-failure": "Service failure",
    "reasonable-redress": "Reasonable redress",
    "no-maladministration": "No maladministration",
    "fault": "Fault found (upheld)",
    "fault-remedied": "Fault the council had already remedied (upheld)",
    "no-fault": "No fault found (not upheld)",
}
# Not a decision on the complaint's merits: what the Housing Ombudsman's themes leave out.
UNDECIDED = ("pending", "premature", "not-investigated", "outside-jurisdiction", "withdrawn")


def outcomes(body: str) -> tuple[str, ...]:
    """A body's decisions in its own categories and order, as the case schema lists them (its
    `allOf` on the ombudsman's body), or every outcome where it lists none for the body."""
    node = schema("case")["properties"]["ombudsman"]
    for clause in node.get("allOf", []):
        named = clause["if"]["properties"]["body"]
        if body == named.get("const") or body in named.get("enum", ()):
            ref = clause["then"]["properties"]["outcome"]["$ref"].rsplit("/", 1)[-1]
            return tuple(schema("case")["$defs"][ref]["enum"])
    return tuple(node["properties"]["outcome"]["enum"])


SHORT = {code: BODIES[code].short for code in CODES}  # how a rule cites a Code's provisions
BY_SHORT = {short: code for code, short in SHORT.items()}


@dataclass(frozen=True)
class Provision:
    """One provision of a Code, with the YAML path that locates it."""

    code: str
    number: str
    data: dict
    path: tuple

    @property
    def assessed(self) -> bool:
        return self.data.get("assessed", True)

    @property
    def verified(self) -> bool:
        return self.data.get("verified", True)


def provisions(code: dict) -> list[Provision]:
    """Every provision of a Code, in order."""
    return [
        Provision(code["code"], provision["number"], provision, ("sections", s, "provisions", p))
        for s, section in enumerate(code["sections"])
        for p, provision in enumerate(section["provisions"])
    ]


def parse_citation(citation: str) -> tuple[str, str]:
    """'HO 6.2' -> ('housing-ombudsman', '6.2')."""
    short, _, number = citation.partition(" ")
    return BY_SHORT[short], number


def governing(policy: dict) -> set[str]:
    """The Codes that govern one of the policy's routes."""
    return {
        route["code"] for route in policy["rules"]["routes"].values() if route["code"] != "none"
    }


def cite(code: str, numbers: Iterable[str]) -> tuple[str, ...]:
    """('housing-ombudsman', ['6.3']) -> ('HO 6.3',)."""
    return tuple(f"{SHORT[code]} {number}" for number in numbers)


def counterpart(code: dict, ho_number: str) -> tuple[str, ...]:
    """The provision of a Code that says what the Housing Ombudsman's Code says in `ho_number`:
    that number in the HO's own Code, else each provision that `corresponds_to` it (as cited,
    "LGSCO 6.11"); none where the Code has no counterpart."""
    if code["code"] == "housing-ombudsman":
        numbers = [p.number for p in provisions(code) if p.number == ho_number]
    else:
        numbers = [
            p.number for p in provisions(code) if ho_number in p.data.get("corresponds_to", ())
        ]
    return cite(code["code"], numbers)


# How strongly a Code asks for what a provision says, as a finding's severity: a "must" (or a
# prohibition) fails a check, a "should" (or an expectation) warns, a "may" is a note.
FORCE = {
    "must": Severity.ERROR,
    "prohibition": Severity.ERROR,
    "should": Severity.WARNING,
    "expectation": Severity.WARNING,
    "may": Severity.INFO,
    "none": Severity.INFO,
}
_DUTIES: dict[int, tuple[dict, dict[str, Severity]]] = {}


def force(citations: Iterable[str], codes: Mapping[str, dict]) -> Severity | None:
    """The strongest force among cited provisions of the Codes held ("HO 6.3"); a provision not
    yet verified against its Code's text is at most a warning. None where none is held."""
    found = None
    for citation in citations:
        short, _, number = citation.partition(" ")
        code = codes.get(BY_SHORT.get(short, ""))
        if code is None:
            continue
        strength = _duties(code).get(number)
        if strength is not None and (found is None or strength > found):
            found = strength
    return found


def _duties(code: dict) -> dict[str, Severity]:
    """Each provision's force, read once per Code (the memo keeps the Code, so its id is never
    reused while cached)."""
    kept = _DUTIES.get(id(code))
    if kept is not None and kept[0] is code:
        return kept[1]
    duties = {
        p.number: min(FORCE.get(p.data.get("duty", "must"), Severity.ERROR), Severity.WARNING)
        if not p.verified
        else FORCE.get(p.data.get("duty", "must"), Severity.ERROR)
        for p in provisions(code)
    }
    if len(_DUTIES) > 16:
        _DUTIES.clear()
    _DUTIES[id(code)] = (code, duties)
    return duties
