"""Integer arithmetic of derived figures: ratios in basis points and means in tenths, rounded half up."""

from __future__ import annotations

from collections.abc import Iterable

from domain.statistics.figures import Qualifier


def basis_points(numerator: int, denominator: int) -> int | None:
    if denominator <= 0:
        return None
    return (numerator * 10_000 * 2 + denominator) // (2 * denominator)


def mean_tenths(values: Iterable[int]) -> int | None:
    items = list(values)
    if not items:
        return None
    return (sum(items) * 10 * 2 + len(items)) // (2 * len(items))


def combined_qualifier(qualifiers: Iterable[Qualifier]) -> Qualifier:
    """A sum is exact only if every part is; 约 dominates 余."""
    found = set(qualifiers)
    if Qualifier.APPROX in found:
        return Qualifier.APPROX
    if Qualifier.AT_LEAST in found:
        return Qualifier.AT_LEAST
    return Qualifier.EXACT
