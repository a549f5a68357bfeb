"""Numbers are written as the township reports write them."""

from __future__ import annotations

import pytest

from domain.report.tallies import tally_clauses
from domain.report.wording import amount, change_word, chinese_numeral, percent, yuan
from domain.statistics.figures import Figure, Qualifier, Unit
from tests.report.seeds import fig, tally


@pytest.mark.parametrize(("fen", "written"), [
    (48_114_060, "481140.6"),
    (13_025_000, "130250"),
    (175_000, "1750"),
    (1_234, "12.34"),
    (5, "0.05"),
    (50, "0.5"),
    (0, "0"),
])
def test_yuan_from_fen_keeps_up_to_two_decimals_without_trailing_zeros(fen: int, written: str) -> None:
    assert yuan(fen) == written


def test_money_figures_are_written_in_yuan() -> None:
    assert amount(fig("fines_imposed_total", 48_114_060)) == "481140.6元"


def test_at_least_is_written_with_yu_after_the_number_and_before_the_unit() -> None:
    assert amount(tally("SHARED_BIKE_DISORDER", 5600, Unit.VEHICLE_TIMES, Qualifier.AT_LEAST)) == "5600余辆次"
    assert amount(fig("publicity_materials", 1000, Qualifier.AT_LEAST)) == "1000余份"


def test_approx_is_written_with_yue_before_the_number() -> None:
    assert amount(fig("illegal_land_use_area", 690, Qualifier.APPROX)) == "约69亩"
    assert amount(fig("demolished_area", 19_300, Qualifier.APPROX)) == "约193平方米"


def test_each_metric_keeps_its_counting_word() -> None:
    assert [amount(fig(k, 3)) for k in ("staff_total", "body_cameras", "drones", "training_hours",
                                        "publicity_events", "hotline_tickets", "penalty_cases_total")] == [
        "3名", "3台", "3架", "3学时", "3次", "3件", "3起"]
    assert amount(fig("hotline_completion_rate", 9_915)) == "99.15%"
    assert amount(fig("mean_days_filing_to_decision", 235)) == "23.5天"


def test_tallies_keep_their_own_units_and_share_a_verb_when_consecutive() -> None:
    clauses = tally_clauses((
        tally("ROAD_OCCUPATION_VENDING", 10279, Unit.PLACES),
        tally("ILLEGAL_POSTING", 9564, Unit.PIECES),
        tally("OUTDOOR_ADVERTISING", 136, Unit.PIECES),
        tally("SHARED_BIKE_DISORDER", 5600, Unit.VEHICLE_TIMES, Qualifier.AT_LEAST),
        tally("OPEN_AIR_BBQ", 316, Unit.CASES),
    ))
    assert clauses == ("清理占道经营10279处、乱贴乱画的小广告9564张、户外广告设施136个",
                       "规范乱停乱放共享单车5600余辆次", "治理露天烧烤行为316起")


def test_a_ledger_label_is_written_as_the_town_wrote_it() -> None:
    labelled = Figure(metric="tally:ILLEGAL_POSTING", value=3200, unit=Unit.PLACES, qualifier=Qualifier.AT_LEAST,
                      note="乱贴乱画的小广告及破旧横幅")
    with_verb = Figure(metric="tally:ROAD_OCCUPATION_VENDING", value=2300, unit=Unit.PLACES,
                       qualifier=Qualifier.AT_LEAST, note="取缔占道经营、店外摆卖等行为")
    assert tally_clauses((labelled, with_verb)) == ("清理乱贴乱画的小广告及破旧横幅3200余处",
                                                    "取缔占道经营、店外摆卖等行为2300余处")


@pytest.mark.parametrize(("number", "numeral"), [(1, "一"), (4, "四"), (10, "十"), (12, "十二"), (20, "二十"),
                                                 (35, "三十五")])
def test_heading_ordinals_are_chinese_numerals(number: int, numeral: str) -> None:
    assert chinese_numeral(number) == numeral


def test_percentages_round_half_up_to_two_decimals() -> None:
    assert percent(118, 119) == "99.16%"
    assert percent(4, 154) == "2.6%"
    assert percent(2, 2) == "100%"


@pytest.mark.parametrize(("before", "now", "word"), [
    (8, 15, "显著上升"), (13, 12, "有所下降"), (10, 12, "有所上升"), (10, 10, "持平"), (20, 13, "明显下降"),
    (0, 8, "显著上升"),
])
def test_year_over_year_change_words(before: int, now: int, word: str) -> None:
    assert change_word(before, now) == word


@pytest.mark.parametrize(("before", "now", "word"), [
    (0, 1, "有所上升"), (0, 3, "有所上升"), (2, 4, "有所上升"), (10, 7, "有所下降"), (3, 0, "有所下降"),
])
def test_a_change_of_a_few_cases_is_never_called_significant(before: int, now: int, word: str) -> None:
    assert change_word(before, now) == word
