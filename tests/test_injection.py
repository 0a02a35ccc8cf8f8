"""No string from the data becomes markup on a page (SECURITY.md: every data string escaped as plain
text; links only https, mailto or tel, from checked fields; nothing asked of another host).

A corpus of cross-site scripting payloads (the kinds on OWASP's XSS filter evasion cheat sheet, and
the Markdown forms the site's extensions read: images, links, autolinks, attribute lists,
footnotes, raw HTML in Markdown) is tried three ways:

- the escaping function, in every context a page puts data in, through Python-Markdown with the
  site's own extensions: the page has exactly the elements it has for a plain word, and shows the
  payload as its text;
- each URL field of each schema: anything but https, mailto or tel is a located schema error, and
  a link is made only to such an address;
- every string of a copy of the example repository that its schema allows (council, policy,
  Codes, self-assessments, report inputs, and the learning of cases marked publishable), built
  for real with MkDocs and with `complaints pages`: every page, parsed, has only the theme's own
  scripts, no event handler, no script, vbscript or data address, nothing fetched from another
  host and no element or attribute a clean build does not have, and shows each payload as text
  wherever its field is published.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema_rs
import markdown  # type: ignore[import-untyped]
import pytest
import yaml

from checker.load.validate import validate
from checker.load.yaml import load
from checker.report.plain import checked, escaped, link
from checker.schemas import schema
from tests.conftest import ROOT, check, run_cli, scratch
from tests.test_site import AS_OF, mkdocs_build

CORPUS = [
    # script elements, in many casings and shapes
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<ScRiPt>alert(String.fromCharCode(88,83,83))</sCrIpT>",
    "<script/xss src=https://evil.example/xss.js></script>",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<img src=`javascript:alert(1)`>",
    '<img srcset="https://evil.example/x.png 1x">',
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)//",
    "<body onload=alert(1)>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=https://evil.example/a.mp3 onerror=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # script addresses, with entity, whitespace and case tricks
    "<IMG SRC=\"javascript:alert('XSS');\">",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav\u00a0ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<form action="javascript:alert(1)"><button formaction=javascript:alert(1)>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    # styles
    '<div style="background-image: url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    # frames and plugins
    '<iframe src="javascript:alert(1)"></iframe>',
    "<iframe src=https://evil.example/></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    # comments, CDATA, text that is already escaped
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &unknown; &#0; &#x110000;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script\\>alert(1)\\</script\\>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    # Markdown: images, links, autolinks
    "![x](https://evil.example/x.png)",
    '![x](https://evil.example/x.png "t"){: onload="alert(1)" }',
    "![x][img]\n\n[img]: https://evil.example/x.png",
    "[x](javascript:alert(1))",
    '[x](  javascript:alert(1)  "title")',
    "[x][1]\n\n[1]: javascript:alert(1)",
    "[x]\n\n[x]: https://evil.example/",
    "<https://evil.example>",
    "<javascript:alert(1)>",
    "https://evil.example/x.png www.evil.example javascript:alert(1)",
    # Markdown: attribute lists, raw HTML in Markdown, footnotes
    'text {: onmouseover="alert(1)" }',
    "text {: #id .class onclick=x }",
    "# heading {: onclick=alert(1) }",
    "## heading\n\n- item {: onclick=alert(1) }",
    "*emphasis*{: onclick=alert(1) }",
    '<div markdown="1">**bold** <img src=x onerror=alert(1)></div>',
    '<span markdown="span">*x*</span>',
    "footnote[^1]\n\n[^1]: <script>alert(1)</script>",
    "[^zz]: a footnote definition",
    # Markdown: blocks, tables, code, emphasis
    "| a | b |\n| - | - |\n| <img src=x onerror=alert(1)> | c |",
    "`code` ``<script>`` ```js\nalert(1)\n```",
    "    an indented code block <script>",
    "> quote\n> <script>alert(1)</script>",
    "1. one\n2. two",
    "* star\n+ plus\n- minus",
    "***bold italic*** __under__ ~~struck~~ ==marked== ^^inserted^^",
    "a title\n=====",
    "---",
    "[TOC] [[_TOC_]] $x$ {{ stage1_response }}",
    "line one  \nline two with a hard break",
]
# Only the unit tests: what the loader refuses in a file (control characters, Python-Markdown's own
# placeholders, a bidirectional override), an email address and a phone number.
UNIT_ONLY = [
    "\x02wzxhzdk:0\x03 \x02klzzwxh:0\x03",
    "nul \x00 and bell \x07 and escape \x1b[31m",
    "\u202eevil\u202c",
    "<mailto:someone@evil.example>",
    "<a href=tel:+441234567890>call</a>",
]


# --- reading HTML ------------------------------------------------------------------------------


@dataclass
class Parsed:
    """Every element of an HTML text (tag, attributes, and an inline script's text) and its text."""

    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    HIDDEN = ("script", "style", "title")  # text a reader is not shown in the page

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Parsed()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag in self.HIDDEN:
            self.open.append(tag)
            if tag == "script":
                self.found.scripts.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if "script" in self.open:
            self.found.scripts[-1] += data
        elif not self.open:
            self.found.text.append(data)


def parse(text: str) -> Parsed:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.found


def squeezed(text: str) -> str:
    """Text with no whitespace: how a payload and a page's text are compared."""
    return re.sub(r"\s+", "", text)


# what the escaping function shows as U+FFFD: controls that do not break a line, noncharacters
CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def shown(payload: str) -> str:
    """What a page shows of a payload: its text, with no whitespace."""
    return squeezed(CONTROL.sub("\ufffd", payload))


URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "data",
    "poster",
    "background",
    "codebase",
    "cite",
    "xlink:href",
    "manifest",
    "ping",
)
RESOURCE_TAGS = ("img", "script", "link", "iframe", "object", "embed", "source", "video", "audio")
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta"}


def hostile(parsed: Parsed, where: str) -> list[str]:
    """What in one parsed page could run a script, fetch from another host or change the page's
    base: each with the page named."""
    found = []
    for tag, attrs in parsed.elements:
        for name, value in attrs.items():
            plain = re.sub(r"[\x00-\x20]", "", value)
            if name.startswith("on"):
                found.append(f"{where}: <{tag} {name}=...>")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(plain):
                found.append(f"{where}: <{tag} {name}={value!r}>")
            if name == "style" and re.search(r"url\((?!#)|expression\(|@import", value, re.I):
                found.append(f"{where}: <{tag} style={value!r}>")
            if (
                tag in RESOURCE_TAGS
                and name in ("src", "srcset", "data", "poster", "href")
                and re.search(r"(^|[\s,])(https?:)?//", value)
                and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate"))
            ):
                found.append(f"{where}: <{tag} {name}={value!r}> (another host)")
        if tag in FORBIDDEN_TAGS and not (tag == "meta" and "http-equiv" not in attrs):
            found.append(f"{where}: <{tag}>")
    return found


# --- the escaping function, in every context a page uses -----------------------------------------


@functools.cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions mkdocs.yml names, configured as it configures them
    (one instance, reset before each page)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(entry)
    assert {"tables", "attr_list", "md_in_html", "footnotes", "toc"} <= set(names)
    return markdown.Markdown(extensions=names, extension_configs=configs)


CONTEXTS = {  # where pages put data ({} is the data) in the page's Markdown
    "paragraph": "{}\n",
    "sentence": "Before {} after.\n",
    "second line": "First line\n{}\n",
    "list item": "- {}\n- next\n",
    "heading": "## {} {#anchor}\n",
    "quotation": "> {}\n",
    "clause": '<span id="clause-1"></span>**1** {}\n',
    "table cell": '<table>\n<caption>{}</caption>\n<tbody>\n<tr><th scope="row">{}</th><td>{}</td>'
    "</tr>\n</tbody>\n</table>\n",
    "footnote": "Text[^1].\n\n[^1]: {}\n",
    "link text": 'See <a href="https://www.example.gov.uk/">{}</a>.\n',
}


def rendered(context: str, text: str) -> Parsed:
    page = CONTEXTS[context].replace("{}", text)
    return parse(site_markdown().reset().convert(page))


def structure(parsed: Parsed) -> list[tuple[str, dict[str, str]]]:
    """Elements with their attributes, but a heading's generated id."""
    return [
        (tag, {k: v for k, v in attrs.items() if not (re.fullmatch("h[1-6]", tag) and k == "id")})
        for tag, attrs in parsed.elements
    ]


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    assert len(CORPUS) >= 70
    joined = "\n".join(CORPUS).lower()
    for kind in ("<script", "onerror", "javascript:", "data:", "<iframe", "<svg", "![", "{:", "[^"):
        assert kind in joined, kind


@pytest.mark.parametrize("payload", CORPUS + UNIT_ONLY)
def test_escaped_text_is_only_text_in_every_context(payload: str) -> None:
    word = "Plainword"
    for context in CONTEXTS:
        plain, got = rendered(context, word), rendered(context, escaped(payload))
        assert structure(got) == structure(plain) or (
            # a line break in the data is a <br>, and nothing else
            [e for e in structure(got) if e[0] != "br"] == structure(plain)
            and "\n" in payload.strip("\n")
        ), (context, structure(got), structure(plain))
        assert hostile(got, context) == []
        expected = squeezed("".join(plain.text)).replace(word, shown(payload))
        assert squeezed("".join(got.text)) == expected, context
        for tag, attrs in got.elements:
            if re.fullmatch("h[1-6]", tag):  # a heading's generated id is a slug
                assert re.fullmatch(r"[\w-]*", attrs.get("id", "")), (context, attrs)


@pytest.mark.parametrize("payload", CORPUS + UNIT_ONLY)
def test_escaped_text_holds_nothing_markdown_or_html_reads(payload: str) -> None:
    text = escaped(payload)
    assert "\n" not in text and "\r" not in text  # one line: no line of it starts a block
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text)  # no placeholder, no control
    bare = re.sub(r"&#[0-9]+;|<br>", "", text)  # what is left besides references and line breaks
    assert re.fullmatch(r"[A-Za-z0-9 ,?\u00a0-\ufffd]*", bare), bare
    lines = payload.splitlines() or [""]
    assert html.unescape(text.replace("<br>", "\n")) == "\n".join(
        CONTROL.sub("\ufffd", line) for line in lines
    )


BAD_ADDRESSES = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "jav\tascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "http://www.example.gov.uk/",
    "//evil.example/",
    "ftp://evil.example/",
    "file:///etc/passwd",
    "HTTPS://www.example.gov.uk/",
    "https:",
    "https://",
    'https://www.example.gov.uk/" onmouseover="alert(1)',
    "https://www.example.gov.uk/'onmouseover='alert(1)",
    "https://www.example.gov.uk/><script>alert(1)</script>",
    "https://www.example.gov.uk/ onmouseover=alert(1)",
    "https://www.example.gov.uk/\nx",
    "https://www.example.gov.uk/`x`",
    "https://www.example.gov.uk/\\x",
    "mailto:",
    "tel:",
    "/relative/page",
    "policy.md",
    "",
]
GOOD_ADDRESSES = [
    "https://www.example.gov.uk/",
    "https://www.example.gov.uk/complaints?a=1&b=[2]#part_(3)*{4}!",
    "mailto:complaints@example.gov.uk",
    "tel:+441234567890",
]


def _links(parsed: Parsed) -> list[dict[str, str]]:
    """The links of a rendered text, but the footnotes' own (to and from the note)."""
    return [a for tag, a in parsed.elements if tag == "a" and not a.get("href", "").startswith("#")]


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_no_link_is_made_to_any_other_address(address: str) -> None:
    assert not checked(address)
    for context in ("sentence", "table cell", "footnote"):
        got = rendered(context, link(address, "the words"))
        assert _links(got) == [], context
        assert "thewords" in squeezed("".join(got.text))


@pytest.mark.parametrize("address", GOOD_ADDRESSES)
@pytest.mark.parametrize("payload", CORPUS[::7])
def test_a_link_goes_to_its_checked_address_and_shows_its_words_as_text(
    address: str, payload: str
) -> None:
    assert checked(address)
    for context in ("sentence", "list item", "table cell", "footnote"):
        got = rendered(context, link(address, payload))
        assert _links(got) == [{"href": address}] * CONTEXTS[context].count("{}"), context
        assert shown(payload) in squeezed("".join(got.text))
        assert hostile(got, context) == []


# --- the schemas: a located error for any other scheme ------------------------------------------


@dataclass(frozen=True)
class UrlField:
    """A URL field in an example file: the text that sets it, and that text with ADDRESS for
    another address."""

    path: str
    old: str
    new: str

    def set(self, root: Path, address: str) -> int:
        """Set the field to `address` in the repository at `root`; the line it is on."""
        target = root / self.path
        text = target.read_text("utf-8")
        assert text.count(self.old) == 1, (self.path, self.old)
        before, after = self.new.split("ADDRESS")
        at = text.index(self.old) + len(before)
        changed = text.replace(self.old, before + json.dumps(address) + after)
        target.write_text(changed, "utf-8")
        return changed[:at].count("\n") + 1


URL_FIELDS = [
    UrlField(
        "policy/council.yaml", "\nwebsite: https://www.canterbury.gov.uk\n", "\nwebsite: ADDRESS\n"
    ),
    UrlField(
        "policy/council.yaml",
        "\n    url: https://www.canterbury.gov.uk/council-and-democracy/complaints-and-feedback/"
        "make-a-complaint\n",
        "\n    url: ADDRESS\n",
    ),
    UrlField(
        "policy/policy.yaml",
        '"1": {text: "What are data protection complaints? | ICO", url: "https://ico.org.uk/'
        'for-organisations/uk-gdpr-guidance-and-resources/data-protection-complaints/"}',
        '"1": {text: "What are data protection complaints? | ICO", url: ADDRESS}',
    ),
    UrlField(
        "policy/policy.yaml",
        "\n                url: https://www.lgo.org.uk/\n",
        "\n                url: ADDRESS\n",
    ),
    UrlField(
        "policy/codes/lgsco.yaml",
        "\nurl: https://www.lgo.org.uk/information-centre/information-for-organisations-we-"
        "investigate/complaint-handling-code\n",
        "\nurl: ADDRESS\n",
    ),
    UrlField(
        "policy/reports/2025-26.yaml",
        "    date: 2026-07-15\n",
        "    date: 2026-07-15\n    url: ADDRESS\n",
    ),
    UrlField(
        "policy/reports/2025-26.yaml",
        "other_publications: []\n",
        "other_publications:\n  - {body: lgsco, title: A report, date: 2026-05-01, url: ADDRESS}\n",
    ),
    UrlField(
        "policy/self-assessment/2026-lgsco.yaml",
        '    links: [{clause: "5.1.3"}]\n',
        '    links: [{clause: "5.1.3"}, {label: Our page, url: ADDRESS}]\n',
    ),
]
REFUSED = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,x",
    "http://www.example.gov.uk/",
    "ftp://evil.example/",
]
# the schemes each field allows besides https, by its index in URL_FIELDS
ALLOWED = {
    1: ("mailto:complaints@example.gov.uk", "tel:+441234567890"),
    2: ("mailto:complaints@example.gov.uk",),
    3: ("tel:+441234567890",),
    7: ("mailto:complaints@example.gov.uk",),
}


@pytest.mark.parametrize("address", REFUSED)
def test_any_address_but_https_mailto_or_tel_is_a_located_schema_error(
    tmp_path: Path, address: str
) -> None:
    root = scratch(tmp_path / "repo", with_cases=False)
    lines = {(url.path, url.set(root, address)) for url in URL_FIELDS}
    found = {(f["path"], f["line"]) for f in check(root).findings("schema")}
    assert lines <= found, sorted(lines - found)


def test_https_mailto_and_tel_addresses_are_accepted_where_they_fit(tmp_path: Path) -> None:
    for round in range(2):  # https everywhere but where another scheme is tried, in two rounds
        root = scratch(tmp_path / f"repo-{round}", with_cases=False)
        for index, url in enumerate(URL_FIELDS):
            others = ALLOWED.get(index, ())
            url.set(
                root,
                others[round % len(others)] if others else "https://www.example.gov.uk/a?b=1&c=2#d",
            )
        assert check(root).findings("schema") == []


URL_PATTERNS = ("^(https://|mailto:|tel:)", "^https://")  # https, mailto or tel; or https alone


def _url_nodes(node: Any, where: str) -> Iterator[tuple[str, dict]]:
    """Every schema node that describes an address (`format: uri`, or a property named like one),
    with where it is."""
    if isinstance(node, dict):
        if node.get("format") == "uri":
            yield where, node
        for key, value in node.get("properties", {}).items():
            if key in ("url", "website", "href", "link", "uri") and isinstance(value, dict):
                assert value.get("format") == "uri" or value.get("$ref") == "#/$defs/url", (
                    f"{where}.{key} is an address without format: uri"
                )
        for key, value in node.items():
            yield from _url_nodes(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _url_nodes(value, f"{where}[{index}]")


def test_every_url_field_of_every_schema_allows_only_https_mailto_or_tel() -> None:
    folder = ROOT / "checker" / "schemas"
    found = {}
    for path in sorted(folder.glob("*.schema.json")):
        for where, node in _url_nodes(json.loads(path.read_text("utf-8")), path.name):
            found[where] = node.get("pattern")
    assert len(found) >= 9, found
    assert {where: p for where, p in found.items() if p not in URL_PATTERNS} == {}
    for pattern in URL_PATTERNS:  # and the patterns mean what they say
        assert not [a for a in REFUSED if re.search(pattern, a)]
    assert all(re.search(URL_PATTERNS[0], a) for a in GOOD_ADDRESSES)


# --- the example repository with a payload in every string, built for real ---------------------

FILES = {  # the files whose strings reach pages, by kind
    "policy/council.yaml": "council",
    "policy/policy.yaml": "policy",
    "policy/codes/*.yaml": "code",
    "policy/self-assessment/*.yaml": "self-assessment",
    "policy/reports/*.yaml": "report",
}
# Strings whose meaning a payload would change, not text a page shows: the subject of an
# explanation names a finding, and the policy must quote a Code's definition word for word.
NOT_TEXT = re.compile(r":(explanations\[\d+\]\.subject|definition\.text)$")
# Where a string is published: each must be shown, as text, on a page.
PUBLISHED = [
    re.compile(pattern)
    for pattern in (
        r"^policy/council\.yaml:(name|contact\.online\.label|contact\.post\[\d+\]|contact\.notes)$",
        r"^policy/policy\.yaml:(title|owner|version|footnotes\.[^.]+\.text)$",
        r"^policy/policy\.yaml:rules\.routes\.[^.]+\.description$",
        r"^policy/policy\.yaml:sections(\[\d+\]\.clauses)*\[\d+\]\."
        r"(title|text|quote|items\[\d+\]|after|links\[\d+\]\.text)$",
        r"^policy/codes/[^:]+:(title|publisher|sections\[\d+\]\.title)$",
        r"^policy/codes/[^:]+:sections\[\d+\]\.provisions\[\d+\]\.requirement$",
        r"^policy/self-assessment/[^:]+:answers\[\d+\]\.(evidence|commentary|links\[\d+\]\.label)$",
        r"^policy/self-assessment/[^:]+:approved\.by$",
        r"^policy/reports/[^:]+:(ombudsman_letters\[\d+\]\.summary|"
        r"non_compliance_findings\[\d+\]\.(summary|response)|other_publications\[\d+\]\.title|"
        r"service_improvements\[\d+\]\.improvement|governing_body\.(name|response))$",
        r"^cases/[^:]+:learning\.text$",
    )
]
TEMPLATE_OR_FOOTNOTE = re.compile(r"\{\{|\[\^")  # what the policy's clause text means on purpose
OUR_PAGE = "https://www.canterbury.gov.uk/complaints"


@dataclass(frozen=True)
class Sprayed:
    """A string of the repository with a payload added: where, its tag, and the payload."""

    where: str  # file:dotted.path[0]
    tag: str
    payload: str
    was: str = ""  # a case's learning: the text it replaced
    unassessed: bool = False  # a Code's provision that self-assessments do not answer

    @property
    def published(self) -> bool:
        return not self.unassessed and any(pattern.search(self.where) for pattern in PUBLISHED)

    @property
    def shown(self) -> str:
        return shown(f"{self.tag} {self.payload}")


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(dotted path, parent, key) of every string in a YAML tree."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        here = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)
        if isinstance(value, str):
            yield here, node, key
        elif isinstance(value, (dict, list)):
            yield from _strings(value, here)


def _fits(where: str, payload: str) -> bool:
    """Whether a payload can go in this string and still be compared as it is shown."""
    if re.search(r"^policy/policy\.yaml:sections", where):
        return not TEMPLATE_OR_FOOTNOTE.search(payload)  # a marker there is a footnote on purpose
    if re.search(r"\.(requirement|commentary)$", where):
        return "\n" not in payload  # a table cell makes a list of its "- " lines
    return True


def _data(path: Path, shown_as: str) -> Any:
    document = load(path, shown_as)[0]
    assert document is not None, shown_as
    return document.data


def _structure(root: Path) -> None:
    """Give the example the parts a report or self-assessment may have and it lacks, so that
    their strings are sprayed and published too."""
    report = root / "policy" / "reports" / "2025-26.yaml"
    data = _data(report, "report")
    data["non_compliance_findings"] = [
        {"body": "lgsco", "date": "2026-05-01", "summary": "A finding.", "response": "A reply."}
    ]
    data["other_publications"] = [
        {"body": "housing-ombudsman", "title": "A report.", "date": "2026-04-01", "url": OUR_PAGE}
    ]
    data["governing_body"].update(considered="2026-09-01", response="The committee noted it.")
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assessment = root / "policy" / "self-assessment" / "2026-housing-ombudsman.yaml"
    data = _data(assessment, "self-assessment")
    data["answers"][0].setdefault("links", []).append({"url": OUR_PAGE, "label": "Our page"})
    data["approved"] = {"by": "The Audit Committee", "date": "2026-06-30"}
    assessment.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _spray(root: Path) -> list[Sprayed]:
    """Add a payload (after a tag of its own) to every string of the repository's policy files
    that its schema allows, and to the learning of cases marked publishable; the payloads taken
    in turn from the corpus."""
    sprayed: list[Sprayed] = []
    payloads = itertools.cycle(CORPUS)
    number = itertools.count()
    for pattern, kind in FILES.items():
        validator = jsonschema_rs.Draft202012Validator(schema(kind), validate_formats=True)
        for path in sorted(root.glob(pattern)):
            shown_as = path.relative_to(root).as_posix()
            data = _data(path, shown_as)
            for where, parent, key in _strings(data):
                where, value = f"{shown_as}:{where}", parent[key]
                if NOT_TEXT.search(where) or key == "$schema":
                    continue
                parent[key] = f"{value} x"
                if not validator.is_valid(data):  # not text: a date, a slug, a number, an enum
                    parent[key] = value
                    continue
                for payload in itertools.islice(payloads, len(CORPUS)):
                    tag = f"zq{next(number)}zq"
                    parent[key] = f"{value} {tag} {payload}"
                    if _fits(where, payload) and validator.is_valid(data):
                        unassessed = key == "requirement" and parent.get("assessed") is False
                        sprayed.append(Sprayed(where, tag, payload, unassessed=unassessed))
                        break
                else:
                    parent[key] = value
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
            document, problems = load(path, shown_as)
            assert document is not None and not validate(document, kind), (shown_as, problems)
    # learning marked publishable: every case with the same text gets the same payload
    texts: dict[str, str] = {}
    for path in sorted((root / "cases").glob("*/*.yaml")):
        shown_as = path.relative_to(root).as_posix()
        data = _data(path, shown_as)
        learning = data.get("learning")
        if not (learning and learning["publishable"]):
            continue
        if learning["text"] not in texts:
            if len(texts) >= 12:
                continue
            payload = next(payloads)
            tag = f"zq{next(number)}zq"
            texts[learning["text"]] = f"{tag} {payload}"
            sprayed.append(Sprayed(f"{shown_as}:learning.text", tag, payload, learning["text"]))
        learning["text"] = texts[learning["text"]]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return sprayed


@dataclass
class Built:
    """The clean example and the sprayed one, each built with MkDocs; the sprayed one's pages
    from `complaints pages` too."""

    clean: Path
    sprayed: Path
    pages: Path
    strings: list[Sprayed]


def _copy(root: Path) -> Path:
    repo = scratch(root, with_cases=True)
    shutil.copytree(ROOT / "site", repo / "site")
    _structure(repo)
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("injection")
    clean, sprayed = _copy(base / "clean"), _copy(base / "sprayed")
    strings = _spray(sprayed)
    for repo in (clean, sprayed):
        result = mkdocs_build(repo, base / f"{repo.name}-public")
        assert result.returncode == 0, result.stdout + result.stderr
    run = run_cli("pages", "--root", str(sprayed), "--as-of", AS_OF, "--out", str(base / "pages"))
    assert run.code == 0, run.out[-3000:] + run.err[-3000:]
    return Built(base / "clean-public", base / "sprayed-public", base / "pages", strings)


def _html(site: Path) -> dict[str, Parsed]:
    return {
        p.relative_to(site).as_posix(): parse(p.read_text("utf-8")) for p in site.rglob("*.html")
    }


def _markdown_pages(folder: Path) -> dict[str, Parsed]:
    return {
        p.relative_to(folder).as_posix(): parse(
            site_markdown().reset().convert(p.read_text("utf-8"))
        )
        for p in folder.rglob("*.md")
    }


def test_every_payload_is_in_a_published_string_and_every_kind_of_file_is_sprayed(
    built: Built,
) -> None:
    published = {s.payload for s in built.strings if s.published}
    assert published == set(CORPUS), set(CORPUS) - published
    files = {s.where.split(":")[0].split("/")[1] for s in built.strings}
    assert {
        "council.yaml",
        "policy.yaml",
        "codes",
        "self-assessment",
        "reports",
        "2025-26",
    } <= files
    assert len(built.strings) > 500


def test_no_built_page_runs_a_script_or_fetches_from_another_host(built: Built) -> None:
    clean, sprayed = _html(built.clean), _html(built.sprayed)
    assert sprayed.keys() == clean.keys() and len(sprayed) >= 9
    found = [problem for path, page in sprayed.items() for problem in hostile(page, path)]
    assert found == []
    scripts = {
        (tuple(sorted(a.items())), text)
        for page in clean.values()
        for (tag, a), text in zip(
            [e for e in page.elements if e[0] == "script"], page.scripts, strict=True
        )
    }
    for path, page in sprayed.items():
        elements = [e for e in page.elements if e[0] == "script"]
        assert len(elements) == len(page.scripts)
        for (_, attrs), text in zip(elements, page.scripts):
            assert (tuple(sorted(attrs.items())), text) in scripts, (path, attrs, text[:200])


def test_no_built_page_has_an_element_or_attribute_a_clean_build_does_not(built: Built) -> None:
    clean, sprayed = _html(built.clean), _html(built.sprayed)
    allowed: dict[str, set[str]] = {}
    hrefs = {OUR_PAGE}
    for page in clean.values():
        for tag, attrs in page.elements:
            allowed.setdefault(tag, set()).update(attrs)
            hrefs.update(v for k, v in attrs.items() if k in ("href", "src"))
    for path, page in sprayed.items():
        for tag, attrs in page.elements:
            assert tag in allowed, (path, tag, attrs)
            assert set(attrs) <= allowed[tag], (path, tag, attrs)
            for name in ("href", "src"):  # an address of the clean site's, or a heading's id
                if name in attrs and not re.fullmatch(r"#[\w-]+", attrs[name]):
                    assert attrs[name] in hrefs, (path, tag, attrs)


def test_no_page_title_holds_a_string_from_the_data(built: Built) -> None:
    # a theme puts the title into <title> through Jinja's striptags, which undoes the escaping
    for page in [*built.sprayed.rglob("*.html"), *built.pages.rglob("*.md")]:
        text = page.read_text("utf-8")
        titles = re.findall(r"<title>.*?</title>|<h1\b.*?</h1>", text, re.S) or re.findall(
            r"^# .*$", text, re.M
        )
        assert titles, page
        assert not [t for t in titles if re.search(r"zq[0-9]+zq", t)], page


def test_the_search_index_holds_no_markup_from_the_data(built: Built) -> None:
    index = json.loads((built.sprayed / "search" / "search_index.json").read_text("utf-8"))
    assert index["docs"]
    for doc in index["docs"]:
        for key in ("title", "text"):
            parsed = parse(doc[key])
            assert hostile(parsed, doc["location"]) == []
            assert not [tag for tag, _ in parsed.elements if tag in ("script", "img", "svg")]


def _missing(pages: dict[str, Parsed], strings: list[Sprayed], clean_learning: set[str]) -> list:
    text = squeezed("".join(t for page in pages.values() for t in page.text))
    return [
        s.where
        for s in strings
        if s.published and (not s.was or s.was in clean_learning) and s.shown not in text
    ]


def _clean_learning(built: Built) -> set[str]:
    report = json.loads((built.clean / "data" / "complaints-report-2025-26.json").read_text())
    return set(report["learning"]["from_cases"])


def test_every_published_payload_is_shown_as_text_on_the_built_site(built: Built) -> None:
    clean_learning = _clean_learning(built)
    assert any(s.was in clean_learning for s in built.strings if s.was)
    assert _missing(_html(built.sprayed), built.strings, clean_learning) == []


def test_the_pages_command_writes_pages_that_show_every_payload_as_text_and_nothing_else(
    built: Built,
) -> None:
    pages = _markdown_pages(built.pages)
    assert len(pages) >= 8
    found = [problem for path, page in pages.items() for problem in hostile(page, path)]
    assert found == []
    for path, page in pages.items():
        tags = {tag for tag, _ in page.elements}
        assert not tags & {"script", "style", "img", "iframe", "object", "embed", "link"}, path
    assert _missing(pages, built.strings, _clean_learning(built)) == []
