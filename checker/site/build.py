"""One run of the engine for publishing: the rules of invalid data (or every rule), the cases
counted into the report's figures and their strings taken for the privacy guard, in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.engine.run import Run, run
from checker.load.repository import Repository
from checker.report.figures import Counting, Figures
from checker.rules import case_folder_year, case_id_duplicate, file_layout, schema, yaml_syntax
from checker.site.privacy import Fingerprinting, Strings

# The findings that stop a build: data the site cannot be built from. A compliance finding does
# not (the policy must be published as it stands, and `complaints check` fails CI on it).
INVALID_DATA = frozenset(
    rule.ID for rule in (yaml_syntax, schema, file_layout, case_id_duplicate, case_folder_year)
)


@dataclass(frozen=True)
class Publication:
    """A run, with each reporting year's figures and the cases' strings."""

    run: Run
    figures: dict[str, Figures]
    strings: Strings


def publication(
    repository: Repository,
    as_of: date,
    *,
    rules: frozenset[str] | None = INVALID_DATA,
    progress: bool = False,
) -> Publication:
    """Evaluate the repository once for the site; with `rules=None`, every rule runs."""
    done = run(
        repository, as_of, rules=rules, collectors=(Counting(), Fingerprinting()), progress=progress
    )
    figures, strings = done.tallies
    return Publication(done, figures, strings)
