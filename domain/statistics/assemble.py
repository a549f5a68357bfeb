"""From measurements to `AnnualFigures`: units and sources from `METRICS`, the figures reference data gives
(catalog, soft list), and the ratios derived from measured parts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from domain.reference import EnforcementItem, ReferenceData
from domain.statistics.arithmetic import basis_points
from domain.statistics.figures import BY_VIOLATION, METRICS, AnnualFigures, Figure, Source, Unit
from domain.statistics.measures import Measure, Measurements
from domain.statistics.scope import Scope

# ratio → (numerator, denominator parts): coverage is over every general-procedure decision, penalty or not.
RATIOS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "legal_review_coverage": ("legal_reviews_completed", ("general_procedure_cases", "no_penalty_cases")),
    # Only decisions whose D17 window has passed are due: a report run just after a decision shows no gap.
    "disclosure_rate": ("decisions_disclosed_in_scope", ("decisions_disclosure_due",)),
    "hotline_response_rate": ("hotline_responded", ("hotline_tickets",)),
    "hotline_completion_rate": ("hotline_completed", ("hotline_tickets",)),
}


def assemble(
    measured: Measurements,
    *,
    scope: Scope,
    year: int,
    as_of: date,
    reference: ReferenceData,
    previous: AnnualFigures | None = None,
    high_water_mark: int = 0,
) -> AnnualFigures:
    measures = dict(measured.measures)
    measures.update(_reference_measures(reference, scope, as_of))
    for key, (numerator, parts) in RATIOS.items():
        if numerator in measures and all(part in measures for part in parts):
            denominator = sum(measures[part].value for part in parts)
            ratio = basis_points(measures[numerator].value, denominator)
            if ratio is not None:
                measures[key] = Measure(ratio, note=f"{measures[numerator].value}/{denominator}")
    figures = {key: _figure(key, measure) for key, measure in sorted(measures.items()) if ":" not in key}
    by_violation = tuple(_violation_figure(key, measure, reference) for key, measure in sorted(measures.items())
                         if ":" in key)
    tallies = tuple(
        Figure(metric=f"tally:{t.violation_type}", value=t.value, unit=t.unit, qualifier=t.qualifier,
               source=Source.LEDGER, event_ids=t.event_ids, note=t.label)
        for t in sorted(measured.tallies, key=lambda t: (t.violation_type, t.unit.value, t.label)))
    return AnnualFigures(scope=scope.code, scope_name=scope.name, year=year, as_of=as_of, figures=figures,
                         tallies=tallies, by_violation=by_violation, previous=previous, high_water_mark=high_water_mark)


def _figure(key: str, measure: Measure) -> Figure:
    definition = METRICS[key]
    return Figure(metric=key, value=measure.value, unit=definition.unit, qualifier=measure.qualifier,
                  source=definition.source, event_ids=measure.event_ids, note=measure.note)


def _violation_figure(key: str, measure: Measure, reference: ReferenceData) -> Figure:
    """`cases_by_violation:GENERAL:ILLEGAL_PILING` → its figure, named 堆物 from the reference data."""
    prefix, _, code = key.split(":", 2)
    known = reference.violation_types.get(code)
    return Figure(metric=key, value=measure.value, unit=BY_VIOLATION[prefix], qualifier=measure.qualifier,
                  source=Source.EVENTS, event_ids=measure.event_ids, note=known.name if known is not None else "")


def _reference_measures(reference: ReferenceData, scope: Scope, as_of: date) -> dict[str, Measure]:
    found: dict[str, Measure] = {}
    items, version = _catalog_in_force(reference, scope, as_of)
    if items:
        found["enforcement_items_count"] = Measure(len(items), note=version)
        domains = {item.domain for item in items.values()}
        found["enforcement_domains_count"] = Measure(len(domains), note="、".join(sorted(domains)))
    soft = _soft_list_items(reference, scope, as_of)
    if soft:
        found["soft_list_items"] = Measure(soft)
    return found


def _catalog_in_force(reference: ReferenceData, scope: Scope, as_of: date
                      ) -> tuple[Mapping[str, EnforcementItem], str]:
    """The items of the catalogs the scope's towns have adopted and in force at as_of (a district: their union;
    the installation's one catalog where towns adopt none), with the versions named."""
    adopted = [reference.catalog_of(town) for town in sorted(scope.towns)]
    if adopted and all(catalog is not None for catalog in adopted):
        in_force = {c.id: c for c in adopted if c is not None and c.effective_from <= as_of}
        items = {code: item for c in in_force.values() for code, item in c.items.items()}
        return items, "、".join(sorted({c.version for c in in_force.values()}))
    effective = reference.catalog_effective_from
    if effective is None or effective <= as_of:
        return reference.items, reference.catalog_version
    return {}, ""


def _soft_list_items(reference: ReferenceData, scope: Scope, as_of: date) -> int:
    """Per town the newest list version in force at as_of (a list for every town counts for each)."""
    versions: dict[str, tuple[date, str]] = {}
    for item in reference.soft_list.values():
        applies = item.town == "" or item.town in scope.towns
        start = item.effective_from or date.min
        if applies and start <= as_of:
            current = versions.get(item.town)
            if current is None or (start, item.list_version) > current:
                versions[item.town] = (start, item.list_version)
    return sum(1 for item in reference.soft_list.values()
               if item.town in versions and versions[item.town][1] == item.list_version)


UNIT_OF: Mapping[str, Unit] = {key: m.unit for key, m in METRICS.items()}
