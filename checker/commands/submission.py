"""`complaints submission`: what the Housing Ombudsman's annual submission form asks, answered from
the repository, and what a complete submission still needs.

Section 1: the organisation (its name, housing stock, complaints officer, senior lead and Member
Responsible for Complaints) and links to its key publications on the published site (mkdocs.yml's
`site_url` and each page's path, as `checker.site.pages` names it). Section 2: a yes or no on each
provision of the HO's Code from the self-assessment reporting on the year, with the action and
its timescale where the answer is no. The deadline is `checker.model.submission`'s. Exit 0 when
nothing is missing, 1 when something is, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from checker.calendar import periods
from checker.commands import UsageError, root
from checker.formats.submission import FORMATS, NOT_A_LANDLORD
from checker.load.repository import load_repository
from checker.load.view import View, view
from checker.load.yaml import load
from checker.measures.scoring import latest_assessment
from checker.model.codes import governing, provisions
from checker.model.findings import Document
from checker.model.submission import Answer, Submission, due, reported_year
from checker.report.figures import years_with_cases
from checker.rules import (
    complaints_leads_not_named,
    complaints_officer_not_named,
    council_housing_stock_missing,
)
from checker.site.pages import POLICY_PAGE, assessment_path, report_path

CODE = "housing-ombudsman"
# The rules whose findings about the council the form's section 1 needs resolved.
ORGANISATION_RULES = (
    council_housing_stock_missing,
    complaints_officer_not_named,
    complaints_leads_not_named,
)


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    folder = root(args)
    seen = view(load_repository(folder), as_of)
    if seen.council is None or seen.policy is None:
        raise UsageError(
            "policy/council.yaml and policy/policy.yaml must be valid; `complaints check` says why"
        )
    name = seen.council.data["name"]
    if CODE not in governing(seen.policy.data):
        sys.stdout.write(NOT_A_LANDLORD[args.format](name))
        return 0
    if CODE not in seen.codes:
        raise UsageError(f"there is no valid policy/codes/{CODE}.yaml; `complaints check` says why")
    start_month = seen.council.data["reporting_year"]["start_month"]
    year = args.year or periods.last_full_year(as_of, start_month)
    submission = assemble(seen, year, _site(folder))
    sys.stdout.write(FORMATS[args.format](submission))
    return 1 if submission.missing else 0


def assemble(seen: View, year: str, site: tuple[str | None, bool]) -> Submission:
    """The form for `year`, answered from the repository as of the view's date."""
    assert seen.council is not None
    council = seen.council.data
    start_month = council["reporting_year"]["start_month"]
    deadline = due(year, start_month, (council.get("housing_stock") or {}).get("homes"))
    missing = [problem.message for rule in ORGANISATION_RULES for problem in rule.check(seen)]
    missing += [
        f"{key} in policy/council.yaml is an illustrative value (example: true): replace it with "
        "the council's own"
        for key in ("housing_stock", "complaint_handling", "senior_lead", "member_responsible")
        if (council.get(key) or {}).get("example")
    ]
    site_url, directory_urls = site
    if site_url is None:
        missing.append(
            "mkdocs.yml gives no https:// site_url, so the publications have no address: set it to "
            "the address the site is published at"
        )

    def address(page: str | None) -> str | None:
        return _address(site_url, page, directory_urls) if site_url and page else None

    assessment = _assessment(seen, year, start_month)
    answers, published_assessment = _answers(seen, assessment, year, missing)
    report_page = _report(seen, year, missing)
    inputs: dict[str, Any] = next(
        (d.data for d in seen.documents("report") if d.data["year"] == year), {}
    )
    response = (inputs.get("governing_body") or {}).get("response")
    if inputs and not response:
        missing.append(
            f"the governing body's response to the {year} report is not recorded: add "
            f"governing_body.response to policy/reports/{year}.yaml"
        )
    submitted = assessment.data.get("submitted") if assessment else None
    if submitted is not None and date.fromisoformat(submitted) > seen.as_of:
        submitted = None  # not yet, as of the date checked
    if submitted is None and seen.as_of > deadline.date:
        missing.append(
            f"not submitted: the deadline, {deadline.date.isoformat()}, passed "
            f"{(seen.as_of - deadline.date).days} days ago; submit the form and record submitted: "
            "YYYY-MM-DD in the self-assessment"
        )
    return Submission(
        council=council["name"],
        as_of=seen.as_of,
        due=deadline,
        submitted=submitted,
        organisation=_organisation(council),
        publications={
            "policy": address(POLICY_PAGE),
            "self_assessment": address(published_assessment),
            "annual_report": address(report_page),
            "governing_body_response": address(report_page if response else None),
        },
        assessment=assessment.path if assessment else None,
        answers=answers,
        missing=tuple(missing),
    )


def _assessment(seen: View, year: str, start_month: int) -> Document | None:
    """The latest self-assessment against the HO's Code that reports on `year`."""
    found = [
        d
        for d in seen.documents("self-assessment")
        if d.data["code"] == CODE
        and reported_year(date.fromisoformat(d.data["completed"]), start_month) == year
    ]
    return max(found, key=lambda d: d.data["completed"], default=None)


def _answers(
    seen: View, assessment: Document | None, year: str, missing: list[str]
) -> tuple[tuple[Answer, ...], str | None]:
    """Section 2 from the self-assessment, and the page it is published on (None if it is not);
    what is missing is added to `missing`."""
    if assessment is None:
        missing.append(
            f"no self-assessment against the Housing Ombudsman's Code reports on {year} (one "
            "completed after that year ended): add it under policy/self-assessment/"
        )
        return (), None
    data = assessment.data
    if "approved" not in data:
        missing.append(
            f"{assessment.path} records no approval by the governing body: add approved: {{by, "
            "date}"
        )
    elif data["approved"].get("example"):
        missing.append(
            f"{assessment.path}'s approval is an illustrative value (example: true): record the "
            "governing body's"
        )
    given = {answer["provision"]: answer for answer in data["answers"]}
    answers = []
    for provision in provisions(seen.codes[CODE].data):
        if not provision.assessed:
            continue
        answer = given.get(provision.number)
        if answer is None:
            missing.append(f"provision {provision.number} is not answered in {assessment.path}")
            answers.append(Answer(provision.number, None))
            continue
        action = answer.get("action") or {}
        if answer["comply"] != "yes" and not action:
            missing.append(
                f"provision {provision.number} is answered {answer['comply']} with no action: add "
                "action: {what, owner, due}"
            )
        elif answer["comply"] != "yes" and "due" not in action:
            missing.append(
                f"provision {provision.number} is answered {answer['comply']}; its action has no "
                "timescale: add action.due, the date by which it will comply"
            )
        answers.append(
            Answer(provision.number, answer["comply"], action.get("what"), action.get("due"))
        )
    latest = latest_assessment(seen, CODE)
    if latest is not assessment:
        missing.append(
            f"the site publishes only the latest self-assessment against the HO's Code "
            f"({latest.path if latest else 'none'}), not {assessment.path}"
        )
        return tuple(answers), None
    return tuple(answers), assessment_path(assessment)


def _report(seen: View, year: str, missing: list[str]) -> str | None:
    """The page the year's annual report is published on (None if it is not); what is missing is
    added to `missing`."""
    inputs = next((d.data for d in seen.documents("report") if d.data["year"] == year), None)
    if inputs is None:
        missing.append(
            f"policy/reports/{year}.yaml is missing: the report's ombudsman letters, findings, "
            "service improvements and governing body's response"
        )
    elif "figures_as_at" not in inputs:
        missing.append(
            f"the {year} report is a draft (no figures_as_at): approve it and record the date its "
            "figures are frozen at"
        )
    if year not in years_with_cases(seen):
        missing.append(f"the site publishes no annual report for {year}: it has no cases for it")
        return None
    return report_path(year)


def _organisation(council: dict[str, Any]) -> dict[str, Any]:
    """Section 1's facts about the organisation, each None where council.yaml does not give it."""
    stock = council.get("housing_stock")
    officer = council.get("complaint_handling")
    lead = council.get("senior_lead")
    member = council.get("member_responsible")
    return {
        "name": council["name"],
        "housing_stock": stock
        and {"homes": stock["homes"], "as_of": stock["as_of"], "example": _example(stock)},
        "complaints_officer": officer
        and {
            "officer": officer["officer"],
            "access_to_all_staff": officer.get("access_to_all_staff"),
            "authority_to_resolve": officer.get("authority_to_resolve"),
            "example": _example(officer),
        },
        "senior_lead": lead and {"role": lead["role"], "example": _example(lead)},
        "member_responsible": member
        and {"kind": member["kind"], "title": member["title"], "example": _example(member)},
    }


def _example(entry: dict[str, Any]) -> bool:
    return bool(entry.get("example", False))


def _site(folder: Path) -> tuple[str | None, bool]:
    """mkdocs.yml's https:// `site_url` (None without one) and whether pages get folder addresses
    (`use_directory_urls`, MkDocs' default)."""
    document, _ = load(folder / "mkdocs.yml", "mkdocs.yml")
    config = document.data if document is not None and isinstance(document.data, dict) else {}
    url = config.get("site_url")
    https = isinstance(url, str) and url.startswith("https://") and len(url) > len("https://")
    return (url if https else None), config.get("use_directory_urls", True) is not False


def _address(site_url: str, page: str, directory_urls: bool) -> str:
    """A page's address on the published site, as MkDocs gives it: `reports/2025-26.md` is
    `reports/2025-26/` (or `reports/2025-26.html` without directory addresses)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        tail = f"{stem}.html"
    elif stem == "index" or stem.endswith("/index"):
        tail = stem.removesuffix("index")
    else:
        tail = f"{stem}/"
    return f"{site_url.rstrip('/')}/{tail}"
