"""Links between the site's pages, written as Markdown reads them: relative to the source file.

A page links to another by the other's path in the docs folder, relative to its own source
(`self-assessment/2026-lgsco.md` links the policy as `../policy.md#clause-5-2-1`). That is what
GitHub's Markdown view follows and what Zensical resolves in any link, and what MkDocs resolves
in a Markdown link (`[text](../policy.md)`), whichever URL style it builds: the page's URL
(`policy/` or `policy.html`) is the generator's business, never the page's.

MkDocs leaves a raw HTML link (`<a href>` in a table) as it is written, so its plugin passes each
generated page through `html_links` first, with MkDocs's own address for each target.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

# A raw HTML link to a file of the site: no scheme, host or absolute path, and no character
# reference (an address from the data is written with them, `https&#58;&#47;&#47;`, and is
# never a page of the site).
_HTML_LINK = re.compile(r'(<a href=")([^"#:&/][^"#:&]*)(#[^"]*)?"')


def relative_link(source: str, target: str) -> str:
    """`target` (a path in the docs folder) as the page `source` links it."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def html_links(markdown: str, source: str, address: Callable[[str], str | None]) -> str:
    """`markdown` (the page `source`) with each raw HTML link to a file of the site replaced by
    `address(path)`, the file's address as the generator publishes it; a link `address` does not
    know is left as written (MkDocs then reports it, as it does a Markdown link)."""

    def replaced(match: re.Match[str]) -> str:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), match[2]))
        url = address(path)
        return match[0] if url is None else f'{match[1]}{url}{match[3] or ""}"'

    return _HTML_LINK.sub(replaced, markdown)
