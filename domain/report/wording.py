"""How numbers are written in a township report: yuan from fen with no trailing zeros (481140.6元), the 余/约
qualifiers (5600余辆次, 约69亩), the unit word of each metric (起, 名, 台, 学时 …), Chinese ordinals for headings
and dates as 2022年12月7日."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from domain.statistics.figures import Figure, Qualifier, Unit

_DIGITS = "零一二三四五六七八九"

# Scaled units: (divisor to the reported unit, the unit word).
_SCALED: Mapping[Unit, tuple[int, str]] = {
    Unit.FEN: (100, "元"),
    Unit.DM2: (100, "平方米"),
    Unit.MU_TENTHS: (10, "亩"),
    Unit.HOURS: (1, "学时"),
    Unit.BASIS_POINTS: (100, "%"),
    Unit.DAY_TENTHS: (10, "天"),
}

# Tally units by value (the unit list grows with the ledgers: TIMES = 次).
_UNIT_WORDS: Mapping[str, str] = {
    "PLACES": "处",
    "PIECES": "件",
    "VEHICLES": "辆",
    "VEHICLE_TIMES": "辆次",
    "CASES": "起",
    "TIMES": "次",
}

# The counting word of each COUNT metric, as the reports write it.
METRIC_WORDS: Mapping[str, str] = {
    "enforcement_items_count": "项",
    "enforcement_domains_count": "个",
    "staff_total": "名",
    "officers_in_post": "名",
    "officers_certified": "名",
    "officers_at_start": "名",
    "certificates_cancelled": "名",
    "auxiliary_staff": "名",
    "logistics_staff": "名",
    "legal_reviewers": "名",
    "legal_advisors": "名",
    "body_cameras": "台",
    "camcorders": "台",
    "fixed_cameras": "架",
    "iot_phones": "台",
    "drones": "架",
    "illegal_land_use_cases": "宗",
    "demolitions": "处",
    "training_sessions": "次",
    "training_sessions_online": "次",
    "training_sessions_offline": "次",
    "training_sessions_internal": "次",
    "platform_warnings": "次",
    "platform_warnings_resolved": "次",
    "enforcement_supervisors": "名",
    "case_file_evaluation_sessions": "次",
    "training_sessions_officers": "次",
    "training_sessions_auxiliary": "次",
    "inspections_recorded": "次",  # patrols are counted in 次, cases in 起
    "hotline_responded": "件",
    "hotline_completed": "件",
    "publicity_events": "次",
    "publicity_materials": "份",
    "hotline_tickets": "件",
    "hotline_calls": "件",
    "hotline_superior_referrals": "件",
    "case_file_evaluations": "件",
    "case_file_evaluations_with_problems": "件",
    "licences": "件",
    "benefits": "件",
    "confirmations": "件",
    "deadline_breaches": "次",
    "soft_list_items": "项",
    "cases_by_violation": "起",
    **{key: "起" for key in (
        "cases_filed", "penalty_cases_total", "simple_procedure_cases",
        "general_procedure_cases", "illegal_construction_procedures", "legal_reviews_completed",
        "decisions_disclosed", "soft_enforcement_cases", "no_penalty_cases", "lighter_penalty_cases",
        "reduced_penalty_cases", "hearings_requested", "hearings_held", "criminal_transfers",
        "reconsiderations_decided", "litigations_judged", "decisions_revoked_or_changed",
        "decisions_disclosure_due", "decisions_disclosed_in_scope", "cases_pending_at_cutoff", "cases_carried_in",
        "cases_decided_penalty", "cases_decided_no_penalty", "cases_transferred", "cases_withdrawn",
        "reconciliation_gap")},
}


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading ordinals)."""
    if not 0 < number < 100:
        raise ValueError(f"heading ordinal out of range: {number}")
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return head + ("" if ones == 0 else _DIGITS[ones])


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def month_day_zh(day: date) -> str:
    return f"{day.month}月{day.day}日"


def decimal(value: int, divisor: int) -> str:
    """An integer in hundredths/tenths written with up to that many decimals and no trailing zeros."""
    if divisor == 1:
        return str(value)
    sign = "-" if value < 0 else ""
    whole, rest = divmod(abs(value), divisor)
    if rest == 0:
        return f"{sign}{whole}"
    places = len(str(divisor)) - 1
    digits = str(rest).rjust(places, "0").rstrip("0")
    return f"{sign}{whole}.{digits}"


def yuan(fen: int) -> str:
    """48114060 → 481140.6 (the 元 is added by the caller or `amount`)."""
    return decimal(fen, 100)


def unit_word(figure: Figure) -> str:
    if figure.unit in _SCALED:
        return _SCALED[figure.unit][1]
    if figure.unit.value in _UNIT_WORDS:
        return _UNIT_WORDS[figure.unit.value]
    return METRIC_WORDS.get(figure.metric.split(":", 1)[0], "个")  # cases_by_violation:GENERAL:X → 起


def number(figure: Figure) -> str:
    """The bare number in the reported unit (fen → yuan, dm² → m², tenths → units, basis points → percent)."""
    divisor = _SCALED[figure.unit][0] if figure.unit in _SCALED else 1
    return decimal(figure.value, divisor)


def amount(figure: Figure, word: str | None = None) -> str:
    """The figure as written in a report: 130250元, 5600余辆次, 约69亩, 100%."""
    written = number(figure)
    unit = unit_word(figure) if word is None else word
    if figure.unit is Unit.BASIS_POINTS:
        return f"{written}{unit}"
    if figure.qualifier is Qualifier.AT_LEAST:
        return f"{written}余{unit}"
    if figure.qualifier is Qualifier.APPROX:
        return f"约{written}{unit}"
    return f"{written}{unit}"


def percent(numerator: int, denominator: int) -> str:
    """A ratio as a percentage with up to two decimals, rounded half up: 118/119 → 99.16%."""
    if denominator <= 0:
        raise ValueError("percentage of an empty base")
    basis_points = (numerator * 20000 + denominator) // (2 * denominator)
    return f"{decimal(basis_points, 100)}%"


SIGNIFICANT_CHANGE = 5  # cases: a move of fewer is never "显著" (0 → 1 or 2 → 3 is not a trend)


def change_word(previous: int, current: int) -> str:
    """How a count moved from last year: 显著上升 / 明显下降 (a change of ≥ 30 % and at least 5), 有所上升,
    持平, 有所下降. From nothing, anything is 有所上升 unless the new count alone is significant."""
    if current == previous:
        return "持平"
    large = abs(current - previous) >= SIGNIFICANT_CHANGE and 10 * abs(current - previous) >= 3 * previous
    if current > previous:
        return "显著上升" if large else "有所上升"
    return "明显下降" if large else "有所下降"
