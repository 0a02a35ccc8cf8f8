"""`complaints schema`: the JSON Schema of a kind of file, for an editor or another tool."""

from __future__ import annotations

import argparse
import json

from checker.schemas import schema


def run(args: argparse.Namespace) -> int:
    print(json.dumps(schema(args.kind), indent=2))
    return 0
