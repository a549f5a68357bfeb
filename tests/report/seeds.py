"""AnnualFigures modelled on the three township reports in /work/shared/seeds (大寺镇 2020, 张家窝镇 2022,
杨柳青镇 2023), built by hand so the report tests never depend on the statistics computation."""

from __future__ import annotations

from datetime import date

from domain.statistics.figures import METRICS, AnnualFigures, Figure, Qualifier, Unit

AT_LEAST, APPROX = Qualifier.AT_LEAST, Qualifier.APPROX


def fig(metric: str, value: int, qualifier: Qualifier = Qualifier.EXACT, *, events: int = 0,
        unit: Unit | None = None, note: str = "") -> Figure:
    definition = METRICS.get(metric)
    resolved = unit if unit is not None else (definition.unit if definition else Unit.COUNT)
    source = definition.source if definition else METRICS["cases_filed"].source
    return Figure(metric=metric, value=value, unit=resolved, qualifier=qualifier, source=source,
                  event_ids=tuple(f"{metric}-{i}#1" for i in range(events)), note=note)


def tally(violation_type: str, value: int, unit: Unit, qualifier: Qualifier = Qualifier.EXACT) -> Figure:
    return Figure(metric=f"tally:{violation_type}", value=value, unit=unit, qualifier=qualifier)


def annual(scope: str, name: str, year: int, as_of: date, *figures: Figure, tallies: tuple[Figure, ...] = (),
           previous: AnnualFigures | None = None) -> AnnualFigures:
    return AnnualFigures(scope=scope, scope_name=name, year=year, as_of=as_of,
                         figures={f.metric: f for f in figures}, tallies=tallies, previous=previous,
                         high_water_mark=4242)


def dasi_2020(*, previous: AnnualFigures | None = None) -> AnnualFigures:
    return annual(
        "dasi", "大寺镇", 2020, date(2020, 12, 31),
        fig("staff_total", 159), fig("officers_in_post", 12), fig("auxiliary_staff", 144),
        fig("logistics_staff", 3),
        fig("fixed_cameras", 21), fig("iot_phones", 21), fig("drones", 2), fig("body_cameras", 50),
        fig("camcorders", 3),
        fig("inspections_recorded", 4263),
        fig("penalty_cases_total", 154, events=3), fig("fines_imposed_total", 13_025_000, events=3),
        fig("general_procedure_cases", 119, events=2), fig("fines_imposed_general", 12_850_000, events=2),
        fig("simple_procedure_cases", 35, events=1), fig("fines_imposed_simple", 175_000, events=1),
        fig("legal_reviews_completed", 118, events=2), fig("decisions_disclosed", 4, events=4),
        fig("demolished_area", 20_021_600),
        fig("illegal_land_use_cases", 20, AT_LEAST), fig("illegal_land_use_area", 690, APPROX),
        fig("training_sessions", 8), fig("training_hours", 84), fig("publicity_materials", 1000, AT_LEAST),
        fig("licences", 295), fig("benefits", 176), fig("confirmations", 145),
        tallies=(
            tally("SHARED_BIKE_DISORDER", 5600, Unit.VEHICLE_TIMES, AT_LEAST),
            tally("ILLEGAL_POSTING", 3200, Unit.PLACES, AT_LEAST),
            tally("ROAD_OCCUPATION_VENDING", 2300, Unit.PLACES, AT_LEAST),
            tally("MUCK_SPILLAGE", 60, Unit.VEHICLES, AT_LEAST),
        ),
        previous=previous,
    )


def dasi_2019() -> AnnualFigures:
    return annual(
        "dasi", "大寺镇", 2019, date(2019, 12, 31),
        fig("penalty_cases_total", 120), fig("fines_imposed_total", 10_000_050),
        fig("general_procedure_cases", 80), fig("fines_imposed_general", 9_800_050),
        fig("simple_procedure_cases", 40), fig("fines_imposed_simple", 200_000),
    )


def zhangjiawo_2022() -> AnnualFigures:
    return annual(
        "zhangjiawo", "张家窝镇", 2022, date(2022, 12, 7),
        fig("enforcement_domains_count", 17),
        fig("body_cameras", 65), fig("camcorders", 8),
        fig("cases_filed", 250, events=2), fig("penalty_cases_total", 65, events=2),
        fig("fines_imposed_total", 48_114_060, events=2), fig("illegal_construction_procedures", 59),
        fig("demolitions", 21), fig("demolished_area", 19_300, APPROX),
        fig("training_sessions_online", 8), fig("training_hours_online", 110),
        fig("training_sessions_offline", 16), fig("training_hours_offline", 64),
        fig("publicity_events", 6),
        fig("case_file_evaluations", 8), fig("case_file_evaluations_with_problems", 0),
        tallies=(
            tally("ROAD_OCCUPATION_VENDING", 10279, Unit.PLACES),
            tally("ILLEGAL_PILING", 6713, Unit.PLACES),
            tally("ILLEGAL_POSTING", 9564, Unit.PIECES),
            tally("OUTDOOR_ADVERTISING", 136, Unit.PIECES),
            tally("BANNER", 36, Unit.PIECES),
            tally("SHARED_BIKE_DISORDER", 16160, Unit.PLACES),
            tally("MUCK_SPILLAGE", 25, Unit.PIECES),
            tally("OPEN_AIR_BBQ", 316, Unit.CASES),
        ),
    )


def yangliuqing_2023() -> AnnualFigures:
    last_year = annual("yangliuqing", "杨柳青镇", 2022, date(2022, 12, 31),
                       fig("penalty_cases_total", 21), fig("simple_procedure_cases", 13),
                       fig("general_procedure_cases", 8))
    return annual(
        "yangliuqing", "杨柳青镇", 2023, date(2023, 12, 8),
        fig("officers_at_start", 35), fig("certificates_cancelled", 1), fig("officers_in_post", 34),
        fig("auxiliary_staff", 162), fig("legal_advisors", 1),
        fig("penalty_cases_total", 27), fig("simple_procedure_cases", 12), fig("general_procedure_cases", 15),
        fig("soft_list_items", 23), fig("soft_enforcement_cases", 24), fig("no_penalty_cases", 1),
        fig("lighter_penalty_cases", 1), fig("reduced_penalty_cases", 0),
        fig("hotline_tickets", 671), fig("hotline_calls", 442), fig("hotline_superior_referrals", 22),
        fig("hotline_response_rate", 10_000), fig("hotline_completion_rate", 10_000),
        fig("training_sessions", 13), fig("training_hours", 84),
        fig("case_file_evaluations", 2), fig("case_file_evaluations_with_problems", 0),
        previous=last_year,
    )
