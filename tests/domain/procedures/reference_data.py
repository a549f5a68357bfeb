"""Reference data, calendar and helpers shared by the procedure tests: one town with its enforcement bureau,
certified officers, an auxiliary, a principal, enforcement items (SIMPLE_ALLOWED with a fine range, GENERAL_ONLY,
ILLEGAL_CONSTRUCTION), a soft-enforcement list item, and a 2025 working-day calendar with real holidays."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from domain.codec import from_primitive, to_primitive
from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.local_time import SHANGHAI
from domain.decider import Context
from domain.errors import DomainError
from domain.messages import Command, Event, EventRegistry
from domain.profile import RuleProfile
from domain.reference import (
    Certificate,
    EnforcementItem,
    EnforcementUnit,
    Officer,
    ProcedureProfile,
    ReferenceData,
    Role,
    SoftListItem,
    StaffCategory,
    Town,
    ViolationType,
)
from domain.values import Party, PartyType, Sanction, SoftOutcome, yuan

TOWN = "ZJW"
UNIT = "ZJW-ZFJ"

CERT = Certificate(number="JZ-0001", issued_on=date(2020, 1, 1))


def _officer(officer_id: str, name: str, category: StaffCategory, roles: Iterable[Role],
             certificates: tuple[Certificate, ...] = (CERT,)) -> Officer:
    return Officer(id=officer_id, name=name, town=TOWN, unit=UNIT, category=category, roles=frozenset(roles),
                   certificates=certificates)


OFFICER_A = "officer-a"
OFFICER_B = "officer-b"
OFFICER_C = "officer-c"
AUXILIARY = "aux-1"
PRINCIPAL = "principal-1"
EXPIRED = "officer-expired"

OFFICERS = {
    o.id: o
    for o in (
        _officer(OFFICER_A, "王执法", StaffCategory.OFFICER, [Role.OFFICER, Role.CASE_LEAD]),
        _officer(OFFICER_B, "李执法", StaffCategory.OFFICER, [Role.OFFICER]),
        _officer(OFFICER_C, "赵执法", StaffCategory.OFFICER, [Role.OFFICER]),
        _officer(AUXILIARY, "张协勤", StaffCategory.AUXILIARY, [Role.AUXILIARY], certificates=()),
        _officer(PRINCIPAL, "刘镇长", StaffCategory.OFFICER, [Role.PRINCIPAL]),
        _officer(EXPIRED, "孙过期", StaffCategory.OFFICER, [Role.OFFICER],
                 certificates=(Certificate("JZ-0009", date(2015, 1, 1), expires_on=date(2024, 12, 31)),)),
    )
}

ITEM_VENDING = "ITEM-VENDING"  # SIMPLE_ALLOWED, 50–5,000 yuan
ITEM_FUME = "ITEM-FUME"  # GENERAL_ONLY
ITEM_CONSTRUCTION = "ITEM-CONSTRUCTION"  # ILLEGAL_CONSTRUCTION
SOFT_VENDING = "SOFT-01"

ITEMS = {
    ITEM_VENDING: EnforcementItem(
        code=ITEM_VENDING, name="对占道经营的处罚", domain="市容环境卫生",
        violation_types=("ROAD_OCCUPATION_VENDING",), legal_basis="天津市市容和环境卫生管理条例 第二十一条",
        penalty_basis="天津市市容和环境卫生管理条例 第六十二条", procedure_profile=ProcedureProfile.SIMPLE_ALLOWED,
        fine_min_fen=yuan(50), fine_max_fen=yuan(5000)),
    ITEM_FUME: EnforcementItem(
        code=ITEM_FUME, name="对未安装油烟净化设施的处罚", domain="大气污染防治",
        violation_types=("NO_FUME_PURIFIER",), legal_basis="大气污染防治法 第八十一条",
        penalty_basis="大气污染防治法 第一百一十八条", procedure_profile=ProcedureProfile.GENERAL_ONLY,
        fine_min_fen=yuan(5000), fine_max_fen=yuan(50000)),
    ITEM_CONSTRUCTION: EnforcementItem(
        code=ITEM_CONSTRUCTION, name="对未取得乡村建设规划许可证进行建设的处罚", domain="城乡规划",
        violation_types=("ILLEGAL_CONSTRUCTION",), legal_basis="城乡规划法 第四十一条",
        penalty_basis="城乡规划法 第六十五条", procedure_profile=ProcedureProfile.ILLEGAL_CONSTRUCTION,
        sanctions=frozenset()),
}

REFERENCE = ReferenceData(
    towns={TOWN: Town(code=TOWN, name="张家窝镇", district="西青区",
                      units=(EnforcementUnit(code=UNIT, name="综合执法大队", town=TOWN),))},
    officers=OFFICERS,
    violation_types={
        code: ViolationType(code=code, name=name, domain=dom)
        for code, name, dom in (
            ("ROAD_OCCUPATION_VENDING", "占道经营", "市容环境卫生"),
            ("ILLEGAL_PILING", "堆物", "市容环境卫生"),
            ("NO_FUME_PURIFIER", "未安装油烟净化设备", "大气污染防治"),
            ("ILLEGAL_CONSTRUCTION", "违法建设", "城乡规划"),
        )
    },
    items=ITEMS,
    soft_list={SOFT_VENDING: SoftListItem(id=SOFT_VENDING, item_code=ITEM_VENDING,
                                          outcome=SoftOutcome.EDUCATION_ONLY, description="首次占道经营且当场改正")},
)


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


# State Council notice for 2025 (国办发明电〔2024〕12号), the parts the tests touch.
CALENDAR = WorkCalendar(
    holidays=frozenset(
        {date(2025, 1, 1)}
        | _days(date(2025, 4, 4), date(2025, 4, 6))  # 清明
        | _days(date(2025, 5, 1), date(2025, 5, 5))  # 劳动节
        | _days(date(2025, 10, 1), date(2025, 10, 8))  # 国庆、中秋
    ),
    makeup_workdays=frozenset({date(2025, 4, 27), date(2025, 9, 28), date(2025, 10, 11)}),
    covered_years=frozenset({2025}),
)

PROFILE = RuleProfile()
NOW = datetime(2025, 12, 1, 12, 0, tzinfo=SHANGHAI)

CITIZEN = Party(name="陈某", party_type=PartyType.CITIZEN, id_number="120111199001011234")
COMPANY = Party(name="天津某餐饮有限公司", party_type=PartyType.ORGANIZATION, id_number="91120111MA00000000")
TWO = (OFFICER_A, OFFICER_B)
HASH = "ab" * 32
WARNING, FINE = Sanction.WARNING, Sanction.FINE


def at(text: str) -> datetime:
    """'2025-09-29 10:00' in Asia/Shanghai."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def ctx(now: datetime = NOW) -> Context:
    return Context(recorded_at=now, reference=REFERENCE, calendar=CALENDAR, profile=PROFILE)


def run(decider: Any, commands: Sequence[Command], state: Any = None, now: datetime = NOW) -> tuple[Any, list[Event]]:
    """Apply commands one by one; returns the final state and every event."""
    current = decider.initial() if state is None else state
    emitted: list[Event] = []
    for command in commands:
        events = decider.decide(current, command, ctx(now))
        for event in events:
            current = decider.evolve(current, event)
        emitted.extend(events)
    return current, emitted


def rejected(decider: Any, state: Any, command: Command, error: type[DomainError], *, rule: str,
             article: str | None, now: datetime = NOW) -> DomainError:
    """Assert the command is rejected with this error type, rule and article (and the message leads with it)."""
    with pytest.raises(error) as caught:
        decider.decide(state, command, ctx(now))
    exc = caught.value
    assert (exc.rule, exc.article) == (rule, article), exc.as_dict()
    if article:
        assert str(exc).startswith(f"{article}: ")
    return exc


def types_of(events: Iterable[Event]) -> list[str]:
    return [e.type_name() for e in events]


def assert_round_trips(registry: EventRegistry, events: Iterable[Event]) -> None:
    for event in events:
        payload = to_primitive(event)
        assert registry.decode(event.type_name(), event.EVENT_VERSION, payload) == event
        assert from_primitive(type(event), payload) == event
