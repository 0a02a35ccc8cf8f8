"""`complaints due`: what is due or overdue, soonest first, for handlers."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from checker.commands import root
from checker.engine.due import open_steps, render
from checker.load.repository import load_repository


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    items = open_steps(load_repository(root(args)), as_of, args.within, args.handler)
    sys.stdout.write(render(items, as_of, args.within, args.handler))
    return 0
