"""Helpers for the report tests: build a document from figures and find its parts by their text."""

from __future__ import annotations

from datetime import date

from domain.report import Paragraph, ReportDocument, Section, Subsection, build_report
from domain.statistics.figures import AnnualFigures

GOVERNMENTS = {"dasi": "西青区大寺镇人民政府", "zhangjiawo": "西青区张家窝镇人民政府",
               "yangliuqing": "西青区杨柳青镇人民政府"}
GENERATED_ON = date(2024, 1, 15)


def report(figures: AnnualFigures) -> ReportDocument:
    return build_report(figures, town_name=figures.scope_name,
                        government_name=GOVERNMENTS.get(figures.scope, f"{figures.scope_name}人民政府"),
                        generated_on=GENERATED_ON)


def paragraph_containing(document: ReportDocument, fragment: str) -> Paragraph:
    found = [p for p in document.paragraphs() if fragment in p.text]
    assert len(found) == 1, f"{len(found)} paragraphs contain {fragment!r}:\n{document.text}"
    return found[0]


def section(document: ReportDocument, title: str) -> Section:
    found = [s for s in document.sections if s.title == title]
    assert found, f"no section {title!r} in {[s.heading for s in document.sections]}"
    return found[0]


def subsection(document: ReportDocument, title: str) -> Subsection:
    found = [sub for s in document.sections for sub in s.subsections if sub.title == title]
    assert len(found) == 1, f"{len(found)} subsections titled {title!r}"
    return found[0]


def headings(document: ReportDocument) -> list[str]:
    return [s.heading for s in document.sections]
