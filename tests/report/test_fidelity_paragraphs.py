"""Golden paragraphs for the sentences the seed reports use for figures the system holds (issue 12 item 3): the
cause of action, reconsideration and litigation, the change in certified officers, qualified counts with their
measure words, training by audience, platform warnings, supervisors and advisors, evaluation rounds, the
disclosure scope, and last year's figures when they are unknown."""

from __future__ import annotations

from datetime import date

from domain.report import RunKind
from domain.statistics.figures import AnnualFigures, Figure, Unit
from tests.report.seeds import AT_LEAST, annual, fig
from tests.report.support import paragraph_containing, report

YEAR_END = date(2023, 12, 31)


def cause(procedure: str, code: str, name: str, cases: int, fines_fen: int) -> tuple[Figure, Figure]:
    return (Figure(metric=f"cases_by_violation:{procedure}:{code}", value=cases, unit=Unit.COUNT, note=name),
            Figure(metric=f"fines_by_violation:{procedure}:{code}", value=fines_fen, unit=Unit.FEN, note=name))


def town(*figures: Figure, causes: tuple[Figure, ...] = (), previous: AnnualFigures | None = None) -> AnnualFigures:
    base = annual("yangliuqing", "杨柳青镇", 2023, YEAR_END, *figures, previous=previous)
    return AnnualFigures(scope=base.scope, scope_name=base.scope_name, year=base.year, as_of=base.as_of,
                         figures=base.figures, by_violation=causes, previous=previous, high_water_mark=1)


CASES = (fig("penalty_cases_total", 20), fig("general_procedure_cases", 12), fig("simple_procedure_cases", 8),
         fig("fines_imposed_general", 600_000), fig("fines_imposed_simple", 40_000))


def test_a_kind_whose_cases_share_one_cause_says_the_cause_once() -> None:
    document = report(town(*CASES, causes=(*cause("GENERAL", "ILLEGAL_PILING", "堆物", 12, 600_000),
                                           *cause("SIMPLE", "ROAD_OCCUPATION_VENDING", "占道经营", 8, 40_000))))

    paragraph = paragraph_containing(document, "从案由看")

    assert paragraph.text == "从案由看，一般程序案件案由均为堆物；简易程序案件案由均为占道经营。"
    assert "cases_by_violation:GENERAL:ILLEGAL_PILING" in {f.metric for f in paragraph.cites}


def test_mixed_causes_are_broken_down_by_cases_and_fines_largest_first() -> None:
    document = report(town(*CASES, causes=(*cause("GENERAL", "BANNER", "布标幔帐", 4, 200_000),
                                           *cause("GENERAL", "ILLEGAL_PILING", "堆物", 8, 400_000))))

    assert paragraph_containing(document, "从案由看").text == (
        "从案由看，一般程序案件中堆物8起，罚款4000元，布标幔帐4起，罚款2000元。")


def test_cases_recorded_without_a_cause_are_stated_and_flagged() -> None:
    document = report(town(*CASES, causes=(*cause("GENERAL", "ILLEGAL_PILING", "堆物", 10, 500_000),
                                           *cause("GENERAL", "", "", 2, 100_000),
                                           *cause("SIMPLE", "", "", 8, 40_000))))

    paragraph = paragraph_containing(document, "从案由看")

    assert paragraph.text == (
        "从案由看，一般程序案件中堆物10起，罚款5000元，未注明违法行为类型2起；简易程序案件8起均未注明违法行为类型。"
        "【数据提示：一般程序案件2起、简易程序案件8起录入时未注明违法行为类型，请补录案由】")


def test_no_reconsideration_or_litigation_is_said_in_so_many_words() -> None:
    document = report(town(*CASES, fig("reconsiderations_decided", 0), fig("litigations_judged", 0),
                           fig("decisions_revoked_or_changed", 0)))

    assert paragraph_containing(document, "行政诉讼").text == "未发生行政复议、行政诉讼。"


def test_litigation_is_reported_beside_reconsideration() -> None:
    document = report(town(*CASES, fig("reconsiderations_decided", 0), fig("litigations_judged", 1),
                           fig("decisions_revoked_or_changed", 0)))

    assert paragraph_containing(document, "行政诉讼").text == (
        "发生行政诉讼1起，未发生行政复议，无被撤销或变更的执法决定。")


def test_the_change_in_certified_officers_is_written_in_words() -> None:
    last_year = town(fig("officers_certified", 30), fig("officers_in_post", 30))
    grown = report(town(fig("officers_in_post", 34), fig("officers_certified", 34), previous=last_year))
    same = report(town(fig("officers_in_post", 30), fig("officers_certified", 30), previous=last_year))
    shrunk = report(town(fig("officers_in_post", 28), fig("officers_certified", 28), previous=last_year))

    assert paragraph_containing(grown, "持证").text == (
        "目前，全镇共有执法人员34名。执法人员均持有执法证件。持证执法人员较去年增加4人。")
    assert "持证执法人员与去年30名持平。" in paragraph_containing(same, "持证").text
    assert "持证执法人员较去年减少2人。" in paragraph_containing(shrunk, "持证").text


def test_an_unknown_last_year_is_never_written_as_zero() -> None:
    unknown = town()  # last year's figures were never entered: none exist, so none are compared
    document = report(town(*CASES, fig("officers_in_post", 34), fig("officers_certified", 34), previous=unknown))

    assert "原有" not in document.text and "0名" not in document.text and "较去年" not in document.text
    assert "与去年" not in paragraph_containing(document, "行政处罚案件20起").text


def test_qualified_inspection_counts_keep_their_qualifier_and_are_counted_in_ci() -> None:
    document = report(town(fig("inspections_recorded", 4000, AT_LEAST)))

    assert "今年共进行执法巡查4000余次。" in paragraph_containing(document, "执法巡查").text


def test_training_hours_are_split_by_audience_when_auxiliaries_were_trained() -> None:
    document = report(town(fig("training_sessions", 13), fig("training_hours", 84),
                           fig("training_sessions_officers", 10), fig("training_hours_officers", 72),
                           fig("training_sessions_auxiliary", 4), fig("training_hours_auxiliary", 16)))

    assert paragraph_containing(document, "培训对象").text == (
        "今年全镇共组织执法培训13次，共计84学时。按培训对象分，面向执法人员培训10次，共计72学时；"
        "面向辅助执法人员培训4次，共计16学时。")


def test_platform_warnings_handled_supervisors_and_advisors_are_stated() -> None:
    document = report(town(fig("platform_warnings", 3), fig("platform_warnings_resolved", 3),
                           fig("officers_in_post", 34), fig("enforcement_supervisors", 2),
                           fig("legal_advisors", 1)))

    assert "行政执法监督平台发出预警3次，已全部处理。" in paragraph_containing(document, "预警").text
    assert "安排行政执法监督人员2名，聘请法律顾问1名。" in paragraph_containing(document, "法律顾问").text


def test_unhandled_platform_warnings_are_flagged() -> None:
    document = report(town(fig("platform_warnings", 3), fig("platform_warnings_resolved", 1)))

    paragraph = paragraph_containing(document, "预警")

    assert "行政执法监督平台发出预警3次，已处理1次。" in paragraph.text
    assert "尚有2次平台预警未见处理记录，请核实" in [r.text for r in paragraph.runs if r.kind is RunKind.FLAG]


def test_evaluation_rounds_and_case_files_are_told_apart() -> None:
    document = report(town(fig("case_file_evaluation_sessions", 1), fig("case_file_evaluations", 2),
                           fig("case_file_evaluations_with_problems", 0)))

    assert paragraph_containing(document, "共评查").text == (
        "今年开展案卷评查1次，共评查行政处罚案卷2件，没有发现明显问题。")


def test_decisions_still_within_their_disclosure_window_are_not_a_gap() -> None:
    """A report generated seconds after the last decision: nothing is due yet, so no 公示率0%."""
    document = report(town(*CASES, fig("decisions_disclosed", 0), fig("decisions_disclosure_due", 0),
                           fig("decisions_disclosed_in_scope", 0)))

    assert "公示率" not in document.text
    assert not paragraph_containing(document, "1．行政执法公示制度。").has_flag


def test_a_disclosure_gap_counts_only_the_decisions_whose_window_has_passed() -> None:
    document = report(town(*CASES, fig("decisions_disclosed", 3), fig("decisions_disclosure_due", 4),
                           fig("decisions_disclosed_in_scope", 3), fig("disclosure_rate", 7500)))

    assert [r.text for r in paragraph_containing(document, "1．行政执法公示制度。").runs
            if r.kind is RunKind.FLAG] == [
        "公示期已届满的一般程序行政处罚决定4起，已公示3起，公示率75%，尚未做到应公尽公，请核实未公示原因"]
