"""The reference register: the demo set recorded as one import reads back as the files; changes are
effective-dated, kept by their district, validated as the files are, and recorded as hash-chained events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.administration.changes import ReferenceChanged
from infra.administration.register import ReferenceRegister
from infra.eventstore import verify
from infra.reference import ReferenceDataError, demo_reference
from tests.administration.conftest import AT

pytestmark = pytest.mark.asyncio


def officer_change(day: date, keeper: str = "xiqing", **record: object) -> ReferenceChanged:
    base = {"id": "zjw-new-1", "name": "新同志", "town": "zhangjiawo", "unit": "zhangjiawo-bureau",
            "category": "OFFICER", "roles": ["officer"],
            "certificates": [{"number": "TJXQ-2024-0999", "issued_on": "2024-03-01"}]}
    return ReferenceChanged(occurred_at=AT, actors=("xq-admin",), register="officers", effective_from=day,
                            keeper=keeper, puts=({**base, **record},), source="test")


async def test_the_demo_set_recorded_as_an_import_reads_back_as_the_files(register: ReferenceRegister) -> None:
    loaded = await register.as_of(date(2024, 6, 1))
    assert loaded is not None
    demo = demo_reference()
    assert loaded.reference.officers == demo.officers
    assert set(loaded.reference.towns) == set(demo.towns)
    assert {t.catalog for t in loaded.reference.towns.values()} == {"xiqing-" + demo.catalog_version}
    assert set(loaded.reference.items) == set(demo.items)


async def test_an_officer_joins_from_the_day_the_change_takes_effect(register: ReferenceRegister) -> None:
    await register.record([officer_change(date(2024, 3, 1))])
    before, after = await register.as_of(date(2024, 2, 29)), await register.as_of(date(2024, 3, 1))
    assert before is not None and after is not None
    assert "zjw-new-1" not in before.reference.officers
    assert after.reference.officers["zjw-new-1"].certified_on(date(2024, 3, 1))


async def test_a_bad_record_is_refused_naming_file_record_and_field_and_nothing_is_recorded(
        register: ReferenceRegister) -> None:
    count = await register.version()
    with pytest.raises(ReferenceDataError) as refused:
        await register.record([officer_change(date(2024, 3, 1), category="OFFICER",
                                              certificates=[])])
    assert str(refused.value) == ("officers.json: record 'zjw-new-1': field 'certificates': officer needs an "
                                  "enforcement certificate (执法证, APL 42)")
    assert await register.version() == count


async def test_a_district_may_not_change_another_districts_records(register: ReferenceRegister) -> None:
    with pytest.raises(ReferenceDataError) as refused:
        await register.record([officer_change(date(2024, 3, 1), keeper="binhai")])
    assert "kept by district 'xiqing'; district 'binhai' may not change it" in str(refused.value)


async def test_a_change_that_breaks_a_later_day_is_refused(register: ReferenceRegister) -> None:
    """Retiring a unit's town from 2024 while an officer of it joins in 2025 cannot hold on the later day."""
    await register.record([officer_change(date(2025, 1, 1))])
    retire = ReferenceChanged(occurred_at=AT, actors=("xq-admin",), register="towns",
                              effective_from=date(2024, 6, 1), keeper="xiqing", retires=("zhangjiawo",))
    with pytest.raises(ReferenceDataError) as refused:
        await register.record([retire])
    assert refused.value.file == "officers.json"


async def test_changes_are_hash_chained_events_of_the_keepers_streams(register: ReferenceRegister) -> None:
    await register.record([officer_change(date(2024, 3, 1))])
    history = await register.history()
    streams = {r.envelope.stream_id for r in history}
    assert streams == {"reference", "reference:xiqing"}
    assert history[-1].change.actors == ("xq-admin",)
    assert await verify(register.engine) == []


async def test_a_dry_run_checks_and_records_nothing(register: ReferenceRegister) -> None:
    count = await register.version()
    assert await register.record([officer_change(date(2024, 3, 1))], dry_run=True) == []
    assert await register.version() == count


async def test_changes_compare_by_value() -> None:
    change = officer_change(date(2024, 3, 1))
    assert replace(change, reason="x") != change


async def test_a_figure_as_of_a_day_counts_the_catalog_in_force_that_day(register: ReferenceRegister) -> None:
    """A new catalog version of the district from 2025: the 2024 report still counts the old one's 40 items."""
    from domain.statistics.assemble import assemble
    from domain.statistics.measures import Measurements
    from domain.statistics.scope import Scope

    loaded = await register.as_of(date(2024, 12, 31))
    assert loaded is not None
    old = next(iter(loaded.reference.catalogs.values()))
    items = [{"code": i.code, "name": i.name, "domain": i.domain, "violation_types": list(i.violation_types),
              "legal_basis": i.legal_basis, "penalty_basis": i.penalty_basis,
              "procedure_profile": i.procedure_profile.value, "sanctions": sorted(s.value for s in i.sanctions),
              "fine_min_fen": i.fine_min_fen, "fine_max_fen": i.fine_max_fen} for i in list(old.items.values())[:3]]
    await register.record([ReferenceChanged(
        occurred_at=AT, actors=("xq-admin-1",), register="catalogs", effective_from=date(2025, 1, 1),
        keeper="xiqing", puts=({"id": "xiqing-2025", "district": "xiqing", "version": "XQ-2025",
                                "effective_from": "2025-01-01", "items": items},))])

    async def count(day: date) -> tuple[int, str]:
        reference = (await register.as_of(day)).reference  # type: ignore[union-attr]
        figures = assemble(Measurements(), scope=Scope(code="dasi", name="大寺镇", towns=frozenset({"dasi"})),
                           year=day.year, as_of=day, reference=reference)
        figure = figures.figures["enforcement_items_count"]
        return figure.value, figure.note

    assert await count(date(2024, 12, 31)) == (40, "XQ-2022-1")
    assert await count(date(2025, 6, 30)) == (3, "XQ-2025")
