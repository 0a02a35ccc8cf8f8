"""What looks like a person's name in free text, for the personal-data rule.

Two shapes are caught: a title before a capitalised name ("Mr Smith", "Cllr J. Patel", "Dr
O'Brien"), and a common forename before a capitalised surname ("John Smith"), the forenames read
once from `forenames.txt` beside this module. Neither is caught where the name names a place or
a body rather than a person: "Housing Repairs Team", "St John Ambulance", "William Harvey
Hospital", "Sir John Moore Avenue" (an address is a judgement call; postcodes are caught
elsewhere). A forename that is also an ordinary word ("Will", "May", "Grace", "Victoria") is not in
the list, so only a title before it is caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

TITLES = "Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Rev|Revd|Reverend|Lady|Lord|Prof|Professor"
# A capitalised name: Smith, O'Brien, McDonald, Smith-Jones (never all capitals: "ASB", "VII").
NAME = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
INITIALS = r"(?:[A-Z]\.?\s+){0,3}"  # "J. ", "J R "
# A title, a name, perhaps a second, and the word after (a place's last word: "Sir John Moore
# Avenue").
TITLED = re.compile(rf"\b(?:{TITLES})\.?\s+{INITIALS}({NAME})(?:\s+({NAME}))?(?:\s+([A-Z][a-z]+))?")
# A title and the space after it, which every TITLED match holds: Python's `re` finds a pattern
# that starts with letters by a fast scan, and one that starts with `\b` by a try at every
# character, so this first look is eight times faster than TITLED's on a text with no title.
A_TITLE = re.compile(rf"(?:{TITLES})\.?\s")
# A forename and the capitalised word after it, and the word after that (a place's last word).
# `(?<!\w[A-Z])` after the capital is `\b` before it, written so that the scan is fast (above).
PAIR = re.compile(rf"([A-Z](?<!\w[A-Z])[a-z]+)\s+({NAME})(?:\s+([A-Z][a-z]+))?")
SAINT = re.compile(r"\b(?:St\.?|Saint)\s+$")  # "St John Ambulance", "St Mary Bredin"
# Words that make a capitalised pair a place, a body, a day or a heading, not a person: a name
# followed by one ("William Harvey Hospital"), or one taken for a surname ("Mr Street").
NOT_A_PERSON = frozenset(
    [
        "Ambulance",
        "Avenue",
        "Behaviour",
        "Board",
        "Bridge",
        "Building",
        "Buildings",
        "Centre",
        "Church",
        "Close",
        "Code",
        "College",
        "Committee",
        "Corner",
        "Cottages",
        "Council",
        "Councils",
        "Court",
        "Crescent",
        "Department",
        "Drive",
        "End",
        "Estate",
        "Farm",
        "Field",
        "Fields",
        "Gardens",
        "Gate",
        "Green",
        "Grove",
        "Hall",
        "Health",
        "Hill",
        "Hospital",
        "House",
        "Housing",
        "Lane",
        "Library",
        "Lodge",
        "Manager",
        "Mead",
        "Meadow",
        "Mews",
        "Office",
        "Officer",
        "Ombudsman",
        "Parade",
        "Park",
        "Place",
        "Policy",
        "Repairs",
        "Road",
        "Row",
        "School",
        "Service",
        "Services",
        "Social",
        "Square",
        "Station",
        "Street",
        "Surgery",
        "Tax",
        "Team",
        "Terrace",
        "Tower",
        "Trust",
        "Unit",
        "View",
        "Walk",
        "Ward",
        "Way",
        "Wharf",
        "Wood",
        "Yard",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
# Of those, the ones that are common surnames too: "Christine Ward", "Mrs Green", "Mr Lane".
SURNAMES_TOO = frozenset(
    [
        "Bridge",
        "Church",
        "Field",
        "Fields",
        "Gate",
        "Green",
        "Grove",
        "Hall",
        "Hill",
        "Lane",
        "Lodge",
        "Mead",
        "Park",
        "Row",
        "Ward",
        "Wood",
    ]
)
NOT_A_SURNAME = NOT_A_PERSON - SURNAMES_TOO


@cache
def forenames() -> frozenset[str]:
    """The packaged common forenames, read once."""
    text = files("checker.rules").joinpath("forenames.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def has_name(text: str) -> bool:
    """Whether `text` holds what looks like a person's name (a title or a forename and a
    surname), not a place's or a body's."""
    for titled in TITLED.finditer(text) if A_TITLE.search(text) else ():
        first, second, after = titled.groups()
        if first not in NOT_A_SURNAME and second not in NOT_A_PERSON and after not in NOT_A_PERSON:
            return True
    known = forenames()
    start = 0
    while (match := PAIR.search(text, start)) is not None:
        forename, surname, after = match.groups()
        start = match.start(2)  # "Tenant John Smith": "Tenant John" is tried, then "John Smith"
        if (
            forename in known
            and surname not in NOT_A_SURNAME
            and after not in NOT_A_PERSON
            and not SAINT.search(text, 0, match.start())
        ):
            return True
    return False


def joined(texts: Iterable[str]) -> str:
    """`texts` as one text in which `has_name` finds a name exactly when it finds one in one of
    them, joined by NUL (which no YAML text can hold): every pattern joins words by whitespace
    and looks back only to the whitespace before a match, so no match crosses from one text into
    the next. One pass over the join costs a fraction of a pass over each."""
    return "\0".join(texts)
