"""What a year-end statistic is: a value with its unit and qualifier (EXACT, 余 AT_LEAST, 约 APPROX), where it
comes from, and the events behind it (drill-down). Values are integers in their unit: money in fen, areas in
square decimetres, ratios in basis points (1/10,000), durations in days (tenths of days where stated), so
nothing is ever rounded silently. Tallies in different units are never added (DOMAIN.md §5.3)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


class Qualifier(enum.StrEnum):
    EXACT = "EXACT"
    AT_LEAST = "AT_LEAST"  # 余
    APPROX = "APPROX"  # 约


class Source(enum.StrEnum):
    """DOMAIN.md §4 sources."""

    EVENTS = "E"
    ROSTER = "R"
    ASSETS = "A"
    LEDGER = "L"
    TRAINING = "T"
    HOTLINE = "H"
    PLATFORM = "P"
    OTHER_SYSTEMS = "O"
    REFERENCE = "M"


class Unit(enum.StrEnum):
    COUNT = "COUNT"  # 起/件/个/人/次 — the metric's definition says which
    FEN = "FEN"
    DM2 = "DM2"  # square decimetres (1 m² = 100 dm²)
    MU_TENTHS = "MU_TENTHS"  # tenths of a mu (亩)
    HOURS = "HOURS"  # 学时
    BASIS_POINTS = "BASIS_POINTS"  # ratios: 10,000 = 100 %
    DAY_TENTHS = "DAY_TENTHS"  # mean durations, tenths of a day
    # Campaign tallies keep their own units (places, pieces, bike-times, vehicles, …): never added across units.
    PLACES = "PLACES"  # 处
    PIECES = "PIECES"  # 张/件
    VEHICLES = "VEHICLES"  # 辆
    VEHICLE_TIMES = "VEHICLE_TIMES"  # 辆次
    CASES = "CASES"  # 起
    TIMES = "TIMES"  # 次


@dataclass(frozen=True)
class MetricDefinition:
    key: str
    name_zh: str
    unit: Unit
    source: Source
    definition: str


@dataclass(frozen=True)
class Figure:
    metric: str
    value: int
    unit: Unit
    qualifier: Qualifier = Qualifier.EXACT
    source: Source = Source.EVENTS
    event_ids: tuple[str, ...] = ()  # "stream_id#seq" of the events behind the figure (drill-down)
    note: str = ""


@dataclass(frozen=True)
class AnnualFigures:
    """Every figure of one scope (a town, an enforcement unit, or a district rollup) for a year up to `as_of`."""

    scope: str  # town code, unit code or district code
    scope_name: str  # e.g. 张家窝镇
    year: int
    as_of: date
    figures: Mapping[str, Figure] = field(default_factory=dict)
    # Tallies by (violation type, unit): each its own figure, never summed across units.
    tallies: tuple[Figure, ...] = ()
    # Penalty cases and fines by procedure and violation type (案由): `cases_by_violation:GENERAL:ILLEGAL_PILING`,
    # `fines_by_violation:SIMPLE:` (the type not stated); the note is the type's name in the reference data.
    by_violation: tuple[Figure, ...] = ()
    previous: AnnualFigures | None = None  # the same scope's previous year, for year-over-year sentences
    high_water_mark: int = 0  # the event log position the figures were computed at

    def value(self, key: str) -> int | None:
        figure = self.figures.get(key)
        return None if figure is None else figure.value


def _m(key: str, zh: str, unit: Unit, source: Source, definition: str) -> MetricDefinition:
    return MetricDefinition(key, zh, unit, source, definition)


E, R, A, L, T, H, M = (Source.EVENTS, Source.ROSTER, Source.ASSETS, Source.LEDGER, Source.TRAINING,
                       Source.HOTLINE, Source.REFERENCE)
OTHER = Source.OTHER_SYSTEMS
C, F = Unit.COUNT, Unit.FEN

METRICS: Mapping[str, MetricDefinition] = {m.key: m for m in (
    _m("enforcement_items_count", "执法事项", C, M, "catalog items in force at as_of"),
    _m("enforcement_domains_count", "执法领域", C, M, "domains of the powers in the catalog"),
    _m("staff_total", "工作人员", C, R, "all staff on the roster at as_of"),
    _m("officers_in_post", "执法人员", C, R, "certified officers in post at as_of"),
    _m("officers_certified", "持证执法人员", C, R, "officers holding a valid certificate at as_of"),
    _m("officers_at_start", "年初执法人员", C, R, "certified officers at the start of the year"),
    _m("certificates_cancelled", "注销执法证", C, R, "certificates cancelled during the year"),
    _m("auxiliary_staff", "辅助执法人员", C, R, "auxiliary staff (协勤) at as_of"),
    _m("logistics_staff", "后勤人员", C, R, "logistics staff at as_of"),
    _m("legal_reviewers", "法制审核人员", C, R, "legal reviewers at as_of"),
    _m("legal_advisors", "法律顾问", C, R, "legal advisors engaged at as_of"),
    _m("body_cameras", "执法记录仪", C, A, "body cameras in the register at as_of"),
    _m("camcorders", "摄像机/录像机", C, A, "camcorders at as_of"),
    _m("fixed_cameras", "摄像头", C, A, "fixed cameras at as_of"),
    _m("iot_phones", "物联网手机", C, A, "IoT phones at as_of"),
    _m("drones", "无人机", C, A, "drones at as_of"),
    _m("inspections_recorded", "执法巡查", C, E, "InspectionCompleted in the period"),
    _m("cases_filed", "立案", C, E, "CaseFiled in the period"),
    _m("penalty_cases_total", "行政处罚案件", C, E, "PENALTY decisions (simple + general) in the period"),
    _m("simple_procedure_cases", "简易程序案件", C, E, "SimplePenaltyDecided in the period"),
    _m("general_procedure_cases", "一般程序案件", C, E, "DecisionMade PENALTY in the period"),
    _m("fines_imposed_total", "罚款", F, E, "Σ fine of PENALTY decisions in the period"),
    _m("fines_imposed_simple", "简易程序罚款", F, E, "Σ fine of simple-procedure decisions"),
    _m("fines_imposed_general", "一般程序罚款", F, E, "Σ fine of general-procedure PENALTY decisions"),
    _m("illegal_construction_procedures", "违法建设执法程序", C, E, "illegal-construction procedures opened"),
    _m("legal_reviews_completed", "法制审核", C, E, "cases with an APPROVED legal review in the period"),
    _m("decisions_disclosed", "公示处罚案件", C, E, "DisclosurePublished in the period"),
    _m("soft_list_items", "柔性执法清单事项", C, M, "soft-enforcement list items in force at as_of"),
    _m("soft_enforcement_cases", "柔性执法", C, E, "soft outcomes: decisions with a soft outcome and on-site "
                                                 "corrections citing the soft list"),
    _m("no_penalty_cases", "不予处罚", C, E, "NO_PENALTY decisions in the period"),
    _m("lighter_penalty_cases", "从轻处罚", C, E, "PENALTY decisions with modifier LIGHTER"),
    _m("reduced_penalty_cases", "减轻处罚", C, E, "PENALTY decisions with modifier REDUCED"),
    _m("demolitions", "拆除违法建设", C, E, "DemolitionCompleted / self-demolition verified: structures"),
    _m("demolished_area", "拆除面积", Unit.DM2, E, "area demolished"),
    _m("illegal_land_use_cases", "治理违法占地", C, L, "illegal land use cases in the ledger"),
    _m("illegal_land_use_area", "违法占地面积", Unit.MU_TENTHS, L, "illegal land use area"),
    _m("training_sessions", "培训次数", C, T, "training sessions held"),
    _m("training_hours", "培训学时", Unit.HOURS, T, "training hours"),
    _m("training_sessions_online", "网络授课", C, T, "online sessions"),
    _m("training_hours_online", "网络授课学时", Unit.HOURS, T, "online hours"),
    _m("training_sessions_offline", "线下授课", C, T, "offline sessions"),
    _m("training_hours_offline", "线下授课学时", Unit.HOURS, T, "offline hours"),
    _m("publicity_events", "普法宣传活动", C, L, "publicity events"),
    _m("publicity_materials", "宣传材料", C, L, "materials handed out"),
    _m("hotline_tickets", "12345热线工单", C, H, "tickets received"),
    _m("hotline_calls", "来电投诉", C, H, "calls answered and handled"),
    _m("hotline_superior_referrals", "上级督办", C, H, "tickets referred by superiors"),
    _m("hotline_response_rate", "回应率", Unit.BASIS_POINTS, H, "responded ÷ received"),
    _m("hotline_completion_rate", "办结率", Unit.BASIS_POINTS, H, "completed ÷ received"),
    _m("case_file_evaluations", "案卷评查", C, E, "case files evaluated"),
    _m("case_file_evaluations_with_problems", "评查发现问题", C, E, "evaluations that found problems"),
    _m("licences", "行政许可", C, OTHER, "licences granted"),
    _m("benefits", "行政给付", C, OTHER, "benefits paid"),
    _m("confirmations", "行政确认", C, OTHER, "confirmations made"),
    # What no report has yet but every supervisor wants.
    _m("deadline_breaches", "超期", C, E, "DeadlineBreached in the period (agency deadlines; by deadline in notes)"),
    _m("legal_review_coverage", "法制审核覆盖率", Unit.BASIS_POINTS, E, "reviews ÷ general decisions"),
    _m("disclosure_rate", "公示率", Unit.BASIS_POINTS, E, "disclosed ÷ decisions in disclosure scope"),
    _m("decisions_disclosure_due", "应公示处罚决定", C, E, "general PENALTY decisions of the period whose D17 window "
                                                          "(7 working days after service) has passed by as_of, or "
                                                          "already disclosed"),
    _m("decisions_disclosed_in_scope", "已公示处罚决定", C, E, "of those, disclosed by as_of"),
    _m("disclosure_on_time_rate", "按时公示率", Unit.BASIS_POINTS, E, "disclosed within D17 ÷ disclosed"),
    _m("mean_days_filing_to_decision", "立案至决定平均天数", Unit.DAY_TENTHS, E, "mean days filing → decision"),
    _m("hearings_requested", "申请听证", C, E, "HearingRequested"),
    _m("hearings_held", "举行听证", C, E, "HearingHeld"),
    _m("criminal_transfers", "移送司法机关", C, E, "CaseTransferredToPolice"),
    _m("reconsiderations_decided", "行政复议", C, E, "ReconsiderationDecided"),
    _m("litigations_judged", "行政诉讼", C, E, "LitigationJudged"),
    _m("decisions_revoked_or_changed", "被撤销或变更", C, E, "reconsideration or litigation outcomes adverse"),
    _m("cases_pending_at_cutoff", "未结案件", C, E, "filed and not decided, withdrawn or transferred at as_of"),
    _m("cases_carried_in", "上年结转", C, E, "filed before the period and pending at its start"),
    # Added for issue 5 (ledgers and the reconciliation).
    _m("training_sessions_internal", "内部培训", C, T, "internal sessions of the unit's legal section"),
    _m("training_hours_internal", "内部培训学时", Unit.HOURS, T, "internal training hours"),
    _m("hotline_responded", "已回应工单", C, H, "tickets responded to"),
    _m("hotline_completed", "已办结工单", C, H, "tickets completed"),
    _m("platform_warnings", "平台预警", C, Source.PLATFORM, "warnings the supervision platform raised"),
    _m("platform_warnings_resolved", "平台预警已处理", C, Source.PLATFORM, "warnings resolved in the period"),
    _m("enforcement_supervisors", "行政执法监督人员", C, R, "staff acting as enforcement supervisors at as_of"),
    _m("case_file_evaluation_sessions", "案卷评查次数", C, E, "evaluation rounds (distinct sessions stated)"),
    _m("training_sessions_officers", "执法人员培训", C, T, "programme sessions for officers (or everyone)"),
    _m("training_hours_officers", "执法人员培训学时", Unit.HOURS, T, "their hours"),
    _m("training_sessions_auxiliary", "辅助执法人员培训", C, T, "programme sessions for auxiliaries (or everyone)"),
    _m("training_hours_auxiliary", "辅助执法人员培训学时", Unit.HOURS, T, "their hours"),
    _m("cases_decided_penalty", "立案后处罚决定", C, E, "filed cases whose first ending in the period is a "
                                                     "PENALTY decision"),
    _m("cases_decided_no_penalty", "立案后不予处罚", C, E, "filed cases ended by a NO_PENALTY decision"),
    _m("cases_transferred", "移送", C, E, "filed cases ended by a transfer (agency, police, judiciary)"),
    _m("cases_withdrawn", "撤销立案", C, E, "filed cases withdrawn"),
    _m("reconciliation_gap", "立案对账差额", C, E, "filed − (penalty + no-penalty + transferred + withdrawn + "
                                                "pending at cut-off − carried in); 0 when the books balance"),
)}

# Prefixes of the per-violation-type figures (`AnnualFigures.by_violation`), with their units.
BY_VIOLATION: Mapping[str, Unit] = {"cases_by_violation": Unit.COUNT, "fines_by_violation": Unit.FEN}
