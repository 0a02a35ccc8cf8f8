"""The report page's accounts of the council: its self-assessments (the provisions not met, with
their actions), the ombudsmen's findings of non-compliance, learning and the service improvements
made, the ombudsmen's annual letters with their figures, and the governing body's response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from checker.model.codes import BODIES
from checker.report.cells import cell
from checker.report.plain import escaped, label, link

if TYPE_CHECKING:
    from checker.report.publish import Published


def self_assessment(r: Published, pages: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    add = out.append
    add("## 1. Self-assessment against the Complaint Handling Codes\n")
    if r["self_assessment"]:
        rows = "".join(
            f'<tr><th scope="row">{escaped(s["title"])} '
            f"({BODIES[s['code']].short} {s['edition']})"
            + (" (draft)" if s.get("status") == "draft" else "")
            + "</th>"
            f"<td>{s['yes']}</td><td>{s['partial']}</td><td>{s['no']}</td>"
            f"<td>{s['declared_share']:.1f}%</td><td>{s['evidenced_share']:.1f}%</td>"
            f"<td>{s['actions']}</td></tr>"
            for s in r["self_assessment"]
        )
        add(
            "<table>\n<caption>Self-assessment summary</caption>\n"
            '<thead><tr><th scope="col">Code</th>'
            '<th scope="col">Yes</th><th scope="col">Partly</th><th scope="col">No</th>'
            '<th scope="col">Compliant (declared)</th>'
            '<th scope="col">Compliant (on the evidence)</th>'
            f'<th scope="col">Actions</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
        )
        for s in r["self_assessment"]:
            if s.get("status") == "draft":
                add(
                    f"The self-assessment against the {BODIES[s['code']].name}'s Code is a draft: "
                    "it has not been approved, so its answers are not the council's final "
                    "assessment and may change.\n"
                )
            if s["contradicted"]:
                add(
                    f"The cases of {s['period']} do not bear out the answers to provisions "
                    f"{escaped(', '.join(s['contradicted']))} of the "
                    f"{BODIES[s['code']].name}'s Code; "
                    "the self-assessment page gives the figures.\n"
                )
            add(_not_met(s, pages.get(s["code"])))
    else:
        add("No self-assessment is recorded yet.\n")
    return out


ANSWERS = {"no": "No", "partial": "Partly", "yes": "Yes"}


def _not_met(s: Published, page: str | None) -> str:
    """The provisions of one Code not met, each with its actions and their dates."""
    name = f"{BODIES[s['code']].name}'s Code"
    full = f" The [self-assessment against the {name}]({page}) gives every answer." if page else ""
    if not s.get("not_met"):
        return f"Every provision of the {name} is met.{full}\n"
    rows = []
    for x in s["not_met"]:
        shown = {"met": "met", "not-met": "not met"}.get(x["cases_show"] or "", "–")
        actions = "; ".join(_action(a) for a in x["actions"]) or "No action recorded."
        rows.append(
            f'<tr><th scope="row">{escaped(x["provision"])}</th>'
            f"<td>{ANSWERS.get(x['answer'] or '', '–')}</td><td>{shown}</td>"
            f"<td>{escaped(actions)}</td></tr>"
        )
    return (
        f"<table>\n<caption>Provisions of the {name} not met, and what the council is doing"
        "</caption>\n"
        '<thead><tr><th scope="col">Provision</th><th scope="col">Answer</th>'
        '<th scope="col">The cases show</th><th scope="col">What the council is doing, and when'
        "</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        f"</table>\n{full}\n"
    )


def _action(a: Published) -> str:
    when = f"done {a['done']}" if a["done"] else f"by {a['due']}" if a["due"] else "no date set"
    return f"{a['what'] or 'An action'} ({when}{', overdue' if a['overdue'] else ''})"


def non_compliance(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    add("## 3. Findings of non-compliance with the Codes\n")
    findings = r["non_compliance_findings"]
    add(
        "".join(
            f"- {BODIES[x['body']].name}, {escaped(x['date'])}: {escaped(x['summary'])}"
            + (f" Our response: {escaped(x['response'])}" if x.get("response") else "")
            + "\n"
            for x in findings
        )
        or "No ombudsman made a finding of non-compliance with its Code this year.\n"
    )
    return out


def improvements(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    add("## 4. Service improvements from learning\n")
    learning = r["learning"]
    improvements = learning["service_improvements"]
    themed = [i for i in improvements if i.get("theme")]
    if learning["themes"]["rows"] or themed:
        add(_theme_table(learning["themes"], themed))
    rest = [i for i in improvements if not i.get("theme")]
    add("".join(f"- {escaped(i['service'])}: {escaped(i['improvement'])}\n" for i in rest))
    if learning["from_cases"]:
        add("\nLearning recorded on complaints this year:\n\n")
        add("".join(f"- {escaped(text)}\n" for text in learning["from_cases"]))
    if not improvements and not learning["from_cases"] and not learning["themes"]["rows"]:
        add("None recorded.\n")
    return out


STATUS = {"planned": "Planned", "in-progress": "In progress", "done": "Done"}


def _theme_table(themes: Published, improvements: list[Published]) -> str:
    """Learning by theme: how many complaints taught it, and what the council changed (its root
    cause, what changed, when, and where it stands)."""
    counts = {row["key"]: row for row in themes["rows"]}
    keys = [*counts, *dict.fromkeys(i["theme"] for i in improvements if i["theme"] not in counts)]
    rows = []
    for key in keys:
        changes = [i for i in improvements if i["theme"] == key]
        name = counts[key]["label"] if key in counts else label(key)
        cells = [
            cell(counts[key]["values"][0]) if key in counts else "0",
            "; ".join(escaped(i.get("root_cause") or "–") for i in changes) or "–",
            "; ".join(f"{escaped(i['service'])}: {escaped(i['improvement'])}" for i in changes)
            or "–",
            "; ".join(escaped(i.get("date") or "–") for i in changes) or "–",
            "; ".join(STATUS.get(i.get("status") or "", "–") for i in changes) or "–",
        ]
        rows.append(
            f'<tr><th scope="row">{escaped(name)}</th>'
            + "".join(f"<td>{c}</td>" for c in cells)
            + "</tr>\n"
        )
    return (
        "<table>\n<caption>Learning by theme, and what changed</caption>\n"
        '<thead><tr><th scope="col">Theme</th><th scope="col">Complaints</th>'
        '<th scope="col">Root cause</th><th scope="col">What changed</th>'
        '<th scope="col">When</th><th scope="col">Status</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n\n"
        "Complaints counts the complaints whose learning was recorded with their first response "
        "in the year, by the theme recorded; the rest of each row is what the council changed.\n"
    )


def letters(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    for number, body in (("5", "lgsco"), ("6", "housing-ombudsman")):
        add(f"## {number}. Annual letter from the {BODIES[body].name}\n")
        letters = [x for x in r["ombudsman_letters"] if x["body"] == body]
        add(
            "".join(
                f"{escaped(x['summary'])} ({escaped(x['date'])}"
                + (f", {link(x['url'], 'the letter')}" if x.get("url") else "")
                + ")\n"
                + _letter_figures(x)
                for x in letters
            )
            or "No annual letter has been received for this year.\n"
        )
    others = r["other_publications"]
    if others:
        add("### Other ombudsman reports about the council\n")
        add(
            "".join(
                f"- {BODIES[x['body']].name}: {escaped(x['title'])} ({escaped(x['date'])})\n"
                for x in others
            )
        )
    return out


# The figures an ombudsman's letter gives, as the report names them: (key, what, the average's key)
LETTER_FIGURES = (
    ("received", "Complaints and enquiries received", None),
    ("decided", "Decisions made", None),
    ("investigated", "Detailed investigations", None),
    ("upheld", "Investigations upheld", None),
    ("upheld_rate", "Upheld rate (%)", "average_upheld_rate"),
    ("upheld_per_100000", "Upheld decisions per 100,000 residents", "average_upheld_per_100000"),
    ("recommendations_complied", "Recommendations complied with (%)", None),
    ("satisfactory_remedy", "Upheld, remedied by the council before the Ombudsman", None),
    ("determinations", "Determinations", None),
    ("maladministration_rate", "Maladministration rate (%)", "average_maladministration_rate"),
    ("orders", "Orders made", None),
    ("compensation_ordered", "Compensation ordered (£)", None),
)
FINDINGS = (
    "severe-maladministration",
    "maladministration",
    "service-failure",
    "reasonable-redress",
    "no-maladministration",
    "outside-jurisdiction",
)


def _letter_figures(letter: Published) -> str:
    """The ombudsman's own figures for the council, as its letter gives them, beside the average
    for similar councils where it gives one."""
    given = letter.get("figures") or {}
    rows = [(what, given[key], given.get(avg)) for key, what, avg in LETTER_FIGURES if key in given]
    rows += [
        (f"Findings of {label(f).lower()}", given["findings"][f], None)
        for f in FINDINGS
        if f in given.get("findings", {})
    ]
    if not rows:
        return ""
    averages = any(a is not None for _, _, a in rows)
    body = "".join(
        f'<tr><th scope="row">{escaped(what)}</th><td>{cell(value)}</td>'
        + (f"<td>{cell(average)}</td>" if averages else "")
        + "</tr>\n"
        for what, value, average in rows
    )
    return (
        f"\n<table>\n<caption>The {BODIES[letter['body']].name}'s figures for the council, as "
        "its letter gives them</caption>\n"
        '<thead><tr><th scope="col">Figure</th><th scope="col">The council</th>'
        + ('<th scope="col">Average of similar councils</th>' if averages else "")
        + f"</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"
    )


def governing_body(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    g = r["governing_body"]
    add("## Response of the governing body\n")
    member = r.get("member_responsible")
    if member:
        add(
            f"The council's Member Responsible for Complaints: {escaped(member['title'])}"
            + (" (an example title)" if member.get("example") else "")
            + ".\n"
        )
    if g and g.get("response"):
        when = f" on {escaped(g['considered'])}" if g.get("considered") else ""
        add(f"{escaped(g['name'])} considered this report{when}:\n\n> {escaped(g['response'])}\n")
    else:
        add(
            "The report has not yet been considered; the response will be published alongside it.\n"
        )
    return out
