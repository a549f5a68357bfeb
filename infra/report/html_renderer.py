"""The report as one self-contained HTML page: styles inline, charts as inline SVG (their text drawn as paths, so
Chinese labels show without any font on the reader's machine), drafts and data flags highlighted."""

from __future__ import annotations

from html import escape

from domain.report import Chart, Paragraph, ReportDocument, RunKind
from infra.report.charts import chart_svg

_CSS = """
body { font-family: "Noto Serif CJK SC", "FangSong", "SimSun", serif; font-size: 16pt; line-height: 1.75;
       max-width: 46em; margin: 2em auto; color: #000; }
h1 { text-align: center; font-size: 22pt; font-weight: normal; }
h2, h3 { font-family: "Noto Sans CJK SC", "SimHei", sans-serif; font-size: 16pt; text-indent: 2em; margin: .4em 0; }
h2 { font-weight: normal; }
p { text-indent: 2em; margin: 0; }
mark.draft { background: #fff27a; }
mark.flag { background: #8fe3e3; }
.draft-heading { background: #fff27a; }
figure { text-align: center; margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 10.5pt; }
.signature { text-align: right; text-indent: 0; }
"""

_MARK = {RunKind.DRAFT: "draft", RunKind.FLAG: "flag"}


def render_html(document: ReportDocument) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(document.title)}</title>",
        f'<meta name="generator" content="zhifa; {escape("；".join(document.notes))}">',
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(document.title)}</h1>",
    ]
    out.extend(_paragraph(p) for p in document.opening)
    figure_number = 0
    for section in document.sections:
        out.append(_heading("h2", section.heading, section.draft and not section.subsections))
        for block in section.blocks:
            figure_number, html = _block(block, figure_number)
            out.append(html)
        for subsection in section.subsections:
            out.append(_heading("h3", subsection.heading, subsection.draft))
            for block in subsection.blocks:
                figure_number, html = _block(block, figure_number)
                out.append(html)
    out.append(f'<p class="signature">{escape(document.signature.government_name)}</p>')
    out.append(f'<p class="signature">{escape(document.signature.date_text)}</p>')
    out.extend(["</body>", "</html>", ""])
    return "\n".join(out)


def _heading(tag: str, text: str, draft: bool) -> str:
    inner = f'<span class="draft-heading">{escape(text)}</span>' if draft else escape(text)
    return f"<{tag}>{inner}</{tag}>"


def _paragraph(paragraph: Paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = escape(run.display)
        parts.append(f'<mark class="{_MARK[run.kind]}">{text}</mark>' if run.kind in _MARK else text)
    return f"<p>{''.join(parts)}</p>"


def _block(block: Paragraph | Chart, figure_number: int) -> tuple[int, str]:
    if isinstance(block, Paragraph):
        return figure_number, _paragraph(block)
    figure_number += 1
    svg = chart_svg(block)
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: the SVG is inline
    caption = f"图{figure_number}  {escape(block.title)}"
    return figure_number, f'<figure data-chart="{escape(block.key)}">{svg}<figcaption>{caption}</figcaption></figure>'
