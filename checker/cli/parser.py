"""argparse as the command line uses it: what was typed echoed safely, and a mistyped command,
choice or option answered with the nearest one ("did you mean").

argparse reports an option no subcommand knows as "unrecognized arguments" under the top-level
usage; `refuse_unknown` says it under the subcommand's own usage, with the nearest option."""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Sequence
from typing import Any, NoReturn

import checker
from checker.formats.text import printable

DISTRIBUTION = "complaints-as-code"
INVALID_CHOICE = re.compile(r"invalid choice: '?(?P<typed>.*?)'? \(choose from (?P<choices>.*)\)$")


class Parser(argparse.ArgumentParser):
    """argparse, echoing what was typed with every control character written as an escape (a file
    name or value pasted into an argument never drives the terminal), and suggesting the nearest
    choice for a mistyped one."""

    def error(self, message: str) -> NoReturn:
        found = INVALID_CHOICE.search(message)
        if found:
            choices = [c.strip().strip("'") for c in found["choices"].split(",")]
            message += nearest(found["typed"], choices)
        super().error(printable(message, breaks=True))

    def refuse_unknown(self, args: argparse.Namespace, extras: list[str]) -> NoReturn:
        """Refuse arguments no parser took, under the usage of the subcommand that was given."""
        parser: argparse.ArgumentParser = self
        options = [o for action in self._actions for o in action.option_strings]
        while chosen := _chosen(parser, args):
            parser = chosen
            options += [o for action in parser._actions for o in action.option_strings]
        hints = [
            nearest(extra.split("=", 1)[0], options) for extra in extras if extra.startswith("-")
        ]
        parser.error(f"unrecognized arguments: {' '.join(extras)}{''.join(h for h in hints if h)}")


class Version(argparse.Action):
    """--version: print the version (looked up only when asked) and stop."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, **kwargs
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


def version() -> str:
    """The installed distribution's version, or the package's own where it is not installed."""
    from importlib import metadata  # only when asked: it reads the installed distributions

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return str(getattr(checker, "__version__", "unknown"))


def _chosen(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser | None:
    """The subcommand's parser that `args` went on to, if `parser` has subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get(getattr(args, action.dest, None) or "")
    return None


def nearest(typed: str, known: list[str]) -> str:
    """`; did you mean X?` for the known word nearest to the one typed, or nothing."""
    close = difflib.get_close_matches(typed, known, 1, 0.6)
    return f"; did you mean {close[0]}?" if close else ""
