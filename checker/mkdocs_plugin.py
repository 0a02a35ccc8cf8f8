"""The MkDocs plugin: thin glue that checks the data and adds the generated pages to the build.

`plugins: [complaints]` in mkdocs.yml. Invalid data (a file that does not load or match its
schema, a case filed in the wrong place) fails the build with the checker's located messages; `mkdocs serve` rebuilds when a file under policy/ or cases/ changes. The pages
themselves come from `checker.pages`, which imports nothing from MkDocs.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from checker.check import run_with_context
from checker.model import Severity
from checker.pages import build_site
from checker.privacy import leaks

log = get_plugin_logger(__name__)
PUBLISHED_SUFFIXES = (".md", ".html", ".csv", ".json", ".txt", ".xml", ".svg", ".js")
INVALID_DATA = frozenset({"yaml-syntax", "schema", "file-layout", "case-id-duplicate", "case-folder-year"})


class ComplaintsConfig(Config):
    root = config_options.Optional(config_options.Type(str))  # default: the folder of mkdocs.yml
    as_of = config_options.Optional(config_options.Type(str))  # default: COMPLAINTS_AS_OF, or today


class ComplaintsPlugin(BasePlugin[ComplaintsConfig]):
    def on_config(self, config):
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        as_of_text = self.config.as_of or os.environ.get("COMPLAINTS_AS_OF")
        as_of = date.fromisoformat(as_of_text) if as_of_text else date.today()
        # Invalid data stops the build; a compliance finding does not (the policy must be published
        # as it stands, and `complaints check` fails CI on it), so only the rules of invalid data run.
        result, ctx = run_with_context(self.root, as_of, count=True, progress=True, rules=INVALID_DATA)
        errors = [f for f in result.findings if f.rule in INVALID_DATA and f.severity >= Severity.ERROR]
        if errors or ctx.council is None or ctx.policy is None:
            lines = "\n".join(f"  {f.location}: {f.rule} {f.message}" for f in errors[:50])
            more = f"\n  ... and {len(errors) - 50} more" if len(errors) > 50 else ""
            raise PluginError(f"complaints: the data has {len(errors)} error(s); fix them first:\n{lines}{more}")
        self.site, self.ctx = build_site(ctx), ctx
        if not config.nav:
            config.nav = self.site.nav
        log.info("complaints: %d pages from %d cases as of %s", len(self.site.pages), result.cases, as_of)
        return config

    def on_files(self, files, config):
        for path, text in {**self.site.pages, **self.site.files}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:  # a hand-written page of the same name wins
                continue
            files.append(File.generated(config, path, content=text))
        docs = Path(config.docs_dir).resolve()
        texts = {
            f.src_uri: f.content_string for f in files if f.src_uri.endswith(PUBLISHED_SUFFIXES)
            and (f.generated_by or Path(f.abs_src_path).resolve().is_relative_to(docs))
        }
        if found := leaks(self.ctx, texts):  # the last guard: nothing of a case leaves the repository
            more = f"\n  ... and {len(found) - 50} more" if len(found) > 50 else ""
            raise PluginError("complaints: the site would publish what belongs to a case; remove it:\n  "
                              + "\n  ".join(found[:50]) + more)
        return files

    def on_serve(self, server, config, builder):
        for folder in ("policy", "cases"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
