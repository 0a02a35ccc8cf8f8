"""The loader's fast path (yaml-rs) must give exactly what the core loader gives, or step aside.

`parse` hands a plain text to yaml-rs and everything else to PyYAML's core loader (`parse_core`).
These tests hold it to that: on every YAML file in the repository and on generated texts built
from the pieces where YAML parsers disagree (numbers in every base and spelling, booleans, nulls,
keys that look like values, quoting, flow and block styles, comments, odd characters), the two
either give equal data or both refuse the text.
"""

from __future__ import annotations

import math
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.load import yaml as loader
from checker.load.yaml import LoadError, parse

ROOT = Path(__file__).resolve().parent.parent


def outcome(parser, text: str):
    """What a parser makes of a text: ("ok", data) or ("refused",)."""
    try:
        return ("ok", _comparable(parser(text)))
    except LoadError:
        return ("refused",)


def parse_core(text: str):
    """The loader with its fast path switched off: the reference."""
    with mock.patch.object(loader, "_plain", lambda text: False):
        return parse(text)


def _comparable(value):
    """Data in a form where NaN equals NaN and 1 differs from 1.0 and True."""
    if isinstance(value, dict):
        return {"dict": [(_comparable(k), _comparable(v)) for k, v in value.items()]}
    if isinstance(value, list):
        return {"list": [_comparable(v) for v in value]}
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def _texts() -> list[Path]:
    skip = {".venv", ".git", "public", "node_modules"}
    return [p for p in sorted(ROOT.rglob("*.yaml")) if not skip & set(p.relative_to(ROOT).parts)]


def test_there_are_yaml_files_to_parse():
    assert _texts()


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_yaml_file_in_the_repository_parses_the_same_both_ways(path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before parsing")
    assert outcome(parse, text) == outcome(parse_core, text)


# Scalars where YAML 1.1, YAML 1.2 and individual parsers disagree.
TRAPS = [
    "0",
    "017",
    "0777",
    "0o17",
    "0O17",
    "0x1F",
    "0X1f",
    "+0x1",
    "-0o7",
    "0b101",
    "0B1",
    "1_000",
    "1__0",
    "0x_1",
    "1.5_0",
    "1e1_0",
    ".5_0",
    "-1_0",
    "x1_0",
    "stage1_response",
    "P-0XF3CV",
    "10x5",
    "x0x1",
    "-0B1",
    "1e3",
    "1E3",
    "1e+3",
    "1.e3",
    ".5",
    "+.5",
    "-0.0",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    ".NaN",
    "NaN",
    "inf",
    "1:30",
    "190:20:30",
    "12345678901234567890",
    "1.",
    "0.",
    "yes",
    "Yes",
    "NO",
    "on",
    "Off",
    "y",
    "n",
    "true",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "FALSE",
    "null",
    "Null",
    "NULL",
    "nULL",
    "~",
    "",
    "2025-06-02",
    "2025-6-2",
    "2025-06-02T10:15:00+01:00",
    "2025-06-02 10:15:00",
    "10:15",
    "=",
    "<<",
    "-",
    "- x",
    "?",
    "? x",
    ":",
    "x:y",
    "x: y",
    "x #y",
    "'quoted'",
    "'it''s'",
    '"double"',
    '"tab\\there"',
    '"\\u00e9"',
    '"\\x41"',
    '"\\N"',
    "'a: b'",
    "[a, b]",
    "[]",
    "{}",
    "{a: 1}",
    "{a: 1, b: [2, 3]}",
    "[a: 1]",
    "é",
    "日本語",
    "😀",
    "a\u200bb",
    "\u00a0x",
    "x\u2028y",
    "x\u0085y",
    "!!str 1",
    "!!int 1",
    "!custom x",
    "&a 1",
    "*a",
    "@x",
    "`x",
    "%x",
    "|\n  block\n",
    ">\n  folded\n  text\n",
    "|-\n  a\n",
    ">+\n  a\n\n",
]
KEYS = [
    "id",
    "route",
    "a",
    "b-c",
    "d_e",
    "1",
    "1.5",
    "true",
    "null",
    "~",
    "yes",
    "'1'",
    '"k"',
    "0x1",
    "1_0",
    "-x",
]


@st.composite
def documents(draw, depth=0):
    """A mapping in block style, its values traps, flow collections or nested mappings and lists."""
    indent = "  " * depth
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5, unique=True)):
        choice = draw(st.integers(0, 9 if depth < 3 else 6))
        if choice <= 6:
            lines.append(f"{indent}{key}: {draw(st.sampled_from(TRAPS))}".rstrip(" "))
        elif choice == 7:
            lines.append(f"{indent}{key}:")
            lines.append(draw(documents(depth + 1)))
        else:
            lines.append(f"{indent}{key}:")
            for item in draw(st.lists(st.sampled_from(TRAPS), min_size=1, max_size=3)):
                lines.append(f"{indent}  - {item}".rstrip(" "))
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), f"{indent}# a comment: with 1_000 and yes")
    return "\n".join(lines)


@settings(
    max_examples=1500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents())
@example("a: 1\na: 2")
@example("1: x")
@example("true: x\nnull: y")
@example(": empty key")
@example("a: 1\n---\nb: 2")
@example("\ta: 1")
@example("a:\tb")
@example("a:\n" + "- " * 5000 + "x")
@example("%YAML 1.1\n---\na: yes")
@example("a: which ombudsman? - the LGSCO\nb: 1e1_0")
@example("? - a\n: b")
@example("- ? - a\n  : b")
@example("a:\n? \n  b: 1\n  c: []")  # a mapping as a key: a TypeError in the fast parser
def test_the_fast_path_agrees_with_the_core_loader(text):
    assert outcome(parse, text + "\n") == outcome(parse_core, text + "\n")


def test_a_plain_case_file_takes_the_fast_path(monkeypatch):
    """The speed is real: a typical case file is parsed without the core loader."""
    case = min((ROOT / "cases").rglob("*.yaml"))
    monkeypatch.setattr(loader, "parse_core", lambda text: pytest.fail("took the slow path"))
    assert parse(case.read_text(encoding="utf-8"))["id"]


def test_yaml_traps_keep_their_core_schema_meaning():
    data = parse("a: no\nb: 0777\nc: 1_000\nd: 0b1\ne: 2025-06-02\nf: 1:30\ng: +0x1\n1: key\n")
    assert data == {
        "a": "no",
        "b": 777,
        "c": "1_000",
        "d": "0b1",
        "e": "2025-06-02",
        "f": "1:30",
        "g": "+0x1",
        "1": "key",
    }
    assert yaml.safe_load("a: no")["a"] is False  # what a YAML 1.1 loader would have made of it


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from("ab %!\\\n\t\r\x00\x7f\x85\u2028\ufeffé:-#"), max_size=30))
@example("%YAML 1.2\na: b")
@example("a: b\n%x")
@example("a: 50%")
def test_the_ascii_look_finds_what_isprintable_and_the_marks_find(text):
    plain = (
        text.replace("\n", "").isprintable()
        and not text.startswith("%")
        and not any(mark in text for mark in ("!", "\\", "\n%"))
    )
    assert loader._printable_unmarked(text) == plain
