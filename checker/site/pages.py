"""The public site's pages, generated from the data: plain Markdown (with HTML tables) and files.

No MkDocs import: `complaints pages --out DIR` writes the same pages for any generator, and the
MkDocs plugin only adds them to a build. Pages carry aggregates only: the policy, the Codes, the
self-assessments, the published report (small numbers suppressed) and the council's details;
never a case file's content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from checker.files import replace
from checker.load.view import View
from checker.measures.scoring import latest_assessment
from checker.model.codes import BODIES
from checker.model.findings import Document
from checker.report import charts, open_data
from checker.report import publish as published
from checker.report import render as report_format
from checker.report.figures import Figures, years_with_cases
from checker.report.plain import escaped, link
from checker.report.publish import Published
from checker.site.assessment import self_assessment_page
from checker.site.links import relative_link
from checker.site.policy_page import policy_page
from checker.site.procedure import how_to_complain

# The site's navigation, as MkDocs takes it: each entry a title and its page, or a title and a
# list of such entries.
Nav = list[dict[str, str | list[dict[str, str]]]]
POLICY_PAGE = "policy.md"
OPEN_DATA_PAGE = "open-data.md"


def assessment_path(document: Document) -> str:
    """The page a self-assessment is published on (when it is its Code's latest)."""
    return f"self-assessment/{document.data['year']}-{document.data['code']}.md"


def report_path(year: str) -> str:
    """The page a year's annual report is published on, with its governing body's response."""
    return f"reports/{year}.md"


@dataclass(frozen=True)
class Site:
    """Every generated page (path -> Markdown) and download (path -> text), and the navigation."""

    pages: dict[str, str]
    files: dict[str, str]
    nav: Nav


def build_site(view: View, counted: dict[str, Figures]) -> Site:
    """All pages and downloads for the repository in `view`, with its counted report figures."""
    # the site is built only from a valid council and policy (its callers refuse otherwise)
    assert view.council is not None and view.policy is not None
    council = view.council.data
    policy = view.policy.data
    pages: dict[str, str] = {}
    files: dict[str, str] = {}
    nav: Nav = [
        {"Home": "index.md"},
        {"How to complain": "how-to-complain.md"},
        {"Complaints policy": POLICY_PAGE},
    ]
    codes = {name: document.data for name, document in view.codes.items()}
    pages["how-to-complain.md"] = how_to_complain(council, policy, codes)
    pages[POLICY_PAGE] = policy_page(policy, council)

    assessments: list[dict[str, str]] = []
    assessment_pages: dict[str, str] = {}  # each Code's, linked from each report
    for code in sorted(view.codes):
        document = latest_assessment(view, code)
        if document is None:
            continue
        path = assessment_path(document)
        pages[path] = self_assessment_page(view, document, relative_link(path, POLICY_PAGE))
        assessments.append({f"{_code_name(view, code)}, {document.data['year']}": path})
        assessment_pages[code] = path
    if assessments:
        nav.append({"Self-assessments": assessments})

    reports: list[dict[str, str]] = []
    for year in reversed(years_with_cases(view)):
        public = published.build(view, counted, year)
        page = report_path(year)
        linked = {code: relative_link(page, to) for code, to in assessment_pages.items()}
        pages[page] = report_page(public, year, linked)
        files[f"data/complaints-report-{year}.json"] = open_data.json_format(public)
        files[f"data/complaints-report-{year}.csv"] = open_data.csv_format(public)
        files[f"data/complaints-report-{year}.csv.tableschema.json"] = open_data.csv_table_schema(
            public
        )
        reports.append({f"Annual report {year}": report_path(year)})
    if reports:
        nav.append({"Annual reports": reports})
    schema = resources.files("checker.schemas").joinpath("report-data.schema.json")
    if schema.is_file():
        files["data/report-data.schema.json"] = schema.read_text("utf-8")
    pages[OPEN_DATA_PAGE] = open_data_page(council, files)
    nav.append({"Open data": OPEN_DATA_PAGE})
    pages["accessibility.md"] = accessibility_page(council)
    nav.append({"Accessibility statement": "accessibility.md"})
    pages["index.md"] = home_page(council, nav)
    for asset in resources.files("checker.site.assets").iterdir():
        if asset.name.endswith((".css", ".js")):
            files[f"assets/{asset.name}"] = asset.read_text("utf-8")
    return Site(pages, files, nav)


def _code_name(view: View, code: str) -> str:
    """A Code as the menu names it: spelled out ("Housing Ombudsman's Code"), never initials."""
    return f"{BODIES[code].name}'s Code" if code in BODIES else code


def home_page(council: dict[str, Any], nav: Nav) -> str:
    lines = [  # the title holds no text from the data (checker/report/plain.py says why)
        "# Complaints\n",
        f"How to complain to {escaped(council['name'])}, the complaints policy, how the council "
        "measures up to the ombudsmen's Complaint Handling Codes, and how it handled complaints "
        "each year.\n",
    ]
    for entry in nav[1:]:
        ((title, target),) = entry.items()
        if isinstance(target, list):
            for sub in target:
                ((sub_title, sub_target),) = sub.items()
                lines.append(f"- [{escaped(sub_title)}]({sub_target})")
        else:
            lines.append(f"- [{escaped(title)}]({target})")
    return "\n".join(lines) + "\n"


def report_page(public: Published, year: str, assessments: Mapping[str, str]) -> str:
    rendered = {key: charts.html(chart) for key, chart in charts.render(public).items()}
    data = relative_link(report_path(year), f"data/complaints-report-{year}")
    downloads = (
        f"\nThe figures in this report are also available as open data: "
        f"[the {year} figures as JSON]({data}.json) and "
        f"[the {year} figures as CSV]({data}.csv), under the "
        f"[Open Government Licence v3.0]({OGL}).\n"
    )
    return report_format.markdown(public, rendered, assessments) + downloads


OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def open_data_page(council: dict[str, Any], files: dict[str, str]) -> str:
    """The downloads, each with what it holds, its figures' date and its size, under the Open
    Government Licence."""
    out = [
        "# Open data\n",
        f"{escaped(council['name'])} publishes the figures of its annual complaints reports for "
        "anyone to reuse, under the "
        + link(OGL, "Open Government Licence v3.0")
        + ". They hold totals only, the same as on each report's page: counts are exact, except "
        "those that could point at a person (such as complaints claiming discrimination, or "
        'about social care), which are shown as "fewer than 5" when small, with any figure that '
        'would let one be worked out shown as "hidden". In the CSV every value is a number or '
        "empty, and the status column says why a figure is withheld; the Table Schema beside it "
        "describes its columns. A year's figures are final once the report says they are as at "
        "a date; until then it is a draft.\n",
        '<table>\n<caption>Downloads</caption>\n<thead><tr><th scope="col">File</th>'
        '<th scope="col">Format</th><th scope="col">Figures as at</th>'
        '<th scope="col">Size</th>'
        '<th scope="col">What it holds</th></tr></thead>\n<tbody>',
    ]
    for path in sorted(files):
        name = path.rsplit("/", 1)[-1]
        kind = (
            "Table Schema"
            if name.endswith(".tableschema.json")
            else "JSON Schema"
            if name.endswith(".schema.json")
            else name.rsplit(".", 1)[-1].upper()
        )
        what = {
            "JSON Schema": "the structure of the JSON files, for validating and reusing them",
            "Table Schema": "the columns of the CSV beside it, their types, units and statuses "
            "(Frictionless Table Schema)",
            "CSV": "every figure of the report, one per row: year, section, table, row, column, "
            "value, unit, status (and a range's low and high)",
        }.get(kind, "the whole report: every figure, in the structure the JSON Schema describes")
        out.append(
            f'<tr><th scope="row"><a href="{relative_link(OPEN_DATA_PAGE, path)}">'
            f"{escaped(name)}</a></th>"
            f"<td>{kind}</td><td>{_as_of(path, files)}</td>"
            f"<td>{_size(len(files[path].encode('utf-8')))}</td><td>{what}</td></tr>"
        )
    out.append("</tbody>\n</table>\n")
    return "\n".join(out)


def _as_of(path: str, files: dict[str, str]) -> str:
    """The date a report file's figures are as at (and whether they are still a draft)."""
    match = re.match(r"data/complaints-report-(.+?)\.(json|csv|csv\.tableschema\.json)$", path)
    data = files.get(f"data/complaints-report-{match[1]}.json") if match else None
    if data is None:
        return "–"
    try:
        report = json.loads(data)
    except ValueError:
        return "–"
    draft = "" if report.get("frozen") else " (draft)"
    return f"{escaped(str(report.get('as_of', '–')))}{draft}"


def _size(size: int) -> str:
    """A file's size as a reader reads it: 812 bytes, 14 KB, 1.2 MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000):,} KB"
    return f"{size / 1_000_000:.1f} MB"


# When this statement was prepared and last reviewed, and when the pages it describes were last
# tested as it says (tests/test_site.py, tests/test_keyboard.py and tests/test_readability.py on
# the example council and the councils under examples/). Change them when the statement or the
# pages' templates, styles or scripts change, and test again.
STATEMENT_PREPARED = "4 December 2026"
STATEMENT_REVIEWED = "4 December 2026"
PAGES_TESTED = "4 December 2026"


def accessibility_page(council: dict[str, Any]) -> str:
    """The accessibility statement, in the form the Public Sector Bodies Accessibility
    Regulations 2018 require (the GOV.UK model statement): what was tested, how and when, and
    what is known not to comply, so that it is true of the pages it describes."""
    name = escaped(council["name"])
    contact = council["contact"]
    return "\n".join(
        [
            "# Accessibility statement\n",
            "This accessibility statement applies to the complaints pages published by "
            f"{name}: how to complain, the complaints policy, the self-assessments against the "
            "ombudsmen's Complaint Handling Codes, the annual complaints reports and their open "
            "data.\n",
            "We want as many people as possible to be able to use these pages. For example, you "
            "should be able to:\n",
            "- change colours, contrast levels and fonts using your browser or device settings",
            "- zoom in up to 400% without the text spilling off the screen",
            "- use every link, button and menu with just a keyboard, and always see where you are",
            "- turn off animation, by asking your device for reduced motion\n",
            "The How to complain page is written in plain English. We check that it reads at a "
            "Flesch-Kincaid grade of 6 or below, a reading age of about 11. Every chart has a text "
            "description and a table of the same figures.\n",
            "## How accessible these pages are\n",
            "We know some parts of these pages are not fully accessible:\n",
            "- on a small screen, or zoomed in, the text in charts gets smaller with the chart",
            "- without JavaScript, on a small screen or zoomed in to 200% or more, the menu and "
            "search cannot be opened with a keyboard",
            "- the complaints policy is our own document: parts of it are long and hard to read, "
            'and some of its links use short forms such as "HO" and "LGO"',
            "- the PDF of each annual report is tagged for screen readers (PDF/UA), with its "
            "language, title and headings, but we have not yet tested it with a screen reader "
            "(the report's web page has the same content)",
            "- we have not yet tested these pages with a screen reader or with speech recognition "
            "software\n",
            "## Feedback and contact information\n",
            "If you need information on these pages in a different format, such as accessible PDF, "
            "large print, easy read, audio recording or braille, contact us "
            + _ways(contact)
            + ".\n",
            "## Reporting accessibility problems with these pages\n",
            "We are always looking to improve the accessibility of these pages. If you find any "
            "problems not listed on this page or think we are not meeting accessibility "
            "requirements, contact us using the details above.\n",
            "## Enforcement procedure\n",
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the 'accessibility regulations'). If you are not happy with how we "
            "respond to your complaint, contact the [Equality Advisory and Support Service "
            "(EASS)](https://www.equalityadvisoryservice.com/).\n",
            "## Technical information about these pages' accessibility\n",
            f"{name} is committed to making its website accessible, in accordance with the Public "
            "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
            "2018.\n",
            "### Compliance status\n",
            "These pages are partially compliant with the Web Content Accessibility Guidelines "
            "version 2.2 AA standard, due to the non-compliances listed below.\n",
            "### Non-accessible content\n",
            "The content listed below is non-accessible for the following reasons.\n",
            "#### Non-compliance with the accessibility regulations\n",
            "- Text in charts is drawn inside each chart's picture and shrinks with it. On a "
            "screen 320 pixels wide, or at 400% zoom, it can be much smaller than the rest of the "
            "text. This fails WCAG 2.2 success criterion 1.4.4 (Resize text). The same figures "
            "are in the table under each chart, which can be resized.",
            "- The menu, search and menu section buttons are made usable by keyboard and named "
            "for assistive technology by a script. Without JavaScript, below 1220 pixels wide "
            "(a phone, or a laptop zoomed to 110% or more) the menu cannot be opened with a "
            "keyboard. This fails WCAG 2.2 success criteria 2.1.1 (Keyboard) and 4.1.2 (Name, "
            "role, value) when JavaScript is off.",
            "- Some links in the complaints policy use short forms of the ombudsmen's names, such "
            'as "HO Complaint Handling Code". The full names are given elsewhere in the policy. '
            "This may fail WCAG 2.2 success criterion 2.4.4 (Link purpose, in context).",
            "- The PDF of each annual report has not been checked for accessibility. It may fail "
            "several WCAG 2.2 success criteria. The report's web page has the same content and is "
            "the version we test.\n",
            "We plan to fix these problems. We will update this statement when we do.\n",
            "#### Disproportionate burden\n",
            "We are not claiming disproportionate burden for any of these pages.\n",
            "#### Content that is not within the scope of the accessibility regulations\n",
            "Links to other websites, such as the ombudsmen's, go to content we do not control.\n",
            "## How we tested these pages\n",
            f"These pages were last tested on {PAGES_TESTED}. We tested an example council's "
            "site, made by the same software, with the same templates, styles and scripts, as "
            "these pages. The same tests run every time that software changes. We tested:\n",
            "- every page with the axe-core accessibility engine, against WCAG 2.0, 2.1 and 2.2 "
            "levels A and AA, 1280 and 390 pixels wide, in the Chromium browser",
            "- every page with a keyboard alone, in Chromium, 320 pixels wide (a 1280 pixel screen "
            "at 400% zoom) and 1280 pixels wide, tabbing forwards and backwards through every "
            "link and control: each one must be visible, inside the window and not hidden by the "
            "page header, with a focus outline of at least 3:1 contrast",
            "- that the menu opens with the Enter or Space key and closes with Escape, and that "
            "search opens and closes from the keyboard",
            "- the reading level of the How to complain page, made from the example council's "
            "policy and from other councils' policies",
            "- that the HTML of every page is valid, and that no page loads anything from another "
            "website\n",
            "These tests are automated. They were written after a person checked the pages with a "
            "keyboard and with browser zoom, and found problems that automated checkers miss. "
            "We have not tested with screen readers or speech recognition software.\n",
            "## Preparation of this accessibility statement\n",
            f"This statement was prepared on {STATEMENT_PREPARED}. It was last reviewed on "
            f"{STATEMENT_REVIEWED}.\n",
        ]
    )


def _ways(contact: dict[str, Any]) -> str:
    """The ways to contact the council it publishes: by phone, email or post where it gives them,
    else online."""
    ways = []
    if contact.get("phone"):
        ways.append(f"by phone on {escaped(contact['phone'])}")
    if contact.get("email"):
        ways.append(f"by email at {escaped(contact['email'])}")
    if contact.get("post"):
        ways.append(f"by writing to us at {escaped(', '.join(contact['post']))}")
    if not ways:
        ways.append(f"online ({link(contact['online']['url'], contact['online']['label'])})")
    return ways[0] if len(ways) == 1 else ", ".join(ways[:-1]) + " or " + ways[-1]


def write(site: Site, out: Path | str) -> list[Path]:
    """Write every page and file under `out` (a folder usable as a docs folder)."""
    written: list[Path] = []
    for path, text in {**site.pages, **site.files}.items():
        target = Path(out) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        replace(target, text)
        written.append(target)
    return written
