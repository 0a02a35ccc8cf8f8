"""`complaints init`: a new council's repository, made by the tool installed as a package.

The tool is built as a wheel and installed into a fresh virtual environment, with no copy of
this repository in reach; its dependencies are the locked ones this environment already holds
(a path file points the fresh environment at them, so the test needs no network). In the folder
`init` makes, `complaints check` and `mkdocs build --strict` pass, `new` opens a case, and every
schema line resolves inside that folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the tool installed from its wheel: its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # built from a copy, so the build leaves nothing in the repository
    shutil.copytree(
        ROOT / "checker", source / "checker", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    built = run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", work / "dist", source, cwd=work,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = (work / "dist").glob("complaints_as_code-*.whl")
    with zipfile.ZipFile(wheel) as archive:  # the licence travels with the distribution
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())
    made = run(sys.executable, "-m", "venv", work / "fresh", cwd=work)
    assert made.returncode == 0, made.stderr
    python = work / "fresh" / "bin" / "python"
    added = run(
        python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=work
    )
    assert added.returncode == 0, added.stderr
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work
    )
    locked = sysconfig.get_paths()["purelib"]  # this environment's locked dependencies
    (Path(purelib.stdout.strip()) / "locked-dependencies.pth").write_text(locked + "\n")
    where = run(python, "-c", "import checker; print(checker.__file__)", cwd=work)
    assert where.stdout.startswith(str(work / "fresh")), where.stdout  # the wheel's, not ours
    return work / "fresh" / "bin"


def test_init_makes_a_repository_that_checks_and_builds_with_the_installed_tool(
    installed, tmp_path
):
    folder = tmp_path / "council"
    made = run(
        installed / "complaints", "init", folder, "--name", "Example Borough Council",
        "--prefix", "EBC", "--website", "https://www.example-borough.gov.uk", cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert run("git", "init", "-q", ".", cwd=folder).returncode == 0

    checked = run(installed / "complaints", "check", cwd=folder)
    assert checked.returncode == 0, checked.stdout
    assert "0 errors" in checked.stdout
    # every rule the skeleton leaves out is reported as not stated, citing its provision
    assert checked.stdout.count("policy-rule-not-stated") == 8

    opened = run(
        installed / "complaints", "new", "--route", "general", "--service", "customer-services",
        "--type", "service-failure", "--channel", "email",
        "--received", "2026-01-05T10:00:00+00:00", cwd=folder,
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert "Stage 1 acknowledgement due: 2026-01-12 (5 working days from receipt: the Code)" in (
        opened.stdout
    )

    built = run(installed / "python", "-m", "mkdocs", "build", "--strict", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert (folder / "public" / "how-to-complain" / "index.html").is_file()

    lines = 0
    for path in folder.rglob("*.yaml"):
        if ".git" in path.parts:
            continue
        match = SCHEMA_LINE.fullmatch(path.read_text().splitlines()[0])
        if match:
            lines += 1
            assert (path.parent / match.group(1)).resolve().is_file(), path
    assert lines >= 5  # council, policy, both Codes and the new case


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n")
    run_ = run_cli(
        "init", tmp_path, "--name", "Example Borough Council", "--prefix", "EBC",
        "--website", "https://www.example-borough.gov.uk",
    )  # fmt: skip
    assert run_.code == 2
    assert "not empty" in run_.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--prefix", "ebc"), ("--website", "http://www.example.gov.uk"), ("--name", "A\nB")],
)
def test_init_refuses_a_value_it_cannot_write_faithfully(tmp_path, option, value):
    values = {
        "--name": "Example Borough Council",
        "--prefix": "EBC",
        "--website": "https://www.example-borough.gov.uk",
        option: value,
    }
    run_ = run_cli("init", tmp_path / "new", *[x for pair in values.items() for x in pair])
    assert run_.code == 2
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("code", ["housing-ombudsman", "lgsco"])
def test_the_bundled_codes_are_the_repositorys_codes(code):
    # init writes the Codes bundled with the tool: the same text as policy/codes/, whose first
    # line (the schema line) init writes for the new repository's own schemas/ folder
    bundled = ROOT / "checker" / "edit" / "templates" / "codes" / f"{code}.yaml"
    ours = (ROOT / "policy" / "codes" / f"{code}.yaml").read_text().split("\n", 1)[1]
    assert bundled.read_text() == ours
