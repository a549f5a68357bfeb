"""A template filled in as a Word document, byte for byte the same every time for the same inputs: the core
properties' times are the document's own date (from the case's events, never the clock), the package's zip
entries carry a fixed timestamp in python-docx's fixed order, and nothing else varies.

Fonts: Chinese text is declared as 宋体 (eastAsia, with SimSun as its alternative name and the GB2312 charset in
the font table, so Word on any system picks it), Latin text as Times New Roman; LibreOffice, where neither is
installed, falls back through fontconfig to the Noto CJK fonts (fonts-noto-cjk), so both render the same text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from infra.documents.templates import Block, Template, fill

CJK_FONT, CJK_FONT_ALT, LATIN_FONT = "宋体", "SimSun", "Times New Roman"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FONT_TABLE = "word/fontTable.xml"
_CJK_FONT_ENTRY = (f'<w:font w:name="{CJK_FONT}"><w:altName w:val="{CJK_FONT_ALT}"/>'
                   '<w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/>'
                   '<w:pitch w:val="variable"/></w:font>')
_SIZES = {"agency": 18.0, "title": 22.0, "number": 14.0, "body": 14.0, "plain": 14.0, "signature": 14.0,
          "note": 10.5}
_CENTRED = frozenset({"agency", "title"})


def render(template: Template, fields: Mapping[str, str], dated: datetime, *, copy_note: str = "") -> bytes:
    """The filled-in .docx. `copy_note` is printed above the title (e.g. that this is the masked public copy)."""
    doc = Document()
    _page_and_fonts(doc)
    author = fields.get("agency", "")
    props = doc.core_properties
    moment = dated.astimezone(UTC).replace(tzinfo=None)
    props.created = props.modified = moment
    props.author = props.last_modified_by = author
    props.title = f"{template.title} {fields.get('number', '')}".strip()
    props.revision = 1
    if copy_note:
        _paragraph(doc, "note", copy_note)
    for index, block in enumerate(template.blocks, start=1):
        _block(doc, template, block, fields, f"{template.source}, block {index}")
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalised(buffer.getvalue())


def normalised(package: bytes) -> bytes:
    """The same package with fixed entry timestamps and attributes, and 宋体 declared in the font table."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == FONT_TABLE and CJK_FONT.encode() not in data:
                data = data.replace(b"</w:fonts>", _CJK_FONT_ENTRY.encode() + b"</w:fonts>")
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, data)
    return out.getvalue()


def _block(doc: DocxDocument, template: Template, block: Block, fields: Mapping[str, str], where: str) -> None:
    if block.when and not fields.get(block.when, "").strip():
        return
    if block.table:
        table = doc.add_table(rows=0, cols=2)
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in block.table:
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Cm(4.2), Cm(11.3)
            for cell, text in ((cells[0], label), (cells[1], value)):
                cell.paragraphs[0].add_run(fill(text, fields, where))
                cell.paragraphs[0].paragraph_format.first_line_indent = None
        return
    if block.lines:
        for line in block.lines:
            text = fill(line, fields, where)
            if text.strip():
                _paragraph(doc, "signature", text)
        return
    _paragraph(doc, block.style, fill(block.text, fields, where))


def _paragraph(doc: DocxDocument, style: str, text: str) -> Paragraph:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(_SIZES[style])
    run.font.bold = style in _CENTRED
    layout = paragraph.paragraph_format
    if style in _CENTRED or style == "number":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif style == "signature":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    layout.first_line_indent = Pt(28) if style == "body" else None
    if style == "title":
        layout.space_after = Pt(6)
    return paragraph


def _page_and_fonts(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)  # A4, the national documents' paper
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    for name in ("Normal", "Table Grid"):
        _fonts(doc.styles[name])
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.paragraph_format.line_spacing = Pt(26)
    normal.paragraph_format.space_after = Pt(0)


def _fonts(style: BaseStyle) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:hint"), "eastAsia")
