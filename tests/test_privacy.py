"""The site's last guard (`checker.site.privacy`): the words it compares, the strings it keeps of
each case, and that a match is reported only when it is a case's own string, word for word."""

from __future__ import annotations

import itertools
import pickle
import random
import zlib

from hypothesis import given
from hypothesis import strategies as st

from checker.site.privacy import SEPARATOR, TOKEN, Fingerprints, Guard, _named, _words, public

CASE = {
    "id": "CCC-2025-0001",
    "complainant": {"ref": "P-7Q2K9"},
    "service": "housing-repairs",
    "definition": "Roof leak reported three times",
    "outcomes_sought": "An apology",
    "stage1": {"handler": "head-of-housing", "decision": "upheld"},
    "learning": {"text": "Repairs are re-inspected after a third report.", "publishable": True},
}


def test_the_guard_reads_words_through_markup_and_spares_what_is_published_anyway():
    guard = Guard(Fingerprints(CASE), ["text: The head-of-housing reviews stage 2.", *public(CASE)])

    quiet = {
        "a.md": "Repairs are re-inspected after a third report. An apology. housing-repairs: 3. "
        "The head-of-housing reviews stage 2. Roof leak reported twice."
    }
    assert guard.leaks(quiet) == {}
    loud = {
        "b.html": "<td>roof&nbsp;LEAK</td>\n<td>reported three\ntimes</td>",
        "c.csv": "id\nccc-2025-0001\n",
    }
    assert guard.leaks(loud) == {
        "b.html": {("roof", "leak", "reported", "three", "times")},
        "c.csv": {("ccc-2025-0001",)},
    }
    assert _named(guard.leaks(loud), [("cases/2025-26/CCC-2025-0001.yaml", CASE)]) == [
        "b.html: case text (definition) of cases/2025-26/CCC-2025-0001.yaml",
        "c.csv: a case id of cases/2025-26/CCC-2025-0001.yaml",
    ]


def test_text_on_separate_lines_is_a_cases_own_but_a_timestamp_is_not_text():
    case = {
        "id": "CCC-2025-0002",
        "summary": "Damp\nin\nbedroom",
        "received": "2025-04-01T07:23:00+01:00",
    }
    found = Guard(Fingerprints(case)).leaks(
        {"a.md": "Damp in bedroom, received 2025-04-01T07:23:00+01:00"}
    )
    assert found == {"a.md": {("damp", "in", "bedroom")}}


def test_two_word_strings_and_slugs_are_not_private_but_identifiers_are_however_short():
    case = {
        "id": "C1",
        "stage1": {"handler": "ann", "decision": "not-upheld"},
        "summary": "Large print",
    }
    assert Guard(Fingerprints(case)).leaks({"a.md": "large print; not-upheld; Ann; c1"}) == {
        "a.md": {("c1",), ("ann",)}
    }


def test_a_match_of_checksums_alone_is_never_reported():
    # Two different three-word strings with the same CRC-32 (found by the birthday paradox).
    seen, rng = {}, random.Random(8)
    while True:
        words = ("w" + str(rng.randrange(10**9)), "x", "y")
        crc = zlib.crc32(SEPARATOR.join(words).encode())
        if crc in seen and seen[crc] != words:
            break
        seen[crc] = words
    case = {"id": "CCC-2025-0003", "definition": " ".join(seen[crc])}
    candidates = Guard(Fingerprints(case)).leaks({"a.md": " ".join(words)})
    assert candidates == {"a.md": {words}}  # the checksums match...
    assert _named(candidates, [("cases/x.yaml", case)]) == []  # ...the words do not


def test_many_cases_share_first_words_and_each_is_found_by_its_whole():
    cases = [
        {"id": f"CCC-2025-{n:04}", "definition": f"The council failed to {verb} the repair"}
        for n, verb in enumerate(["book", "finish", "inspect", "check", "arrange"])
    ]
    strings = Fingerprints(*cases)
    strings = pickle.loads(pickle.dumps(strings))  # as it crosses from a worker process
    found = Guard(strings).leaks(
        {"a.md": "The council failed to inspect the repair. The council failed to act."}
    )
    assert found == {"a.md": {("the", "council", "failed", "to", "inspect", "the", "repair")}}


def test_fingerprints_of_batches_extend_to_those_of_all_the_cases():
    cases = [
        {"id": f"CCC-2025-{n:04}", "definition": f"Case number {n} went wrong"} for n in range(10)
    ]
    whole, parts = Fingerprints(*cases), Fingerprints(*cases[:4])
    parts.extend(Fingerprints(*cases[4:]))
    assert (whole.heads, whole.wholes, whole.sizes) == (parts.heads, parts.wholes, parts.sizes)


TRICKY = "aZ09_ -'’‐.,;:!?/\\\"()[]{}<>&#\t\n\r\x0b\x0c\x1c\x1f\x85\xa0é€ẞ"


@given(st.text(alphabet=TRICKY, max_size=40))
def test_the_fast_ascii_words_are_exactly_the_tokens(text):
    plain = text.replace("<", "").replace(
        "&", ""
    )  # markup and entities are taken out first, both ways
    assert _words(plain) == TOKEN.findall(plain.casefold())


def test_the_fast_ascii_words_are_exactly_the_tokens_for_every_short_string_of_ascii_marks():
    for length in range(1, 5):
        for chars in itertools.product("a-' .", repeat=length):
            text = "".join(chars)
            assert _words(text) == TOKEN.findall(text), repr(text)
