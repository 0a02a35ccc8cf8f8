"""The step commands' arguments: acknowledge, extend, respond, escalate, exclude, explain-breach,
the rest of a case (remedies, actions, updates, refusal, withdrawal, ombudsman, learning) and
amend. Each records one step in one case file."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from checker.cli import types
from checker.load import case_schema


def add(commands: argparse._SubParsersAction) -> None:
    """acknowledge, extend, respond, escalate, exclude, explain-breach: one step in a case file."""
    elements = case_schema.enum(("stage1", "response_includes"))
    bodies = case_schema.enum(("stage1", "signposted_to"))

    def step(
        name: str,
        help_text: str,
        on_help: str | None = "the date it happened (default: today)",
        on_type: Callable[[str], date | datetime] = types.day,
    ) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "case_id",
            metavar="ID",
            type=types.case_id,
            help="the case: CCC-2025-0142, or 142 in the current year",
        )
        if on_help is not None:
            command.add_argument("--on", type=on_type, default=None, help=on_help)
        command.add_argument(
            "--as-of", type=types.day, default=None, help="today, for the check (default: today)"
        )
        command.add_argument("--root", type=Path)
        return command

    acknowledge = step("acknowledge", "record the acknowledgement of a case's current stage")
    acknowledge.add_argument(
        "--definition", help="the complaint as the council understands it (HO 5.6)"
    )
    acknowledge.add_argument(
        "--outcomes", dest="outcomes", help="the outcomes the complainant seeks"
    )
    acknowledge.add_argument(
        "--not-responsible-for",
        action="append",
        metavar="TEXT",
        help="an aspect the council is not responsible for (HO 5.7); repeat for each",
    )
    acknowledge.add_argument(
        "--handler", type=types.role, help="who handles this stage: a role, never a name"
    )
    acknowledge.add_argument(
        "--includes",
        nargs="+",
        choices=elements,
        metavar="ELEMENT",
        help=f"what the letter contained: {', '.join(elements)}",
    )

    extend = step(
        "extend",
        "record an extension of the current stage's response deadline",
        "the date it was agreed (default: today)",
    )
    extend.add_argument(
        "--days", type=types.working_days, required=True, help="working days added to the deadline"
    )
    extend.add_argument("--reason", required=True, type=types.text, help="why more time is needed")
    extend.add_argument(
        "--good-reason", action="store_true", help="a good reason for a longer extension"
    )
    extend.add_argument(
        "--ombudsman-details-given",
        action="store_true",
        help="the extension notice gave the Ombudsman's contact details",
    )

    respond = step("respond", "record the response of a case's current stage")
    respond.add_argument(
        "--decision", required=True, choices=case_schema.enum(("stage1", "decision"))
    )
    respond.add_argument(
        "--includes",
        nargs="+",
        required=True,
        choices=elements,
        metavar="ELEMENT",
        help=f"what the letter contained: {', '.join(elements)}",
    )
    respond.add_argument("--handler", type=types.role, help="who responded: a role, never a name")
    respond.add_argument(
        "--signposted-to",
        nargs="+",
        choices=bodies,
        metavar="BODY",
        help=f"the bodies the letter said the complainant could go to: {', '.join(bodies)}",
    )

    step(
        "escalate",
        "record a request to escalate a case to its next stage",
        "when the request was received: a date, or a date and time like 2026-03-27T17:42:00+00:00 "
        "(after hours it counts from the next working day; default: today)",
        types.moment,
    )

    exclude = step(
        "exclude",
        "record that a complaint is not accepted, on one of the policy's grounds",
        "the date of the decision (default: today)",
    )
    exclude.add_argument(
        "--reason",
        required=True,
        type=types.slug,
        metavar="CODE",
        help="one of the policy's exclusion codes (rules.exclusions in policy/policy.yaml)",
    )
    exclude.add_argument(
        "--explained-on",
        dest="explained",
        type=types.day,
        help="when the reasons were sent to the complainant",
    )
    exclude.add_argument(
        "--ombudsman-right-given",
        action="store_true",
        help="the letter gave the right to take the decision to the Ombudsman",
    )

    explain = step(
        "explain-breach",
        "record why a breach happened and who reviewed it (comply or explain)",
        "the date of the review (default: today)",
    )
    explain.add_argument(
        "rule", metavar="RULE", help="the rule the breach is of, like stage1-response-late"
    )
    explain.add_argument("--reason", required=True, type=types.text, help="why it happened")
    explain.add_argument(
        "--by", required=True, type=types.slug, help="who reviewed it: a role, never a name"
    )
    _add_case_steps(step)
    _add_amend(step)


def _add_case_steps(step: Callable[..., argparse.ArgumentParser]) -> None:
    """The rest of a case: remedies, actions, updates, refusal, withdrawal, ombudsman, learning."""
    remedies = case_schema.node(("stage1", "remedies")) or {}
    kinds = tuple(remedies.get("items", {}).get("properties", {}).get("kind", {}).get("enum", ()))
    remedy = step("remedy", "add a remedy to a stage's response", None)
    remedy.add_argument("--kind", required=True, choices=kinds)
    remedy.add_argument("--amount", type=types.pounds, help="for a financial remedy, in pounds")
    remedy.add_argument("--by", type=types.day, help="the day it is to be delivered by")
    remedy.add_argument("--what", type=types.text, help="what the remedy is")
    remedy.add_argument("--stage", type=types.number, help="the stage (default: the current one)")
    action = step("action", "add an outstanding action a stage's response promised", None)
    action.add_argument("--what", required=True, type=types.text, help="what is to be done")
    action.add_argument("--by", required=True, type=types.day, help="the day it is due")
    action.add_argument("--stage", type=types.number, help="the stage (default: the current one)")
    for name, noun in (("remedy-done", "a remedy"), ("action-done", "an outstanding action")):
        done = step(name, f"record the day {noun} was done", "the day it was done (default: today)")
        done.add_argument(
            "number", metavar="N", type=types.number, help="which of the stage's, from 1 as listed"
        )
        done.add_argument("--stage", type=types.number, help="the stage (default: the current one)")

    update = step(
        "update", "record an update sent on a delayed response, or (--every) the intervals agreed"
    )
    update.add_argument(
        "--every",
        type=types.working_days,
        metavar="N",
        help="instead, the working days between updates, agreed with the complainant on --on",
    )
    refuse = step(
        "refuse-escalation",
        "record that the council refused to escalate a complaint",
        "the date of the decision (default: today)",
    )
    refuse.add_argument(
        "--requested", required=True, type=types.moment, help="when the escalation was requested"
    )
    refuse.add_argument(
        "--reason",
        required=True,
        type=types.slug,
        metavar="CODE",
        help="one of the policy's exclusions",
    )
    refuse.add_argument(
        "--explained-on", dest="explained", type=types.day, help="when the reasons were sent"
    )
    refuse.add_argument(
        "--ombudsman-right-given",
        action="store_true",
        help="the letter gave the right to take the refusal to the Ombudsman",
    )
    step("withdraw", "record that the complainant withdrew a complaint")

    refer = step("refer", "record a referral to an ombudsman", "the date of the referral")
    refer.add_argument("--body", required=True, choices=case_schema.enum(("ombudsman", "body")))
    decision = step(
        "ombudsman-decision", "record an ombudsman's decision", "the date of the decision"
    )
    decision.add_argument(
        "--outcome",
        required=True,
        type=types.slug,
        help="in the body's own categories, as the case schema lists them for it",
    )
    decision.add_argument(
        "--compensation", type=types.pounds, help="compensation ordered, in pounds"
    )
    decision.add_argument(
        "--recommendation",
        dest="recommendations",
        action="append",
        type=types.text,
        metavar="TEXT",
        help="a recommendation; repeat for each, each followed by its --by",
    )
    decision.add_argument(
        "--by", action="append", type=types.day, help="the day the recommendation before it is due"
    )

    learning = step("learning", "record what the council learned from a complaint", None)
    learning.add_argument("--text", required=True, type=types.text)
    learning.add_argument(
        "--theme",
        choices=case_schema.enum(("learning", "theme")),
        help="what the learning is about, counted by theme in the annual report",
    )
    publish = learning.add_mutually_exclusive_group(required=True)
    publish.add_argument("--publishable", dest="publishable", action="store_true")
    publish.add_argument("--private", dest="publishable", action="store_false")
    discrimination = step("discrimination", "record whether discrimination is claimed", None)
    claimed = discrimination.add_mutually_exclusive_group(required=True)
    claimed.add_argument("--claimed", dest="claimed", action="store_true")
    claimed.add_argument("--not-claimed", dest="claimed", action="store_false")
    discrimination.add_argument(
        "--equalities-officer",
        dest="officer",
        metavar="DATE",
        type=types.day,
        help="with --claimed: the day the equalities officer was involved",
    )


def _add_amend(step: Callable[..., argparse.ArgumentParser]) -> None:
    """amend: correct a value a step recorded, as if it had been recorded right."""
    amend = step(
        "amend",
        "correct a value a step recorded (acknowledge, extend, respond, escalate, exclude)",
        "the corrected date (a date and time for escalate)",
        types.moment,
    )
    amend.add_argument(
        "amended",
        metavar="STEP",
        choices=("acknowledge", "extend", "respond", "escalate", "exclude"),
    )
    amend.add_argument("--stage", type=types.number, help="the stage (default: the current one)")
    amend.add_argument("--days", type=types.working_days, help="extend: the working days")
    amend.add_argument("--reason", type=types.text, help="extend: why more time is needed")
    amend.add_argument("--decision", choices=case_schema.enum(("stage1", "decision")))
    amend.add_argument(
        "--includes",
        nargs="+",
        choices=case_schema.enum(("stage1", "response_includes")),
        metavar="ELEMENT",
        help="respond: what the letter contained",
    )
    amend.add_argument("--handler", type=types.role, help="acknowledge, respond: a role")
    amend.add_argument(
        "--ombudsman-details-given",
        action="store_const",
        const=True,
        help="extend: the extension notice gave the Ombudsman's contact details",
    )
    amend.add_argument(
        "--explained-on", dest="explained", type=types.day, help="exclude: when reasons were sent"
    )
    amend.add_argument(
        "--ombudsman-right-given",
        action="store_const",
        const=True,
        help="exclude: the letter gave the right to take the decision to the Ombudsman",
    )
