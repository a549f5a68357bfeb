"""The deadline catalog against DOMAIN.md §3: every row, its unit under APL 85 / ARL 88 / ACL 69, its source."""

from __future__ import annotations

import pytest

from domain.deadlines.rules import DEADLINES, PeriodKind, Unit, limitation_deadline_id
from domain.profile import RuleProfile

SECTION_3_ROWS = {"D1", "D2", "D3", "D4", "D5", "D7", "D8", "D9", "D10", "D11", "D12", "D14", "D15", "D17", "D18",
                  "D19", "D21", "D23", "D24", "D28", "D30", "D31", "D33"}


def test_every_row_of_section_3_is_in_the_catalog() -> None:
    assert set(DEADLINES) >= SECTION_3_ROWS
    assert all(rid == rule.id for rid, rule in DEADLINES.items())


@pytest.mark.parametrize(
    ("deadline_id", "length", "unit", "source"),
    [
        ("D1", 24, Unit.MONTHS, "APL 36"),
        ("D1H", 60, Unit.MONTHS, "APL 36"),
        ("D3", 24, Unit.HOURS, "ACL 19"),
        ("D4", 7, Unit.WORKING_DAYS, "APL 56"),  # APL 85: 七日 is working days
        ("D5", 30, Unit.CALENDAR_DAYS, "ACL 25"),  # ACL 69: only periods of ≤ 10 days are working days
        ("D7", 90, Unit.CALENDAR_DAYS, "APL 60"),
        ("D10", 5, Unit.WORKING_DAYS, "APL 64"),
        ("D11", 7, Unit.WORKING_DAYS, "APL 64"),
        ("D12", 7, Unit.WORKING_DAYS, "APL 61"),
        ("D14", 2, Unit.WORKING_DAYS, "APL 71"),
        ("D14B", 2, Unit.WORKING_DAYS, "APL 71"),
        ("D15", 15, Unit.CALENDAR_DAYS, "APL 67/72"),  # 15 days is not one of APL 85's periods
        ("D18", 3, Unit.WORKING_DAYS, "APL 48"),
        ("D19", 60, Unit.CALENDAR_DAYS, "ARL 20"),
        ("D19L", 12, Unit.MONTHS, "ARL 20"),
        ("D21", 10, Unit.WORKING_DAYS, "ARL 48"),  # ARL 88: 十日 is working days
        ("D21S", 5, Unit.WORKING_DAYS, "ARL 54"),
        ("D23", 6, Unit.MONTHS, "ALL 46"),
        ("D23R", 15, Unit.CALENDAR_DAYS, "ALL 45"),
        ("D24", 3, Unit.MONTHS, "ACL 53/54"),
        ("D24D", 10, Unit.WORKING_DAYS, "ACL 54"),  # ACL 69: 十日 is working days
        ("D28", 3, Unit.CALENDAR_DAYS, "CTR"),
        ("D28T", 24, Unit.HOURS, "CTR"),
    ],
)
def test_statutory_lengths_units_and_sources(deadline_id: str, length: int, unit: Unit, source: str) -> None:
    rule = DEADLINES[deadline_id]
    assert (rule.length, rule.unit, rule.source) == (length, unit, source)


def test_unconfirmed_values_come_from_the_rule_profile() -> None:
    profile = RuleProfile()
    for rule in DEADLINES.values():
        if rule.confidence == "U" and rule.profile_field is not None:
            assert getattr(profile, rule.profile_field) == rule.length, rule.id
    assert DEADLINES["D9"].profile_field == "statement_window_working_days"
    assert DEADLINES["D17"].profile_field == "disclosure_working_days"
    assert DEADLINES["D17B"].profile_field == "other_disclosure_working_days"
    assert DEADLINES["D2"].profile_field == "filing_decision_working_days"


def test_extensions_and_period_kinds() -> None:
    assert DEADLINES["D2"].extension == 15
    assert DEADLINES["D5"].extension == 30
    assert DEADLINES["D11"].kind is PeriodKind.NOTICE_BEFORE
    assert DEADLINES["D24D"].kind is PeriodKind.WAITING
    assert DEADLINES["D7"].kind is PeriodKind.DEADLINE


def test_confidence_is_one_of_h_m_u() -> None:
    assert {r.confidence for r in DEADLINES.values()} <= {"H", "M", "U"}
    assert DEADLINES["D7"].confidence == "H"
    assert DEADLINES["D28"].confidence == "M"
    assert DEADLINES["D33"].confidence == "U"


def test_limitation_is_five_years_where_life_health_or_financial_safety_was_harmed() -> None:
    assert limitation_deadline_id(False) == "D1"
    assert limitation_deadline_id(True) == "D1H"
