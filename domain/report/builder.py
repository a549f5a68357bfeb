"""Assemble the report: title, opening, 基本情况, 主要工作措施及成效, 存在的问题, 下一步工作计划, signature.

Parts without figures are dropped first and the rest numbered afterwards, so headings are always consecutive
whatever data a town has (DOMAIN.md §5.9)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from domain.report.basics import basic_subsections
from domain.report.document import Paragraph, ReportDocument, Section, Signature, Subsection
from domain.report.facts import Facts, ParagraphWriter
from domain.report.measures import measure_subsections
from domain.report.problems import findings, plan_section_blocks, problem_section_blocks
from domain.report.wording import date_zh, month_day_zh
from domain.statistics.figures import AnnualFigures


@dataclass(frozen=True)
class ReportTargets:
    training_hours: int = 50  # 全年每人集中培训时间不少于50学时


def build_report(figures: AnnualFigures, *, town_name: str, government_name: str, generated_on: date,
                 targets: ReportTargets | None = None) -> ReportDocument:
    targets = targets or ReportTargets()
    facts = Facts(figures)
    found = findings(facts, training_hours_target=targets.training_hours)
    problem_blocks, problem_parts = problem_section_blocks(facts, found)
    plan_blocks, plan_parts = plan_section_blocks(
        found, training_hours_target=targets.training_hours, town_name=town_name)
    candidates = (
        Section(0, "基本情况", subsections=basic_subsections(facts)),
        Section(0, "主要工作措施及成效", subsections=measure_subsections(facts)),
        Section(0, "存在的问题", blocks=problem_blocks, subsections=problem_parts, draft=True),
        Section(0, "下一步工作计划", blocks=plan_blocks, subsections=plan_parts, draft=True),
    )
    sections = tuple(
        replace(section, number=n, subsections=_numbered(section.subsections))
        for n, section in enumerate((s for s in candidates if s.blocks or s.subsections), start=1)
    )
    return ReportDocument(
        title=f"{town_name}{figures.year}年度行政执法工作报告",
        opening=(_opening(facts, town_name),),
        sections=sections,
        signature=Signature(government_name=government_name, signed_on=figures.as_of),
        figures=figures,
        generated_on=generated_on,
        notes=(f"数据截至{date_zh(figures.as_of)}，生成于{date_zh(generated_on)}，"
               f"事件日志位置{figures.high_water_mark}",),
    )


def _numbered(subsections: tuple[Subsection, ...]) -> tuple[Subsection, ...]:
    present = (s for s in subsections if s.blocks)
    return tuple(replace(s, number=n) for n, s in enumerate(present, start=1))


def _opening(facts: Facts, town_name: str) -> Paragraph:
    w = ParagraphWriter()
    w.draft(f"{facts.year}年，{town_name}在区委、区政府的坚强领导下，依法履行法定职责，秉承公平、公开、公正的执法理念，"
            "严格规范公正文明执法，行政执法各项工作扎实有序推进。")
    period = f"（数据截至{month_day_zh(facts.as_of)}）" if facts.partial else ""
    w.text(f"现将我镇{facts.year}年度行政执法工作{period}报告如下：")
    return w.build()
