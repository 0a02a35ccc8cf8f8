"""Where a repository's remotes point (checker/load/remotes.py), as git and ssh resolve them: the
forms tests/rule_cases/cases-in-public-repository.yaml cannot write, because they live in the
user's home (~/.ssh/config, ~/.gitconfig), and the credentials an address may hold, never shown.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.load.remotes import Address, SshConfig, addresses, read_config, split_url
from tests.conftest import Run, check
from tests.test_bad_input import CASE  # a valid case: the rule needs one case file

RULE = "cases-in-public-repository"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own: its ~/.ssh/config and ~/.gitconfig are the only ones."""
    folder = tmp_path / "home"
    (folder / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


def _with_remote(repo: Path, config: str) -> None:
    (repo / "cases" / "2025-26").mkdir(parents=True, exist_ok=True)
    (repo / "cases" / "2025-26" / "CCC-2025-0001.yaml").write_text(CASE)
    (repo / ".git").mkdir(exist_ok=True)
    (repo / ".git" / "config").write_text(config)


def _subjects(repo: Path, *extra: str) -> list[str]:
    run = check(repo, *extra)
    assert "Traceback" not in run.err
    return [f["subject"] for f in run.findings(RULE)]


def test_an_ssh_host_alias_for_github_is_found(repo: Path, home: Path) -> None:
    (home / ".ssh" / "config").write_text(
        "Host *.internal\n  User git\n\nHost gh github-work\n  HostName GitHub.com\n  User git\n"
    )
    _with_remote(repo, '[remote "origin"]\n\turl = git@gh:council/complaints.git\n')
    assert _subjects(repo) == ["github.com/council/complaints"]


def test_an_alias_in_an_included_ssh_config_with_a_port_in_the_address(
    repo: Path, home: Path
) -> None:
    (home / ".ssh" / "config.d").mkdir()
    (home / ".ssh" / "config").write_text("Include config.d/*.conf\n")
    (home / ".ssh" / "config.d" / "work.conf").write_text(
        "Host cases\n    Hostname=altssh.gitlab.com\n    Port 443\n"
    )
    _with_remote(repo, '[remote "origin"]\n\turl = ssh://git@cases:443/council/complaints\n')
    assert _subjects(repo) == ["altssh.gitlab.com/council/complaints"]


def test_an_alias_for_the_councils_own_server_is_not_reported(repo: Path, home: Path) -> None:
    (home / ".ssh" / "config").write_text("Host github\n  HostName git.council.gov.uk\n")
    _with_remote(repo, '[remote "origin"]\n\turl = github:complaints/cases.git\n')
    assert _subjects(repo) == []


@needs_git
def test_an_insteadof_rule_in_the_users_git_config_is_applied(repo: Path, home: Path) -> None:
    (home / ".gitconfig").write_text('[url "git@github.com:council/"]\n\tinsteadOf = council:\n')
    _with_remote(repo, '[remote "origin"]\n\turl = council:complaints\n')
    assert _subjects(repo) == ["github.com/council/complaints"]


@needs_git
def test_a_conditional_include_git_itself_resolves(repo: Path, home: Path) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (home / "remotes.inc").write_text('[remote "mirror"]\n\turl = https://codeberg.org/c/cases\n')
    (home / ".gitconfig").write_text(
        f'[includeIf "gitdir:{repo.resolve()}/"]\n\tpath = {home / "remotes.inc"}\n'
    )
    _with_remote(repo, (repo / ".git" / "config").read_text())
    assert _subjects(repo) == ["codeberg.org/c/cases"]


@pytest.mark.parametrize("format_", ["text", "json", "sarif", "junit", "github"])
def test_credentials_in_an_address_are_never_printed(
    repo: Path, home: Path, cli: Callable[..., Run], format_: str
) -> None:
    _with_remote(
        repo,
        '[remote "origin"]\n\turl = https://clerk-jsmith:s3cret-t0ken@github.com/council/cases.git\n'
        '\tpushurl = "https://ghp_abcdef123456@GITHUB.com./council/cases"\n',
    )
    run = cli("check", "--root", repo, "--format", format_, "--as-of", "2026-11-23")
    assert "github.com/council/cases" in run.out
    assert "s3cret" not in run.out + run.err and "ghp_abc" not in run.out + run.err
    assert "jsmith" not in run.out + run.err


def test_ssh_config_semantics(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (tmp_path / "more").write_text("Host deep\n  HostName bitbucket.org\n")
    (tmp_path / "loop").write_text("Include loop\nHost looped\n  HostName gitlab.com\n")
    config.write_text(
        "# a comment\n"
        "Host gh\n  HostName github.com\n"
        "Host gh\n  HostName gitlab.com\n"  # the first value obtained wins
        "Host *.cb !private.cb\n  HostName %h.codeberg.org\n"
        'Host "quoted"\n  HostName "github.com"\n'
        "Match host mhost,other\n  HostName gitlab.com\n"
        "Match exec true\n  HostName github.com\n"  # never taken to apply
        "Host deep\n  Include more\n"
        "Host inactive\n  Include more\n"  # included only where its block applies
        "Host looped\n  Include loop\n"  # a file including itself ends at ssh's depth
    )
    ssh = SshConfig([(config, tmp_path)])
    assert ssh.hostname("GH") == "github.com"
    assert ssh.hostname("x.cb") == "x.cb.codeberg.org"
    assert ssh.hostname("private.cb") is None
    assert ssh.hostname("quoted") == "github.com"
    assert ssh.hostname("mhost") == "gitlab.com"
    assert ssh.hostname("execd") is None
    assert ssh.hostname("deep") == "bitbucket.org"
    assert ssh.hostname("inactive") is None
    assert ssh.hostname("looped") == "gitlab.com"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/council/cases.git", ("github.com", "council/cases", False)),
        ("https://user:pa@ss@GitHub.com./c/x.git/", ("GitHub.com.", "c/x", False)),
        ("https://github.com/c/x?token=abc#top", ("github.com", "c/x", False)),
        ("git@gh:council/cases", ("gh", "council/cases", True)),
        ("ssh://git@gitlab.com:2222/c/x", ("gitlab.com", "c/x", True)),
        ("git+ssh://gh/c/x", ("gh", "c/x", True)),
        ("[git@github.com:22]:c/x", ("github.com", "c/x", True)),
        ("persistent-https::https://github.com/c/x", ("github.com", "c/x", False)),
        ("/srv/git/cases.git", None),
        ("../cases.git", None),
        ("./a:b", None),
        ("file:///srv/git/cases", None),
    ],
)
def test_addresses_are_split_as_git_reads_them(
    url: str, expected: tuple[str, str, bool] | None
) -> None:
    assert split_url(url) == expected


def test_git_config_syntax_is_read_as_git_reads_it(tmp_path: Path) -> None:
    (tmp_path / "inc").write_text('[remote "b"]\n\turl = git@github.com:c/b\n')
    config = tmp_path / "config"
    config.write_text(
        "; a comment\n"
        '[Remote "Origin"]\n'
        '\tURL = "https://github.com/c/a" ; a comment\n'
        "\tpushurl = https://gitlab.com/c/\\\n"
        "a\n"
        '[remote "x.y"] url = git@codeberg.org:c/x\n'
        "[include]\n\tpath = inc\n"
        "[include]\n\tpath = config\n"  # includes itself: followed only as deep as git would
    )
    entries = read_config(config)
    assert entries[:4] == [
        ("remote.Origin.url", "https://github.com/c/a"),
        ("remote.Origin.pushurl", "https://gitlab.com/c/a"),
        ("remote.x.y.url", "git@codeberg.org:c/x"),
        ("include.path", "inc"),
    ]
    found = addresses(config)
    assert Address("Origin", "gitlab.com", "c/a", push=True) in found
    assert Address("x.y", "codeberg.org", "c/x") in found
    assert Address("b", "github.com", "c/b") in found
    assert len(found) == 4
