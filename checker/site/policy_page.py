"""The complaints policy page: every clause, its figures drawn from the rules, with a stable
anchor each (the self-assessments and the report link to them)."""

from __future__ import annotations

from typing import Any

from checker.model.policy import render
from checker.site.text import anchor, escaped, timescale_figures


def policy_page(policy: dict[str, Any], council: dict[str, Any]) -> str:
    """The complaints policy, every clause with a stable anchor, figures drawn from the rules."""
    values = timescale_figures(policy)
    seen: dict[str, int] = {}
    out = [
        f"# {escaped(policy['title'])}\n",
        f"{escaped(council['name'])}. Version {escaped(policy['version'])}, "
        f"last reviewed {policy['last_review']}. "
        f"Owner: {escaped(policy['owner'])}.\n",
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
            f" [{escaped(note['text'])}]({note['url']})"
            if note.get("url")
            else f" {escaped(note['text'])}"
        )
        out.append(f"[^{key}]:{link}")
    return "\n".join(out) + "\n"
