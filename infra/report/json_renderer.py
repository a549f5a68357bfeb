"""The report as JSON: the paragraphs (text, runs, draft/flag marks) each with the figures it states, the charts
with their data, and every figure of the year and of last year — its value as written, qualifier, unit, source,
and the event ids behind it (drill-down: "stream_id#seq"). A cited figure says which year it is from."""

from __future__ import annotations

import json
from typing import Any

from domain.report import Chart, Paragraph, ReportDocument
from domain.report.wording import amount
from domain.statistics.figures import METRICS, AnnualFigures, Figure


def render_json(document: ReportDocument) -> str:
    figures = document.figures
    year_of = _YearOf(figures)
    body = {
        "title": document.title,
        "scope": figures.scope,
        "scope_name": figures.scope_name,
        "year": figures.year,
        "as_of": figures.as_of.isoformat(),
        "generated_on": document.generated_on.isoformat(),
        "high_water_mark": figures.high_water_mark,
        "opening": [_paragraph(p, year_of) for p in document.opening],
        "sections": [
            {
                "number": section.number,
                "heading": section.heading,
                "draft": section.draft,
                "blocks": [_block(b, year_of) for b in section.blocks],
                "subsections": [
                    {"number": sub.number, "heading": sub.heading, "draft": sub.draft,
                     "blocks": [_block(b, year_of) for b in sub.blocks]}
                    for sub in section.subsections
                ],
            }
            for section in document.sections
        ],
        "signature": {"government": document.signature.government_name,
                      "date": document.signature.signed_on.isoformat(), "text": document.signature.date_text},
        "figures": _figures(figures),
        "previous": None if figures.previous is None else {
            "year": figures.previous.year, "as_of": figures.previous.as_of.isoformat(),
            "figures": _figures(figures.previous)},
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def figure_json(figure: Figure) -> dict[str, Any]:
    definition = METRICS.get(figure.metric)
    return {
        "metric": figure.metric,
        "name": definition.name_zh if definition else figure.note,
        "value": figure.value,
        "unit": figure.unit.value,
        "qualifier": figure.qualifier.value,
        "written": amount(figure),
        "source": figure.source.value,
        "event_ids": list(figure.event_ids),
        "note": figure.note,
    }


def _figures(figures: AnnualFigures) -> dict[str, Any]:
    return {
        "metrics": {key: figure_json(f) for key, f in sorted(figures.figures.items())},
        "tallies": [figure_json(f) for f in figures.tallies],
    }


class _YearOf:
    """Which year a cited figure belongs to (a year-over-year sentence cites both)."""

    def __init__(self, figures: AnnualFigures) -> None:
        self._current = figures
        self._previous = figures.previous

    def __call__(self, figure: Figure) -> int:
        if self._previous is not None and self._current.figures.get(figure.metric) != figure \
                and self._previous.figures.get(figure.metric) == figure:
            return self._previous.year
        return self._current.year

    def cited(self, figures: tuple[Figure, ...]) -> list[dict[str, Any]]:
        return [figure_json(f) | {"year": self(f)} for f in figures]


def _block(block: Paragraph | Chart, year_of: _YearOf) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return _paragraph(block, year_of)
    return {
        "type": "chart",
        "key": block.key,
        "title": block.title,
        "categories": list(block.categories),
        "series": [{"name": s.name, "unit": s.unit, "values": list(s.values)} for s in block.series],
        "figures": year_of.cited(block.cites),
    }


def _paragraph(paragraph: Paragraph, year_of: _YearOf) -> dict[str, Any]:
    return {
        "type": "paragraph",
        "text": paragraph.text,
        "draft": paragraph.is_draft,
        "flagged": paragraph.has_flag,
        "runs": [{"text": run.text, "kind": run.kind.value} for run in paragraph.runs],
        "figures": year_of.cited(paragraph.cites),
    }
