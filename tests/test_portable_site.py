"""The same pages, built three ways, with no broken link: MkDocs with directory URLs (`policy/`)
and with file URLs (`policy.html`), and Zensical, Material's successor, from the pages and the
configuration `complaints pages --config` writes (it runs no MkDocs plugin). LinkChecker follows
every link and anchor of each site, served from this machine; and every link in the pages' own
Markdown resolves as GitHub's Markdown view reads it, relative to the source file.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from checker.site.project import HEADER
from tests.conftest import ROOT, scratch
from tests.test_site import AS_OF, built, missing, mkdocs_build, pages

__all__ = ["built"]  # the session's MkDocs build (directory URLs), shared with tests/test_site.py
LINKCHECKER_CONFIG = Path(__file__).parent / "fixtures" / "linkcheckerrc"
STYLES = ["mkdocs, directory URLs", "mkdocs, file URLs", "zensical"]


def _tool(name: str) -> str:
    """A command installed beside this Python (the project's virtual environment)."""
    return str(Path(sys.executable).parent / name)


class _Site(http.server.SimpleHTTPRequestHandler):
    """A built site, served as a web server serves it (`policy/` is `policy/index.html`)."""

    def end_headers(self) -> None:
        # LinkChecker waits between requests to a host unless the host says it may go faster
        self.send_header("LinkChecker", "a local test server")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # LinkChecker closes a connection once it has what it needs


@pytest.fixture(scope="module")
def sites(built: Path, tmp_path_factory) -> dict[str, Path]:
    """Each style's built site."""
    if importlib.util.find_spec("zensical") is None:
        missing("Zensical is not installed (make install installs it)")
    tmp = tmp_path_factory.mktemp("portable")
    files = scratch(tmp / "files", with_cases=True)
    (files / "site").mkdir()
    with (files / "mkdocs.yml").open("a") as config:
        config.write("use_directory_urls: false\n")
    result = mkdocs_build(files, tmp / "files-public")
    assert result.returncode == 0, result.stdout + result.stderr
    zensical = tmp / "zensical"
    zensical.mkdir()
    command = [sys.executable, "-m", "checker.cli", "pages", "--root", str(ROOT)]
    generated = subprocess.run(
        [*command, "--as-of", AS_OF, "--out", zensical / "pages", "--config", zensical / "z.yml"],
        capture_output=True,
        text=True,
    )
    assert generated.returncode == 0, generated.stderr
    result = subprocess.run(
        [_tool("zensical"), "build", "--strict", "-f", zensical / "z.yml"],
        capture_output=True,
        text=True,
        cwd=zensical,
    )
    assert result.returncode == 0 and "No issues found" in result.stderr, result
    return dict(zip(STYLES, [built, tmp / "files-public", zensical / "public"], strict=True))


@pytest.fixture(scope="module")
def link_reports(sites: dict[str, Path]) -> dict[str, list[str]]:
    """What LinkChecker finds wrong in each site (every link and anchor, the sites' own only),
    the three checked side by side."""
    servers = {}
    running = {}
    for style, site in sites.items():
        handler = functools.partial(_Site, directory=str(site))
        server = servers[style] = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        running[style] = subprocess.Popen(
            [_tool("linkchecker"), "-f", str(LINKCHECKER_CONFIG), url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    reports = {}
    for style, process in running.items():
        out, err = process.communicate(timeout=600)
        servers[style].shutdown()
        rows = [line for line in out.splitlines() if line and not line.startswith("#")]
        assert rows and rows[0].startswith("urlname;"), out + err  # it ran, and wrote its CSV
        failed = [f"exit {process.returncode}: {err}"] if process.returncode else []
        reports[style] = rows[1:] + failed
    return reports


@pytest.mark.parametrize("style", STYLES)
def test_no_link_or_anchor_is_broken(link_reports, style):
    assert link_reports[style] == []


def test_the_link_checker_finds_a_broken_link_and_a_broken_anchor(tmp_path):
    """The check can fail: a missing page and a missing anchor are both reported."""
    site = tmp_path / "site"
    (site / "policy").mkdir(parents=True)
    (site / "policy" / "index.html").write_text('<h2 id="clause-1">1</h2>')
    (site / "index.html").write_text(
        '<a href="policy/#clause-1">a</a> <a href="policy/#clause-9">b</a> <a href="gone/">c</a>'
    )
    server = _Server(("127.0.0.1", 0), functools.partial(_Site, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = subprocess.run(
        [_tool("linkchecker"), "-f", str(LINKCHECKER_CONFIG), url], capture_output=True, text=True
    )
    server.shutdown()
    assert result.returncode == 1
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    assert sorted(row.split(";")[0] for row in rows[1:]) == ["gone/", "policy/#clause-9"]


def test_zensical_publishes_every_page_mkdocs_does_and_asks_no_other_host(sites):
    assert pages(sites["zensical"]) == pages(sites["mkdocs, directory URLs"])
    for page in sites["zensical"].rglob("*.html"):
        text = page.read_text()
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # names the page's own address; nothing is fetched
            assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), (page, tag)


def test_every_link_in_the_pages_resolves_relative_to_its_source_file(tmp_path, cli):
    """GitHub's Markdown view (and any reader of the files) follows a link from the source file:
    each one, Markdown or HTML, names a file the pages include."""
    out = tmp_path / "pages"
    assert cli("pages", "--root", ROOT, "--as-of", AS_OF, "--out", out).code == 0
    found = 0
    for page in out.rglob("*.md"):
        text = page.read_text()
        for target in re.findall(r'\]\(([^)\s]+)\)|<a href="([^"]+)"', text):
            address = target[0] or target[1]
            if address.startswith("#") or re.match(r"[a-z]+(:|&#58;)", address):
                continue  # an anchor on the page, or another site
            address = address.split("#")[0]
            found += 1
            assert (page.parent / address).resolve().is_file(), (page, address)
    assert found > 200  # the self-assessments' clause links among them


def test_the_configuration_for_zensical_is_the_councils_own_with_the_pages(tmp_path, cli):
    out = tmp_path / "pages"
    config = tmp_path / "zensical.yml"
    run = cli("pages", "--root", ROOT, "--as-of", AS_OF, "--out", out, "--config", config)
    assert run.code == 0, run.err
    text = config.read_text()
    assert text.startswith(HEADER) and "# no Google Fonts" in text  # the council's, with comments
    written, own = yaml.safe_load(text), yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert (written["docs_dir"], written["site_dir"]) == ("pages", "public")
    assert written["plugins"] == ["search"]  # no complaints plugin: the pages are written
    assert {"Complaints policy": "policy.md"} in written["nav"]
    assert written["extra_css"] == own["extra_css"]
    for setting in ("theme", "markdown_extensions", "site_name", "extra", "extra_javascript"):
        assert written[setting] == own[setting]


def test_the_configuration_never_replaces_a_file_it_did_not_write(tmp_path, cli):
    out = tmp_path / "pages"
    own = tmp_path / "mkdocs.yml"
    own.write_text("site_name: Mine\n")
    run = cli("pages", "--root", ROOT, "--as-of", AS_OF, "--out", out, "--config", own)
    assert run.code == 2 and "is not one `complaints pages` wrote" in run.err
    assert own.read_text() == "site_name: Mine\n"
    elsewhere = tmp_path / "elsewhere" / "z.yml"
    elsewhere.parent.mkdir()
    run = cli("pages", "--root", ROOT, "--as-of", AS_OF, "--out", out, "--config", elsewhere)
    assert run.code == 2 and "must be inside the folder of --config" in run.err
    assert not elsewhere.exists()
    assert not out.exists()  # refused before any page is written
    folder = tmp_path / "a-folder.yml"
    folder.mkdir()
    run = cli("pages", "--root", ROOT, "--as-of", AS_OF, "--out", out, "--config", folder)
    assert run.code == 2 and "cannot be read" in run.err and "Traceback" not in run.err
