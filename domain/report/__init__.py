"""The annual enforcement report (行政执法工作报告) as text, generated from the year-end figures.

`build_report(figures, town_name=…, government_name=…, generated_on=…)` returns a `ReportDocument`: title, opening,
consecutively numbered sections (一、基本情况 … 四、下一步工作计划) with paragraphs made of runs, drafts for the
human to edit (【待审核：…】), coverage flags (【数据提示：…】), charts as data, and the signature block. Renderers
(docx, html, md, json) live in `infra.report`.
"""

from domain.report.builder import ReportTargets, build_report
from domain.report.document import (
    Block,
    Chart,
    Paragraph,
    ReportDocument,
    Run,
    RunKind,
    Section,
    Series,
    Signature,
    Subsection,
)

__all__ = [
    "Block",
    "Chart",
    "Paragraph",
    "ReportDocument",
    "ReportTargets",
    "Run",
    "RunKind",
    "Section",
    "Series",
    "Signature",
    "Subsection",
    "build_report",
]
