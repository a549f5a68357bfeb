"""The report's structure does not depend on which data a town has (DOMAIN.md §5.9), partial years say so,
and sections 三/四 carry drafts derived from the data, marked for the official."""

from __future__ import annotations

from datetime import date

from domain.report import Paragraph, RunKind
from domain.statistics.figures import Qualifier
from tests.report.seeds import annual, fig
from tests.report.support import headings, paragraph_containing, report, section, subsection


def test_numbering_stays_consecutive_when_the_basic_section_has_no_data() -> None:
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), fig("training_sessions", 3),
                             fig("training_hours", 12)))

    assert headings(document) == ["一、主要工作措施及成效", "二、存在的问题", "三、下一步工作计划"]
    assert [s.heading for s in document.sections[0].subsections] == [
        "（一）落实行政执法“三项制度”", "（二）加强法治培训和普法宣传"]


def test_subsection_numbering_closes_up_over_missing_parts() -> None:
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), fig("hotline_tickets", 9),
                             fig("case_file_evaluations", 4), fig("licences", 7)))

    assert [s.heading for s in section(document, "基本情况").subsections] == ["（一）其他行政执法行为"]
    assert [s.heading for s in section(document, "主要工作措施及成效").subsections] == [
        "（一）落实行政执法“三项制度”", "（二）办理12345市民热线诉求", "（三）开展行政执法案卷评查"]


def test_without_any_figure_the_report_keeps_its_skeleton_and_says_nothing_was_checked() -> None:
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31)))

    assert headings(document) == ["一、主要工作措施及成效", "二、存在的问题", "三、下一步工作计划"]
    assert section(document, "存在的问题").blocks[0].text.startswith(
        "【待审核：系统中暂无可据以核对存在问题的数据。")
    assert list(document.charts()) == []


def test_a_full_year_says_jinnian_and_a_partial_year_says_jiezhi() -> None:
    full = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), fig("cases_filed", 10)))
    partial = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 8), fig("cases_filed", 10)))

    assert paragraph_containing(full, "立案10起").text == "今年全镇共计立案10起。"
    assert paragraph_containing(partial, "立案10起").text == "截至12月8日，全镇共计立案10起。"
    assert "数据截至" not in full.opening[0].text
    assert "（数据截至12月8日）" in partial.opening[0].text


def test_problems_are_derived_from_breaches_training_and_evaluations_as_drafts() -> None:
    document = report(annual(
        "dasi", "大寺镇", 2021, date(2021, 12, 31),
        fig("deadline_breaches", 3, note="D7 立案期限 2次，D12 送达期限 1次"),
        fig("training_sessions", 4), fig("training_hours", 30),
        fig("case_file_evaluations", 10), fig("case_file_evaluations_with_problems", 2),
        fig("hotline_tickets", 100), fig("hotline_completion_rate", 9_500),
    ))

    problems = section(document, "存在的问题")
    plans = section(document, "下一步工作计划")

    assert [s.heading for s in problems.subsections] == [
        "（一）部分案件办理超出规定期限", "（二）执法培训学时不足", "（三）执法案卷质量有待提高",
        "（四）群众诉求办结不够及时"]
    assert paragraph_containing(document, "超期").text == (
        "【待审核：全年发生办案期限超期3次（D7 立案期限 2次，D12 送达期限 1次），执法程序的时限要求落实不到位。】")
    assert paragraph_containing(document, "全年组织执法培训共计30学时").text == (
        "【待审核：全年组织执法培训共计30学时，未达到每人集中培训时间不少于50学时的要求，"
        "执法人员的法律素养和业务能力还需进一步提高。】")
    assert paragraph_containing(document, "今年共评查").text == "今年共评查行政处罚案卷10件，其中2件发现问题。"
    assert paragraph_containing(document, "案卷制作").text == (
        "【待审核：评查行政处罚案卷10件，其中2件发现问题，案卷制作仍存在格式不统一、记录不完整等情况。】")
    assert [s.title for s in plans.subsections] == [
        "强化办案期限管理", "加强法治培训，提高执法人员素质", "以案卷评查促进执法规范化", "提升群众诉求办理质效"]
    drafted = [b for s in (problems, plans) for b in s.all_blocks()]
    assert drafted and all(isinstance(b, Paragraph) and b.is_draft for b in drafted)
    assert all(run.kind is RunKind.DRAFT for b in drafted for run in b.runs)


def test_training_at_or_above_the_target_is_not_a_problem_but_stays_in_the_plan() -> None:
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), fig("training_hours", 84)))

    assert section(document, "存在的问题").subsections == ()
    assert subsection(document, "加强法治培训，提高执法人员素质").blocks[0].text.endswith(
        "力争达到全年每人集中培训时间不少于50学时。】")


def test_reconciliation_of_filed_cases_is_shown_and_a_gap_is_flagged() -> None:
    figures = annual(
        "zhangjiawo", "张家窝镇", 2022, date(2022, 12, 7),
        fig("cases_filed", 250), fig("cases_carried_in", 6), fig("cases_decided_penalty", 180),
        fig("cases_decided_no_penalty", 12), fig("cases_transferred", 3), fig("cases_withdrawn", 2),
        fig("cases_pending_at_cutoff", 55),
    )

    paragraph = paragraph_containing(report(figures), "从立案与办结情况看")

    assert paragraph.text == (
        "从立案与办结情况看，本年度立案250起，上年结转6起；作出处罚决定180起、不予处罚12起、移送有关机关3起、"
        "撤销立案2起，截至12月7日尚未办结55起。【数据提示：立案数与办结、未结案件数对账相差4起，请核对统计口径】")


def test_a_balanced_reconciliation_carries_no_flag() -> None:
    figures = annual(
        "zhangjiawo", "张家窝镇", 2022, date(2022, 12, 7),
        fig("cases_filed", 250), fig("cases_carried_in", 6), fig("cases_decided_penalty", 184),
        fig("cases_decided_no_penalty", 12), fig("cases_transferred", 3), fig("cases_withdrawn", 2),
        fig("cases_pending_at_cutoff", 55), fig("reconciliation_gap", 0),
    )

    paragraph = paragraph_containing(report(figures), "从立案与办结情况看")

    assert not paragraph.has_flag
    assert "reconciliation_gap" in {f.metric for f in paragraph.cites}


def test_officers_without_a_certificate_are_flagged() -> None:
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), fig("officers_in_post", 12),
                             fig("officers_certified", 10)))

    paragraph = paragraph_containing(document, "持有执法证件")

    assert paragraph.text == ("目前，全镇共有执法人员12名。其中持有执法证件10名。"
                              "【数据提示：尚有2名执法人员未持有有效执法证件，请核实】")


def test_approximate_demolition_area_and_at_least_land_use() -> None:
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), fig("demolitions", 21),
                             fig("demolished_area", 19_300, Qualifier.APPROX),
                             fig("illegal_land_use_cases", 20, Qualifier.AT_LEAST),
                             fig("illegal_land_use_area", 690, Qualifier.APPROX)))

    assert paragraph_containing(document, "拆除").text == (
        "拆除各类违法建设21处约193平方米。治理违法占地项目20余宗，约69亩。")


def test_a_year_of_zeros_draws_no_chart_and_claims_no_coverage() -> None:
    zeros = [fig(k, 0) for k in ("penalty_cases_total", "general_procedure_cases", "simple_procedure_cases",
                                 "fines_imposed_general", "fines_imposed_simple", "legal_reviews_completed")]
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), *zeros))

    assert list(document.charts()) == []
    assert paragraph_containing(document, "共审核").text.endswith("今年共审核行政处罚案件0起。")


def test_legal_reviews_covering_every_general_case_are_said_to() -> None:
    document = report(annual("dasi", "大寺镇", 2021, date(2021, 12, 31), fig("general_procedure_cases", 15),
                             fig("legal_reviews_completed", 15)))

    paragraph = paragraph_containing(document, "共审核")

    assert paragraph.text.endswith("今年共审核行政处罚案件15起，覆盖全部一般程序处罚案件。")
    assert not paragraph.has_flag
