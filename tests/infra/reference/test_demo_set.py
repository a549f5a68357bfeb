"""The shipped demo set: three towns of 西青区 with their staff, the catalog, benchmarks, soft list and profiles."""

from __future__ import annotations

from datetime import date

import pytest

from domain.profile import DisclosureScope, LegalReviewPolicy
from domain.reference import ProcedureProfile, Role, StaffCategory
from domain.rules.officers import require_two_certified
from domain.values import Sanction, SoftOutcome, yuan
from infra.reference import demo_profiles, demo_reference

# DOMAIN.md §1 "Violation types (案由) seen in the reports".
DOMAIN_VIOLATION_TYPES = {
    "ROAD_OCCUPATION_VENDING": "占道经营/占路摆卖",
    "ILLEGAL_PILING": "堆物",
    "SHOPFRONT_EXTENSION": "店面外扩",
    "ILLEGAL_POSTING": "乱贴乱画/小广告",
    "OUTDOOR_ADVERTISING": "户外广告设施",
    "SIGNBOARD": "广告牌匾",
    "BANNER": "布标幔帐",
    "SHARED_BIKE_DISORDER": "共享单车乱停乱放",
    "MUCK_SPILLAGE": "渣土撒漏/车轮带泥",
    "OPEN_AIR_BBQ": "露天烧烤",
    "NO_FUME_PURIFIER": "未安装油烟净化设备",
    "GREEN_SPACE_DAMAGE": "破坏绿地",
    "ILLEGAL_CONSTRUCTION": "违法建设/私搭乱盖",
    "ILLEGAL_LAND_USE": "违法用地",
    "FIRE_LANE_OBSTRUCTION": "占用消防通道",
    "OPEN_STRAW_BURNING": "露天焚烧秸秆",
    "CONSTRUCTION_WASTE_DUMPING": "倾倒建筑垃圾",
    "UNAUTHORIZED_CONSTRUCTION_WASTE_SITE": "擅自设立弃置场",
    "EBIKE_IN_CORRIDOR": "电动车违规进楼道",
    "ILLEGALLY_PARKED_AD_VEHICLE": "违停广告车",
    "STOREFRONT_RESPONSIBILITY": "门前三包",
    "FIRE_SAFETY": "消防安全",
    "BUILDING_SAFETY": "房屋安全",
    "SEWAGE_DISCHARGE": "污水排放",
    "PIGEON_KEEPING": "饲养信鸽",
    "ILLEGAL_MEDICAL_PRACTICE": "非法行医",
}
TOWNS = ("zhangjiawo", "dasi", "yangliuqing")


def staff(town: str, role: Role) -> list[str]:
    return sorted(o.id for o in demo_reference().officers.values() if o.town == town and o.has_role(role))


def test_the_demo_set_holds_three_towns_of_xiqing_district() -> None:
    reference = demo_reference()
    assert {code: town.name for code, town in reference.towns.items()} == {
        "zhangjiawo": "张家窝镇",
        "dasi": "大寺镇",
        "yangliuqing": "杨柳青镇",
    }
    assert {town.district for town in reference.towns.values()} == {"xiqing"}
    assert reference.districts["xiqing"].name == "西青区"
    assert reference.catalog_version == "XQ-2022-1"
    assert reference.catalog_effective_from == date(2022, 1, 1)


def test_dasi_has_two_enforcement_bodies_and_each_officer_sits_in_one_of_them() -> None:
    reference = demo_reference()
    assert [(u.code, u.name) for u in reference.towns["dasi"].units] == [
        ("dasi-bureau", "大寺镇综合执法局"),
        ("dasi-safety", "大寺镇安全办"),
    ]
    safety = [o for o in reference.officers.values() if o.unit == "dasi-safety"]
    assert len(safety) == 5
    assert all(o.certified_on(date(2020, 12, 1)) for o in safety)  # "均持有执法证件"


def test_every_violation_type_of_the_domain_is_present_with_its_chinese_name() -> None:
    types = demo_reference().violation_types
    assert {code: vt.name for code, vt in types.items()} == DOMAIN_VIOLATION_TYPES
    assert types["OPEN_STRAW_BURNING"].domain == "环境保护"
    assert types["ILLEGAL_CONSTRUCTION"].domain == "城乡规划"


def test_every_violation_type_is_covered_by_at_least_one_catalog_item() -> None:
    items = demo_reference().items.values()
    covered = {code for item in items for code in item.violation_types}
    assert covered == set(DOMAIN_VIOLATION_TYPES)


def test_open_straw_burning_is_a_general_procedure_item_under_article_119_of_the_air_pollution_law() -> None:
    [item] = [i for i in demo_reference().items.values() if "OPEN_STRAW_BURNING" in i.violation_types]
    assert item.code == "HB-STRAW-BURNING"
    assert item.procedure_profile is ProcedureProfile.GENERAL_ONLY
    assert "《中华人民共和国大气污染防治法》第一百一十九条" in item.penalty_basis
    assert (item.fine_min_fen, item.fine_max_fen) == (yuan(500), yuan(2000))
    assert item.sanctions == frozenset({Sanction.FINE})


def test_illegal_construction_items_follow_the_illegal_construction_procedure() -> None:
    items = demo_reference().items
    assert items["GH-NO-PERMIT-RURAL"].procedure_profile is ProcedureProfile.ILLEGAL_CONSTRUCTION
    assert "第六十五条" in items["GH-NO-PERMIT-RURAL"].penalty_basis
    assert items["GH-NO-PERMIT-URBAN"].fine_max_fen is None  # a share of the construction cost, no fixed cap


def test_discretion_benchmarks_split_an_item_range_into_four_severities_inside_it() -> None:
    reference = demo_reference()
    straw = sorted(
        (b for b in reference.benchmarks.values() if b.item_code == "HB-STRAW-BURNING"), key=lambda b: b.fine_min_fen
    )
    assert [b.severity for b in straw] == ["轻微", "一般", "较重", "严重"]
    assert straw[0].fine_min_fen == yuan(500) and straw[-1].fine_max_fen == yuan(2000)
    with_benchmarks = {b.item_code for b in reference.benchmarks.values()}
    assert len(with_benchmarks) >= len(reference.items) // 2


def test_yangliuqing_soft_enforcement_list_has_23_items_tied_to_the_catalog() -> None:
    reference = demo_reference()
    entries = [e for e in reference.soft_list.values() if e.town == "yangliuqing"]
    assert len(entries) == 23
    assert all(e.item_code in reference.items and e.description for e in entries)
    assert {e.outcome for e in entries} == set(SoftOutcome)
    assert {e.list_version for e in entries} == {"YLQ-2023"}


@pytest.mark.parametrize("town", TOWNS)
def test_each_town_has_enough_certified_officers_for_apl_42(town: str) -> None:
    reference = demo_reference()
    day = date(2025, 10, 1)
    certified = [o.id for o in reference.officers.values() if o.town == town and o.has_role(Role.OFFICER)
                 and o.certified_on(day)]
    assert len(certified) >= 6
    require_two_certified(certified[:2], day, reference)


@pytest.mark.parametrize("town", TOWNS)
def test_each_town_has_the_roles_a_case_needs(town: str) -> None:
    reference = demo_reference()
    assert len(staff(town, Role.CASE_LEAD)) >= 2
    reviewers = staff(town, Role.LEGAL_REVIEWER)
    assert len(reviewers) >= 2
    assert any(reference.officers[r].legal_qualification for r in reviewers)
    assert len(staff(town, Role.PRINCIPAL)) >= 2
    [host] = staff(town, Role.HEARING_HOST)
    assert not reference.officers[host].has_role(Role.OFFICER)  # not otherwise investigating (APL 64)
    categories = [o.category for o in reference.officers.values() if o.town == town]
    assert categories.count(StaffCategory.AUXILIARY) >= 2
    assert categories.count(StaffCategory.OFFICER) >= 1


def test_district_users_have_district_scope_and_their_roles() -> None:
    reference = demo_reference()
    district_staff = {o.id: o for o in reference.officers.values() if o.town in reference.districts}
    assert {role.value for o in district_staff.values() for role in o.roles} == {
        "supervisor", "auditor", "platform_operator", "admin"
    }
    assert district_staff["xq-supervisor-1"].unit == "xiqing-justice"
    assert reference.districts["xiqing"].units[0].name == "西青区司法局"


def test_the_rule_profiles_follow_each_towns_report() -> None:
    profiles = demo_profiles()
    assert set(profiles) == set(TOWNS)
    assert profiles["zhangjiawo"].legal_review_policy is LegalReviewPolicy.ALL_GENERAL  # 法定简易程序以外的所有决定
    assert profiles["dasi"].legal_review_policy is LegalReviewPolicy.APL58_ONLY  # 重大执法决定法制审核目录清单
    assert profiles["dasi"].disclosure_scope is DisclosureScope.SOCIAL_IMPACT_ONLY
    assert profiles["dasi"].statement_window_working_days == 3
    assert profiles["yangliuqing"].hearing_fine_threshold_citizen_fen == yuan(10_000)  # left out → the default


def test_the_demo_set_is_read_once_and_cannot_be_changed() -> None:
    reference = demo_reference()
    assert demo_reference() is reference
    with pytest.raises(TypeError):
        reference.officers["intruder"] = reference.officers["zjw-lead-1"]  # type: ignore[index]
    profiles = demo_profiles()
    profiles.clear()
    assert demo_profiles()
