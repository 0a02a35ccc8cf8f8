"""Example complaint cases: a realistic, deterministic year of a council's complaints, as YAML.

`generate` turns a council, its policy, a reporting year, a count and a seed into case files that
are valid against checker/schemas/case.schema.json and meet every timescale except a few
deliberate breaches, each carrying its explanation (comply or explain). Every deadline comes from
`checker.model.deadlines` and every working day from the council's `Calendar`; the only source
of chance is `random.Random(seed)`, so the same arguments always give byte-identical files. The
words come from vocabulary.yaml (vocabulary.py), the run's shared days from year.py, each case's
story from story.py, and its text from case.py and sections.py. `write` saves them under
cases/YEAR/ (write.py) and never overwrites a file.
"""

from __future__ import annotations

from pathlib import Path

from checker import schemas
from checker.demo import case
from checker.demo.story import Story
from checker.demo.write import save
from checker.demo.year import CASE_HEADER, Year
from checker.load.validate import validate
from checker.load.yaml import load

REF_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def generate(
    council: dict,
    policy: dict,
    year: str,
    count: int,
    seed: int,
    codes: dict | None = None,
    header: str = CASE_HEADER,
) -> list[tuple[str, str]]:
    """`count` example cases received in reporting year `year`: (file name, YAML text), in id
    order."""
    width = max(4, len(str(count)))
    if width > 6:
        raise ValueError("the id format (PREFIX-YEAR-NUMBER) holds at most 999,999 cases a year")
    y = Year(council, policy, year, seed, codes, header)
    arrivals = []
    for _ in range(count):
        channel = y.channels.pick(y.rng)
        arrivals.append((*y.arrival(channel), channel))
    arrivals.sort(key=lambda arrival: arrival[:2])  # numbered in order of receipt
    refs: set[str] = set()
    files = []
    for number, (day, clock, channel) in enumerate(arrivals, 1):
        case_id = f"{y.prefix}-{number:0{width}d}"
        while (ref := "P-" + "".join(y.rng.choices(REF_CHARACTERS, k=6))) in refs:
            pass
        refs.add(ref)
        story = Story(y, case_id, ref, day, clock, channel)
        files.append((f"{case_id}.yaml", case.text(story)))
    return files


def write(root: Path, year: str, count: int, seed: int) -> list[Path]:
    """Write `count` example cases to ROOT/cases/YEAR/; refuse if any of their files exists."""
    council = _data(root / "policy" / "council.yaml", "policy/council.yaml", "council")
    policy = _data(root / "policy" / "policy.yaml", "policy/policy.yaml", "policy")
    codes = {}
    for path in sorted((root / "policy" / "codes").glob("*.yaml")):
        code = _data(path, path.relative_to(root).as_posix(), "code")
        codes[code["code"]] = code
    files = generate(council, policy, year, count, seed, codes, schemas.header(root))
    return save(root / "cases" / year, files)


def _data(path: Path, shown_as: str, kind: str) -> dict:
    """A policy file's data, or ValueError naming the file and what is wrong with it."""
    document, problems = load(path, shown_as)
    if document is not None:
        problems = validate(document, kind)
    if problems:
        raise ValueError(f"{problems[0].location}: {problems[0].message}")
    if document is None or not isinstance(document.data, dict):  # valid, so neither can be
        raise ValueError(f"{shown_as}: not a {kind} file")
    return document.data
