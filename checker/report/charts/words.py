"""Published figures as numbers and words: what a chart draws and its description says, never a
suppressed cell ("fewer than 5", "hidden") read as a number."""

from __future__ import annotations


def number(value: object) -> int | float | None:
    """A published figure, or None for a suppressed or missing one."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def between(value: object) -> str | None:
    """A share published as the range it lies in ("97.5% to 99.4%", where its figure would give
    away a small count), or None."""
    return value if isinstance(value, str) and "% to " in value else None


def count(value: float) -> str:
    return f"{value:,.0f}"


def percent(value: float) -> str:
    return f"{value:.1f}%"


def services(n: int, more: str = "") -> str:
    """'1 service', '9 more services'."""
    return f"{n} {more}service" + ("" if n == 1 else "s")


def join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def spread(pairs: list[tuple[str, float]]) -> str:
    """'ranged from 21 in December to 45 in June', naming every month at each end."""
    low, high = min(v for _, v in pairs), max(v for _, v in pairs)
    if low == high:
        return f"was {count(low)} in each month shown"
    at = {v: join([name for name, x in pairs if x == v]) for v in (low, high)}
    return f"ranged from {count(low)} in {at[low]} to {count(high)} in {at[high]}"
