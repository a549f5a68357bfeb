"""The report as a Word document (python-docx), laid out like a township's official report: a centred title,
numbered headings, body text with a two-character first-line indent, charts as PNG pictures with captions, the
signature block on the right. Drafts (待审核) are highlighted yellow in the character style "待审核", data flags
(数据提示) turquoise in the style "数据提示", so the official sees at once what to edit."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph

from domain.report import Chart, Paragraph, ReportDocument, RunKind
from infra.report.charts import chart_png
from infra.report.fonts import CJK_SANS, CJK_SERIF

DRAFT_STYLE = "待审核"
FLAG_STYLE = "数据提示"
_HIGHLIGHT = {RunKind.DRAFT: WD_COLOR_INDEX.YELLOW, RunKind.FLAG: WD_COLOR_INDEX.TURQUOISE}
_STYLE_OF = {RunKind.DRAFT: DRAFT_STYLE, RunKind.FLAG: FLAG_STYLE}


def render_docx(document: ReportDocument) -> bytes:
    doc = Document()
    _set_up_styles(doc)
    props = doc.core_properties
    props.title = document.title
    props.author = document.signature.government_name
    props.comments = "；".join(document.notes)

    title = doc.add_paragraph(document.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in document.opening:
        _add_paragraph(doc, paragraph)
    figure_number = 0
    for section in document.sections:
        _heading(doc, section.heading, level=1, draft=section.draft and not section.subsections)
        for block in section.blocks:
            figure_number = _add_block(doc, block, figure_number)
        for subsection in section.subsections:
            _heading(doc, subsection.heading, level=2, draft=subsection.draft)
            for block in subsection.blocks:
                figure_number = _add_block(doc, block, figure_number)

    doc.add_paragraph()
    for line in (document.signature.government_name, document.signature.date_text):
        signed = doc.add_paragraph(line)
        signed.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        signed.paragraph_format.first_line_indent = None
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _add_block(doc: DocxDocument, block: Paragraph | Chart, figure_number: int) -> int:
    if isinstance(block, Paragraph):
        _add_paragraph(doc, block)
        return figure_number
    figure_number += 1
    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.first_line_indent = None
    picture.paragraph_format.line_spacing = 1.0  # the body's exact 28pt spacing would crop the picture
    picture.paragraph_format.space_before = Pt(6)
    picture.add_run().add_picture(io.BytesIO(chart_png(block)), width=Cm(15))
    caption = doc.add_paragraph(f"图{figure_number}  {block.title}", style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return figure_number


def _add_paragraph(doc: DocxDocument, paragraph: Paragraph) -> DocxParagraph:
    out = doc.add_paragraph()
    for run in paragraph.runs:
        added = out.add_run(run.display)
        if run.kind in _STYLE_OF:
            added.style = doc.styles[_STYLE_OF[run.kind]]
            added.font.highlight_color = _HIGHLIGHT[run.kind]
    return out


def _heading(doc: DocxDocument, text: str, *, level: int, draft: bool) -> None:
    heading = doc.add_paragraph(style=f"Heading {level}")
    run = heading.add_run(text)
    if draft:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _east_asian(style: BaseStyle, family: str) -> None:
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), family)
    fonts.set(qn("w:ascii"), family)
    fonts.set(qn("w:hAnsi"), family)


def _set_up_styles(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(16)  # 三号
    _east_asian(normal, CJK_SERIF)
    normal_format = normal.paragraph_format
    normal_format.first_line_indent = Pt(32)  # two characters
    normal_format.line_spacing = Pt(28)
    normal_format.space_after = Pt(0)

    title = styles["Title"]
    title.font.size, title.font.bold = Pt(22), False  # 二号
    title.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(title, CJK_SERIF)
    title.paragraph_format.first_line_indent = None
    title.paragraph_format.space_after = Pt(16)
    title_borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if title_borders is not None:
        title.element.pPr.remove(title_borders)

    for level in (1, 2):
        heading = styles[f"Heading {level}"]
        heading.font.size, heading.font.bold, heading.font.italic = Pt(16), level == 2, False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        _east_asian(heading, CJK_SANS)
        heading.paragraph_format.first_line_indent = Pt(32)
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(0)

    caption = styles["Caption"]
    caption.font.size, caption.font.italic = Pt(10.5), False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(caption, CJK_SANS)
    caption.paragraph_format.first_line_indent = None

    for name, highlight in ((DRAFT_STYLE, WD_COLOR_INDEX.YELLOW), (FLAG_STYLE, WD_COLOR_INDEX.TURQUOISE)):
        character = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        character.font.highlight_color = highlight
