"""Editing a YAML file in place, keeping every byte it already has.

A step command adds a few keys to a case file an officer may have written by hand, with comments,
blank lines, flow mappings and their own indentation. Re-dumping the whole file would normalise
all of that, so an edit is made the way a careful person would make it: the parser's marks say
where each key and value is, the new text goes in at the right place (a key in the order the
schema lists them, after any comment lines that belong to the key before it), and everything else
is left exactly as it was. New values are written by ruamel.yaml, which quotes only what needs
quoting; dates and times stay plain.

After editing, the text is parsed again with the checker's own strict loader and must hold
exactly the data intended, or nothing is written. Saving is atomic and refuses to overwrite a
file that changed on disk since it was read.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from checker.files import edit as edit_file
from checker.load.yaml import CoreLoader, LoadError, decode, parse, read_bytes

BOM = b"\xef\xbb\xbf"


class EditError(Exception):
    """The change cannot be placed safely in this file's text; nothing was written."""


class Moment(str):
    """An ISO 8601 date and time (2026-03-27T17:42:00+00:00), written plain like a date."""


class Flow(dict[str, Any]):
    """A mapping written on one line, {like: this}, as the case files write extensions."""


# Where an edit goes in a file: the keys of the mappings from the top.
Keys = tuple[str, ...]
# The keys of the mapping at a path, in the order the file's schema lists them.
Order = Callable[[Keys], Keys]


class Edit:
    """One YAML file being edited: its bytes as read, its text as edited, the data it must hold."""

    def __init__(self, path: Path, order: Order = lambda path: ()) -> None:
        self.path = path
        self.order = order
        try:
            self.before = read_bytes(path)  # once: the bytes checked are the bytes replaced
            self.text = decode(self.before)
            self.data = parse(self.text)
        except (OSError, LoadError) as error:
            raise EditError(f"{path.name} cannot be read: {error}") from None
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self._root: yaml.Node | None = None

    def set(self, path: Keys, value: object) -> None:
        """Give the key at `path` this value: replace a scalar or a one-line collection, or add the
        key (and any missing parent mapping) in its place."""
        parent = self._node(path[:-1])
        if parent is None:
            self.set(path[:-1], {path[-1]: value})
            return
        if not isinstance(parent, yaml.MappingNode):
            raise EditError(f"{'.'.join(map(str, path[:-1]))} is not a mapping; edit it by hand")
        key = path[-1]
        entry = _entry(parent, key)
        if entry is not None:
            self._replace(path, entry[1], value)
        elif parent.flow_style:
            self._insert_in_flow(parent, path, value)
        else:
            self._insert_in_block(parent, path, value)
        _assign(self.data, path, _plain(value))
        self._root = None

    def append(self, path: Keys, item: object) -> None:
        """Add `item` at the end of the list at `path` (creating the list in its place if
        missing)."""
        sequence = self._node(path)
        if sequence is None:
            self.set(path, [item])
            return
        if not isinstance(sequence, yaml.SequenceNode):
            raise EditError(f"{'.'.join(map(str, path))} is not a list; edit it by hand")
        inline = _inline(item)
        if sequence.flow_style:
            if sequence.value:
                at = sequence.value[-1].end_mark.index
                self._splice(at, at, f", {inline}")
            else:
                at = self.text.rindex("]", 0, sequence.end_mark.index)
                self._splice(at, at, inline)
        else:
            first = sequence.value[0]
            line_start = self.text.rfind("\n", 0, first.start_mark.index) + 1
            dash = self.text.rindex("-", line_start, first.start_mark.index) - line_start
            at = self._after(sequence, dash)
            self._splice(at, at, f"{' ' * dash}- {inline}\n")
        _lookup(self.data, path).append(_plain(item))
        self._root = None

    def result(self) -> bytes:
        """The edited file's bytes, after checking that its text holds exactly the data intended."""
        try:
            data = parse(self.text)
        except LoadError as error:
            raise EditError(
                f"the edited text would not read back ({error}); nothing was changed"
            ) from None
        if data != self.data:
            raise EditError(
                "the change could not be placed safely in this file's layout; nothing was changed"
            )
        encoded = self.text.encode("utf-8")
        return BOM + encoded if self.before.startswith(BOM) else encoded

    def drop(self, lines: str) -> None:
        """Remove these whole lines (comments, say) where the file holds them exactly as given."""
        block = lines.replace("\n", self.newline)
        at = self.text.find(block)
        if at == 0 or at > 0 and self.text[at - len(self.newline) : at] == self.newline:
            self._splice(at, at + len(block), "")
            self._root = None

    def save(self) -> None:
        """Write the edit atomically, unless the file changed on disk since it was read."""
        edit_file(self.path, self.before, self.result())

    # Where things are in the text.

    def _node(self, path: tuple[str | int, ...]) -> yaml.Node | None:
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=CoreLoader)
        node = self._root
        for step in path:
            if isinstance(node, yaml.MappingNode):
                entry = _entry(node, step)
                if entry is None:
                    return None
                node = entry[1]
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and step < len(node.value)
            ):
                node = node.value[step]
            else:
                return None
        return node

    def _splice(self, start: int, end: int, text: str) -> None:
        self.text = self.text[:start] + text.replace("\n", self.newline) + self.text[end:]

    def _replace(self, path: Keys, node: yaml.Node, value: object) -> None:
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
            raise EditError(
                f"{'.'.join(map(str, path))} is written over several lines; edit it by hand"
            )
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            raise EditError(f"{'.'.join(map(str, path))} is a block of text; edit it by hand")
        self._splice(node.start_mark.index, node.end_mark.index, _inline(value))

    def _insert_in_flow(self, parent: yaml.MappingNode, path: Keys, value: object) -> None:
        pair = f"{path[-1]}: {_inline(value)}"
        following = self._following(parent, path)
        if following is not None:
            at = following[0].start_mark.index
            self._splice(at, at, f"{pair}, ")
        elif parent.value:
            at = parent.value[-1][1].end_mark.index
            self._splice(at, at, f", {pair}")
        else:
            at = self.text.rindex("}", 0, parent.end_mark.index)
            self._splice(at, at, pair)

    def _insert_in_block(self, parent: yaml.MappingNode, path: Keys, value: object) -> None:
        column = parent.value[0][0].start_mark.column
        lines = _block(path[-1], value, *self._indents())
        text = "".join(" " * column + line + "\n" for line in lines.splitlines())
        following = self._following(parent, path)
        if following is not None:
            key = following[0]
            at = self.text.rfind("\n", 0, key.start_mark.index) + 1
            if self.text[at : key.start_mark.index].strip():
                raise EditError(
                    f"{'.'.join(map(str, path[:-1]))} starts on a line with other text; "
                    "edit it by hand"
                )
            at = self._before_comments(at, column)
        else:
            at = self._after(parent, column)
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            text = "\n" + text
        self._splice(at, at, text)

    def _following(
        self, parent: yaml.MappingNode, path: Keys
    ) -> tuple[yaml.Node, yaml.Node] | None:
        """The first existing key of `parent` that the schema orders after the new key."""
        order = self.order(tuple(path[:-1]))
        if path[-1] not in order:
            return None
        later = order[order.index(path[-1]) + 1 :]
        for key_node, value_node in parent.value:
            if key_node.value in later:
                return key_node, value_node
        return None

    def _after(self, collection: yaml.Node, column: int) -> int:
        """Where text goes after a block collection's last line and the comment lines indented
        under it (comment lines at `column` or less belong to what follows, and stay after)."""
        node = collection
        while (
            isinstance(node, (yaml.MappingNode, yaml.SequenceNode))
            and not node.flow_style
            and node.value
        ):
            node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
        end = node.end_mark.index
        at = end if end > 0 and self.text[end - 1] == "\n" else self._line_end(end)
        while at < len(self.text):
            line = self.text[at : self._line_end(at)]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) <= column:
                break
            at = self._line_end(at)
        return at

    def _before_comments(self, at: int, column: int) -> int:
        """Move `at` (a line start) up over the comment lines right above it, at `column` or
        less."""
        while at > 0:
            start = self.text.rfind("\n", 0, at - 1) + 1
            line = self.text[start:at]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) > column:
                break
            at = start
        return at

    def _line_end(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def _indents(self) -> tuple[int, int]:
        """The file's own indentation: of a nested mapping, and of a list's dash under its key."""
        mapping = dash = None
        stack = [self._node(())]
        while stack and (mapping is None or dash is None):
            node = stack.pop()
            if not isinstance(node, yaml.MappingNode) or node.flow_style:
                continue
            for key_node, value_node in node.value:
                if (
                    isinstance(value_node, yaml.MappingNode)
                    and not value_node.flow_style
                    and value_node.value
                ):
                    mapping = (
                        mapping
                        or value_node.value[0][0].start_mark.column - key_node.start_mark.column
                    )
                    stack.append(value_node)
                elif (
                    isinstance(value_node, yaml.SequenceNode)
                    and not value_node.flow_style
                    and value_node.value
                ):
                    item = value_node.value[0].start_mark
                    dash = (
                        dash
                        if dash is not None
                        else max(0, item.column - 2 - key_node.start_mark.column)
                    )
        return mapping or 2, 2 if dash is None else dash


def render(data: dict[str, Any]) -> str:
    """A whole new file's mapping as block YAML (nested mappings on their own lines, lists of
    scalars and Flow mappings inline)."""
    out = io.StringIO()
    _writer(2, 2).dump(_styled(data), out)
    return out.getvalue()


def _entry(mapping: yaml.MappingNode, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if key_node.value == key:
            return key_node, value_node
    return None


def _block(key: str, value: object, mapping_indent: int, dash: int) -> str:
    """`key: value` as block YAML (nested mappings on their own lines, lists of scalars inline),
    without its final newline."""
    out = io.StringIO()
    _writer(mapping_indent, dash).dump(CommentedMap([(key, _styled(value))]), out)
    return out.getvalue().rstrip("\n")


def _inline(value: object) -> str:
    """A value written on one line, as in a flow mapping or after `key: `."""
    if isinstance(value, dict):
        value = Flow(value)
    out = io.StringIO()
    _writer(2, 2).dump(CommentedMap([("x", _styled(value, flow=True))]), out)
    return out.getvalue().rstrip("\n")[len("x: ") :]


@cache
def _writer(mapping_indent: int, dash: int) -> YAML:
    """ruamel's writer for one indentation (made once: making one costs more than a dump)."""
    writer = YAML()
    writer.indent(mapping=mapping_indent, sequence=dash + 2, offset=dash)
    writer.width = 4096  # never fold a long line of text
    writer.representer.add_representer(
        Moment,
        lambda representer, value: representer.represent_scalar(
            "tag:yaml.org,2002:timestamp", str(value)
        ),
    )
    return writer


def _styled(value: object, flow: bool = False) -> object:
    """ruamel's structures, styled: mappings block unless Flow, lists of scalars inline."""
    styled: CommentedMap | CommentedSeq
    if isinstance(value, dict):
        styled = CommentedMap(
            (k, _styled(v, flow or isinstance(value, Flow))) for k, v in value.items()
        )
        if flow or isinstance(value, Flow):
            styled.fa.set_flow_style()
        return styled
    if isinstance(value, list):
        styled = CommentedSeq(_styled(v, flow) for v in value)
        if flow or not any(isinstance(v, (dict, list)) for v in value):
            styled.fa.set_flow_style()
        return styled
    return value


def _plain(value: object) -> object:
    """The value as the checker's loader reads it back: dates and times as text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Moment):
        return str(value)
    return copy.deepcopy(value)


def _lookup(data: Any, path: Keys) -> Any:
    for step in path:
        data = data[step]
    return data


def _assign(data: Any, path: Keys, value: object) -> None:
    _lookup(data, path[:-1])[path[-1]] = value
