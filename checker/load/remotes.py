"""Where a repository's remotes send its files, as git and ssh would resolve them.

Each remote's addresses are its `url`s and `pushurl`s, each rewritten by the longest matching
`url.<base>.insteadOf`, and (for a remote with no `pushurl`) its urls rewritten by a matching
`pushInsteadOf`, as git does. The config is read twice and the answers joined: from the
repository's config file itself and the files its `[include]` sections name (so nothing depends on
git being installed, or on the git folder being whole), and from `git config` (one call of a few
milliseconds), which adds the user's and the system's config and the conditional includes.

An SSH address's host may be an alias: `Host gh` with `HostName github.com` in ~/.ssh/config makes
`git@gh:council/cases` an address on github.com. The user's ~/.ssh/config and the system's
/etc/ssh/ssh_config are read as ssh reads them (the first HostName of a matching `Host` block wins;
`Include` is followed as deep as ssh follows it); a `Match` block other than `Match all` or
`Match host` is taken not to apply. Nothing is fetched and no program but git is run.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import shlex
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

GIT_KEYS = r"^(remote\..+\.(url|pushurl)|url\..+\.(insteadof|pushinsteadof))$"
GIT_TIMEOUT = 10  # seconds; git answers in milliseconds
GIT_INCLUDE_DEPTH = 10  # git's own limit on nested includes
SSH_INCLUDE_DEPTH = 16  # ssh's own limit
MAX_FILES = 64  # config files read for one lookup, at most
MAX_CONFIG_BYTES = 1024 * 1024
SSH_SCHEMES = {"ssh", "git+ssh", "ssh+git"}

HELPER = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::(.*)$", re.S)  # transport::address
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$", re.S)
SECTION = re.compile(r'^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\\n]|\\.)*)")?\s*\]')
VARIABLE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$", re.S)
ESCAPED = re.compile(r"\\(.)")  # \" and \\ in a subsection name
SSH_LINE = re.compile(r"^\s*([A-Za-z]+)(?:\s*=\s*|\s+)(.*)$")


@dataclass(frozen=True)
class Address:
    """One place a remote fetches from or pushes to: never the credentials an address holds."""

    remote: str
    host: str  # lower case, without a trailing dot, the SSH alias resolved
    path: str  # owner/name, without .git, a query or a fragment
    push: bool = False  # a push address (pushurl, or a pushInsteadOf rewrite)
    rewritten: bool = False  # by an insteadOf or pushInsteadOf rule
    alias: str | None = None  # the SSH host alias the address names, if it is one


def addresses(config: Path) -> list[Address]:
    """Every address of every remote of the repository whose config file is `config`."""
    remotes: dict[str, dict[str, list[str]]] = {}
    rewrites: dict[str, list[tuple[str, str]]] = {"insteadof": [], "pushinsteadof": []}
    for key, value in [*read_config(config), *_git_config(config.parent)]:
        section, _, rest = key.partition(".")
        subsection, _, name = rest.rpartition(".")
        section, name = section.lower(), name.lower()
        if section == "remote" and subsection and name in ("url", "pushurl"):
            listed = remotes.setdefault(subsection, {"url": [], "pushurl": []})[name]
            if value not in listed:
                listed.append(value)
        elif section == "url" and subsection and name in rewrites:
            rewrites[name].append((value, subsection))
    ssh = SshConfig()
    found: list[Address] = []
    for remote, urls in remotes.items():
        written = [(url, False) for url in urls["url"]] + [(url, True) for url in urls["pushurl"]]
        for url, push in written:
            found.extend(_address(remote, url, push, rewrites["insteadof"], ssh))
        if not urls["pushurl"]:
            for url in urls["url"]:
                if _rewritten(url, rewrites["pushinsteadof"]) != url:
                    found.extend(_address(remote, url, True, rewrites["pushinsteadof"], ssh))
    return list(dict.fromkeys(found))


def _address(
    remote: str, url: str, push: bool, rules: list[tuple[str, str]], ssh: SshConfig
) -> list[Address]:
    rewritten = _rewritten(url, rules)
    split = split_url(rewritten)
    if split is None:
        return []
    host, path, over_ssh = split
    alias = None
    if over_ssh and (real := ssh.hostname(host)) is not None and real != host:
        alias, host = host, real
    return [Address(remote, normal_host(host), path, push, rewritten != url, alias)]


def _rewritten(url: str, rules: list[tuple[str, str]]) -> str:
    """The url with the longest matching rule's prefix replaced by its base, as git does."""
    best = max(
        (rule for rule in rules if url.startswith(rule[0])), key=lambda r: len(r[0]), default=None
    )
    return url if best is None else best[1] + url[len(best[0]) :]


def split_url(url: str) -> tuple[str, str, bool] | None:
    """(host, path, over ssh) of a git address, or None for a local path. Any user name or
    password in it is dropped."""
    if helper := HELPER.match(url):  # persistent-https::https://...
        url = helper[1]
    if scheme := SCHEME.match(url):
        if scheme[1].lower() == "file":
            return None
        rest = scheme[2]
        end = min((at for at in map(rest.find, "/?#") if at >= 0), default=len(rest))
        host = rest[:end].rpartition("@")[2]  # user:password@ never kept
        path = rest[end:]
        return _without_port(host), _clean_path(path), scheme[1].lower() in SSH_SCHEMES
    colon = url.find(":")
    if url.startswith("[") or "@[" in url:  # [user@host:port]:path or user@[host]:path
        close = url.find("]")
        if close < 0 or url[close + 1 : close + 2] != ":":
            return None
        inside = url[: close + 1].replace("[", "").replace("]", "")
        return _without_port(inside.rpartition("@")[2]), _clean_path(url[close + 2 :]), True
    if colon <= 0 or "/" in url[:colon]:  # no host: a local path (git's rule for scp-like syntax)
        return None
    return url[:colon].rpartition("@")[2], _clean_path(url[colon + 1 :]), True


def _without_port(host: str) -> str:
    if host.startswith("["):  # [::1]:22
        return host[1:].partition("]")[0]
    name, colon, port = host.rpartition(":")
    return name if colon and ":" not in name and (port.isdigit() or not port) else host


def _clean_path(path: str) -> str:
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    return path.strip("/").removesuffix(".git").strip("/")


def normal_host(host: str) -> str:
    """A host name as DNS compares it: percent-escapes and full-width letters undone, lower case,
    no trailing dot."""
    return unicodedata.normalize("NFKC", unquote(host)).strip().lower().rstrip(".")


def read_config(path: Path, depth: int = 0) -> list[tuple[str, str]]:
    """(key, value) of every variable of a git config file and of the files its `[include]`
    sections name (relative to it, or from ~), as `git config --list` names them."""
    text = _text(path)
    if text is None:
        return []
    found: list[tuple[str, str]] = []
    section = ""
    for line in re.sub(r"\\\r?\n", "", text).splitlines():
        line = line.strip()
        if line.startswith("["):
            header = SECTION.match(line)
            if header is None:
                section = ""
                continue
            name, sub = header[1].lower(), header[2]
            section = name if sub is None else name + "." + ESCAPED.sub(r"\1", sub)
            line = line[header.end() :].strip()
        if not line or line.startswith(("#", ";")) or not section:
            continue
        variable = VARIABLE.match(line)
        if variable is None:
            continue
        key, value = f"{section}.{variable[1].lower()}", _value(variable[2] or "")
        found.append((key, value))
        if key == "include.path" and depth < GIT_INCLUDE_DEPTH and value:
            included = Path(os.path.expanduser(value))
            found.extend(read_config(path.parent / included, depth + 1))
    return found


def _value(raw: str) -> str:
    """A config value as git reads it: quotes removed, escapes undone, a comment dropped."""
    value, quoted, pending = [], False, ""
    characters = iter(raw.strip())
    for character in characters:
        if character == "\\":
            escaped = next(characters, "")
            value.append(pending + {"n": "\n", "t": "\t", "b": "\b"}.get(escaped, escaped))
            pending = ""
        elif character == '"':
            value.append(pending)
            pending, quoted = "", not quoted
        elif not quoted and character in "#;":
            break
        elif not quoted and character.isspace():
            pending += character  # kept only if more of the value follows
        else:
            value.append(pending + character)
            pending = ""
    return "".join(value)


def _git_config(git_dir: Path) -> list[tuple[str, str]]:
    """The remotes and rewrites git itself sees for the repository (its own config with every
    include, the user's and the system's), or none if git cannot say."""
    environment = {k: v for k, v in os.environ.items() if k != "GIT_CONFIG"}  # --file's alias
    try:
        run = subprocess.run(
            ["git", f"--git-dir={git_dir}", "config", "-z", "--get-regexp", GIT_KEYS],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=GIT_TIMEOUT,
            env=environment,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if run.returncode != 0:  # 1: nothing matched; anything else: git could not read it
        return []
    entries = []
    for record in run.stdout.decode("utf-8", errors="replace").split("\0"):
        key, _, value = record.partition("\n")
        if key:
            entries.append((key, value))
    return entries


def _text(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError:
        return None
    return raw.decode("utf-8", errors="replace") if len(raw) <= MAX_CONFIG_BYTES else None


class SshConfig:
    """HostName lookups in the user's and the system's ssh config, each file read once."""

    def __init__(self, files: list[tuple[Path, Path]] | None = None) -> None:
        # (file, the folder its relative Include paths start from)
        home = Path.home() / ".ssh"
        self.files = files or [
            (home / "config", home),
            (Path("/etc/ssh/ssh_config"), Path("/etc/ssh")),
        ]
        self.texts: dict[Path, str | None] = {}
        self.found: dict[str, str | None] = {}
        self.budget = MAX_FILES  # files still to read for this lookup

    def hostname(self, host: str) -> str | None:
        """The host name ssh would connect to for `host`, or None if no config names one."""
        host = host.lower()
        if host not in self.found:
            self.budget = MAX_FILES
            self.found[host] = next(
                (
                    name
                    for path, base in self.files
                    if (name := self._walk(path, base, host, True, 0)) is not None
                ),
                None,
            )
        return self.found[host]

    def _walk(self, path: Path, base: Path, host: str, active: bool, depth: int) -> str | None:
        self.budget -= 1
        if self.budget < 0:
            return None
        if path not in self.texts:
            self.texts[path] = _text(path)
        for line in (self.texts[path] or "").splitlines():
            parsed = SSH_LINE.match(line)
            if parsed is None or line.lstrip().startswith("#"):
                continue
            keyword = parsed[1].lower()
            try:
                words = shlex.split(parsed[2], comments=True)
            except ValueError:
                words = parsed[2].split()
            if keyword == "host":
                active = _host_matches(host, words)
            elif keyword == "match":
                active = _match(host, words)
            elif keyword == "include" and active and depth < SSH_INCLUDE_DEPTH:
                for pattern in words:
                    where = base / os.path.expanduser(pattern)
                    for included in sorted(glob.glob(str(where)))[:MAX_FILES]:
                        name = self._walk(Path(included), base, host, active, depth + 1)
                        if name is not None:
                            return name
            elif keyword == "hostname" and active and words:
                return re.sub(r"%([h%])", lambda m: host if m[1] == "h" else "%", words[0])
        return None


def _host_matches(host: str, patterns: list[str]) -> bool:
    """ssh's pattern-list match: any pattern matches, and no negated one (`!pattern`) does."""
    matched = False
    for pattern in (p.lower() for p in patterns):
        negated = pattern.startswith("!")
        if fnmatch.fnmatchcase(host, pattern.lstrip("!").replace("[", "[[]")):
            if negated:
                return False
            matched = True
    return matched


def _match(host: str, words: list[str]) -> bool:
    """A `Match` line: `all`, or `host`/`originalhost` pattern lists (others never apply here)."""
    if [word.lower() for word in words] == ["all"]:
        return True
    if not words or len(words) % 2:
        return False
    for criterion, argument in zip(words[::2], words[1::2], strict=True):
        negated = criterion.startswith("!")
        if criterion.lstrip("!").lower() not in ("host", "originalhost"):
            return False
        if _host_matches(host, argument.split(",")) == negated:
            return False
    return True
