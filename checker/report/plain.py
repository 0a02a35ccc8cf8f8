"""Text from the data on a page: every string reaches the report and the site through `escaped`,
and every link through `link`.

`escaped` writes a string as plain text that nothing downstream reads as markup: every ASCII
character other than a letter, a digit, a space, a comma or a question mark is written as a
numeric character reference (`&#42;` for `*`). A browser shows a reference as its character, in
an element's content and in an attribute's value alike; Python-Markdown passes a reference
through untouched, so none can start emphasis, code, a link or an image, an autolink, raw HTML,
an attribute list (`{: ... }`), a footnote, a heading, a list, a quotation or a table cell, with
any of the site's extensions (tables, attr_list, md_in_html, footnotes, toc). Line breaks become
`<br>`, so the text stays on one line of the page's source and no line of it can start a block;
spaces at either end of a line are references too, so they make no code block or line break.
Control characters (Python-Markdown's own placeholders among them) become U+FFFD.

`link` makes the only links a page has from the data: an address from a field the schemas check
(`https://`, `mailto:` or `tel:`), checked again here, with its text escaped. Anything else is
shown as text, never linked.

A page's title (its `# ` heading) holds no string from the data: a theme may put the title into
`<title>` through Jinja's `striptags` (Material for MkDocs does), which turns references back
into characters.
"""

from __future__ import annotations

import re
import string

# Each of these is written as a character reference; letters, digits, space, comma and question
# mark (which no Markdown syntax or HTML uses) are written as they are.
_MARKUP = "".join(c for c in string.punctuation if c not in ",?")
_REFERENCES = {ord(c): f"&#{ord(c)};" for c in _MARKUP}
# C0 and C1 controls but tab (Python-Markdown's placeholders are \x02 and \x03), and the
# noncharacters U+FFFE and U+FFFF
_REFERENCES.update({c: "\ufffd" for c in (*range(0x00, 0x09), *range(0x0B, 0x20))})
_REFERENCES.update({c: "\ufffd" for c in (*range(0x7F, 0xA0), 0xFFFE, 0xFFFF)})
_REFERENCES[ord("\t")] = "&#9;"
_EDGE_SPACES = re.compile(r"^ +| +$")  # an indented code block; a hard line break

# The schemes a link may have (the schemas' URL patterns allow no other).
SCHEMES = ("https://", "mailto:", "tel:")
# What no address from the data may hold: whitespace, quotes, angle brackets, a backslash or a
# backtick (the schemas' `format: uri` refuses them all too).
_NOT_IN_ADDRESS = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f-\x9f]")


def escaped(text: object) -> str:
    """`text` as plain text for a Markdown page or an HTML element: no character of it is read as
    markup, and each line break is a `<br>`."""
    lines = str(text).splitlines() or [""]
    return "<br>".join(_line(line) for line in lines)


def _line(line: str) -> str:
    encoded = line.translate(_REFERENCES)
    return _EDGE_SPACES.sub(lambda m: "&#32;" * len(m[0]), encoded)


def checked(address: str) -> bool:
    """Whether `address` may be linked: https, mailto or tel, with nothing after the scheme that
    could leave an attribute's value."""
    return (
        isinstance(address, str)
        and address.startswith(SCHEMES)
        and not any(address == scheme for scheme in SCHEMES)
        and not _NOT_IN_ADDRESS.search(address)
    )


def link(address: str, text: object) -> str:
    """A link to a checked address with `text` escaped as its words; for any other address, the
    words alone."""
    if not checked(address):
        return escaped(text)
    return f'<a href="{escaped(address)}">{escaped(text)}</a>'


def label(slug: str) -> str:
    """A value of one of the schemas' own closed lists (a route, a remedy, an exclusion reason, an
    ombudsman's finding) as a reader sees it: 'data-protection' -> 'Data protection'. A service,
    type or channel is named by the council's own label instead (`model.categories`), never from
    its slug."""
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]
