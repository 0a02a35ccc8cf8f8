"""The report and the site from the results cache: each chunk of case files' figures and privacy
fingerprints kept with their outcomes (`engine.cache.collected`, `engine.chunks`), so that only
what changed is counted again, and every output is byte for byte what it is without the cache.
"""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from checker.engine import cache, chunks
from checker.engine import run as engine
from checker.load.repository import load_repository
from checker.report.counting import DATES, Counting
from checker.report.figures import COUNTERS, NESTED, TOTALS, Figures, as_at
from checker.report.formats import FORMATS
from checker.site.privacy import Fingerprinting
from tests.conftest import run_cli
from tests.test_cache import AS_OF

REPORT = [("report", "--year", "2025-26", "--format", name) for name in sorted(FORMATS)]


@pytest.fixture(autouse=True)
def _settled_and_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test are as settled as old ones, and chunks are small, so that the
    400 example cases make about 25."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(chunks, "SPAN", 16)


def outputs(root: Path, tmp: Path, *extra: str) -> dict[str, bytes]:
    """Every report format and every page and download `complaints pages` writes."""
    found = {}
    for command in REPORT:
        run = run_cli(*command, "--root", root, "--as-of", AS_OF, *extra)
        assert run.code == 0, run.err
        found[" ".join(command)] = run.out.encode()
    out = tmp / f"pages{len(list(tmp.glob('pages*')))}"
    run = run_cli("pages", "--root", root, "--as-of", AS_OF, "--out", out, *extra)
    assert run.code == 0, run.err
    found.update({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.*")})
    return found


def change_a_case(root: Path) -> str:
    """Record that the first example case came by phone, not the web form; return its path."""
    path = min((root / "cases" / "2025-26").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "\nchannel: webform\n" in text
    path.write_text(text.replace("\nchannel: webform\n", "\nchannel: phone\n"), encoding="utf-8")
    return path.relative_to(root).as_posix()


def counted(root: Path) -> int:
    """How many case files a publication's cached evaluation evaluated."""
    repository = load_repository(root)
    as_of, dates = date.fromisoformat(AS_OF), as_at(repository)
    return engine.evaluated(
        repository,
        as_of,
        collectors=(Counting(as_of, dates), Fingerprinting()),
        use_cache=True,
        dates=dates,
    ).evaluated


def test_every_output_is_the_same_with_and_without_the_cache(example: Path, tmp_path: Path):
    uncached = outputs(example, tmp_path, "--no-cache")
    assert len(uncached) > 10
    assert outputs(example, tmp_path) == uncached  # counted, and kept
    assert counted(example) == 0
    assert outputs(example, tmp_path) == uncached  # from the cache
    change_a_case(example)
    changed = outputs(example, tmp_path, "--no-cache")
    assert changed != uncached
    assert outputs(example, tmp_path) == changed


def test_one_changed_case_counts_its_chunk_again_and_no_other(example: Path):
    assert counted(example) == 400
    changed = change_a_case(example)
    files = load_repository(example).case_files
    (chunk,) = [(a, b) for a, b in chunks.cut(files) if changed in (s for _, s in files[a:b])]
    assert counted(example) == chunk[1] - chunk[0] < 100
    assert counted(example) == 0


def test_a_case_added_or_removed_changes_only_its_own_chunk(example: Path):
    files = load_repository(example).case_files
    before = chunks.cut(files)
    assert 10 < len(before) < 60
    removed = files[:200] + files[201:]
    after = chunks.cut(removed)
    members = {tuple(s for _, s in files[a:b] if s != files[200][1]) for a, b in before}
    assert len(members - {tuple(s for _, s in removed[a:b]) for a, b in after}) == 0


def test_no_chunk_is_longer_than_most_and_a_long_run_is_cut_again_only_up_to_its_end(
    example: Path, monkeypatch: pytest.MonkeyPatch
):
    files = load_repository(example).case_files
    natural = {b for a, b in chunks.cut(files)}  # the cuts by path alone (no run is that long)
    monkeypatch.setattr(chunks, "MOST", 8)
    before = chunks.cut(files)
    assert max(b - a for a, b in before) == 8 and len(before) > len(natural)
    assert natural <= {b for _, b in before}  # every cut by path is still made
    removed = files[:200] + files[201:]
    after = {tuple(s for _, s in removed[a:b]) for a, b in chunks.cut(removed)}
    # the chunks that change lie between the cuts by path on either side of the removed file
    low = max(b for b in natural if b <= 200)
    high = min(b for b in natural if b > 200)
    for a, b in before:
        members = tuple(s for _, s in files[a:b])
        assert (members in after) or low <= a < high, (a, b)


def test_a_file_changed_in_the_last_moments_keeps_no_chunk(
    example: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cache, "RACY_NS", 3_600 * 10**9)  # everything counts as just written
    counted(example)
    assert counted(example) == 400


@pytest.mark.parametrize(
    "spoil",
    [
        lambda tally: tally.update({"2025-26": {**tally["2025-26"], "stage1": True}}),
        lambda tally: tally.update({"2025-26": {**tally["2025-26"], "stage1": "3"}}),
        lambda tally: tally.update({"2025-26": {**tally["2025-26"], "outcomes": {"3": {}}}}),
        lambda tally: tally.update({"2025-26": {**tally["2025-26"], "unknown": 1}}),
        lambda tally: tally.update({"2025-26": {**tally["2025-26"], "by_type": {"a": 1.5}}}),
        lambda tally: tally.update({"2025-26": {**tally["2025-26"], "start": "yesterday"}}),
        lambda tally: tally.update({"2025-26": []}),
    ],
)
def test_a_spoiled_chunk_is_counted_again(example: Path, tmp_path: Path, spoil):
    uncached = outputs(example, tmp_path, "--no-cache")
    assert outputs(example, tmp_path) == uncached  # the report's and the site's caches kept
    kept_files = list(cache.folder().glob(cache._file(example, "publication-*").name))
    assert len(kept_files) == 2
    for where in kept_files:
        head, body = where.read_text().split('"entries":', 1)
        entries = json.loads(body[:-1])
        for kept in entries["chunks"].values():
            if "2025-26" in kept[0]:  # the figures' tally, the first of each chunk's
                spoil(kept[0])
        where.write_text(f'{head}"entries":{json.dumps(entries)}}}')
    assert 0 < counted(example) <= 400  # the site's
    assert outputs(example, tmp_path) == uncached


def test_every_field_of_the_figures_is_kept_and_read_back(example: Path):
    kept = {"year", *DATES, *TOTALS, *COUNTERS, *NESTED}
    kept |= {"outcomes", "timeliness", "tsm", "learning"}
    assert kept == {f.name for f in fields(Figures)}
    repository = load_repository(example)
    as_of, dates = date.fromisoformat(AS_OF), as_at(repository)
    counting = Counting(as_of, dates)
    figures = engine.evaluated(repository, as_of, collectors=(counting,), dates=dates).tallies[0]
    assert figures["2025-26"].tsm and figures["2025-26"].learning and figures["2025-26"].financial
    data = json.loads(json.dumps(counting.kept(figures)))
    assert counting.restored(data) == figures


def test_fingerprints_are_kept_and_read_back_and_refused_when_spoiled(example: Path):
    repository = load_repository(example)
    collector = Fingerprinting()
    strings = engine.evaluated(
        repository, date.fromisoformat(AS_OF), collectors=(collector,)
    ).tallies[0]
    data = json.loads(json.dumps(collector.kept(strings)))
    back = collector.restored(data)
    assert back.public == strings.public and len(strings.private.wholes) > 1000
    assert back.private.wholes == strings.private.wholes
    assert back.private.sizes == strings.private.sizes
    for spoiled in (
        {**data, "private": data["private"][:3]},
        {**data, "private": [*data["private"][:3], "not base64!"]},
        {**data, "private": [*data["private"][:3], data["private"][3][:-8]]},
        {**data, "public": [1]},
        {**data, "more": 1},
    ):
        with pytest.raises(ValueError):
            collector.restored(spoiled)


def test_the_charts_are_drawn_once_for_the_same_figures(
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    from checker.report import charts
    from checker.report.charts import month
    from checker.report.publish import build
    from checker.site.build import publication

    monkeypatch.setenv("COMPLAINTS_CACHE_DIR", str(tmp_path / "cache"))  # none drawn yet
    found = publication(load_repository(example), date.fromisoformat(AS_OF))
    report = build(found.run.view, found.figures, "2025-26")
    drawn: list[int] = []
    draw = month.draw
    monkeypatch.setattr(month, "draw", lambda r: drawn.append(1) or draw(r))
    first = charts.render(report)
    assert charts.render(report) == first and len(drawn) == 1  # the second from the cache
    (kept,) = (cache.folder() / "rendered").glob("chart-month-*")
    kept.write_bytes(b'[["not", "a chart"]]')  # spoiled: drawn again, and kept again
    assert charts.render(report) == first and len(drawn) == 2
    kept.chmod(0o666)  # another user may write it: never read
    assert charts.render(report) == first and len(drawn) == 3
    assert "is not a private file of yours" in capsys.readouterr().err
    # a figure the month chart does not show: it is not drawn again, the year-on-year one is
    assert charts.render({**report, "year": "another"})["month"] == first["month"]
    assert len(drawn) == 3
    assert len(list((cache.folder() / "rendered").glob("chart-year_on_year-*"))) == 2
    months = copy.deepcopy(report)
    (table,) = [t for t in months["volumes"] if t["id"] == "month"]
    table["rows"][0]["values"][0] = 1_000  # its own figures: drawn again
    assert charts.render(months)["month"] != first["month"] and len(drawn) == 4


def test_the_site_is_the_same_built_from_the_cache_and_without_it(example: Path, tmp_path: Path):
    from tests.test_site import mkdocs_build

    (example / "site").mkdir()
    builds = []
    for name in ("cold", "warm"):
        assert mkdocs_build(example, tmp_path / name).returncode == 0
        builds.append(tmp_path / name)
    config = example / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - complaints ", "  - complaints: {cache: false} ")
    )
    assert "{cache: false}" in config.read_text()
    assert mkdocs_build(example, tmp_path / "uncached").returncode == 0
    files = {p.relative_to(tmp_path / "uncached") for p in (tmp_path / "uncached").rglob("*")}
    assert any(p.suffix == ".pdf" for p in files) and len(files) > 50
    for build in builds:
        assert {p.relative_to(build) for p in build.rglob("*")} == files
        for path in files:
            if (tmp_path / "uncached" / path).is_file():
                assert (build / path).read_bytes() == (tmp_path / "uncached" / path).read_bytes()
