"""Reference data, calendar and profile for the general-procedure tests: one town (张家窝镇), certified officers,
an auxiliary, an officer whose certificate expired, a legal reviewer, two principals and a hearing host, one
enforcement item with its discretion benchmarks and soft-list entry, and the 2025 National Day holidays."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.local_time import SHANGHAI
from domain.profile import RuleProfile
from domain.reference import (
    Certificate,
    DiscretionBenchmark,
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
ITEM = "ITEM-ROAD"
BENCHMARK = "BM-ROAD-1"  # 200–2,000 yuan
SEVERE_BENCHMARK = "BM-ROAD-3"  # 10,000–50,000 yuan
SOFT_ITEM = "SOFT-ROAD-1"

CASE_LEAD, OFFICER_2, OFFICER_3 = "o1", "o2", "o3"
AUXILIARY, EXPIRED = "aux1", "exp1"
REVIEWER, PRINCIPAL, PRINCIPAL_2, HOST = "lr1", "p1", "p2", "host1"

_CERT = (Certificate("津执-2023-001", issued_on=date(2023, 1, 1)),)


def _officer(oid: str, name: str, *roles: Role, category: StaffCategory = StaffCategory.OFFICER,
             certificates: tuple[Certificate, ...] = _CERT) -> Officer:
    return Officer(id=oid, name=name, town=TOWN, unit=UNIT, category=category, roles=frozenset(roles),
                   certificates=certificates)


OFFICERS = {
    o.id: o for o in (
        # the case lead also holds the legal-reviewer role, so invariant 8 is what stops him reviewing his case
        _officer(CASE_LEAD, "王一", Role.OFFICER, Role.CASE_LEAD, Role.LEGAL_REVIEWER),
        _officer(OFFICER_2, "李二", Role.OFFICER),
        _officer(OFFICER_3, "赵三", Role.OFFICER, Role.CASE_LEAD),
        _officer(AUXILIARY, "协勤甲", Role.AUXILIARY, category=StaffCategory.AUXILIARY, certificates=()),
        _officer(EXPIRED, "钱四", Role.OFFICER,
                 certificates=(Certificate("津执-2020-009", date(2020, 1, 1), expires_on=date(2025, 6, 30)),)),
        _officer(REVIEWER, "孙法", Role.LEGAL_REVIEWER),
        _officer(PRINCIPAL, "周镇长", Role.PRINCIPAL, Role.OFFICER),
        _officer(PRINCIPAL_2, "吴副镇长", Role.PRINCIPAL),
        _officer(HOST, "郑主持", Role.HEARING_HOST, Role.OFFICER),
    )
}

REFERENCE = ReferenceData(
    towns={TOWN: Town(TOWN, "张家窝镇", "西青区", (EnforcementUnit(UNIT, "综合行政执法大队", TOWN),))},
    officers=OFFICERS,
    violation_types={
        "ROAD_OCCUPATION_VENDING": ViolationType("ROAD_OCCUPATION_VENDING", "占道经营", "市容"),
        "ILLEGAL_CONSTRUCTION": ViolationType("ILLEGAL_CONSTRUCTION", "违法建设", "规划"),
    },
    items={ITEM: EnforcementItem(
        code=ITEM, name="擅自占用城市道路从事经营活动", domain="市容", violation_types=("ROAD_OCCUPATION_VENDING",),
        legal_basis="天津市市容和环境卫生管理条例", penalty_basis="天津市市容和环境卫生管理条例",
        procedure_profile=ProcedureProfile.SIMPLE_ALLOWED,
        sanctions=frozenset({Sanction.WARNING, Sanction.FINE, Sanction.CONFISCATE_PROPERTY, Sanction.ORDER_CLOSE}),
        fine_min_fen=yuan(100), fine_max_fen=yuan(50_000))},
    benchmarks={
        BENCHMARK: DiscretionBenchmark(BENCHMARK, ITEM, "一般", yuan(200), yuan(2_000)),
        SEVERE_BENCHMARK: DiscretionBenchmark(SEVERE_BENCHMARK, ITEM, "严重", yuan(10_000), yuan(50_000)),
    },
    soft_list={SOFT_ITEM: SoftListItem(SOFT_ITEM, ITEM, SoftOutcome.NO_PENALTY, "首次占道经营且及时改正")},
)

NATIONAL_DAY = frozenset(date(2025, 10, d) for d in range(1, 9))
CALENDAR = WorkCalendar(holidays=NATIONAL_DAY | {date(2025, 1, 1)},
                        makeup_workdays=frozenset({date(2025, 9, 28), date(2025, 10, 11)}),
                        covered_years=frozenset({2025}))
PROFILE = RuleProfile()

CITIZEN = Party(name="张三", party_type=PartyType.CITIZEN, id_number="120111199001011234", address="张家窝镇")
COMPANY = Party(name="天津某餐饮有限公司", party_type=PartyType.ORGANIZATION, id_number="91120111MA0000000X")


def at(month: int, day: int, hour: int = 10, minute: int = 0, *, year: int = 2025) -> datetime:
    """A moment in Asia/Shanghai."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def later(moment: datetime, minutes: int = 5) -> datetime:
    return moment + timedelta(minutes=minutes)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
