"""`complaints init`: a new council's repository, in an empty folder.

Everything a governance officer needs to start from their published procedure, with the tool
installed as a package and no copy of this tool's repository: the council and policy skeletons
(every rule "not stated", each commented with the provision it answers), both Codes, the JSON
Schemas where the editor finds them (`schemas/`, which the first line of every file names), the
site's configuration, a CI workflow, a pre-commit configuration and editor settings. Each file is
written whole or not at all, and nothing is written over: the folder must be empty.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from string import Template

import yaml

from checker.files import write_new
from checker.schemas import KINDS, header_in, schema

PREFIX = re.compile(r"[A-Z]{2,6}")
NAME = re.compile(r"[^\x00-\x1f\x7f]{2,100}")
# where each template goes, and the schema its first line names (with its depth), if any
FILES = {
    "council.yaml": ("policy/council.yaml", "council"),
    "policy.yaml": ("policy/policy.yaml", "policy"),
    "codes/housing-ombudsman.yaml": ("policy/codes/housing-ombudsman.yaml", "code"),
    "codes/lgsco.yaml": ("policy/codes/lgsco.yaml", "code"),
    "mkdocs.yml": ("mkdocs.yml", None),
    "gitignore": (".gitignore", None),
    "workflow.yml": (".github/workflows/complaints.yml", None),
    "pre-commit-config.yaml": (".pre-commit-config.yaml", None),
    "vscode-settings.json": (".vscode/settings.json", None),
    "vscode-extensions.json": (".vscode/extensions.json", None),
}


class Refused(Exception):
    """Why no repository was made."""


@dataclass(frozen=True)
class Council:
    """What the skeleton needs to know of the council."""

    name: str
    prefix: str
    website: str

    def check(self) -> None:
        if not NAME.fullmatch(self.name):
            raise Refused("the council's name is 2 to 100 characters on one line")
        if not PREFIX.fullmatch(self.prefix):
            raise Refused("the case prefix is 2 to 6 capital letters, like CCC")
        if not re.fullmatch(r"https://[^\s\"'<>]+", self.website):
            raise Refused("the website is an https:// address")


def init(folder: Path, council: Council) -> list[Path]:
    """Write a new council's repository into `folder` (made if missing; it must be empty)."""
    council.check()
    if folder.exists() and any(p.name != ".git" for p in folder.iterdir()):
        raise Refused(f"{folder} is not empty; start a council's repository in an empty folder")
    values = {
        "name": council.name,
        "name_yaml": json.dumps(council.name, ensure_ascii=False),
        "site_name_yaml": json.dumps(f"{council.name} complaints", ensure_ascii=False),
        "prefix": council.prefix,
        "website_yaml": json.dumps(council.website),
        "definition_yaml": json.dumps(_definition(), ensure_ascii=False),
        "version": metadata.version("complaints-as-code"),
    }
    templates = resources.files("checker.edit").joinpath("templates")
    written = []
    for source, (target, kind) in FILES.items():
        text = Template(templates.joinpath(source).read_text("utf-8")).substitute(values)
        if kind is not None:
            text = header_in("schemas", kind, target.count("/")) + "\n" + text
        written.append(_write(folder / target, text))
    for kind in KINDS:
        text = json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
        written.append(_write(folder / "schemas" / f"{kind}.schema.json", text))
    written.append(_write(folder / "site" / ".gitkeep", ""))
    written.append(_write(folder / "cases" / ".gitkeep", ""))
    return written


def _write(path: Path, text: str) -> Path:
    try:
        write_new(path, text)
    except FileExistsError:
        raise Refused(f"{path} already exists; nothing is written over") from None
    return path


def _definition() -> str:
    """The LGSCO Code's definition of a complaint, for the skeleton's definition clause."""
    text = resources.files("checker.edit").joinpath("templates/codes/lgsco.yaml").read_text()
    definition: str = yaml.safe_load(text)["definition"]["text"]
    return definition
