"""Layout and print: tables that fit a desktop and a phone, a print stylesheet that prints the
report as a committee reads it, and each year's report as a PDF among the downloads.

The browser tests reuse tests/test_site.py's built site, server and Debian Chromium (and skip or
fail as those do); each saves full-page screenshots in its own tmp folder.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from checker.site.tables import label_tables
from tests.test_site import _case_strings, browser, built, server

FIXTURES = (browser, built, server)  # tests/test_site.py's session fixtures, used here

YEAR = "2025-26"
PAGES = [
    "/reports/2025-26/",
    "/self-assessment/2026-housing-ombudsman/",
    "/self-assessment/2026-lgsco/",
]
WIDTHS = {"desktop": 1280, "phone": 390, "phone on its side": 667}

# --- tables labelled for narrow screens ----------------------------------------------------------


def _table(columns: int, cell: str = "7", head: str = "") -> str:
    headers = "".join(f'<th scope="col">Column {i} &amp; more</th>' for i in range(columns))
    cells = "".join(f"<td>{cell}</td>" for _ in range(columns - 1))
    return (
        f"<table>\n<caption>A table</caption>\n<thead>{head or f'<tr>{headers}</tr>'}</thead>\n"
        f'<tbody>\n<tr><th scope="row">Row</th>{cells}</tr>\n</tbody>\n</table>'
    )


def test_each_cell_of_a_wide_table_is_labelled_with_its_column():
    out = label_tables(f"<p>Before</p>{_table(4)}<p>After</p>")
    assert out.startswith("<p>Before</p><table data-stack>") and out.endswith("<p>After</p>")
    labels = re.findall(r'<td data-label="([^"]*)">7</td>', out)
    assert labels == ["Column 1 &amp; more", "Column 2 &amp; more", "Column 3 &amp; more"]
    assert '<th scope="row">Row</th>' in out  # the row header is the card's title, unlabelled
    assert "<caption>A table</caption>" in out and "<thead>" in out  # headers kept


def test_a_table_of_seven_columns_or_more_is_marked_wide():
    assert label_tables(_table(7)).startswith('<table data-stack="wide">')
    assert label_tables(_table(6)).startswith("<table data-stack>")


def test_a_long_cell_is_marked_to_be_set_under_its_label():
    out = label_tables(_table(5, cell="Landlords must make it easy for residents to complain."))
    assert out.count(" data-long>") == 4


def test_a_narrow_table_or_one_whose_headers_span_is_left_as_it_is():
    narrow = _table(3)
    spanning = _table(4, head='<tr><th colspan="2">A</th><th>B</th><th>C</th></tr>')
    headless = "<table><tbody><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></tbody></table>"
    for table in (narrow, spanning, headless):
        assert label_tables(table) == table


def test_a_markdown_table_is_labelled_too():
    markdown = (
        "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n<th>C</th>\n<th>D</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n<td>3</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>"
    )
    labels = re.findall(r'<td data-label="([^"]*)">', label_tables(markdown))
    assert labels == ["A", "B", "C", "D"]


# --- in the browser ------------------------------------------------------------------------------

MEASURE = """() => [...document.querySelectorAll('.md-content table')].map(table => {
  const box = table.getBoundingClientRect();
  const wrap = table.closest('.md-typeset__scrollwrap') || table.parentElement;
  const cells = [...table.querySelectorAll('tbody td[data-label]')];
  return {
    caption: (table.querySelector('caption') || {}).textContent || '(no caption)',
    left: box.left, right: box.right, viewport: document.documentElement.clientWidth,
    scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth,
    stacked: getComputedStyle(table).display === 'block',
    labels: cells.map(td => getComputedStyle(td, '::before').content),
    overflowing: cells.filter(td => td.scrollWidth > td.clientWidth + 1).map(
      td => td.dataset.label),
    longWidths: [...table.querySelectorAll('tbody td[data-long]')].map(
      td => td.getBoundingClientRect().width / wrap.clientWidth),
  };
})"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_table_is_cut_off_on_a_desktop_or_a_phone(built, server, browser, width, tmp_path):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    cut, unlabelled, squeezed = [], [], []
    for path in PAGES:
        page.goto(server + path, wait_until="networkidle")
        tables = page.evaluate(MEASURE)
        assert tables, f"no table on {path}"
        for t in tables:
            where = f"{path} {t['caption']!r}"
            # the table's scroll region has nothing hidden to scroll to, and it is on the screen
            if t["scrollWidth"] > t["clientWidth"] + 1 or t["right"] > t["viewport"] + 1:
                cut.append(f"{where}: {t['scrollWidth']} px in {t['clientWidth']} px")
            if t["left"] < -1:
                cut.append(f"{where}: starts {t['left']} px left of the screen")
            if width != "desktop" and t["stacked"]:
                # each cell shows its column's name, and a cell of text has the page's width
                unlabelled += [where for label in t["labels"] if label in ("none", "normal", "")]
                squeezed += [f"{where}: {w:.0%}" for w in t["longWidths"] if w < 0.8]
                # and no cell's text runs out of its box into the next
                squeezed += [f"{where}: {label} overflows" for label in t["overflowing"]]
        name = path.strip("/").replace("/", "_")
        page.screenshot(path=str(tmp_path / f"{name}-{WIDTHS[width]}.png"), full_page=True)
    context.close()
    assert cut == [], cut
    assert unlabelled == [] and squeezed == [], (unlabelled[:3], squeezed[:3])
    assert len(list(tmp_path.glob(f"*-{WIDTHS[width]}.png"))) == len(PAGES)  # the screenshots


def test_on_a_phone_the_self_assessment_is_stacked_not_squeezed(built, server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/self-assessment/2026-housing-ombudsman/", wait_until="networkidle")
    widths = page.eval_on_selector_all(
        "td[data-label='Code requirement']",
        "tds => tds.map(td => td.getBoundingClientRect().width)",
    )
    context.close()
    assert widths and min(widths) >= 300  # was 90 px: a few words a line


# --- print --------------------------------------------------------------------------------------


def _print_view(browser, server, path: str):
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(server + path, wait_until="networkidle")
    return context, page


def test_in_print_chart_text_is_the_size_of_the_table_text(built, server, browser):
    context, page = _print_view(browser, server, f"/reports/{YEAR}/")
    sizes = page.evaluate(
        """() => {
          const svg = document.querySelector('figure.chart svg');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const text = [...svg.querySelectorAll('text')].map(
            t => parseFloat(getComputedStyle(t).fontSize) * scale);
          const td = document.querySelector('.md-content table td');
          return {chart: Math.max(...text), table: parseFloat(getComputedStyle(td).fontSize)};
        }"""
    )
    context.close()
    assert 0.8 <= sizes["chart"] / sizes["table"] <= 1.25, sizes


def test_in_print_the_address_of_a_link_to_another_site_is_printed(built, server, browser):
    context, page = _print_view(browser, server, "/how-to-complain/")
    after = page.evaluate(
        """() => [...document.querySelectorAll('.md-content a[href^="http"]')].map(
             a => [a.href, getComputedStyle(a, '::after').content])"""
    )
    headings = page.evaluate(
        """() => [...document.querySelectorAll('.md-content h2, .md-content h3')].map(
             h => getComputedStyle(h).breakAfter)"""
    )
    hidden = page.evaluate("getComputedStyle(document.querySelector('.md-header')).display")
    context.close()
    assert after and all(href.rstrip("/") in content for href, content in after), after[:3]
    assert headings and set(headings) == {"avoid"}
    assert hidden == "none"


# --- the PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_pages(built) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    path = built / "data" / f"complaints-report-{YEAR}.pdf"
    assert path.is_file(), "the report's PDF is not among the downloads"
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _headings(built: Path) -> set[str]:
    """The text of every heading and table caption of the report's page."""
    page = (built / "reports" / YEAR / "index.html").read_text()
    article = page[page.index("<article") : page.index("</article>")]
    found = re.findall(r"<(h[1-6]|caption)\b[^>]*>(.*?)</\1>", article, re.S)
    return {" ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()) for _, text in found}


def test_the_pdf_is_tagged_for_screen_readers(built):
    """PDF/UA: a structure tree of the page's headings, tables and text, marked as tagged, with
    the document's language and its title shown as the window's title."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(built / "data" / f"complaints-report-{YEAR}.pdf")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("en")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith(f"Annual report {YEAR}")
    kinds = set()
    stack = [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            kinds.add(str(node.get("/S", "")))
            kids = node.get("/K", [])
            stack.extend(kids if isinstance(kids, list) else [kids])
    assert {"/H1", "/Table", "/TH", "/TD"} <= kinds, kinds


def test_the_report_pdf_is_linked_from_its_page(built):
    page = (built / "reports" / YEAR / "index.html").read_text()
    assert f'href="../../data/complaints-report-{YEAR}.pdf"' in page
    assert f"the annual complaints report {YEAR} as a PDF" in page


def test_the_pdf_has_page_numbers_and_a_running_title(built, pdf_pages):
    total = len(pdf_pages)
    assert 2 <= total <= 20
    title = next(h for h in _headings(built) if h.startswith("Annual complaints"))
    for number, text in enumerate(pdf_pages, 1):
        assert f"Page {number} of {total}" in text, number
        if number > 1:  # the first page has the title itself, as its heading
            assert title in " ".join(text.split()), number


def test_no_page_of_the_pdf_ends_with_a_heading(built, pdf_pages):
    headings = _headings(built)
    title = next(h for h in headings if h.startswith("Annual complaints"))
    stranded = []
    for number, text in enumerate(pdf_pages, 1):
        lines = [
            " ".join(line.split())
            for line in text.splitlines()
            if line.strip() and not re.fullmatch(r"Page \d+ of \d+", line.strip())
        ]
        lines = [line for line in lines if line != title and line not in ("•",)]
        last = lines[-1] if lines else ""
        if any(last == h or (len(last) > 3 and h.endswith(last)) for h in headings):
            stranded.append((number, last))
    assert stranded == [], stranded


def test_the_pdf_holds_nothing_of_a_case(pdf_pages):
    text = "\n".join(" ".join(page.split()) for page in pdf_pages)
    for kind in ("id", "ref"):
        leaked = sorted(v for v in _case_strings()[kind] if v in text)
        assert leaked == [], f"{kind} in the PDF: {leaked[:5]}"


def test_the_pdf_reads_only_the_sites_own_files(tmp_path, caplog):
    from checker.site.pdf import print_pdf

    site = tmp_path / "public"
    site.mkdir()
    (tmp_path / "outside.css").write_text("h1 { color: red }")
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>T</title>'
        '<link rel="stylesheet" href="../outside.css">'
        '<link rel="stylesheet" href="https://example.invalid/x.css"></head>'
        "<body><h1>Report</h1></body></html>"
    )
    with caplog.at_level("ERROR", logger="weasyprint"):
        pdf = print_pdf(site / "index.html", site)
    assert pdf.startswith(b"%PDF")
    refused = " ".join(r.getMessage() for r in caplog.records)
    assert "the PDF reads only the site's own files" in refused  # the file outside the site
    assert "disallowed protocol" in refused  # another host


def test_the_pdf_engine_is_loaded_to_find_out_once_per_installed_copy(tmp_path, monkeypatch):
    # Loading WeasyPrint takes half a second: a build after one case changed would spend more on
    # it than on the case. Its answer is kept; a failure is never kept, so a user who installs
    # Pango is heard at the next build; another copy of the engine is loaded to find out again.
    from checker.site import pdf

    monkeypatch.setenv("COMPLAINTS_CACHE_DIR", str(tmp_path / "cache"))
    loads: list[bytes] = []
    answer = [pdf.LOADED]

    def load() -> bytes:
        loads.append(answer[0])
        return answer[0]

    monkeypatch.setattr(pdf, "_loads", load)
    assert pdf.unavailable() is None and pdf.unavailable() is None
    assert len(loads) == 1
    monkeypatch.setattr(pdf, "installed", lambda module: b"another copy")
    answer[0] = b"needs Pango"
    assert pdf.unavailable() == "needs Pango" and pdf.unavailable() == "needs Pango"
    assert len(loads) == 3
    answer[0] = pdf.LOADED
    assert pdf.unavailable() is None and pdf.unavailable() is None
    assert len(loads) == 4
    monkeypatch.setattr(pdf, "installed", lambda module: None)  # not installed: nothing to load
    assert "WeasyPrint is not installed" in (pdf.unavailable() or "")
    assert len(loads) == 4


def test_a_council_can_build_without_the_pdf(tmp_path):
    from tests.conftest import scratch
    from tests.test_site import ROOT, mkdocs_build

    repo = scratch(tmp_path / "repo", with_cases=True)
    shutil.copytree(ROOT / "site", repo / "site")
    config = repo / "mkdocs.yml"
    text = config.read_text()
    line = next(line for line in text.splitlines() if line.strip().startswith("- complaints"))
    config.write_text(text.replace(line, "  - complaints:\n      pdf: false", 1))
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list((tmp_path / "public" / "data").glob("*.pdf"))
    page = (tmp_path / "public" / "reports" / YEAR / "index.html").read_text()
    assert ".pdf" not in page


def test_without_its_engine_the_pdf_fails_with_what_to_install(tmp_path, monkeypatch):
    import sys

    from checker.site.pdf import NotPrinted, print_pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if Pango could not be loaded
    with pytest.raises(NotPrinted, match="libpango-1.0-0 .*pdf: false"):
        print_pdf(tmp_path / "index.html", tmp_path)


@pytest.mark.parametrize("ci", [False, True])
def test_without_its_engine_the_site_builds_without_the_pdf_except_in_ci(tmp_path, ci):
    # A new user's first build needs nothing beyond Python: without Pango the site is built
    # without the PDF, saying why; CI fails instead, so a published site never lacks it silently.
    import os
    import subprocess
    import sys

    from tests.conftest import scratch
    from tests.test_site import AS_OF, ROOT

    repo = scratch(tmp_path / "repo", with_cases=True)
    shutil.copytree(ROOT / "site", repo / "site")
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "weasyprint.py").write_text("raise OSError('cannot load library libpango-1.0-0')\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env |= {"PYTHONPATH": str(shadow), "COMPLAINTS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    if ci:
        env["CI"] = "true"
    out = tmp_path / "public"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml")]
    result = subprocess.run([*command, "-d", str(out)], capture_output=True, text=True, env=env)
    said = result.stdout + result.stderr
    assert "Traceback" not in said
    assert "libpango-1.0-0" in said and "pdf: false" in said
    if ci:
        assert result.returncode == 1, said
        assert "no PDF of the annual report" in said
    else:
        assert result.returncode == 0, said
        assert "built without the report's PDF" in said
        assert not list((out / "data").glob("*.pdf"))
        assert ".pdf" not in (out / "reports" / YEAR / "index.html").read_text()
