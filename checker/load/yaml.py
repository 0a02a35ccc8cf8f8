"""Safe, predictable YAML: YAML 1.2 core-schema meaning, libyaml's C parser, and located errors.

Officers write these files by hand, so a value must mean what they expect: `Yes`, `No` and `on`
stay strings, `2025-06-02` and `17:42` stay strings (the schemas check their format), `017` is
the decimal 17. Anything surprising (a duplicate key, an anchor or alias, a custom tag, a binary
or oversized file, or one of more than MAX_NODES nodes) is refused with a message naming the line
and the fix. A broken file is returned as a finding, never raised.

Speed: most files are plain block YAML, and yaml-rs (Rust) parses those five times faster than
PyYAML. It is used only for a text in which nothing could make it differ from the core loader
(`_plain` finds anything that could: tabs, tags, directives, escapes, control characters,
numbers with underscores or a base prefix, deep one-line nesting), and only when it gives a
mapping whose keys are all strings. Everything else, and every error message,
comes from the PyYAML core loader. tests/test_loader.py checks the two agree.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from bisect import bisect_left
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
import yaml_rs

from checker.files import NO_FOLLOW
from checker.model.findings import Document, Finding, Location, Severity
from checker.schemas import known_keys

MAX_BYTES = 1024 * 1024
# YAML nodes a file may hold (each mapping, list, key, value and item): the largest file shipped (a
# Code) has under 1,600, and every list a schema allows is far shorter. A file of 1 MiB could hold
# 500,000, which locating and schema-checking would take seconds and hundreds of MB to follow.
MAX_NODES = 20_000
RULE = "yaml-syntax"  # the id of the findings of files that cannot be read as YAML
# & or * starting a word where a YAML node may start: only such files pay for the event scan
MAYBE_ANCHOR = re.compile(r"(?<![^\s\[{,])[&*][^\s,\[\]{}]")  # searched only if & or * is there

# What yaml-rs might read differently from the core loader, or not survive. Each check starts with
# a literal, which Python's `re` and `in` find fastest.
NOT_PLAIN_MARKS = "!\\%"  # tags, escapes, and % (a directive where it starts a line: %YAML)
# Every printable ASCII character but the marks, and the line break: what an ASCII text may hold
# besides them, found by one `bytes.translate` (four times faster than `isprintable` and `in`).
PLAIN_ASCII = bytes(c for c in range(0x20, 0x7F) if chr(c) not in NOT_PLAIN_MARKS) + b"\n"
NOT_PLAIN = (
    re.compile(r"- +[-?](?: |$)", re.M),  # `- - -`: nesting on one line, which yaml-rs cannot bound
    re.compile(
        r"\?(?<![^\s\[{,]\?) +[-?](?: |$)", re.M
    ),  # `? -` where a node starts (not `complaints? - `)
)
# In a word that starts like a number: 1_000 and 0b101 are numbers to yaml-rs, strings to the core
# schema (and 0x1F, 0o17 are worth no risk). Words like stage1_response or P-0XF3CV are no numbers.
AFTER_DIGIT = re.compile(r"_(?<=[0-9.]_)")
BASE_PREFIX = re.compile(r"0[xXoObB]")

MAX_PLAIN_DEPTH = 100  # nesting the fast path accepts; real files nest under ten levels
LINE_SEPARATOR = re.compile("[\x85\u2028\u2029]")

if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser where built

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class LoadError(Exception):
    """A problem in one file, with the mark where it was found and what to do about it."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line = line
        self.column = column


class CoreLoader(_BaseLoader):
    """libyaml's parser with the YAML 1.2 core schema's resolvers and strict construction."""

    yaml_implicit_resolvers: dict = {}  # the core schema's own, filled below

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.text = stream  # for lines as an editor counts them (see _position)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _at(
                self.text,
                node,
                f"the tag '{tag}' is not allowed; remove it and write a plain value",
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise _at(self.text, node, "expected a mapping of keys to values")
        mapping: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _at(self.text, key_node, "a key must be a plain word, not a list or mapping")
            key = key_node.value
            if key in mapping:
                was, now = (
                    _position(self.text, n.start_mark.index)[0] for n in (first[key], key_node)
                )
                named = (
                    f" '{key}'" if key in known_keys() else ""
                )  # a schema's word, never typed text
                raise _at(
                    self.text,
                    key_node,
                    f"duplicate key{named} (lines {was} and {now}); keep one of them",
                )
            first[key] = key_node
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_map(self, node: yaml.MappingNode) -> Generator[dict[Any, Any], None, None]:
        yield self.construct_mapping(node, deep=True)

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Generator[list[Any], None, None]:
        yield [self.construct_object(child, deep=True) for child in node.value]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = node.value
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)  # `017` is 17: YAML 1.2 has no leading-zero octal


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    CoreLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )
CoreLoader.add_constructor("tag:yaml.org,2002:map", CoreLoader.construct_yaml_map)
CoreLoader.add_constructor("tag:yaml.org,2002:seq", CoreLoader.construct_yaml_seq)
CoreLoader.add_constructor("tag:yaml.org,2002:int", CoreLoader.construct_yaml_int)


def _at(text: str, node: yaml.Node, message: str) -> LoadError:
    return LoadError(message, *_position(text, node.start_mark.index))


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column of a character as an editor counts them (libyaml's marks also break lines
    at U+0085, U+2028 and U+2029, and put the end of a file with no final newline on a line of its
    own)."""
    before = text[:index]
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, index - start + 1


def load(path: Path | str, shown_as: str) -> tuple[Document | None, list[Finding]]:
    """Load one YAML file; on any problem return no document and one located finding."""
    try:
        text = read_text(path)
        data = parse(text)
    except LoadError as error:
        where = Location(shown_as, error.line, error.column)
        return None, [Finding(RULE, Severity.ERROR, str(error), where)]
    return Document(shown_as, data, text), []


def read_text(path: Path | str) -> str:
    """The file's text, refusing what is not a small UTF-8 text file."""
    return decode(read_bytes(path))


def read_bytes(path: Path | str) -> bytes:
    """The file's bytes, refusing what is not a small regular file (a link, a pipe, a folder)."""
    try:
        # One open that neither follows a symbolic link nor waits on a pipe, then one fstat: the
        # file checked is the file read, in three system calls (this runs 100,000 times).
        if not NO_FOLLOW and os.path.islink(path):
            raise OSError(errno.ELOOP, "symbolic link")
        descriptor = os.open(path, os.O_RDONLY | NO_FOLLOW | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise LoadError(
                    "the path is not a regular file; "
                    "keep data files as plain files in the repository"
                )
            if status.st_size > MAX_BYTES:
                raise _too_big(status.st_size)
            raw = os.read(descriptor, status.st_size + 1)  # one byte more: did it grow since?
            while status.st_size < len(raw) <= MAX_BYTES and (
                more := os.read(descriptor, MAX_BYTES)
            ):
                raw += more
            if len(raw) > MAX_BYTES:
                raise _too_big(len(raw))
        finally:
            os.close(descriptor)
    except PermissionError:
        raise LoadError(
            "the file cannot be read (permission denied); fix its permissions"
        ) from None
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            raise LoadError(
                "the path is a symbolic link; keep data files as plain files in the repository"
            ) from None
        raise LoadError(f"the file cannot be read ({error.strerror}); check it exists") from None
    return raw


def decode(raw: bytes) -> str:
    """A file's bytes as text, refusing what is not UTF-8 text YAML readers agree about."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("the file is UTF-16; save it as UTF-8")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LoadError("the file is binary (it contains a NUL byte); save it as UTF-8 text", line)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadError(
            "the file is not valid UTF-8; save it with UTF-8 encoding", line, column
        ) from None
    # YAML 1.1 (libyaml) breaks lines at these separators and YAML 1.2 does not (all are non-ASCII)
    if not raw.isascii() and (separator := LINE_SEPARATOR.search(text)):
        raise LoadError(
            f"the text holds an invisible line separator (U+{ord(separator[0]):04X}), "
            "which YAML readers "
            "disagree about; replace it with a space or a new line",
            *_position(text, separator.start()),
        )
    return text


def _too_big(size: int) -> LoadError:
    return LoadError(
        f"the file is {size / 1048576:.1f} MiB, over the 1 MiB limit; "
        "split it or remove what does not belong in it"
    )


def parse(text: str) -> Any:
    """Parse YAML text with the core schema's meaning; raise LoadError with a plain-English fix."""
    data = _parse(text)
    # A value takes at least a third of a character (`:` alone is a mapping, its key and its
    # value), so only a longer text can hold too many: nearly every file skips the count.
    if 3 * len(text) > MAX_NODES and _nodes(data, MAX_NODES) > MAX_NODES:
        raise LoadError(
            f"the file holds more than {MAX_NODES:,} entries (keys, values and list items); "
            "no data file needs so many: split it or remove what does not belong in it",
            *_position(text, _node_mark(text, MAX_NODES + 1)),
        )
    return data


def _nodes(data: Any, most: int) -> int:
    """How many YAML nodes the data was read from (each mapping, key, list, item and scalar),
    counting no further than just past `most`."""
    count, pending = 1, [data]
    while pending and count <= most:
        node = pending.pop()
        if type(node) is dict:
            count += 2 * len(node)
            pending.extend(value for value in node.values() if type(value) in (dict, list))
        elif type(node) is list:
            count += len(node)
            pending.extend(value for value in node if type(value) in (dict, list))
    return count


def _node_mark(text: str, number: int) -> int:
    """Where the text's `number`th node starts (in document order), as a character index."""
    seen = 0
    try:
        for event in yaml.parse(text, Loader=CoreLoader):
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                seen += 1
                if seen == number:
                    return event.start_mark.index if event.start_mark else 0
    except yaml.YAMLError:
        pass
    return 0


def _parse(text: str) -> Any:
    if (
        ("&" in text or "*" in text)
        and MAYBE_ANCHOR.search(text)
        and (anchor := _first_anchor(text))
    ):
        raise anchor
    if _plain(text):
        try:
            data = yaml_rs.loads(text, parse_datetime=False)
        except (yaml_rs.YAMLDecodeError, RecursionError, TypeError, ValueError):
            pass  # the core loader says what is wrong, and where (a mapping or a list as a key
            # is a TypeError in the fast parser)
        else:
            if type(data) is dict and _plain_keys(data):
                return data
    return parse_core(text)


def parse_core(text: str) -> Any:
    """Parse with PyYAML's core loader alone: the reference the fast path must agree with."""
    try:
        data = yaml.load(text, Loader=CoreLoader)  # noqa: S506 - CoreLoader is a safe loader
    except LoadError:
        raise
    except yaml.MarkedYAMLError as error:
        raise _explain(error, text) from None
    except yaml.YAMLError as error:
        raise LoadError(f"the YAML cannot be read: {error}") from None
    except RecursionError:
        raise LoadError("the YAML is nested too deeply; flatten the structure") from None
    if data is None:
        raise LoadError("the file is empty; add its content or delete it")
    return data


def _plain(text: str) -> bool:
    """Nothing in the text that yaml-rs could read differently from the core loader: no tab, control
    or format character, line separator or BOM (`isprintable`), tag, escape, base prefix, directive,
    underscored number or one-line nesting. Keys are checked after parsing (`_plain_keys`)."""
    return (
        _printable_unmarked(text)
        and not any(pattern.search(text) for pattern in NOT_PLAIN)
        and not _number_word(text)
    )


def _printable_unmarked(text: str) -> bool:
    """No tab, control or format character, line separator or BOM (`isprintable`), tag, escape
    or directive; an ASCII text (nearly every file) is looked at once, by `PLAIN_ASCII`."""
    if text.isascii():
        left = text.encode("ascii").translate(None, PLAIN_ASCII)
        if not left:
            return True
        if left.strip(b"%"):  # a control character, a tag or an escape
            return False
    elif not text.replace("\n", "").isprintable() or "!" in text or "\\" in text:
        return False
    return not text.startswith("%") and "\n%" not in text


def _number_word(text: str) -> bool:
    """Whether a word that starts like a number holds an underscore or a base prefix."""
    for match in (*AFTER_DIGIT.finditer(text), *BASE_PREFIX.finditer(text)):
        at = match.start()
        start = max(text.rfind(separator, 0, at) for separator in " \n[{,:") + 1
        before = text[start:at]
        if match[0] == "_":  # 1_000, -1.5_0, 1e1_0
            number = before.lstrip("+-.")[:1].isdigit()
        else:  # 0x1F, +0o17: the prefix starts the word
            number = not before.lstrip("+-")
        if number:
            return True
    return False


def _plain_keys(node: dict | list, depth: int = 0) -> bool:
    """Every key a string, as the core loader makes them (yaml-rs reads `1:` or `true:` as others),
    and no deeper than the core loader surely reads (found by tests/test_properties.py: deeper data
    goes to the core loader, which refuses it at Python's recursion limit)."""
    if depth > MAX_PLAIN_DEPTH:
        return False
    if type(node) is dict:
        for key, value in node.items():
            if type(key) is not str:
                return False
            if (type(value) is dict or type(value) is list) and not _plain_keys(value, depth + 1):
                return False
    else:
        for value in node:
            if (type(value) is dict or type(value) is list) and not _plain_keys(value, depth + 1):
                return False
    return True


def _first_anchor(text: str) -> LoadError | None:
    """Anchors and aliases are refused (no 'billion laughs'); only a file with & or * pays for
    this."""
    try:
        for event in yaml.parse(text, Loader=CoreLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                return LoadError(
                    f"YAML {kind}s (&name, *name) are not allowed; write the value out in full",
                    *_position(text, event.start_mark.index if event.start_mark else 0),
                )
    except yaml.YAMLError:
        return None  # the real parse reports the syntax error with its own mark
    return None


def _explain(error: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = error.problem_mark or error.context_mark
    line, column = _position(text, mark.index) if mark is not None else (1, 1)
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    lines = text.splitlines()
    at_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in at_line[:column] or "\\t" in problem:
        message = "a tab is used for indentation; indent with spaces only"
    elif "expected a single document" in context or "single document" in problem:
        message = "the file holds more than one YAML document; keep one per file (remove '---')"
    elif "could not determine a constructor" in problem:
        message = f"{problem}; remove the tag and write a plain value"
    elif "mapping values are not allowed" in problem:
        message = (
            "a value contains ': ' where YAML expects a new key; "
            "put the value in quotes or fix the indentation"
        )
    else:
        detail = "; ".join(part for part in (context, problem) if part)
        message = f"the YAML cannot be read ({detail}); check the indentation and quoting here"
    return LoadError(message, line, column)


def locate(document: Document, path: tuple, key: bool = False) -> tuple[int, int]:
    """Line and column of the value at `path` (or of its key): the file is parsed again, and its
    lines indexed, once for all its findings."""
    if document._marks is None:
        try:
            root = yaml.compose(document.text, Loader=CoreLoader)
        except yaml.YAMLError:
            root = None
        document._marks = {"root": root, "lines": _Lines(document.text)}
    node = document._marks["root"]
    if node is None:
        return 1, 1
    key_node = None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for candidate_key, candidate_value in node.value:
                if candidate_key.value == step:
                    key_node, node = candidate_key, candidate_value
                    break
            else:
                break
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            key_node, node = None, node.value[step]
        else:
            break
    target = key_node if key and key_node is not None else node
    return document._marks["lines"].position(target.start_mark.index)


class _Lines:
    """Where each line break of a text is, so that each position is found by bisection, not by
    counting the text before it (a file with thousands of findings would be read thousands of
    times): the same answer as `_position`."""

    def __init__(self, text: str) -> None:
        self.breaks: list[int] = []  # the index of each \n and \r
        self.lines: list[int] = []  # the line that starts after each
        line = 1
        for match in re.finditer("[\r\n]", text):
            at = match.start()
            if not (text[at] == "\n" and at and text[at - 1] == "\r"):  # \r\n breaks once
                line += 1
            self.breaks.append(at)
            self.lines.append(line)

    def position(self, index: int) -> tuple[int, int]:
        before = bisect_left(self.breaks, index)  # breaks before the character
        if not before:
            return 1, index + 1
        return self.lines[before - 1], index - self.breaks[before - 1]
