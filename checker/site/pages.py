"""The public site's pages, generated from the data: plain Markdown (with HTML tables) and files.

No MkDocs import: `complaints pages --out DIR` writes the same pages for any generator, and the
MkDocs plugin only adds them to a build. Pages carry aggregates only: the policy, the Codes, the
self-assessments, the published report (small numbers suppressed) and the council's details;
never a case file's content.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast

from checker.files import replace
from checker.load.view import View
from checker.measures.metrics import METRICS
from checker.measures.scoring import latest_assessment, score
from checker.model.codes import BODIES, SHORT
from checker.model.findings import Document
from checker.model.policy import clauses, figures, render, words
from checker.model.scores import Score
from checker.report import charts
from checker.report import publish as published
from checker.report import render as report_format
from checker.report.figures import Figures, years_with_cases
from checker.report.publish import Published

# A self-assessment's answer as a page shows it (looked up with None for an unanswered one).
ANSWER: Mapping[str | None, str] = {"yes": "Yes", "no": "No", "partial": "Partly"}
WEEK = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# The site's navigation, as MkDocs takes it: each entry a title and its page, or a title and a
# list of such entries.
Nav = list[dict[str, str | list[dict[str, str]]]]


@dataclass(frozen=True)
class Site:
    """Every generated page (path -> Markdown) and download (path -> text), and the navigation."""

    pages: dict[str, str]
    files: dict[str, str]
    nav: Nav


def anchor(number: str, seen: dict[str, int] | None = None) -> str:
    """A clause's stable anchor: 10.2.6 -> clause-10-2-6 (a repeated number gets -2, -3 ...)."""
    base = "clause-" + number.replace(".", "-")
    if seen is None:
        return base
    seen[number] = seen.get(number, 0) + 1
    return base if seen[number] == 1 else f"{base}-{seen[number]}"


def _esc(text: str) -> str:
    return html.escape(str(text), quote=False)


def _cell_text(text: str) -> str:
    """Code or form text for a table cell: its "- " lines become a list."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    items = [line[2:] for line in lines if line.startswith("- ")]
    prose = [line for line in lines if not line.startswith("- ")]
    out = "<br>".join(_esc(p) for p in prose)
    if items:
        out += "<ul>" + "".join(f"<li>{_esc(i)}</li>" for i in items) + "</ul>"
    return out


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
        {"Complaints policy": "policy.md"},
    ]
    pages["how-to-complain.md"] = how_to_complain(council, policy)
    pages["policy.md"] = policy_page(policy, council)

    assessments: list[dict[str, str]] = []
    for code in sorted(view.codes):
        document = latest_assessment(view, code)
        if document is None:
            continue
        path = f"self-assessment/{document.data['year']}-{code}.md"
        pages[path] = self_assessment_page(view, document)
        assessments.append({f"{_code_name(view, code)} {document.data['year']}": path})
    if assessments:
        nav.append({"Self-assessments": assessments})

    reports: list[dict[str, str]] = []
    for year in reversed(years_with_cases(view)):
        public = published.build(view, counted, year)
        pages[f"reports/{year}.md"] = report_page(public, year)
        files[f"data/complaints-report-{year}.json"] = report_format.json_format(public)
        files[f"data/complaints-report-{year}.csv"] = report_format.csv_format(public)
        reports.append({f"Annual report {year}": f"reports/{year}.md"})
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
    lines = [
        f"# {council['name']}: complaints\n",
        "How to complain to the council, the complaints policy, how the council measures up to the "
        "ombudsmen's Complaint Handling Codes, and how it handled complaints each year.\n",
    ]
    for entry in nav[1:]:
        ((title, target),) = entry.items()
        if isinstance(target, list):
            for sub in target:
                ((sub_title, sub_target),) = sub.items()
                lines.append(f"- [{sub_title}]({sub_target})")
        else:
            lines.append(f"- [{title}]({target})")
    return "\n".join(lines) + "\n"


def how_to_complain(council: dict[str, Any], policy: dict[str, Any]) -> str:
    """The procedure page: channels, the two stages with their timescales, the ombudsmen."""
    out = [
        "# How to complain\n",
        "What happens when you make a complaint, how long each step takes, and who to go to if "
        "you are not happy with our response.\n",
        *_what_a_complaint_is(policy),
        *_how_to_make_one(council["contact"]),
        *_stages(policy),
        _working_day(council["calendar"]),
        *_if_not_satisfied(policy["rules"]),
    ]
    return "\n".join(out)


def _what_a_complaint_is(policy: dict[str, Any]) -> list[str]:
    definition = next(
        (
            c.data.get("quote")
            for c in clauses(policy)
            if c.data.get("quote") and "expression of dissatisfaction" in c.data["quote"]
        ),
        None,
    )
    out = ["## What a complaint is\n"]
    if definition:
        out.append(f"We define a complaint as:\n\n> {_esc(definition.strip(chr(39)))}\n")
    out.append(
        'You do not have to use the word "complaint". A request for a service (for example, '
        "reporting a missed bin once) is not a complaint, but if we fail to put it right, or you "
        "are unhappy with how we handled it, you can complain.\n"
    )
    return out


def _how_to_make_one(contact: dict[str, Any]) -> list[str]:
    out = ["## How to make a complaint\n"]
    post = "<br>".join(_esc(line) for line in contact["post"])
    out.append(f"- Online: [{_esc(contact['online']['label'])}]({contact['online']['url']})")
    out.append(f"- By phone: {_esc(contact['phone'])}")
    if contact.get("email"):
        out.append(f"- By email: {_esc(contact['email'])}")
    out.append(f"- By post:<br>{post}")
    if contact.get("notes"):
        out.append(f"\n{_esc(contact['notes'].strip())}")
    out.append(
        "\nSomeone else, such as a family member, an advocate or your councillor, can complain "
        "for you with your consent.\n"
    )
    return out


def _stages(policy: dict[str, Any]) -> list[str]:
    """The two stages, with the policy's timescales."""
    rules = policy["rules"]
    t = _figures(policy)
    out = []
    ack1, resp1, ext1 = t["stage1_acknowledgement"], t["stage1_response"], t["stage1_extension"]
    ack2, resp2, ext2 = t["stage2_acknowledgement"], t["stage2_response"], t["stage2_extension"]
    out.append("## Stage 1\n")
    out.append(
        f"We will acknowledge your complaint within {words(ack1)} working days, setting out our "
        "understanding of it and the outcome you are looking for. We will send you our full "
        f"response within {words(resp1)} working days of that acknowledgement.\n"
    )
    unless = (
        " unless there is a good reason"
        if rules["timescales"]["stage1_extension"]["longer_with_good_reason"]
        else ""
    )
    out.append(
        "If your complaint is complex and we need longer, we will tell you why and when to expect "
        f"our response; an extension is no more than {words(ext1)} working days{unless}, and we "
        "will tell you how to contact the ombudsman.\n"
    )
    window = t.get("stage2_request_window")
    out.append("## Stage 2\n")
    ask = (
        f"Please ask within {words(window)} month{'s' if window != 1 else ''} "
        "of our stage 1 reply. "
        if window
        else ""
    )
    out.append(
        "If you are not satisfied with our stage 1 response, you can ask for your complaint to be "
        f"reviewed at stage 2. {ask}You do not have to explain why. Someone who was not involved "
        "at stage 1 will consider it. We will acknowledge your request within "
        f"{words(ack2)} working days and send our final response within {words(resp2)} working "
        "days of that acknowledgement (with an extension, if needed, of no more than "
        f"{words(ext2)} working days).\n"
    )
    return out


def _if_not_satisfied(rules: dict[str, Any]) -> list[str]:
    out = ["## If you are still not satisfied\n"]
    for spec in rules["routes"].values():
        bodies = " and ".join(
            f"the [{BODIES[b].name}]({BODIES[b].url})" for b in spec["escalates_to"]
        )
        out.append(f"- {_esc(spec['description'])}: {bodies}.")
    out.append(
        "\nThe ombudsmen are independent of the council. They usually expect you to have completed "
        "both stages of our process first, but you can contact them if we do not meet our "
        "timescales.\n"
    )
    return out


def _working_day(calendar: dict[str, Any]) -> str:
    """What a working day is and when a complaint counts as received, from the council's calendar
    (the one place the checker's own working days come from)."""
    days = [day.capitalize() for day in calendar["working_days"]]
    week = f"{days[0]} to {days[-1]}" if _consecutive(days) and len(days) > 2 else _join(days)
    closing = _clock(calendar["working_hours"]["end"])
    other = (
        "a weekend or bank holiday" if days == list(WEEK[:5]) else "a day that is not a working day"
    )
    return (
        f"A working day is {week}, excluding bank holidays. A complaint that reaches us after "
        f"{closing}, or on {other}, counts from the next working day.\n"
    )


def _consecutive(days: list[str]) -> bool:
    indexes = [WEEK.index(day) for day in days]
    return indexes == list(range(indexes[0], indexes[0] + len(indexes)))


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _clock(text: str) -> str:
    """A time of day as a page says it: 17:00 is 5pm, 16:30 is 4:30pm."""
    hours, minutes = (int(part) for part in text.split(":")[:2])
    suffix = "am" if hours < 12 else "pm"
    shown = hours % 12 or 12
    return f"{shown}{suffix}" if minutes == 0 else f"{shown}:{minutes:02d}{suffix}"


def _figures(policy: dict[str, Any]) -> dict[str, int]:
    """The figures the policy's text draws on (`figures`), each a number: the policy schema
    requires every timescale to give its working days or months, and the site is built only
    from a valid policy."""
    return cast("dict[str, int]", figures(policy))


def policy_page(policy: dict[str, Any], council: dict[str, Any]) -> str:
    """The complaints policy, every clause with a stable anchor, figures drawn from the rules."""
    values = _figures(policy)
    seen: dict[str, int] = {}
    out = [
        f"# {_esc(policy['title'])}\n",
        f"{_esc(council['name'])}. Version {_esc(policy['version'])}, "
        f"last reviewed {policy['last_review']}. "
        f"Owner: {_esc(policy['owner'])}.\n",
    ]

    def text(value: str) -> str:
        return render(value, values)

    def walk(items: list[dict[str, Any]], depth: int) -> None:
        for item in items:
            number = item["number"]
            ident = anchor(number, seen)
            if "title" in item:
                level = "#" * min(depth + 2, 6)
                out.append(f"{level} {number} {text(item['title']).rstrip(':')} {{#{ident}}}\n")
            if "text" in item:
                out.append(
                    f'<span id="{ident}"></span>**{number}** {text(item["text"])}\n'
                    if "title" not in item
                    else f"{text(item['text'])}\n"
                )
            if "quote" in item:
                out.append(f"> {text(item['quote'])}\n")
            if "items" in item:
                out.append("\n".join(f"- {text(i)}" for i in item["items"]) + "\n")
            if "after" in item:
                out.append(f"{text(item['after'])}\n")
            walk(item.get("clauses", []), depth + 1)

    walk(policy["sections"], 0)
    footnotes = policy.get("footnotes", {})
    for key, note in footnotes.items():
        link = (
            f" [{_esc(note['text'])}]({note['url']})"
            if note.get("url")
            else f" {_esc(note['text'])}"
        )
        out.append(f"[^{key}]:{link}")
    return "\n".join(out) + "\n"


def self_assessment_page(view: View, document: Document) -> str:
    """One self-assessment in the Code's own table format, with its scores and action plan."""
    # the site is built only from a valid council and policy (its callers refuse otherwise)
    assert view.council is not None and view.policy is not None
    code = view.codes[document.data["code"]].data
    result = score(view, document)
    answers = {a["provision"]: a for a in document.data["answers"]}
    policy_numbers = {c.number for c in clauses(view.policy.data)}
    status = document.data["status"]
    approved = (
        ", approved by " + _esc(document.data["approved"]["by"])
        if document.data.get("approved")
        else ""
    )
    out = [
        f"# Self-assessment against the {_esc(code['publisher'])}'s {_esc(code['title'])} "
        f"({code['edition']})\n",
        f"{_esc(view.council.data['name'])}, {document.data['year']}. Status: {status}{approved}. "
        f"Completed {document.data['completed']}. "
        f"The Code: [{_esc(code['url'])}]({code['url']}).\n",
        *_summary(result),
        *_measured(result),
    ]
    for section in code["sections"]:
        out += _section(section, answers, policy_numbers)
    out += _action_plan(result)
    return "\n".join(out)


def _summary(result: Score) -> list[str]:
    """The answers and scores of each section of the Code, and of all its provisions."""
    out = [
        "## Summary\n",
        "<table>\n<caption>Answers and scores by section</caption>\n"
        '<thead><tr><th scope="col">Section</th>'
        '<th scope="col">Yes</th><th scope="col">Partly</th><th scope="col">No</th>'
        '<th scope="col">Compliant (declared)</th>'
        '<th scope="col">Compliant (on the evidence)</th></tr></thead>\n<tbody>',
    ]
    for s in result.sections:
        out.append(
            f'<tr><th scope="row">{s.number}. {_esc(s.title)}</th><td>{s.count("yes")}</td>'
            f"<td>{s.count('partial')}</td>"
            f"<td>{s.count('no')}</td><td>{100 * s.declared_share:.1f}%</td>"
            f"<td>{100 * s.evidenced_share:.1f}%</td></tr>"
        )
    out.append(
        f'<tr><th scope="row">All provisions</th><td>{result.count("yes")}</td>'
        f"<td>{result.count('partial')}</td>"
        f"<td>{result.count('no')}</td><td>{100 * result.declared_share:.1f}%</td>"
        f"<td>{100 * result.evidenced_share:.1f}%</td></tr>\n</tbody>\n</table>\n"
    )
    return out


def _measured(result: Score) -> list[str]:
    """What "on the evidence" means, and each provision the cases measure."""
    out = [
        '"On the evidence" replaces the declared answer with the measured one for provisions the '
        f"cases of {result.period} can measure (timeliness, letter contents, independence at "
        "stage 2 and others), against the council's targets.\n"
    ]
    measured = [p for p in result.provisions if p.evidence]
    if measured:
        out.append(
            "<table>\n<caption>Provisions measured against the cases</caption>\n<thead><tr>"
            '<th scope="col">Provision</th><th scope="col">Declared</th>'
            '<th scope="col">Measure</th>'
            '<th scope="col">Result</th><th scope="col">Target</th>'
            '<th scope="col">Evidence</th></tr></thead>\n<tbody>'
        )
        for p in measured:
            assert p.evidenced is not None  # a provision with evidence has a verdict
            for e in p.evidence:
                rate = "no cases" if e.measure.rate is None else f"{100 * e.measure.rate:.1f}%"
                verdict = {"met": "Met", "not-met": "Not met", "no-data": "No cases"}[p.evidenced]
                out.append(
                    f'<tr><th scope="row">{p.number}</th><td>{ANSWER.get(p.declared, "–")}</td>'
                    f"<td>{_esc(METRICS[e.measure.metric].title)}</td><td>{rate}</td>"
                    f"<td>{100 * e.target:.0f}%</td><td>{verdict}</td></tr>"
                )
        out.append("</tbody>\n</table>\n")
    return out


def _section(
    section: dict[str, Any], answers: dict[str, dict[str, Any]], policy_numbers: set[str]
) -> list[str]:
    """One section of the Code: each provision it assesses, with the council's answer if any."""
    rows = [p for p in section["provisions"] if p.get("assessed", True)]
    if not rows:
        return []
    out = [f"## Section {section['number']}: {_esc(section['title'])}\n"]
    out.append(
        f"<table>\n<caption>Section {section['number']}: {_esc(section['title'])}</caption>\n"
        "<thead><tr>"
        '<th scope="col">Code provision</th><th scope="col">Code requirement</th>'
        '<th scope="col">Comply</th>'
        '<th scope="col">Evidence</th><th scope="col">Commentary / explanation</th></tr></thead>\n'
        "<tbody>"
    )
    for p in rows:
        answer = answers.get(p["number"], {})
        evidence = _esc(answer.get("evidence", ""))
        links = []
        for link in answer.get("links", []):
            if "clause" in link and link["clause"] in policy_numbers:
                links.append(
                    f'<a href="../../policy/#{anchor(link["clause"])}">policy {link["clause"]}</a>'
                )
            elif "url" in link:
                links.append(
                    f'<a href="{html.escape(link["url"])}">'
                    f"{_esc(link.get('label', link['url']))}</a>"
                )
        evidence = "<br>".join(x for x in (evidence, ", ".join(links)) if x)
        out.append(
            f'<tr><th scope="row">{p["number"]}</th><td>{_cell_text(p["requirement"])}</td>'
            f"<td>{ANSWER.get(answer.get('comply'), 'Not answered')}</td><td>{evidence}</td>"
            f"<td>{_cell_text(answer.get('commentary', ''))}</td></tr>"
        )
    out.append("</tbody>\n</table>\n")
    return out


def _action_plan(result: Score) -> list[str]:
    out = ["## Action plan\n"]
    if result.actions:
        out.append(
            '<table>\n<caption>Action plan</caption>\n<thead><tr><th scope="col">Provision</th>'
            '<th scope="col">Comply</th><th scope="col">Action</th><th scope="col">Owner</th>'
            '<th scope="col">Due</th><th scope="col">Status</th></tr></thead>\n<tbody>'
        )
        for a in result.actions:
            status = (
                "Done"
                if a.done
                else ("Overdue" if a.overdue else ("No action yet" if not a.what else "Open"))
            )
            out.append(
                f'<tr><th scope="row">{a.provision}</th><td>{ANSWER[a.declared]}</td>'
                f"<td>{_esc(a.what or '–')}</td>"
                f"<td>{_esc(a.owner or '–')}</td><td>{a.due or '–'}</td><td>{status}</td></tr>"
            )
        out.append("</tbody>\n</table>\n")
    else:
        out.append("Every provision is answered yes.\n")
    return out


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
        f"{_esc(council['name'])} publishes the figures of its annual complaints reports for "
        "anyone to reuse. "
        'They hold totals only: counts from 1 to 4 are shown as "fewer than 5", and any figure '
        "that would let "
        'one be worked out is shown as "hidden".\n',
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
            f'<tr><th scope="row"><a href="../{path}">{_esc(name)}</a></th>'
            f"<td>{kind}</td><td>{what}</td></tr>"
        )
    out.append("</tbody>\n</table>\n")
    return "\n".join(out)


def accessibility_page(council: dict[str, Any]) -> str:
    """The accessibility statement, in the form the Public Sector Bodies Accessibility
    Regulations 2018 require."""
    name = _esc(council["name"])
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
            "large print, easy read, audio recording or braille, contact us by phone on "
            f"{_esc(contact['phone'])}"
            + (f" or by email at {_esc(contact['email'])}" if contact.get("email") else "")
            + f", or write to us at {_esc(', '.join(contact['post']))}.\n",
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


def write(site: Site, out: Path | str) -> list[Path]:
    """Write every page and file under `out` (a folder usable as a docs folder)."""
    written: list[Path] = []
    for path, text in {**site.pages, **site.files}.items():
        target = Path(out) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        replace(target, text)
        written.append(target)
    return written
