"""Tables that read on a phone: each data cell labelled with its column's header.

On a phone (assets/tables.css) a table of four or more columns is shown stacked, one block per
row, its row header first and each cell after it under its column's name, taken from the cell's
`data-label`; one of seven or more (`data-stack="wide"`) is stacked on any screen under 720 px.
A wide table squeezed into a phone's width is cut off or gives each column a few words a line;
stacked, every cell keeps its header and the page's full width.

The labels are written into the HTML when the page is built, not by a script in the browser, so a
stacked table reads the same without JavaScript. A table whose header spans columns or rows, or
that has no header row, is left as it is (it scrolls in its own region instead).
"""

from __future__ import annotations

import html
import re

STACKED = 4  # columns from which a table is stacked on a phone
WIDE = 7  # columns from which it is stacked on a wider narrow screen too (to 720 px)
LONG = 24  # characters from which a cell's text is set under its label, not beside it

TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S | re.I)
THEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S | re.I)
TBODY = re.compile(r"<tbody\b[^>]*>(.*?)</tbody>", re.S | re.I)
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S | re.I)
CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</t[hd]>", re.S | re.I)
TAG = re.compile(r"<[^>]*>")
SPAN = re.compile(r"\b(?:col|row)span\s*=", re.I)


def label_tables(page: str) -> str:
    """The page's HTML with every table of four or more columns marked `data-stack` (of seven or
    more, `data-stack="wide"`) and each of its body cells given its column's header as
    `data-label` (and `data-long` if its text is long)."""
    return TABLE.sub(_label, page)


def _label(match: re.Match[str]) -> str:
    attributes, inner = match.group(1), match.group(2)
    head = THEAD.search(inner)
    if head is None or SPAN.search(inner) or "data-stack" in attributes:
        return match.group(0)
    rows = ROW.findall(head.group(1))
    if len(rows) != 1:
        return match.group(0)
    headers = [_text(cell[2]) for cell in CELL.findall(rows[0])]
    if len(headers) < STACKED:
        return match.group(0)

    def row(found: re.Match[str]) -> str:
        column = iter(headers)

        def cell(c: re.Match[str]) -> str:
            name, attrs, content = c.group(1), c.group(2), c.group(3)
            label = next(column, "")
            if name.lower() == "th" or not label or "data-label" in attrs:
                return c.group(0)
            long = " data-long" if len(_text(content)) > LONG else ""
            return f'<{name}{attrs} data-label="{html.escape(label)}"{long}>{content}</{name}>'

        return _within(found, CELL.sub(cell, found.group(1)))

    def body(found: re.Match[str]) -> str:
        return _within(found, ROW.sub(row, found.group(1)))

    stack = ' data-stack="wide"' if len(headers) >= WIDE else " data-stack"
    return f"<table{attributes}{stack}>{TBODY.sub(body, inner)}</table>"


def _within(found: re.Match[str], inner: str) -> str:
    """The match with its first group replaced by `inner`."""
    start, end = found.start(1) - found.start(0), found.end(1) - found.start(0)
    return found.group(0)[:start] + inner + found.group(0)[end:]


def _text(cell: str) -> str:
    """A header cell's text, as plain text on one line."""
    return " ".join(html.unescape(TAG.sub(" ", cell)).split())
