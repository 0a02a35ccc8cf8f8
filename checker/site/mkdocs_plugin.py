"""The MkDocs plugin: thin glue that checks the data and adds the generated pages to the build.

`plugins: [complaints]` in mkdocs.yml. Invalid data (a file that does not load or match its
schema, a case filed in the wrong place) fails the build with the checker's located messages;
`mkdocs serve` rebuilds when a file under policy/ or cases/ changes. The pages themselves come
from `checker.site.pages`, which imports nothing from MkDocs. Each page's tables are labelled for
narrow screens (`checker.site.tables`), and each annual report, once built, is printed to a PDF
among the downloads (`checker.site.pdf`; `pdf: false` builds without it, and `mkdocs serve`'s
preview, rebuilt on every edit, has none). Unchanged cases come from the results cache, and the
charts and the PDF are drawn once for the same figures (`cache: false` ignores the cache).

The privacy guard (`checker.site.privacy`) reads every file the build writes, whatever its name
(`checker.site.published_files` says how each is read): before anything is written, the docs
folder must hold no link and every source file is checked; each page as rendered (and each theme
template, such as the sitemap) is checked before it is written; last, every file in the output
that is not exactly what was checked, or a file of the installed theme copied unchanged, is
checked (the search index, say), and on a leak removed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from checker.load.repository import load_repository
from checker.model.findings import Severity, relative
from checker.site.build import INVALID_DATA, publication
from checker.site.links import html_links, relative_link
from checker.site.pages import build_site, report_path
from checker.site.pdf import NotPrinted, pdf_path, print_pdf, unavailable
from checker.site.privacy import SiteGuard
from checker.site.project import STYLESHEETS
from checker.site.published_files import Unreadable, links, read, read_file
from checker.site.tables import label_tables

log = get_plugin_logger(__name__)
SHOWN = 50  # lines of a failure shown
REPORT_DATA = re.compile(r"data/complaints-report-(.+)\.json")  # a year's report, as data


class ComplaintsConfig(Config):
    root = config_options.Optional(config_options.Type(str))  # default: the folder of mkdocs.yml
    as_of = config_options.Optional(config_options.Type(str))  # default: COMPLAINTS_AS_OF, or today
    pdf = config_options.Type(bool, default=True)  # each annual report printed to a PDF too
    cache = config_options.Type(bool, default=True)  # unchanged cases taken from the results cache


class ComplaintsPlugin(BasePlugin[ComplaintsConfig]):
    serving = False  # under `mkdocs serve`: a preview, rebuilt on every edit, without the PDF

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        as_of_text = self.config.as_of or os.environ.get("COMPLAINTS_AS_OF")
        as_of = date.fromisoformat(as_of_text) if as_of_text else date.today()
        # Invalid data stops the build; a compliance finding does not (the policy must be
        # published as it stands, and `complaints check` fails CI on it), so only the rules of
        # invalid data run.
        repository = load_repository(self.root)
        found = publication(repository, as_of, progress=True, use_cache=self.config.cache)
        view = found.run.view
        errors = [
            f for f in found.run.findings if f.rule in INVALID_DATA and f.severity >= Severity.ERROR
        ]
        if errors or view.council is None or view.policy is None:
            lines = "\n".join(f"  {f.location}: {f.rule} {f.message}" for f in errors[:SHOWN])
            more = f"\n  ... and {len(errors) - SHOWN} more" if len(errors) > SHOWN else ""
            raise PluginError(
                f"complaints: the data has {len(errors)} error(s); fix them first:\n{lines}{more}"
            )
        self.site = build_site(view, found.figures)
        # each report page's source, by its year: printed to a PDF once the site is built
        years = (m[1] for path in self.site.files if (m := REPORT_DATA.fullmatch(path)))
        self.printed = {
            report_path(year): year
            for year in sorted(years)
            if self.config.pdf and not self.serving and report_path(year) in self.site.pages
        }
        if self.serving and self.config.pdf:
            log.info("complaints: the preview has no PDF of the report (mkdocs build prints it)")
        if self.printed and (reason := unavailable()):
            if os.environ.get("CI"):
                raise PluginError(f"complaints: no PDF of the annual report: {reason}")
            log.info("complaints: the site is built without the report's PDF: %s", reason)
            self.printed = {}
        self.built_pages: dict[str, Path] = {}  # each of those pages, as written
        self.guard = SiteGuard(view, found.strings)
        # what was checked (or is the installed theme's own), by the path it is written to
        self.checked: dict[str, bytes] = {}
        if not config.nav:
            config.nav = self.site.nav
        for stylesheet in STYLESHEETS:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        log.info(
            "complaints: %d pages from %d cases as of %s",
            len(self.site.pages),
            len(repository.case_files),
            as_of,
        )
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # before MkDocs lists the docs folder and the theme's (following links) or copies anything
        folders = [config.docs_dir, config.theme.custom_dir]
        found = [line for folder in folders if folder for line in links(Path(folder), self.root)]
        if found:
            _fail("the docs folder holds what the site cannot publish", found)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path, content in {**self.site.pages, **self.site.files}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:  # a hand-written page of the same name wins
                continue
            files.append(File.generated(config, path, content=content))
        for year in self.printed.values():  # written once the site is built (on_post_build)
            if files.get_file_from_path(pdf_path(year)) is None:
                files.append(File.generated(config, pdf_path(year), content=b""))
        texts: dict[str, str] = {}
        unreadable: list[str] = []
        for file in files:
            name = (
                relative(Path(file.abs_src_path), self.root) if file.abs_src_path else file.src_uri
            )
            source = self._source(file, config)
            if isinstance(source, Unreadable):
                unreadable.append(_located(name, source))
                continue
            data, ours = source
            page = file.is_documentation_page()
            if not page:  # copied as it is
                self.checked[os.path.normpath(file.abs_dest_path)] = data
            if not ours:
                continue
            text = read(data, text_only=page)
            if isinstance(text, Unreadable):
                unreadable.append(_located(name, text))
            else:
                texts[file.src_uri] = text
        # the last guard: nothing of a case leaves the repository
        if (found := self.guard.leaks(texts)) or unreadable:
            _fail(
                "the site would publish what belongs to a case or cannot be read",
                unreadable + found,
            )
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        source = page.file.src_uri
        if page.file.generated_by and source in self.site.pages:  # its raw HTML links too
            markdown = html_links(markdown, source, lambda path: _address(path, page, files))
        year = self.printed.get(source)
        if year is None:
            return markdown
        pdf = relative_link(source, pdf_path(year))
        return (
            f"{markdown}\nThe whole report is also available to print or keep: "
            f"[the annual complaints report {year} as a PDF]({pdf}).\n"
        )

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        return label_tables(html)  # each cell labelled with its column, for narrow screens

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        self._check(template_name, output_content, Path(config.site_dir) / template_name)
        return output_content

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self._check(page.file.src_uri, output, Path(page.file.abs_dest_path))
        if page.file.src_uri in self.printed:
            self.built_pages[page.file.src_uri] = Path(page.file.abs_dest_path)
        return output

    @event_priority(-100)  # after every other plugin has written its files (the search index)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for source, year in self.printed.items():  # checked below, with every file written
            if source not in self.built_pages:  # not rebuilt (mkdocs serve --dirty)
                continue
            try:
                printed = print_pdf(self.built_pages[source], site)
            except NotPrinted as error:
                raise PluginError(f"complaints: no PDF of {source}: {error}") from error
            (site / pdf_path(year)).write_bytes(printed)
        texts: dict[str, str] = {}
        unreadable: dict[str, str] = {}
        for folder, _, names in os.walk(site):
            for name in names:
                path = Path(os.path.normpath(os.path.join(folder, name)))
                where = path.relative_to(site).as_posix()
                try:
                    data = read_file(path)
                except OSError as error:
                    unreadable[where] = _located(where, Unreadable("", _unreadable(error)))
                    continue
                if self.checked.get(str(path)) == data:
                    continue
                text = read(data)
                if isinstance(text, Unreadable):
                    unreadable[where] = _located(where, text)
                else:
                    texts[where] = text
        found = self.guard.leaks(texts)
        if found or unreadable:
            leaked = {where for where in texts if any(f.startswith(f"{where}: ") for f in found)}
            for where in leaked | unreadable.keys():
                (site / where).unlink(missing_ok=True)
            _fail(
                f"the build wrote what belongs to a case or cannot be read (removed from {site})",
                [*unreadable.values(), *found],
            )

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        for folder in ("policy", "cases"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    def _source(self, file: File, config: MkDocsConfig) -> tuple[bytes, bool] | Unreadable:
        """A file's bytes, and whether the guard reads them: a plugin generated it, or it was read
        from the docs folder or the theme's `custom_dir`, not from the installed theme (whose files
        hold nothing of a case)."""
        if file.generated_by or file.abs_src_path is None:
            return file.content_bytes, True
        path = Path(file.abs_src_path)
        ours = [config.docs_dir, config.theme.custom_dir]
        if not any(folder and path.is_relative_to(folder) for folder in ours):
            return path.read_bytes(), False
        try:
            return read_file(path), True  # never through a link (the docs folder holds none)
        except OSError as error:
            return Unreadable("", _unreadable(error))

    def _check(self, name: str, output: str, target: Path) -> None:
        """Check what is about to be written (a page or template as rendered), before it is."""
        if found := self.guard.leaks({name: output}):
            _fail("the site would publish what belongs to a case", found)
        self.checked[os.path.normpath(target)] = output.encode("utf-8", errors="xmlcharrefreplace")


def _address(path: str, page: Page, files: Files) -> str | None:
    """The address of the site's file `path` from `page`, as MkDocs publishes it."""
    file = files.get_file_from_path(path)
    return None if file is None else file.url_relative_to(page.file)


def _located(name: str, why: Unreadable) -> str:
    return f"{name}:{why.where}: {why.reason}" if why.where else f"{name}: {why.reason}"


def _unreadable(error: OSError) -> str:
    return f"cannot be read ({error.strerror or error}): replace it with a real file"


def _fail(what: str, lines: list[str]) -> None:
    more = f"\n  ... and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
    raise PluginError(f"complaints: {what}; remove it:\n  " + "\n  ".join(lines[:SHOWN]) + more)
