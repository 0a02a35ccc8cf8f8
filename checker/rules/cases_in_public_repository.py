"""Case files in a git repository whose remote is on a public hosting service.

## What it checks
When `cases/` holds case files, the git repository that holds them (found from `cases/` upwards,
so a separate repository or submodule for the cases counts) is read from its `config` file: each
remote whose address is on github.com, gitlab.com, bitbucket.org or codeberg.org is reported.
Nothing is fetched: whether that repository is private cannot be seen offline, so the finding
asks the officer to confirm it.

## Why it matters
Complaint records are personal data, special category where a disability is disclosed. A public
repository publishes every case file and its whole history to anyone; that is a data breach.
The site publishes only aggregates, so the policy and the site can be public while the cases are
not.

## Example
    cases/2025-26/CCC-2025-0142.yaml
    .git/config:  [remote "origin"]  url = https://github.com/council/complaints.git

## How to fix
Make sure the repository is private (on GitHub: Settings, General, Danger Zone, Change
visibility), or keep `cases/` in a private repository of its own. Once confirmed private, record
it under `explanations` in `policy/policy.yaml` with this rule, the subject the finding names
(like `github.com/council/complaints`), the reason, who reviewed it and when.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.load.git import git_config
from checker.load.view import View
from checker.model.findings import Document, Problem, Severity, relative

ID = "cases-in-public-repository"
TITLE = "Case files are not kept in a repository on a public host"
SEVERITY = Severity.WARNING
EXPLAINABLE = True
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()

PUBLIC_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
SECTION = re.compile(r'^\s*\[\s*remote\s+"([^"]*)"\s*\]', re.I)
URL = re.compile(r"^\s*url\s*=\s*(.*?)\s*$", re.I)
# https://host/..., ssh://user@host:22/..., git://host/..., or scp-like user@host:owner/name
ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?([^/:\s]+)(?::\d*)?[/:]?(.*)$", re.I)


def check(view: View) -> Iterator[Problem]:
    root = view.repository.root
    if not view.repository.case_files:
        return
    config = git_config(root / "cases")
    if config is None:
        return
    text = config.read_text(encoding="utf-8", errors="replace")
    document = Document(relative(config, root), {}, text)
    for name, url in remotes(text):
        subject = public(url)
        if subject:
            yield Problem(
                f"cases/ holds complaint records and the remote '{name}' is on a public host "
                f"({subject}); make sure the repository is private (this cannot be seen offline), "
                "then record that in policy.yaml explanations with this subject",
                document,
                subject=subject,
            )


def remotes(text: str) -> list[tuple[str, str]]:
    """Every (remote name, url) in a git config file."""
    found, remote = [], None
    for line in text.splitlines():
        if line.lstrip().startswith("["):
            section = SECTION.match(line)
            remote = section[1] if section else None
        elif remote is not None and (url := URL.match(line)):
            found.append((remote, url[1].strip('"')))
    return found


def public(url: str) -> str | None:
    """`host/owner/name` when the address is on a public hosting service, else None."""
    address = ADDRESS.match(url)
    if not address:
        return None
    host = address[1].lower().removeprefix("www.")
    if not any(host == h or host.endswith("." + h) for h in PUBLIC_HOSTS):
        return None
    path = address[2].strip("/").removesuffix(".git")
    return f"{host}/{path}" if path else host
