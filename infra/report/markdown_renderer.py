"""The report as Markdown: headings, paragraphs with their 【待审核：…】/【数据提示：…】 markers, and each chart
as a table of its data (Markdown has no pictures without a file beside it)."""

from __future__ import annotations

from domain.report import Chart, Paragraph, ReportDocument
from infra.report.charts import value_label


def render_markdown(document: ReportDocument) -> str:
    out = [f"<!-- {'；'.join(document.notes)} -->", "", f"# {document.title}", ""]
    out.extend(line for p in document.opening for line in (p.text, ""))
    figure_number = 0
    for section in document.sections:
        out.extend((f"## {section.heading}", ""))
        for block in section.blocks:
            figure_number = _block(out, block, figure_number)
        for subsection in section.subsections:
            out.extend((f"### {subsection.heading}", ""))
            for block in subsection.blocks:
                figure_number = _block(out, block, figure_number)
    out.extend((f'<p align="right">{document.signature.government_name}<br>{document.signature.date_text}</p>', ""))
    return "\n".join(out)


def _block(out: list[str], block: Paragraph | Chart, figure_number: int) -> int:
    if isinstance(block, Paragraph):
        out.extend((block.text, ""))
        return figure_number
    figure_number += 1
    out.extend((f"**图{figure_number}  {block.title}**", ""))
    header = ["类别", *(f"{s.name}（{s.unit}）" for s in block.series)]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join("---" for _ in header) + "|")
    for index, category in enumerate(block.categories):
        out.append("| " + " | ".join([category, *(value_label(s.values[index]) for s in block.series)]) + " |")
    out.append("")
    return figure_number
