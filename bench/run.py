"""The benchmark (`make bench`): whole-process times, files per second and peak memory, and the
performance targets checked against them.

For each size (BENCH_SIZES, default 1000,10000,100000) it generates that many cases with the demo
generator into a scratch repository, then times each command several times (BENCH_RUNS, default
3; a command taking over 20 seconds is timed once) and reports the median: `complaints check` cold
(no results cache), unchanged (cache kept), after one case changed; `complaints score` and
`complaints report`; `mkdocs build` with and without the cases (cold), after one case changed,
and after one changed a published figure (the PDF printed again); a single process merely
parsing the same files with PyYAML's C loader; and the peer a council would otherwise use for
validation alone, check-jsonschema with the case schema (up to BENCH_PEER_LIMIT cases, default
10,000). Peak memory is the sum of the proportional set size (PSS) of the process and its workers,
sampled every 50 ms, so memory shared by forked workers is counted once. The disk is synced before
each timed run, so that none pays for writing back what the one before it wrote. This machine's
speed drifts by up to 2x over minutes, so each ratio compares runs taken next to each other: the
peer runs right after our cold check, and the site build right after a second cold check. It
prints one table and the targets, and writes both, with the machine described, to
bench/RESULTS.md. Every command runs with its bytecode compiled and written, as an installed tool
runs after its first use (PYTHONDONTWRITEBYTECODE is unset for them).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PEER_LIMIT = int(
    os.environ.get("BENCH_PEER_LIMIT", "10000")
)  # check-jsonschema is slow beyond this
SLOW = 20.0  # seconds: a command this slow is timed once (make bench takes about ten minutes)
AS_OF = "2026-11-23"
# the example council's channels, in a ring: a case moved to the next one changes a published figure
CHANNELS = ("webform", "email", "phone", "letter", "in-person", "social-media", "councillor", "mp")


def measure(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """One run: wall seconds and peak memory (MB, PSS of the process and its children)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = 0
    while True:
        peak = max(peak, _tree_pss(process.pid))
        try:
            process.wait(timeout=0.05)  # returns the moment it ends: no polling delay in the time
            break
        except subprocess.TimeoutExpired:
            continue
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(command)} failed ({process.returncode}): {process.stderr.read().decode()}"
        )
    return seconds, peak / 1024


def _tree_pss(pid: int) -> int:
    """The PSS (kB) of a process and all its descendants, now."""
    total = 0
    for member in _tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return total


def _tree(pid: int) -> list[int]:
    members, queue = [], [pid]
    while queue:
        member = queue.pop()
        members.append(member)
        try:
            for task in os.listdir(f"/proc/{member}/task"):
                with open(f"/proc/{member}/task/{task}/children") as children:
                    queue.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return members


def median(command: list[str], cwd: Path, env: dict, before=None) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(RUNS):
        if before:
            before()
        # what the run before wrote (a 100,000-case cache) is on disk before this one starts
        os.sync()
        seconds, peak = measure(command, cwd, env)
        times.append(seconds)
        peaks.append(peak)
        if seconds > SLOW:
            break
    return statistics.median(times), max(peaks)


def scratch(base: Path, size: int, with_cases: bool = True) -> Path:
    repo = base / f"{size}{'' if with_cases else '-nocases'}"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    for name in ("policy", "site"):
        shutil.copytree(ROOT / name, repo / name)
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "cases").mkdir()
    if with_cases:
        subprocess.run(
            [
                BIN / "complaints",
                "demo-data",
                "--root",
                repo,
                "--year",
                "2025-26",
                "--count",
                str(size),
                "--seed",
                "1",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    os.sync()  # the new files written out now, not by the kernel in the middle of a timed run
    return repo


PARSE_ONLY = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*/*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


# The bank holidays of one country: its module loaded alone, or by the library's documented call.
ONE_COUNTRY = """
from checker.calendar.one_country import country_class
country_class("GB")(subdiv="ENG", years=range(2019, 2032))
"""
EVERY_COUNTRY = """
import holidays
holidays.country_holidays("GB", subdiv="ENG", years=range(2019, 2032))
"""
# An unchanged repository checked (its case files' signatures taken by two processes, or by one).
SIGNATURES = f"""
import sys
from checker.engine import signatures
if sys.argv[1] == "one":
    signatures.PARALLEL_FROM = 10**9
from checker.cli import main
sys.exit(main(["check", "--as-of", "{AS_OF}", "--format", "json"]))
"""

# One case changed and checked: its outcome kept as a change to the results cache, or the whole
# cache written again (the split turned off).
CHANGES = f"""
import sys
from checker.engine import deltas
if sys.argv[1] == "whole":
    deltas.REBASE_FLOOR, deltas.REBASE = 0, 0.0
from checker.cli import main
sys.exit(main(["check", "--as-of", "{AS_OF}", "--format", "json"]))
"""

# A cold check with the cycle collector paused while outcomes are made, or left running.
UNTRACED = f"""
import sys
from checker.engine import untraced
if sys.argv[1] == "running":
    untraced.PAUSE = False
from checker.cli import main
sys.exit(main(["check", "--as-of", "{AS_OF}", "--format", "json", "--no-cache"]))
"""

# A cold check with each batch of cases checked a rule at a time, or a case at a time.
BY_RULE = f"""
import sys
from checker.engine import by_rule
if sys.argv[1] == "by-case":
    by_rule.BY_RULE = False
from checker.cli import main
sys.exit(main(["check", "--as-of", "{AS_OF}", "--format", "json", "--no-cache"]))
"""


def settled(path: Path, text: str) -> None:
    """Write a case file and wait until the results cache may keep it (a file changed in the
    last two seconds before a run is evaluated and not kept: git's racy rule), as a case edited
    and then committed or built is."""
    path.write_text(text)
    time.sleep(2.1)


def another_channel(path: Path) -> str:
    """A case file's text with the case moved to the next channel: a published figure changes
    (the channel table, the report and its PDF), and no chart's."""
    text = path.read_text()
    found = re.search(r"^channel: (\S+)$", text, re.M)
    assert found, path
    now = CHANNELS.index(found[1]) if found[1] in CHANNELS else -1
    other = CHANNELS[(now + 1) % len(CHANNELS)]  # a figure not published before
    return text[: found.start(1)] + other + text[found.end(1) :]


def measure_tricks(repo: Path, env: dict) -> list[tuple[str, str, str, str]]:
    """Each trick's process timed with it and without it."""
    python = sys.executable
    one, every = (
        median([python, "-c", code], repo, env)[0] for code in (ONE_COUNTRY, EVERY_COUNTRY)
    )
    measure([python, "-c", SIGNATURES, "two"], repo, env)  # the results cache, filled
    two, single = (median([python, "-c", SIGNATURES, way], repo, env)[0] for way in ("two", "one"))
    report = [str(BIN / "complaints"), "report", "--as-of", AS_OF]
    case = sorted((repo / "cases" / "2025-26").glob("*.yaml"))[7]
    measure(report, repo, env)  # the cache, filled

    def change() -> None:
        settled(case, case.read_text() + "# changed again\n")

    chunked, whole = (
        median(report + extra, repo, env, change)[0] for extra in ([], ["--no-cache"])
    )
    split, rewritten = (
        median([python, "-c", CHANGES, way], repo, env, change)[0] for way in ("split", "whole")
    )
    paused, running = (
        median([python, "-c", UNTRACED, way], repo, env)[0] for way in ("paused", "running")
    )
    rule_by_rule, case_by_case = (
        median([python, "-c", BY_RULE, way], repo, env)[0] for way in ("by-rule", "by-case")
    )
    return [
        (
            "each rule over a batch of cases in turn (cold check)",
            "engine/by_rule.py",
            f"{rule_by_rule:.2f}",
            f"{case_by_case:.2f}",
        ),
        (
            "the cycle collector paused while outcomes are made (cold check)",
            "engine/untraced.py",
            f"{paused:.2f}",
            f"{running:.2f}",
        ),
        (
            "outcomes kept as a base and the changes since (check, one case changed)",
            "engine/deltas.py",
            f"{split:.2f}",
            f"{rewritten:.2f}",
        ),
        (
            "figures and fingerprints kept by chunk (report, one case changed)",
            "engine/chunks.py",
            f"{chunked:.2f}",
            f"{whole:.2f}",
        ),
        (
            "one country's holidays loaded alone",
            "calendar/one_country.py",
            f"{one:.2f}",
            f"{every:.2f}",
        ),
        (
            "case files' signatures in two processes (unchanged check)",
            "engine/signatures.py",
            f"{two:.2f}",
            f"{single:.2f}",
        ),
    ]


def serve_reload(repo: Path, env: dict, case: Path) -> float:
    """Seconds from one case file edited to `mkdocs serve` telling the browser to reload (the
    median of RUNS edits, each moving a published figure), once it has built the site the first
    time."""
    with socket.socket() as probe:  # a port free now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stderr is not None
    times = []
    try:
        for line in server.stderr:  # the first build done
            if "Serving on" in line:
                break
        for _ in range(RUNS):
            time.sleep(1)  # past the watcher's settling time
            started = time.perf_counter()
            case.write_text(another_channel(case))
            for line in server.stderr:
                if "Reloading browsers" in line:
                    times.append(time.perf_counter() - started)
                    break
    finally:
        server.terminate()
        server.wait()
    if not times:
        raise SystemExit(f"mkdocs serve did not serve or rebuild {repo}")
    return statistics.median(times)


def main() -> int:
    rows, targets, tricks = [], [], []
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # each command as an installed tool runs
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)

    def row(name: str, size: int, result: tuple[float, float], files: int | None = None) -> None:
        seconds, peak = result
        rate = f"{files / seconds:,.0f}" if files else ""
        rows.append((f"{size:,}", name, f"{seconds:.2f}", rate, f"{peak:.0f}"))

    def target(
        size: int, name: str, value: float, limit: float, shown: str, at_least: bool = False
    ) -> None:
        met = value >= limit if at_least else value <= limit
        targets.append(
            (
                f"{size:,}",
                name,
                shown.format(value),
                shown.format(limit),
                "met" if met else "NOT MET",
            )
        )

    complaints = str(BIN / "complaints")
    with tempfile.TemporaryDirectory(prefix="complaints-bench-") as folder:
        base = Path(folder)
        cache = base / "cache"
        env = {
            "COMPLAINTS_AS_OF": AS_OF,
            "NO_MKDOCS_2_WARNING": "1",
            "COMPLAINTS_CACHE_DIR": str(cache),
        }

        def forget():
            shutil.rmtree(cache, ignore_errors=True)

        empty = scratch(base, 0, with_cases=False)
        build = [str(BIN / "mkdocs"), "build", "-q", "-d", str(base / "public")]
        without = median(build, empty, env, forget)
        for size in SIZES:
            repo = scratch(base, size)
            cases = sorted((repo / "cases" / "2025-26").glob("*.yaml"))
            check = [complaints, "check", "--as-of", AS_OF, "--format", "json"]
            cold = median(check, repo, env, forget)
            row("complaints check (cold: no results cache)", size, cold, size)
            # right after our cold check, so that the two see the machine alike
            if size <= PEER_LIMIT:
                schema = base / "case.schema.json"
                schema.write_text(
                    subprocess.run(
                        [complaints, "schema", "case"], capture_output=True, text=True, check=True
                    ).stdout
                )
                peer = median(
                    [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, cases)],
                    repo,
                    env,
                )
                row("check-jsonschema (schema only)", size, peer, size)
                if size == 10_000:
                    target(
                        size,
                        "cold check at least 30 times faster than check-jsonschema "
                        "(its time / ours)",
                        peer[0] / cold[0],
                        30,
                        "{:.1f}",
                        at_least=True,
                    )
            measure(check, repo, env)  # the cache, as the last run left it
            warm = median(check, repo, env)
            row("complaints check (unchanged: cached)", size, warm, size)

            def change_one(cases: list[Path] = cases) -> None:
                path = cases[len(cases) // 2]
                settled(path, path.read_text() + "# changed\n")

            one = median(check, repo, env, change_one)
            row("complaints check (one case changed)", size, one, size)
            row(
                "complaints score (cases cached)",
                size,
                median([complaints, "score", "--as-of", AS_OF], repo, env),
            )
            report = [complaints, "report", "--as-of", AS_OF]
            row(
                "complaints report (cold: no results cache)",
                size,
                median(report, repo, env, forget),
            )
            measure(report, repo, env)  # the cache, as the last run left it
            report_warm = median(report, repo, env)
            row("complaints report (unchanged: cached)", size, report_warm)
            row("complaints report (one case changed)", size, median(report, repo, env, change_one))
            # again, right before the build it is compared with
            paired = median(check, repo, env, forget)
            row("complaints check (cold again, right before the build)", size, paired, size)
            with_cases = median(build, repo, env, forget)
            row("mkdocs build (with the cases, cold)", size, with_cases)
            build_one = median(build, repo, env, change_one)
            row("mkdocs build (one case changed)", size, build_one)

            def change_figures(cases: list[Path] = cases) -> None:
                path = cases[len(cases) // 2]
                settled(path, another_channel(path))

            row(
                "mkdocs build (one case changed, and a published figure with it: the PDF again)",
                size,
                median(build, repo, env, change_figures),
            )
            row("mkdocs build (no cases)", size, without)
            if size == 10_000:
                reload = serve_reload(repo, env, cases[len(cases) // 3])
                row("mkdocs serve: one case edited to the page reloaded", size, (reload, 0))
                target(size, "mkdocs serve reload after one case edited (s)", reload, 1.5, "{:.2f}")
            parse = median([sys.executable, "-c", PARSE_ONLY, str(repo / "cases")], repo, env)
            row("PyYAML C loader: parse only, one process", size, parse, size)
            if size == max(SIZES):
                tricks.extend(measure_tricks(repo, env))
            if size == 100_000:
                target(
                    size,
                    "cold check at most half the time of parsing alone with PyYAML's C loader (s)",
                    cold[0],
                    parse[0] / 2,
                    "{:.1f}",
                )
                target(
                    size,
                    "one case changed: at most 1.5 s, or 1.5 times the unchanged check (s)",
                    one[0],
                    max(1.5, 1.5 * warm[0]),
                    "{:.2f}",
                )
                target(
                    size,
                    "report with nothing changed (s)",
                    report_warm[0],
                    2,
                    "{:.2f}",
                )
                target(
                    size,
                    "mkdocs build after one case changed, over the build without cases (s)",
                    build_one[0] - without[0],
                    3,
                    "{:.1f}",
                )
                target(
                    size,
                    "warm check under 5% of the cold check (%)",
                    100 * warm[0] / cold[0],
                    5,
                    "{:.1f}",
                )
                target(
                    size,
                    "peak memory of the check under 400 MB (MB)",
                    max(cold[1], warm[1]),
                    400,
                    "{:.0f}",
                )
                target(
                    size,
                    "mkdocs build with cases within "
                    "(without + cold check right before it) + 20% (s)",
                    with_cases[0],
                    1.2 * (without[0] + paired[0]),
                    "{:.1f}",
                )
    table = [
        "| cases | command | median s | files/s | peak MB |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    table += [f"| {' | '.join(r)} |" for r in rows]
    table += [
        "",
        "## Targets",
        "",
        "| cases | target | measured | limit | |",
        "| ---: | --- | ---: | ---: | --- |",
    ]
    table += [f"| {' | '.join(t)} |" for t in targets]
    table += [
        "",
        "## Tricks",
        "",
        "Each speed trick of the checker lives in one module named for it; here is what it saves,",
        f"timed as whole processes on the {max(SIZES):,}-case repository.",
        "",
        "| trick | module | with it, s | without it, s |",
        "| --- | --- | ---: | ---: |",
    ]
    table += [f"| {' | '.join(t)} |" for t in tricks]
    machine = (
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"median of up to {RUNS} runs (a run over {SLOW:.0f} s is taken once); "
        f"{time.strftime('%Y-%m-%d')}"
    )
    text = "# Benchmark results\n\n" + machine + "\n\n" + "\n".join(table) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS.md").write_text(text)
    return 0 if all(t[-1] == "met" for t in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
