"""The public site's pages, generated from the data: plain Markdown (with HTML tables) and files.

No MkDocs import: `complaints pages --out DIR` writes the same pages for any generator, and the
MkDocs plugin only adds them to a build. Pages carry aggregates only: the policy, the Codes, the
self-assessments, the published report (small numbers suppressed) and the council's details;
never a case file's content.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from checker.files import replace
from checker.load.view import View
from checker.measures.scoring import latest_assessment
from checker.model.codes import SHORT
from checker.model.findings import Document
from checker.report import charts
from checker.report import publish as published
from checker.report import render as report_format
from checker.report.figures import Figures, years_with_cases
from checker.report.plain import escaped, link
from checker.report.publish import Published
from checker.site.assessment import self_assessment_page
from checker.site.policy_page import policy_page
from checker.site.procedure import how_to_complain

# The site's navigation, as MkDocs takes it: each entry a title and its page, or a title and a
# list of such entries.
Nav = list[dict[str, str | list[dict[str, str]]]]
POLICY_PAGE = "policy.md"


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
    for code in sorted(view.codes):
        document = latest_assessment(view, code)
        if document is None:
            continue
        path = assessment_path(document)
        pages[path] = self_assessment_page(view, document)
        assessments.append({f"{_code_name(view, code)} {document.data['year']}": path})
    if assessments:
        nav.append({"Self-assessments": assessments})

    reports: list[dict[str, str]] = []
    for year in reversed(years_with_cases(view)):
        public = published.build(view, counted, year)
        pages[report_path(year)] = report_page(public, year)
        files[f"data/complaints-report-{year}.json"] = report_format.json_format(public)
        files[f"data/complaints-report-{year}.csv"] = report_format.csv_format(public)
        reports.append({f"Annual report {year}": report_path(year)})
    if reports:
        nav.append({"Annual reports": reports})
    schema = resources.files("checker.schemas").joinpath("report-data.schema.json")
    if schema.is_file():
        files["data/report-data.schema.json"] = schema.read_text("utf-8")
    pages["open-data.md"] = open_data_page(council, files)
    nav.append({"Open data": "open-data.md"})
    pages["accessibility.md"] = accessibility_page(council)
    nav.append({"Accessibility statement": "accessibility.md"})
    pages["index.md"] = home_page(council, nav)
    for asset in resources.files("checker.site.assets").iterdir():
        if asset.name.endswith((".css", ".js")):
            files[f"assets/{asset.name}"] = asset.read_text("utf-8")
    return Site(pages, files, nav)


def _code_name(view: View, code: str) -> str:
    return f"{SHORT[code]} Code" if code in SHORT else code


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


def report_page(public: Published, year: str) -> str:
    rendered = {key: charts.html(chart) for key, chart in charts.render(public).items()}
    downloads = (
        f"\nThe figures in this report are also available as open data: "
        f"[JSON](../data/complaints-report-{year}.json) and "
        f"[CSV](../data/complaints-report-{year}.csv).\n"
    )
    return report_format.markdown(public, rendered) + downloads


def open_data_page(council: dict[str, Any], files: dict[str, str]) -> str:
    out = [
        "# Open data\n",
        f"{escaped(council['name'])} publishes the figures of its annual complaints reports for "
        "anyone to reuse. "
        'They hold totals only: counts from 1 to 4 are shown as "fewer than 5", and any figure '
        "that would let "
        'one be worked out is shown as "hidden" (a percentage as the range it could be in), the '
        "same as on the report's page. A year's figures are final once the report says they are "
        "as at a date; until then it is a draft.\n",
        '<table>\n<caption>Downloads</caption>\n<thead><tr><th scope="col">File</th>'
        '<th scope="col">Format</th>'
        '<th scope="col">What it holds</th></tr></thead>\n<tbody>',
    ]
    for path in sorted(files):
        name = path.rsplit("/", 1)[-1]
        kind = "JSON Schema" if name.endswith(".schema.json") else name.rsplit(".", 1)[-1].upper()
        what = (
            "the structure of the JSON files, for validating and reusing them"
            if kind == "JSON Schema"
            else "every figure of the report, one per row: year, section, table, row, column, value"
            if kind == "CSV"
            else "the whole report: every figure, in the structure the JSON Schema describes"
        )
        out.append(
            f'<tr><th scope="row"><a href="../{path}">{escaped(name)}</a></th>'
            f"<td>{kind}</td><td>{what}</td></tr>"
        )
    out.append("</tbody>\n</table>\n")
    return "\n".join(out)


def accessibility_page(council: dict[str, Any]) -> str:
    """The accessibility statement, in the form the Public Sector Bodies Accessibility
    Regulations 2018 require."""
    name = escaped(council["name"])
    contact = council["contact"]
    return "\n".join(
        [
            "# Accessibility statement\n",
            "This accessibility statement applies to the complaints pages published by "
            f"{name}: how to complain, the complaints policy, the self-assessments against the "
            "ombudsmen's Complaint Handling Codes, the annual complaints reports and their open "
            "data.\n",
            "We want as many people as possible to be able to use these pages. You should be able "
            "to change colours, contrast levels and fonts using your browser or device settings, "
            "zoom in up to 400% without the text spilling off the screen, navigate the pages using "
            "just a keyboard, navigate them using speech recognition software, and listen to them "
            "using a screen reader. We have also made the text as simple as we can. Every chart "
            "has a text description and a table of the same figures.\n",
            "## How accessible these pages are\n",
            "These pages are fully compliant with the Web Content Accessibility Guidelines version "
            "2.2 AA standard.\n",
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
            "These pages are fully compliant with the Web Content Accessibility Guidelines version "
            "2.2 AA standard.\n",
            "## Preparation of this accessibility statement\n",
            "This statement is generated with the pages. The pages are tested every time they are "
            "built: each page is checked with the axe-core accessibility engine against WCAG 2.0, "
            "2.1 and 2.2 levels A and AA at desktop and phone widths, its HTML is validated, and "
            "it is checked to make no request to any other website.\n",
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
