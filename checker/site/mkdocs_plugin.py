"""The MkDocs plugin: thin glue that checks the data and adds the generated pages to the build.

`plugins: [complaints]` in mkdocs.yml. Invalid data (a file that does not load or match its
schema, a case filed in the wrong place) fails the build with the checker's located messages;
`mkdocs serve` rebuilds when a file under policy/ or cases/ changes. The pages themselves come
from `checker.site.pages`, which imports nothing from MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from checker.load.repository import load_repository
from checker.model.findings import Severity
from checker.site.build import INVALID_DATA, publication
from checker.site.pages import build_site
from checker.site.privacy import leaks

log = get_plugin_logger(__name__)
PUBLISHED_SUFFIXES = (".md", ".html", ".csv", ".json", ".txt", ".xml", ".svg", ".js")


class ComplaintsConfig(Config):
    root = config_options.Optional(config_options.Type(str))  # default: the folder of mkdocs.yml
    as_of = config_options.Optional(config_options.Type(str))  # default: COMPLAINTS_AS_OF, or today


class ComplaintsPlugin(BasePlugin[ComplaintsConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        as_of_text = self.config.as_of or os.environ.get("COMPLAINTS_AS_OF")
        as_of = date.fromisoformat(as_of_text) if as_of_text else date.today()
        # Invalid data stops the build; a compliance finding does not (the policy must be
        # published as it stands, and `complaints check` fails CI on it), so only the rules of
        # invalid data run.
        repository = load_repository(self.root)
        found = publication(repository, as_of, progress=True)
        view = found.run.view
        errors = [
            f for f in found.run.findings if f.rule in INVALID_DATA and f.severity >= Severity.ERROR
        ]
        if errors or view.council is None or view.policy is None:
            lines = "\n".join(f"  {f.location}: {f.rule} {f.message}" for f in errors[:50])
            more = f"\n  ... and {len(errors) - 50} more" if len(errors) > 50 else ""
            raise PluginError(
                f"complaints: the data has {len(errors)} error(s); fix them first:\n{lines}{more}"
            )
        self.site, self.found = build_site(view, found.figures), found
        if not config.nav:
            config.nav = self.site.nav
        log.info(
            "complaints: %d pages from %d cases as of %s",
            len(self.site.pages),
            len(repository.case_files),
            as_of,
        )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for path, text in {**self.site.pages, **self.site.files}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:  # a hand-written page of the same name wins
                continue
            files.append(File.generated(config, path, content=text))
        docs = Path(config.docs_dir).resolve()
        texts = {
            f.src_uri: f.content_string
            for f in files
            if f.src_uri.endswith(PUBLISHED_SUFFIXES) and _guarded(f, docs)
        }
        # the last guard: nothing of a case leaves the repository
        if found := leaks(self.found.run.view, self.found.strings, texts):
            more = f"\n  ... and {len(found) - 50} more" if len(found) > 50 else ""
            raise PluginError(
                "complaints: the site would publish what belongs to a case; remove it:\n  "
                + "\n  ".join(found[:50])
                + more
            )
        return files

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        for folder in ("policy", "cases"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


def _guarded(file: File, docs: Path) -> bool:
    """Whether the privacy guard reads this file: a plugin generated it, or it was read from the
    docs folder (not, say, from a theme)."""
    if file.generated_by:
        return True
    assert file.abs_src_path is not None  # a file no plugin generated was read from disk
    return Path(file.abs_src_path).resolve().is_relative_to(docs)
