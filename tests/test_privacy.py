"""The site's last guard (`checker.site.privacy`): the words it compares (`checker.site.words`),
the strings it keeps of each case, what the standing published files exempt, and that a match is
reported only when it is a case's own string, word for word."""

from __future__ import annotations

import itertools
import pickle
import random
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.site.privacy import (
    PHRASE,
    SEPARATOR,
    Fingerprints,
    Guard,
    _named,
    public,
    values,
)
from checker.site.words import TOKEN, normal, readings, tokens

CASE: dict[str, Any] = {
    "id": "CCC-2025-0001",
    "complainant": {"ref": "P-7Q2K9"},
    "service": "housing-repairs",
    "definition": "Roof leak reported three times",
    "outcomes_sought": "An apology",
    "stage1": {"handler": "head-of-housing", "decision": "upheld"},
    "learning": {"text": "Repairs are re-inspected after a third report.", "publishable": True},
}


def test_the_guard_reads_words_through_markup_and_spares_what_is_published_anyway() -> None:
    guard = Guard(Fingerprints(CASE), ["The complaints officer reviews stage 2."], public(CASE))

    quiet = {
        "a.md": "Repairs are re-inspected after a third report. An apology. housing-repairs: 3. "
        "The complaints officer reviews stage 2. Roof leak reported twice."
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


@pytest.mark.parametrize(
    "policy",
    [
        "Complaints are reviewed by the head-of-housing.",  # the case's handler
        "Case ids look like CCC-2025-0001.",  # its id
        "Write to us quoting P-7Q2K9.",  # its complainant reference
        "CCC-2025-0001",  # the whole of a value
    ],
)
def test_an_identifier_is_never_exempt_whatever_standing_file_holds_it(policy: str) -> None:
    guard = Guard(Fingerprints(CASE), [policy], [*public(CASE), policy])
    assert guard.leaks({"policy.md": policy}) != {}


def test_a_phrase_the_policy_uses_is_exempt_but_a_case_sentence_pasted_into_it_is_not() -> None:
    case: dict[str, Any] = {
        "id": "CCC-2025-0004",
        "not_responsible_for": ["Freedom of Information Act 2000", "Head of Service or above"],
        "definition": "The communal stairwell has not been cleaned for several weeks.",
    }
    policy = [
        "arises from the Freedom of Information Act 2000 or the Environmental Information "
        "Regulations 2004",
        "Head of Service or above",
        # pasted into a self-assessment's commentary, and as the whole of a value
        "As one case put it: the communal stairwell has not been cleaned for several weeks. Fixed.",
        "The communal stairwell has not been cleaned for several weeks.",
    ]
    guard = Guard(Fingerprints(case), policy)
    assert guard.leaks({"policy.md": " ".join(policy)}) == {
        "policy.md": {tuple(tokens(case["definition"]))}
    }


def test_only_a_phrase_of_at_most_six_words_is_exempt() -> None:
    six, seven = "one two three four five six", "one two three four five six seven"
    case = {"id": "CCC-2025-0005", "summary": six, "definition": seven}
    guard = Guard(Fingerprints(case), [f"{seven} eight"])
    assert len(six.split()) == PHRASE
    assert guard.leaks({"a.md": seven}) == {"a.md": {tuple(seven.split())}}


def test_the_standing_files_are_read_as_parsed_values_never_comments_or_keys(
    tmp_path: Path,
) -> None:
    from checker.load.yaml import load

    path = tmp_path / "policy.yaml"
    path.write_text(
        "# case ids look like CCC-2025-0001\n"
        "owner: Complaints officer  # not CCC-2025-0001\n"
        "CCC-2025-0001: key\n"
        "list: [a b c, {x: y z w}]\n"
    )
    document = load(path, "policy/policy.yaml")[0]
    assert document is not None
    assert list(values(document.data)) == ["Complaints officer", "key", "a b c", "y z w"]


def test_text_on_separate_lines_is_a_cases_own_but_a_timestamp_is_not_text() -> None:
    case = {
        "id": "CCC-2025-0002",
        "summary": "Damp\nin\nbedroom",
        "received": "2025-04-01T07:23:00+01:00",
    }
    found = Guard(Fingerprints(case)).leaks(
        {"a.md": "Damp in bedroom, received 2025-04-01T07:23:00+01:00"}
    )
    assert found == {"a.md": {("damp", "in", "bedroom")}}


def test_two_word_strings_and_slugs_are_not_private_but_identifiers_are_however_short() -> None:
    case = {
        "id": "C1",
        "stage1": {"handler": "ann", "decision": "not-upheld"},
        "summary": "Large print",
    }
    assert Guard(Fingerprints(case)).leaks({"a.md": "large print; not-upheld; Ann; c1"}) == {
        "a.md": {("c1",), ("ann",)}
    }


def test_a_match_of_checksums_alone_is_never_reported() -> None:
    # Two different three-word strings with the same CRC-32 (found by the birthday paradox).
    seen: dict[int, tuple[str, ...]] = {}
    rng = random.Random(8)
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


def test_many_cases_share_first_words_and_each_is_found_by_its_whole() -> None:
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


def test_fingerprints_of_batches_extend_to_those_of_all_the_cases() -> None:
    cases = [
        {"id": f"CCC-2025-{n:04}", "definition": f"Case number {n} went wrong"} for n in range(10)
    ]
    whole, parts = Fingerprints(*cases), Fingerprints(*cases[:4])
    parts.extend(Fingerprints(*cases[4:]))
    assert (whole.firsts, whole.heads, whole.wholes, whole.sizes) == (
        parts.firsts,
        parts.heads,
        parts.wholes,
        parts.sizes,
    )


# --- typography and Unicode: each way of writing a case's text that shows it -------------------

DEFINITION = "The communal stairwell has not been cleaned for several weeks."
SOUGHT = "An apology and assurance that the officer's conduct will be addressed."
TRICKS = {
    "typographic apostrophe": SOUGHT.replace("'", "\u2019"),
    "modifier apostrophe": SOUGHT.replace("'", "\u02bc"),
    "acute accent as apostrophe": SOUGHT.replace("'", "\u00b4"),
    "ligature": SOUGHT.replace("ffi", "\ufb03"),
    "non-breaking spaces": DEFINITION.replace(" ", "\u00a0"),
    "other spaces": DEFINITION.replace(" ", "\u2003", 1).replace(" ", "\u202f\u3000", 1),
    "zero-width space": DEFINITION.replace("mmu", "m\u200bmu").replace("stair", "stair\u200d"),
    "soft hyphens": DEFINITION.replace("communal", "commu\u00adnal"),
    "word joiner and BOM": DEFINITION.replace("mun", "m\u2060un").replace("well", "\ufeffwell"),
    "combining accents": DEFINITION.replace("co", "co\u0301").replace("ai", "a\u0308i"),
    "precomposed accents": DEFINITION.replace("o", "ö").replace("a", "á"),
    "full-width letters": DEFINITION.replace("communal", "ｃｏｍｍｕｎａｌ"),
    "mathematical letters": DEFINITION.replace("communal", "𝐜𝐨𝐦𝐦𝐮𝐧𝐚𝐥"),
    "capitals": DEFINITION.upper(),
    "non-breaking hyphens": "CCC\u20112025\u20110001",
    "en and em dashes": "CCC\u20132025\u20140001",
    "minus signs": "CCC\u22122025\uff0d0001",
    "full-width id": "ＣＣＣ－２０２５－０００１",
    "HTML entities": DEFINITION.replace(" ", "&nbsp;", 1).replace(" ", "&#32;", 1),
    "numeric entity hyphens": "CCC&#8209;2025&#x2d;0001",
    "inline tags": DEFINITION.replace("communal", "<span>comm</span><em>unal</em>"),
    "an attribute": f'<abbr title="{DEFINITION}">x</abbr>',
    "a comment": "<!-- P-Z3RK7J -->",
    "text in angle brackets": f"<{DEFINITION}>",
    "Markdown escapes": "CCC\\-2025\\-0001",
    "Markdown emphasis": f"_{DEFINITION}_",
    "Markdown emphasis in a word": "CCC-2025-**0002**",
    "Markdown code in words": DEFINITION.replace("communal", "com`mun`al"),
    "JSON escapes": SOUGHT.replace("'", "\\u2019"),
    "JSON line breaks": DEFINITION.replace(" ", "\\n"),
    "percent escapes": "https://example.org/?q=P%2DZ3RK7J",
}
CASES: list[dict[str, Any]] = [
    {
        "id": "CCC-2025-0001",
        "definition": DEFINITION,
    },
    {"id": "CCC-2025-0002", "complainant": {"ref": "P-Z3RK7J"}},
    {"id": "CCC-2025-0014", "outcomes_sought": SOUGHT},
]


@pytest.mark.parametrize("trick", list(TRICKS))
def test_no_way_of_writing_a_cases_text_hides_it(trick: str) -> None:
    found = Guard(Fingerprints(*CASES)).leaks({"a.html": f"<p>{TRICKS[trick]}</p>"})
    assert _named(found, [(f"cases/{case['id']}.yaml", case) for case in CASES]), trick


def test_a_cases_text_written_with_other_spaces_is_still_its_own() -> None:
    case = {
        "id": "CCC-2025-0006",
        "definition": "The\u00a0communal\u00a0stairwell\u00a0has\u00a0not\u00a0been\u00a0cleaned",
        "outcomes_sought": "A\tfresh\tdecision\tplease",
    }
    found = Guard(Fingerprints(case)).leaks(
        {"a.md": "The communal stairwell has not been cleaned. A fresh decision please."}
    )
    assert len(found["a.md"]) == 2


def test_a_file_named_after_a_case_id_publishes_it() -> None:
    found = Guard(Fingerprints(CASES[0])).leaks({"notes/ccc-2025-0001.txt": "nothing"})
    assert found == {"notes/ccc-2025-0001.txt": {("ccc-2025-0001",)}}


def test_a_page_is_read_as_plain_text_and_as_a_browser_shows_it() -> None:
    page = 'Ro<b>of</b> <img alt="P-Z3RK7J"> &amp; <!-- note -->'
    plain, shown = readings(page)
    assert "p-z3rk7j" in plain and "note" in plain
    assert shown[:1] == ["roof"]


TRICKY = "aZ09_ -'’‐.,;:!?/\\\"()[]{}<>&#%\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\xadé€ẞﬁ\u0301\u200b"


@given(st.text(alphabet=TRICKY, max_size=40))
def test_the_fast_ascii_words_are_exactly_the_normalised_tokens(text: str) -> None:
    assert tokens(text) == TOKEN.findall(normal(text))


def test_the_fast_ascii_words_are_exactly_the_tokens_for_every_short_string_of_ascii_marks() -> (
    None
):
    for length in range(1, 5):
        for chars in itertools.product("a-'_ .", repeat=length):
            text = "".join(chars)
            assert tokens(text) == TOKEN.findall(text), repr(text)


@given(st.text(alphabet=TRICKY, max_size=40))
def test_normalised_words_stay_the_same_when_normalised_again(text: str) -> None:
    words = tokens(text)
    assert tokens(" ".join(words)) == words


def test_a_possible_leak_is_confirmed_from_the_case_files_it_may_come_from_alone(
    example: Path, monkeypatch: pytest.MonkeyPatch
):
    """A run with a case string's checksums is confirmed against that case's file, never by
    reading all 400: a checksum shared by chance costs one file, not the whole repository."""
    from datetime import date

    from checker.load.repository import load_repository
    from checker.load.yaml import load
    from checker.site import privacy
    from checker.site.build import publication

    found = publication(load_repository(example), date(2026, 11, 23), use_cache=False)
    guard = privacy.SiteGuard(found.run.view, found.strings)
    path = min((example / "cases" / "2025-26").glob("*.yaml"))
    definition = load(path, "case")[0].data["definition"]  # type: ignore[union-attr]
    read: list[str] = []
    real = privacy.load_file
    monkeypatch.setattr(
        privacy,
        "load_file",
        lambda *args: read.append(args[1]) or real(*args),  # type: ignore[func-returns-value]
    )
    leaked = guard.leaks({"index.md": f"The complaint: {definition}"})
    shown = path.relative_to(example).as_posix()
    assert leaked == [f"index.md: case text (definition) of {shown}"]
    holding = {  # the example's cases share their definitions: each one that holds it
        p.relative_to(example).as_posix()
        for p in (example / "cases").rglob("*.yaml")
        if definition in p.read_text()
    }
    assert shown in read and set(read) == holding and len(read) < 40
