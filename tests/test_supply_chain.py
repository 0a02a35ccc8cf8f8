"""Supply chain: everything installed comes from the hash-pinned lock, at the locked version."""

from __future__ import annotations

import re
from importlib import metadata

from tests.conftest import ROOT

# installed by `python -m venv` itself, before the lock is applied; and the project
NOT_FROM_THE_LOCK = {"pip", "complaints-as-code"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, set[str]]:
    versions: dict[str, set[str]] = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)", line):
            versions.setdefault(_normal(match.group(1)), set()).add(match.group(2))
    return versions


def test_every_lock_entry_is_pinned_with_a_hash():
    text = (ROOT / "requirements" / "lock.txt").read_text()
    entries = re.split(
        r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1] if text.startswith("#") else text
    )
    pinned = [entry for entry in entries if re.match(r"^[A-Za-z0-9_.-]+==", entry)]
    assert pinned
    for entry in pinned:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_lock_covers_everything_installed():
    pins = locked()
    unlocked = []
    for distribution in metadata.distributions():
        name = _normal(distribution.metadata["Name"])
        if name in NOT_FROM_THE_LOCK:
            continue
        if distribution.version not in pins.get(name, set()):
            unlocked.append(f"{name}=={distribution.version}")
    assert unlocked == []


def test_the_install_refuses_anything_without_its_hash():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes" in makefile and "-r requirements/lock.txt" in makefile
