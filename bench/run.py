"""The benchmark (`make bench`): whole-process times, files per second and peak memory.

For each size (BENCH_SIZES, default 1000,10000,100000) it generates that many cases with the demo
generator into a scratch repository, then times each command several times (BENCH_RUNS, default 3)
and reports the median: cold `complaints check`, the same again unchanged, after one case changed,
`complaints score`, `complaints report`, `mkdocs build` with and without the cases, and the peer a
council would otherwise use for validation alone, check-jsonschema with the case schema. It prints
one table and writes it, with the machine described, to bench/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import shutil
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
PEER_LIMIT = int(os.environ.get("BENCH_PEER_LIMIT", "10000"))  # check-jsonschema is slow beyond this


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """One run: wall seconds and peak memory (MB) of the process and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def median(command: list[str], cwd: Path, before=None, env: dict | None = None) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(RUNS):
        if before:
            before()
        seconds, peak = measure(command, cwd, env)
        times.append(seconds)
        peaks.append(peak)
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
        subprocess.run([BIN / "complaints", "demo-data", "--root", repo, "--year", "2025-26",
                        "--count", str(size), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    return repo


def row(rows: list, name: str, size: int, result: tuple[float, float], files: int | None = None) -> None:
    seconds, peak = result
    rate = f"{files / seconds:,.0f}" if files else ""
    rows.append((f"{size:,}", name, f"{seconds:.2f}", rate, f"{peak:.0f}"))


def main() -> int:
    env = {"COMPLAINTS_AS_OF": "2026-11-23", "NO_MKDOCS_2_WARNING": "1"}
    check = [str(BIN / "complaints"), "check", "--as-of", "2026-11-23", "--format", "json"]
    rows, ratios = [], []
    with tempfile.TemporaryDirectory(prefix="complaints-bench-") as folder:
        base = Path(folder)
        empty = scratch(base, 0, with_cases=False)
        for size in SIZES:
            repo = scratch(base, size)
            cases = sorted((repo / "cases" / "2025-26").glob("*.yaml"))
            cold = median(check, repo)
            row(rows, "complaints check (cold)", size, cold, size)
            row(rows, "complaints check (unchanged)", size, median(check, repo), size)

            def touch_one():
                path = cases[len(cases) // 2]
                path.write_text(path.read_text() + "\n")

            row(rows, "complaints check (one case changed)", size, median(check, repo, touch_one), size)
            row(rows, "complaints score", size, median([str(BIN / "complaints"), "score", "--as-of", "2026-11-23"], repo))
            row(rows, "complaints report", size, median([str(BIN / "complaints"), "report", "--as-of", "2026-11-23"], repo))
            build = [str(BIN / "mkdocs"), "build", "-q", "-d", str(base / "public")]
            with_cases = median(build, repo, env=env)
            without = median(build, empty, env=env)
            row(rows, "mkdocs build (with the cases)", size, with_cases)
            row(rows, "mkdocs build (no cases)", size, without)
            ratios.append((size, "mkdocs build with cases / (without + cold check)",
                           with_cases[0] / (without[0] + cold[0])))
            if size <= PEER_LIMIT:
                schema = base / "case.schema.json"
                schema.write_text(subprocess.run([BIN / "complaints", "schema", "case"], capture_output=True,
                                                 text=True, check=True).stdout)
                peer = median([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, cases)], repo)
                row(rows, "check-jsonschema (schema only)", size, peer, size)
                ratios.append((size, "check-jsonschema / complaints check (cold)", peer[0] / cold[0]))
    table = ["| cases | command | median s | files/s | peak MB |", "| ---: | --- | ---: | ---: | ---: |"]
    table += [f"| {' | '.join(r)} |" for r in rows]
    table += ["", "| cases | ratio | value |", "| ---: | --- | ---: |"]
    table += [f"| {size:,} | {name} | {value:.2f} |" for size, name, value in ratios]
    machine = (f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"median of {RUNS} runs, {time.strftime('%Y-%m-%d')}")
    text = "# Benchmark results\n\n" + machine + "\n\n" + "\n".join(table) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
