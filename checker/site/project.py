"""The generated pages as a site project of their own, for a generator that runs no MkDocs plugin.

Zensical, Material for MkDocs' successor, reads `mkdocs.yml` but runs no MkDocs plugin, so the
council's own configuration builds an empty site there. `complaints pages --out DIR --config FILE`
writes, beside the pages, the council's `mkdocs.yml` as that generator needs it: the pages as its
docs folder, the navigation the plugin would give, the site's stylesheets, and no `complaints`
plugin. Everything else (the theme, its palette, `font: false`, the extensions, comments and tags)
is the council's own, copied as it is written, so the one place to change the site stays
`mkdocs.yml`. Then `zensical build -f FILE`.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from checker.files import replace

# The site's own stylesheets: added to a configuration that does not list them (a council's
# mkdocs.yml made before one was added still gets it).
STYLESHEETS = ("assets/a11y.css", "assets/tables.css", "assets/print.css")
# The first line of every configuration written here: a file without it is the council's own,
# and is never replaced.
HEADER = "# Written by `complaints pages` from mkdocs.yml: edit mkdocs.yml, not this file.\n"


class NotWritten(Exception):
    """The configuration cannot be written (the message says why and what to do)."""


def refusal(target: Path, docs: Path) -> str | None:
    """Why `target` may not be written as the configuration of the pages in `docs` (asked before
    any page is written), or None."""
    try:
        ours = not target.exists() or target.read_bytes().startswith(HEADER.encode())
    except OSError as error:
        return f"{target} cannot be read ({error.strerror}); choose another --config"
    if not ours:
        return f"{target} is not one `complaints pages` wrote; choose another --config"
    if not docs.resolve().is_relative_to(target.resolve().parent):
        return (
            f"--out {docs} must be inside the folder of --config {target} (a generator builds "
            "only the docs folder under its configuration)"
        )
    return None


def write_config(source: Path, target: Path, docs: Path, nav: list[Any]) -> None:
    """Write `target` (which `refusal` allows): the configuration `source` with `docs` as its
    docs folder and `nav` as its navigation (unless it has its own), the site's stylesheets, and
    without the plugin."""
    folder = target.resolve().parent
    yaml = YAML()  # round trip: the council's comments, order and tags are kept
    yaml.width = 4096  # long lines kept as the council wrote them
    try:
        config = yaml.load(source.read_text("utf-8"))
    except (OSError, YAMLError, UnicodeDecodeError) as error:
        raise NotWritten(f"{source} cannot be read: {error}") from None
    if not hasattr(config, "get"):
        raise NotWritten(f"{source} is not a configuration: it holds no settings")
    config["docs_dir"] = Path(os.path.relpath(docs.resolve(), folder)).as_posix()
    config["site_dir"] = Path(config.get("site_dir") or "site").name
    if not config.get("nav"):
        config["nav"] = nav
    plugins = [p for p in config.get("plugins") or [] if _name(p) != "complaints"]
    if plugins:
        config["plugins"] = plugins
    else:
        config.pop("plugins", None)
    extra_css = config.get("extra_css") or []
    config["extra_css"] = [*extra_css, *(s for s in STYLESHEETS if s not in extra_css)]
    out = io.StringIO()
    yaml.dump(config, out)
    try:
        replace(target, HEADER + out.getvalue())
    except OSError as error:
        raise NotWritten(f"cannot write {target}: {error.strerror}") from None


def _name(plugin: Any) -> str:
    """A plugin's name, as `mkdocs.yml` lists it: `search`, or `{search: {...}}`."""
    return next(iter(plugin)) if hasattr(plugin, "keys") else str(plugin)
