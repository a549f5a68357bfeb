"""The case list's filter, checked before it reaches the database: a value no stream can have (`kinds: ["case"]`,
a town's name for its code, a misspelt status) is an error naming the accepted values, never an empty page that
looks like "no such cases".

The accepted values come from where they are defined: stream kinds, procedures and statuses from the aggregates
the API summarises (their initial stream context and their status enum), town codes and violation types from the
reference data.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import strawberry
from strawberry.exceptions import StrawberryGraphQLError

from api.graphql.context import RequestContext
from domain.deadlines.local_time import local_date
from domain.projections import SUMMARISED_KINDS
from infra.readside import CaseFilter
from workflows.stream_workflows import SPECS


@strawberry.input(description="Narrows a case list (within the caller's towns; never beyond them). Every value is "
                              "checked: one no case can have is an error (code BAD_FILTER) naming the accepted "
                              "values.")
class CaseFilterInput:
    towns: list[str] | None = strawberry.field(default=None, description="Town codes (`towns { code }`).")
    kinds: list[str] | None = strawberry.field(default=None, description="CASE, INSPECTION or RECTIFICATION.")
    statuses: list[str] | None = None
    procedures: list[str] | None = strawberry.field(default=None,
                                                    description="GENERAL, SIMPLE or ILLEGAL_CONSTRUCTION.")
    violation_types: list[str] | None = strawberry.field(default=None,
                                                         description="Violation type codes (`violationTypes`).")
    officer: str | None = None
    overdue: bool | None = None
    opened_from: datetime | None = None
    opened_to: datetime | None = None
    decided_from: datetime | None = None
    decided_to: datetime | None = None


def _summarised() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Stream kinds, procedures and statuses of the streams the case list holds."""
    kinds: set[str] = set()
    procedures: set[str] = set()
    statuses: set[str] = set()
    for spec in SPECS.values():
        context = spec.context_of(spec.decider.initial())
        if context.stream_kind not in SUMMARISED_KINDS:
            continue
        kinds.add(context.stream_kind)
        if context.procedure is not None:
            procedures.add(context.procedure)
        statuses.update(str(s.value) for s in typing.get_type_hints(spec.state_type)["status"])
    return frozenset(kinds), frozenset(procedures), frozenset(statuses)


KINDS, PROCEDURES, STATUSES = _summarised()


def _checked(field: str, given: Sequence[str] | None, accepted: Mapping[str, str] | Iterable[str]) -> tuple[str, ...]:
    """`given` when each value is accepted; else a BAD_FILTER error naming the field, the values refused and the
    accepted ones (a mapping gives each accepted code with its label)."""
    values = tuple(given or ())
    known = accepted if isinstance(accepted, Mapping) else {a: "" for a in accepted}
    refused = [v for v in values if v not in known]
    if refused:
        listed = [f"{code} ({label})" if label else code for code, label in sorted(known.items())]
        raise StrawberryGraphQLError(
            f"filter.{field}: {', '.join(refused)} not accepted; accepted values: {', '.join(listed) or 'none'}",
            extensions={"code": "BAD_FILTER", "field": field, "refused": refused, "accepted": sorted(known)})
    return values


def case_filter(context: RequestContext, given: CaseFilterInput | None) -> CaseFilter:
    if given is None:
        return CaseFilter()
    reference = context.reference
    # Any town of the reference data: one outside the caller's scope lists nothing, as a town with no cases would
    # (scope is never widened, nor its edge revealed).
    towns = {code: town.name for code, town in reference.towns.items()}
    violation_types = {code: v.name for code, v in reference.violation_types.items()}
    overdue_on = local_date(context.services.clock()) if given.overdue else None
    return CaseFilter(
        towns=_checked("towns", given.towns, towns), stream_kinds=_checked("kinds", given.kinds, KINDS),
        statuses=_checked("statuses", given.statuses, STATUSES),
        procedures=_checked("procedures", given.procedures, PROCEDURES),
        violation_types=_checked("violationTypes", given.violation_types, violation_types),
        officer=given.officer, overdue_on=overdue_on, opened_from=_zoned("openedFrom", given.opened_from),
        opened_to=_zoned("openedTo", given.opened_to), decided_from=_zoned("decidedFrom", given.decided_from),
        decided_to=_zoned("decidedTo", given.decided_to))


def _zoned(field: str, moment: datetime | None) -> datetime | None:
    """A time bound must say its zone: a naive time could mean Beijing or UTC, eight hours apart (found by the
    schema fuzz, where it reached the database as an internal error)."""
    if moment is not None and moment.tzinfo is None:
        raise StrawberryGraphQLError(
            f"filter.{field}: {moment.isoformat()} has no time zone; write it with an offset, e.g. "
            f"{moment.isoformat()}+08:00", extensions={"code": "BAD_FILTER", "field": field})
    return moment
