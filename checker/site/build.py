"""One run of the engine for publishing: the rules of invalid data (or every rule), the cases
counted into the report's figures and their strings taken for the privacy guard, in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.engine.run import Run, run
from checker.load.layout import Repository
from checker.report.counting import Counting
from checker.report.figures import Figures, as_at
from checker.rules import (
    case_folder_year,
    case_id_duplicate,
    category_unknown,
    file_layout,
    personal_data,
    schema,
    yaml_syntax,
)
from checker.site.privacy import Fingerprinting, Strings

# The findings that stop a build: data the site cannot be built from, or must not publish (a
# category the council has not declared; personal data in any file, the published ones above
# all). A compliance finding does not (the policy must be published as it stands, and
# `complaints check` fails CI on it).
INVALID_DATA = frozenset(
    rule.ID
    for rule in (
        yaml_syntax,
        schema,
        file_layout,
        case_id_duplicate,
        case_folder_year,
        category_unknown,
        personal_data,
    )
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
    use_cache: bool = True,
) -> Publication:
    """Evaluate the repository once for the site; with `rules=None`, every rule runs. A frozen
    year's cases are counted and measured as at its date (`figures.as_at`). With `use_cache`, the
    case files unchanged since the last publication are not evaluated again (`engine.cache`)."""
    dates = as_at(repository)
    done = run(
        repository,
        as_of,
        rules=rules,
        collectors=(Counting(as_of, dates), Fingerprinting()),
        use_cache=use_cache,
        progress=progress,
        dates=dates,
    )
    figures, strings = done.tallies
    return Publication(done, figures, strings)
