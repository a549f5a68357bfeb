"""Renderers of the annual enforcement report (`domain.report.ReportDocument`): docx, html, md, json."""

from __future__ import annotations

import enum

from domain.report import ReportDocument


class ReportFormat(enum.StrEnum):
    DOCX = "docx"
    HTML = "html"
    MD = "md"
    JSON = "json"


def render(document: ReportDocument, report_format: ReportFormat) -> bytes:
    """The report in the given format (text formats UTF-8 encoded). Renderers are imported on use: docx and the
    charts pull in python-docx and matplotlib."""
    if report_format is ReportFormat.DOCX:
        from infra.report.docx_renderer import render_docx

        return render_docx(document)
    if report_format is ReportFormat.HTML:
        from infra.report.html_renderer import render_html

        return render_html(document).encode("utf-8")
    if report_format is ReportFormat.MD:
        from infra.report.markdown_renderer import render_markdown

        return render_markdown(document).encode("utf-8")
    from infra.report.json_renderer import render_json

    return render_json(document).encode("utf-8")


__all__ = ["ReportFormat", "render"]
