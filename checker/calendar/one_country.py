"""A speed trick: the holidays library's class for one country, its module loaded alone.

`holidays.country_holidays` imports all of the library's 250 countries to find one, about a tenth
of a second at the start of every command that builds a calendar (bench/RESULTS.md, "one
country"). The library's registry names the country's module, which is loaded by itself here.
`checker.calendar.workdays.bank_holidays` falls back to the documented call if this fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def country_class(code: str) -> type:
    """The class of the holidays library that holds country `code`'s holidays."""
    import holidays  # loaded only when a calendar is built
    from holidays.registry import COUNTRIES

    module_name = next(module for module, names in COUNTRIES.items() if code in names[1:])
    qualified = f"holidays.countries.{module_name}"
    if qualified not in sys.modules:
        path = Path(holidays.__file__).parent / "countries" / f"{module_name}.py"
        spec = importlib.util.spec_from_file_location(qualified, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"no module for {code} in the holidays library")
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[qualified]
            raise
    found: type = getattr(sys.modules[qualified], COUNTRIES[module_name][0])
    return found
