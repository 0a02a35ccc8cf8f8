"""`pip install complaints-as-code` (or the pre-commit hook) brings only what `check` and the step
commands need; the site, the charts and the Excel import come with extras, and a command that
needs one that is missing says which to install. The hook installs the locked versions of what it
needs (.ci/pre-commit runs it end to end and measures it)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

HEAVY = ("mkdocs", "material", "matplotlib", "weasyprint", "openpyxl")


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_the_core_dependencies_leave_the_site_charts_and_import_to_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"]).lower()
    assert not [name for name in HEAVY if name in core]
    extras = project["optional-dependencies"]
    assert any("matplotlib" in d for d in extras["charts"])
    assert any("mkdocs-material" in d for d in extras["site"]) and any(
        "[charts]" in d for d in extras["site"]
    )
    assert any("openpyxl" in d for d in extras["import"])


def test_check_and_a_step_load_none_of_them():
    run = _python(
        "import sys\n"
        "from checker.cli import main\n"
        f"code = main(['check', '--root', {str(ROOT)!r}, '--as-of', '2026-11-23'])\n"
        f"code += main(['due', '--root', {str(ROOT)!r}, '--as-of', '2025-12-01'])\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules], code)\n"
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "[] 0"


def test_a_command_that_needs_a_missing_extra_says_which():
    run = _python(
        "import sys\n"
        "sys.modules['matplotlib'] = None  # as if not installed\n"
        "from checker.cli import main\n"
        f"sys.exit(main(['report', '--root', {str(ROOT)!r}, '--format', 'markdown']))\n"
    )
    assert run.returncode == 2, run.stderr
    assert "pip install 'complaints-as-code[charts]'" in run.stderr
    assert "Traceback" not in run.stderr


def _locked() -> tuple[dict[str, str], dict[str, set[str]]]:
    """Each package of requirements/lock.txt: its version, and the packages it is there for."""
    versions: dict[str, str] = {}
    wanted_by: dict[str, set[str]] = {}
    name = ""
    for line in (ROOT / "requirements/lock.txt").read_text(encoding="utf-8").splitlines():
        pin = re.match(r"([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        via = re.match(r" +# (?:via)? +(\S+)", line)
        if pin:
            name = canonicalize_name(pin[1])
            versions[name], wanted_by[name] = pin[2], set()
        elif via:
            wanted_by[name].add(via[1])
    return versions, wanted_by


def test_the_hook_installs_the_locked_versions_of_the_core_dependencies():
    versions, wanted_by = _locked()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core: set[str] = {canonicalize_name(Requirement(d).name) for d in project["dependencies"]}
    while more := {name for name, why in wanted_by.items() if why & core} - core:
        core |= more
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    pins = [Requirement(d) for d in hook["additional_dependencies"] if not d.startswith("-")]
    assert len(core) > len(project["dependencies"])  # the closure reached dateutil and six
    assert {canonicalize_name(r.name): str(r.specifier) for r in pins} == {
        name: f"=={versions[name]}" for name in core
    }
