"""`pip install complaints-as-code` (or the pre-commit hook) brings only what `check` and the step
commands need; the site, the charts and the Excel import come with extras, and a command that
needs one that is missing says which to install."""

from __future__ import annotations

import subprocess
import sys
import tomllib

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
