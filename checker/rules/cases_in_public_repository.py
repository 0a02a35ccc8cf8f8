"""Case files in a git repository whose remote is on a public hosting service.

## What it checks
When `cases/` holds case files, the git repository that holds them (found from `cases/` upwards,
so a separate repository or submodule for the cases counts) is asked where its remotes are: each
remote whose address, fetch or push, is on github.com, gitlab.com, bitbucket.org or codeberg.org
is reported. The addresses are read as git and ssh use them: `pushurl` as well as `url`, after
the `url.<base>.insteadOf` and `pushInsteadOf` rewrites of every config git reads (included files
too), and an SSH host alias resolved through ~/.ssh/config (`Host gh` with `HostName github.com`
makes `git@gh:council/cases` an address on github.com). Host names are compared as DNS compares
them (`GitHub.com.` is github.com). Nothing is fetched: whether that repository is private cannot
be seen offline, so the finding asks the officer to confirm it. A user name or password in an
address is never shown.

## Why it matters
Complaint records are personal data, special category where a disability is disclosed. A public
repository publishes every case file and its whole history to anyone; that is a data breach.
The site publishes only aggregates, so the policy and the site can be public while the cases are
not.

## Example
    cases/2025-26/CCC-2025-0142.yaml     (the finding is located on the first case file)
    .git/config:  [remote "origin"]  url = https://github.com/council/complaints.git

## How to fix
Make sure the repository is private (on GitHub: Settings, General, Danger Zone, Change
visibility), or keep `cases/` in a private repository of its own. Once confirmed private, record
it under `explanations` in `policy/policy.yaml` with this rule, the subject the finding names
(like `github.com/council/complaints`), the reason, who reviewed it and when.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.git import git_config
from checker.load.remotes import Address, addresses
from checker.load.view import View
from checker.model.findings import Document, Problem, Severity, relative

ID = "cases-in-public-repository"
TITLE = "Case files are not kept in a repository on a public host"
SEVERITY = Severity.WARNING
EXPLAINABLE = True
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()

PUBLIC_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")


def check(view: View) -> Iterator[Problem]:
    root = view.repository.root
    if not view.repository.case_files:
        return
    config = git_config(root / "cases")
    if config is None:
        return
    # located on the first case file, which it is about (a viewer such as a pull request shows
    # only files in the repository, never .git/config); the message names the config
    first = min(shown for _, shown in view.repository.case_files)
    document = Document(first, {}, "")
    where = relative(config, root)
    reported = set()
    for address in addresses(config):
        subject = public(address)
        if subject and (address.remote, subject) not in reported:
            reported.add((address.remote, subject))
            yield Problem(
                f"cases/ holds complaint records and the remote '{address.remote}'"
                f"{_how(address)} in {where} is on a public host ({subject}); make sure the "
                "repository is "
                "private (this cannot be seen offline), then record that in policy.yaml "
                "explanations with this subject",
                document,
                subject=subject,
            )


def public(address: Address) -> str | None:
    """`host/owner/name` when the address is on a public hosting service, else None."""
    host = address.host.removeprefix("www.")
    if not any(host == h or host.endswith("." + h) for h in PUBLIC_HOSTS):
        return None
    return f"{host}/{address.path}" if address.path else host


def _how(address: Address) -> str:
    """How the address was reached, when it is not simply the remote's url as written."""
    ways = [
        "its push address" if address.push else "",
        "as an insteadOf rule rewrites it" if address.rewritten else "",
        f"through the SSH host alias '{address.alias}'" if address.alias else "",
    ]
    said = ", ".join(way for way in ways if way)
    return f" ({said})" if said else ""
