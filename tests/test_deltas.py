"""The results cache kept as a base and the changes since (`engine.deltas`): a run that evaluated
one case file writes that file's outcome and leaves the base alone; past the limit it writes a
new base; changes that are spoiled, stale or without a base are never used; and what the check
and the publication print is byte for byte what they print without the cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import cache, chunks, deltas
from tests.conftest import check
from tests.test_cache import break_a_case, evaluated
from tests.test_publication_cache import change_a_case, counted, outputs


@pytest.fixture(autouse=True)
def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)


def kept(root: Path) -> tuple[Path, Path]:
    """The check's outcomes as kept: the base, and the changes since."""
    base = cache._file(root, "cases")
    return base, cache.Split.changes_file(base)


def test_an_entry_read_from_the_base_is_no_change_and_a_new_one_is():
    one, two, three = ("s1", "a"), ("s2", "b"), ("s3", "c")
    base = {"a": one, "b": two, "c": three}
    again = tuple(["s2", "b"])  # b evaluated again: equal, but not the entry read
    assert again == two and again is not two
    assert deltas.changes(base, {"a": one, "b": again, "c": three}) == {"b": again}
    assert deltas.changes(base, dict(base)) == {}
    assert deltas.merged(base, {"b": ("s9", "b")}) == {"a": one, "b": ("s9", "b"), "c": three}
    assert deltas.merged(base, {}) is base


def test_changes_past_the_limit_or_with_no_base_ask_for_a_new_base(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(deltas, "REBASE_FLOOR", 2)
    base = {n: (n,) for n in range(100)}
    assert deltas.changes({}, {1: (1,)}) is None  # no base: write one
    assert deltas.changes(base, {**base, 1: (1,), 2: (2,)}) == {1: (1,), 2: (2,)}
    # three changed, and the base's three entries they replace unused: 6 > max(2, 5% of 100)
    assert deltas.changes(base, {**base, 1: (1,), 2: (2,), 3: (3,)}) is None
    monkeypatch.setattr(deltas, "REBASE", 0.05)
    gone = {n: base[n] for n in range(94)}  # six files removed: gone from the base's use
    assert deltas.changes(base, gone) is None
    assert deltas.changes(base, {n: base[n] for n in range(96)}) == {}  # four: kept as they are


def test_one_changed_case_is_kept_as_a_change_and_the_base_is_not_written(example: Path):
    check(example)
    base, changes = kept(example)
    written = base.read_bytes(), base.stat().st_mtime_ns
    assert not changes.exists()
    broken = break_a_case(example)
    after = check(example)
    assert (base.read_bytes(), base.stat().st_mtime_ns) == written
    assert changes.stat().st_size < 4_000 < base.stat().st_size  # that one outcome
    assert evaluated(example) == 0  # base and changes together hold every outcome
    assert after.out == check(example).out == check(example, "--no-cache").out
    assert any(f["path"] == broken for f in after.findings())


def test_past_the_limit_a_new_base_is_written_and_the_changes_removed(
    example: Path, monkeypatch: pytest.MonkeyPatch
):
    check(example)
    break_a_case(example)
    check(example)
    base, changes = kept(example)
    assert changes.exists()
    monkeypatch.setattr(deltas, "REBASE_FLOOR", 0)
    monkeypatch.setattr(deltas, "REBASE", 0.0)
    first = min((example / "cases" / "2025-26").glob("*.yaml"))
    first.write_text(first.read_text(encoding="utf-8") + "# seen again\n", encoding="utf-8")
    before = base.read_bytes()
    after = check(example)
    assert not changes.exists() and base.read_bytes() != before
    assert evaluated(example) == 0
    assert after.out == check(example, "--no-cache").out


@pytest.mark.parametrize(
    "spoil",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace('"entries":', '"entries":{"path":[]},"more":', 1),
        lambda text: "[]",
    ],
)
def test_spoiled_changes_are_never_used(example: Path, spoil):
    check(example)
    broken = break_a_case(example)
    expected = check(example, "--no-cache").out
    check(example)
    _, changes = kept(example)
    changes.write_text(spoil(changes.read_text()))
    assert evaluated(example) == 1  # the base alone: the changed case is evaluated again
    after = check(example)
    assert after.out == expected
    assert any(f["path"] == broken for f in after.findings())


def test_changes_without_their_base_are_never_used(example: Path):
    check(example)
    break_a_case(example)
    check(example)
    base, changes = kept(example)
    base.unlink()
    assert evaluated(example) == 400
    assert not changes.exists()  # removed as a new base was written


def test_a_stale_change_is_evaluated_again(example: Path):
    # The changes hold the case as it was; edited again, its signature no longer matches.
    check(example)
    path = example / break_a_case(example)
    check(example)
    path.write_text(path.read_text(encoding="utf-8").replace("2026-01-30", "2025-05-02"))
    assert evaluated(example) == 1
    assert check(example).out == check(example, "--no-cache").out


def test_the_publication_keeps_one_changed_chunk_as_changes(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(chunks, "SPAN", 16)  # the 400 example cases in about 25 chunks
    uncached = outputs(example, tmp_path, "--no-cache")
    assert outputs(example, tmp_path) == uncached
    bases = sorted(cache.folder().glob(cache._file(example, "publication-*[0-9a-f]").name))
    assert len(bases) == 2  # the report's and the site's
    written = [base.read_bytes() for base in bases]
    change_a_case(example)
    changed = outputs(example, tmp_path, "--no-cache")
    assert outputs(example, tmp_path) == changed
    assert [base.read_bytes() for base in bases] == written
    for base in bases:
        assert cache.Split.changes_file(base).stat().st_size < base.stat().st_size / 4
    assert counted(example) == 0
