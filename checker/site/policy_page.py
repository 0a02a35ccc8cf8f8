"""The complaints policy page: every clause, its figures drawn from the rules, with a stable
anchor each (the self-assessments and the report link to them).

Clause text is plain text: the page makes its structure from the YAML (headings from titles,
lists from items, a quotation from quote), its footnote markers from `[^key]` where the key is a
footnote the policy has, and its links from the clause's `links:` (each address checked). Nothing
in the text is read as Markdown or HTML.
"""

from __future__ import annotations

import re
from typing import Any

from checker.model.policy import FOOTNOTE, render
from checker.report.plain import escaped, link
from checker.site.text import anchor, timescale_figures

FOOTNOTE_KEY = re.compile(r"[0-9a-z-]+")  # the schema's pattern for a footnote's key


def policy_page(policy: dict[str, Any], council: dict[str, Any]) -> str:
    """The complaints policy, every clause with a stable anchor, figures drawn from the rules."""
    values = timescale_figures(policy)
    footnotes = {
        key: note
        for key, note in policy.get("footnotes", {}).items()
        if FOOTNOTE_KEY.fullmatch(key)
    }
    seen: dict[str, int] = {}
    about = [f"{escaped(policy['title'])}, {escaped(council['name'])}."]
    if policy.get("version"):
        about.append(f"Version {escaped(policy['version'])}.")
    if policy.get("last_review"):
        about.append(f"Last reviewed {escaped(policy['last_review'])}.")
    if policy.get("owner"):
        about.append(f"Owner: {escaped(policy['owner'])}.")
    out = ["# Complaints policy\n", " ".join(about) + "\n"]

    def walk(items: list[dict[str, Any]], depth: int) -> None:
        for item in items:
            out.extend(_clause(item, anchor(item["number"], seen), depth, values, footnotes))
            walk(item.get("clauses", []), depth + 1)

    walk(policy["sections"], 0)
    for key, note in footnotes.items():
        shown = link(note["url"], note["text"]) if note.get("url") else escaped(note["text"])
        out.append(f"[^{key}]: {shown}")
    return "\n".join(out) + "\n"


def _clause(
    item: dict[str, Any],
    ident: str,
    depth: int,
    values: dict[str, int],
    footnotes: dict[str, Any],
) -> list[str]:
    """One clause's blocks (not those of the clauses under it)."""
    number = escaped(item["number"])
    links = {entry["text"]: entry["url"] for entry in item.get("links", [])}
    linked: set[str] = set()

    def text(value: str) -> str:
        return _inline(render(value, values), links, footnotes, linked)

    out = []
    if "title" in item:
        level = "#" * min(depth + 2, 6)
        out.append(f"{level} {number} {text(item['title'].rstrip(':'))} {{#{ident}}}\n")
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
    unplaced = [words for words in links if words not in linked]
    if unplaced:  # words no text of the clause holds: still linked, after the clause
        out.append(" ".join(link(links[words], words) for words in unplaced) + "\n")
    return out


def _inline(text: str, links: dict[str, str], footnotes: dict[str, Any], linked: set[str]) -> str:
    """Clause text escaped, with a marker for each footnote the policy has and a link for each of
    the clause's `links:` words (noted in `linked`)."""
    words = sorted(links, key=len, reverse=True)  # the longest first, where two overlap
    marks = re.compile("|".join([FOOTNOTE.pattern, *map(re.escape, words)]))
    out, last = [], 0
    for match in marks.finditer(text):
        out.append(escaped(text[last : match.start()]))
        key = match.group(1)
        if key is None:
            out.append(link(links[match[0]], match[0]))
            linked.add(match[0])
        elif key in footnotes:
            out.append(f"[^{key}]")
        else:
            out.append(escaped(match[0]))
        last = match.end()
    out.append(escaped(text[last:]))
    return "".join(out)
