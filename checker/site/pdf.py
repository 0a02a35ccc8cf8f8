"""Each annual report as a PDF, printed at build time from its page as built, by WeasyPrint.

WeasyPrint lays out HTML and CSS for paged media itself (on the system's Pango), with no browser:
the page is printed with the site's own stylesheets, whose print rules (assets/print.css) give it
its running title, page numbers and page breaks, so the PDF and a reader's own print-out of the
page are laid out by the same rules. It reads only files of the built site: a URL of any other
kind (another host, a file outside the site) is refused, so the PDF holds nothing the site does
not.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from checker import installed
from checker.engine import cache

# WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0), which .ci/run installs
NEEDS = (
    "WeasyPrint, which makes the report's PDF, needs the Pango library: install it (Debian and "
    "Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install pango), or "
    "set `pdf: false` under the complaints plugin in mkdocs.yml to build without the PDF"
)


class NotPrinted(Exception):
    """The PDF could not be made; the message says why, and what to install if that is why."""


def unavailable() -> str | None:
    """Why no PDF can be made on this machine (the engine or its Pango library is missing), or None.
    A site then builds without the PDF, saying so: a new user's first build needs nothing beyond
    Python. In CI (CI set) the build fails instead, so a published site never lacks it silently.

    The engine is loaded to find out once for each installed copy of it (its import is about half
    a second, more than the rest of a build after one case changed), and the answer kept with the
    renders (`engine.cache.rendered`); a machine where it failed tries again every build."""
    engine = installed("weasyprint")
    if engine is None:
        return f"{NEEDS} (WeasyPrint is not installed)"
    verdict = cache.rendered("pdf-engine", engine, _loads, lambda kept: kept == LOADED)
    return None if verdict == LOADED else verdict.decode(errors="replace")


LOADED = b"loaded"


def _loads() -> bytes:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: Pango's library could not be loaded
        return f"{NEEDS} ({error})".encode()
    return LOADED


def pdf_path(year: str) -> str:
    """Where a year's report is published as a PDF, among the downloads."""
    return f"data/complaints-report-{year}.pdf"


def print_pdf(page: Path, site: Path) -> bytes:
    """The PDF of a built page of the site in `site` (its HTML file): printed once for the same
    page and stylesheets, and kept in the results cache's folder (`engine.cache.rendered`)."""
    if reason := unavailable():
        raise NotPrinted(reason)
    made_from = [page.read_bytes(), installed("weasyprint") or b""]
    made_from += [css.read_bytes() for css in sorted(site.rglob("*.css"))]
    return cache.rendered(
        "pdf",
        hashlib.sha256(b"\0".join(made_from)).digest(),
        lambda: _printed(page, site),
        lambda kept: kept.startswith(b"%PDF-"),
    )


def _printed(page: Path, site: Path) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # Pango removed since the engine last loaded
        raise NotPrinted(f"{NEEDS} ({error})") from error

    # WeasyPrint warns of every CSS property of the theme's that it does not lay out
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    root = site.resolve()

    class SiteFiles(weasyprint.URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not path.is_relative_to(root):
                    raise ValueError(f"the PDF reads only the site's own files, not {url}")
            return super().fetch(url, headers)

    fetcher = SiteFiles(allowed_protocols={"file", "data"})
    try:
        document = weasyprint.HTML(filename=str(page), url_fetcher=fetcher, media_type="print")
        pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")  # tagged, for screen readers
    except Exception as error:  # a failure of the engine's, reported as a message, not a traceback
        raise NotPrinted(f"WeasyPrint could not print {page.name}: {error}") from error
    return pdf
