"""`complaints completion bash|zsh`: print the shell completion script, written by shtab from the
command line's own parser (so it never falls behind a new command or option)."""

from __future__ import annotations

import argparse
import sys

import shtab


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(shtab.complete(args.parser, shell=args.shell))
    return 0
