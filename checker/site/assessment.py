"""A self-assessment's page, in the Code's own table format: each provision declared and, where
the cases can evidence it, as evidenced, with the action plan."""

from __future__ import annotations

from typing import Any

from checker.load.view import View
from checker.measures.metrics import METRICS
from checker.measures.scoring import score
from checker.model.codes import BODIES
from checker.model.findings import Document
from checker.model.policy import clauses
from checker.model.scores import Score
from checker.report.plain import escaped, link
from checker.report.suppression import DEFAULT_THRESHOLD, share
from checker.site.text import ANSWER, anchor, cell_text


def self_assessment_page(view: View, document: Document, policy_page: str) -> str:
    """One self-assessment in the Code's own table format, with its scores and action plan;
    `policy_page` is the policy's page, relative to this one (its clauses are linked)."""
    # the site is built only from a valid council and policy (its callers refuse otherwise)
    assert view.council is not None and view.policy is not None
    code = view.codes[document.data["code"]].data
    result = score(view, document)
    answers = {a["provision"]: a for a in document.data["answers"]}
    policy_numbers = {c.number for c in clauses(view.policy.data)}
    status = document.data["status"]
    approved = (
        ", approved by " + escaped(document.data["approved"]["by"])
        if document.data.get("approved")
        else ""
    )
    # the title names the Code by its body (a closed list) and edition (four digits): a page's
    # title holds no text from the data (checker/report/plain.py says why)
    body = BODIES[document.data["code"]].name
    the_code = f"{code['publisher']}, {code['title']} ({code['edition']})"
    out = [
        f"# Self-assessment against the {body}'s Complaint Handling Code ({code['edition']})\n",
        f"{escaped(view.council.data['name'])}, {escaped(document.data['year'])}. "
        f"Status: {escaped(status)}{approved}. "
        f"Completed {escaped(document.data['completed'])}. "
        f"The Code: {link(code['url'], the_code)}.\n",
        *(
            [
                "**Draft.** This self-assessment has not been approved, so its answers are not "
                "the council's final assessment and may change.\n"
            ]
            if status == "draft"
            else []
        ),
        *_summary(result),
        *_measured(
            result, view.policy.data["rules"].get("suppression_threshold", DEFAULT_THRESHOLD)
        ),
    ]
    for section in code["sections"]:
        out += _section(section, answers, policy_numbers, policy_page)
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
            f'<tr><th scope="row">{escaped(s.number)}. {escaped(s.title)}</th>'
            f"<td>{s.count('yes')}</td>"
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


def _measured(result: Score, threshold: int) -> list[str]:
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
                # a rate over the cases passes the report's disclosure control
                shown = share(e.measure.met, e.measure.applicable, threshold)
                rate = "no cases" if shown is None else _cell_rate(shown)
                verdict = {"met": "Met", "not-met": "Not met", "no-data": "No cases"}[p.evidenced]
                out.append(
                    f'<tr><th scope="row">{escaped(p.number)}</th>'
                    f"<td>{ANSWER.get(p.declared, '–')}</td>"
                    f"<td>{escaped(METRICS[e.measure.metric].title)}</td><td>{rate}</td>"
                    f"<td>{100 * e.target:.0f}%</td><td>{verdict}</td></tr>"
                )
        out.append("</tbody>\n</table>\n")
    return out


def _section(
    section: dict[str, Any],
    answers: dict[str, dict[str, Any]],
    policy_numbers: set[str],
    policy_page: str,
) -> list[str]:
    """One section of the Code: each provision it assesses, with the council's answer if any."""
    rows = [p for p in section["provisions"] if p.get("assessed", True)]
    if not rows:
        return []
    heading = f"Section {escaped(section['number'])}: {escaped(section['title'])}"
    out = [f"## {heading}\n"]
    out.append(
        f"<table>\n<caption>{heading}</caption>\n"
        "<thead><tr>"
        '<th scope="col">Code provision</th><th scope="col">Code requirement</th>'
        '<th scope="col">Comply</th>'
        '<th scope="col">Evidence</th><th scope="col">Commentary / explanation</th></tr></thead>\n'
        "<tbody>"
    )
    for p in rows:
        answer = answers.get(p["number"], {})
        evidence = escaped(answer.get("evidence", ""))
        links = []
        for where in answer.get("links", []):
            if "clause" in where and where["clause"] in policy_numbers:
                links.append(
                    f'<a href="{policy_page}#{anchor(where["clause"])}">'
                    f"policy {escaped(where['clause'])}</a>"
                )
            elif "url" in where:
                links.append(link(where["url"], where.get("label", where["url"])))
        evidence = "<br>".join(x for x in (evidence, ", ".join(links)) if x)
        out.append(
            f'<tr><th scope="row">{escaped(p["number"])}</th><td>{cell_text(p["requirement"])}</td>'
            f"<td>{ANSWER.get(answer.get('comply'), 'Not answered')}</td><td>{evidence}</td>"
            f"<td>{cell_text(answer.get('commentary', ''))}</td></tr>"
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
                f'<tr><th scope="row">{escaped(a.provision)}</th><td>{ANSWER[a.declared]}</td>'
                f"<td>{escaped(a.what or '–')}</td>"
                f"<td>{escaped(a.owner or '–')}</td><td>{escaped(a.due or '–')}</td>"
                f"<td>{status}</td></tr>"
            )
        out.append("</tbody>\n</table>\n")
    else:
        out.append("Every provision is answered yes.\n")
    return out


def _cell_rate(shown: float | str) -> str:
    return f"{shown:.1f}%" if isinstance(shown, float) else escaped(shown)
