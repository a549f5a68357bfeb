"""The figures as the report writer reads them (this year, last year, the period wording), and the paragraph
writer that turns sentences into runs while remembering which figures they cite."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain.report.document import Paragraph, Run, RunKind
from domain.report.wording import amount, month_day_zh
from domain.statistics.figures import AnnualFigures, Figure


@dataclass(frozen=True)
class Facts:
    figures: AnnualFigures

    def get(self, key: str) -> Figure | None:
        return self.figures.figures.get(key)

    def previous(self, key: str) -> Figure | None:
        last_year = self.figures.previous
        return None if last_year is None else last_year.figures.get(key)

    def has_any(self, *keys: str) -> bool:
        return any(key in self.figures.figures for key in keys)

    @property
    def year(self) -> int:
        return self.figures.year

    @property
    def as_of(self) -> date:
        return self.figures.as_of

    @property
    def partial(self) -> bool:
        """The period stops before the year's end (reports are written in early December: "截至12月7日")."""
        return self.figures.as_of < date(self.figures.year, 12, 31)

    @property
    def lead(self) -> str:
        """How a period sentence opens: 今年 (a whole year) or 截至12月7日， (a partial year)."""
        return f"截至{month_day_zh(self.as_of)}，" if self.partial else "今年"

    @property
    def since(self) -> str:
        """今年以来， (a whole year) or 截至12月7日， (a partial year)."""
        return f"截至{month_day_zh(self.as_of)}，" if self.partial else "今年以来，"


@dataclass
class ParagraphWriter:
    """Collects runs (adjacent runs of one kind are merged) and the figures they cite."""

    runs: list[Run] = field(default_factory=list)
    cites: list[Figure] = field(default_factory=list)

    def text(self, text: str) -> ParagraphWriter:
        return self._add(text, RunKind.TEXT)

    def draft(self, text: str) -> ParagraphWriter:
        return self._add(text, RunKind.DRAFT)

    def flag(self, text: str) -> ParagraphWriter:
        return self._add(text, RunKind.FLAG)

    def say(self, figure: Figure, word: str | None = None) -> str:
        """The figure written out (130250元, 5600余辆次), recorded as cited."""
        self.cite(figure)
        return amount(figure, word)

    def cite(self, *figures: Figure | None) -> None:
        for figure in figures:
            if figure is not None and figure not in self.cites:
                self.cites.append(figure)

    @property
    def empty(self) -> bool:
        return not any(run.text for run in self.runs)

    def build(self) -> Paragraph:
        return Paragraph(runs=tuple(self.runs), cites=tuple(self.cites))

    def _add(self, text: str, kind: RunKind) -> ParagraphWriter:
        if not text:
            return self
        if self.runs and self.runs[-1].kind is kind and kind is RunKind.TEXT:
            self.runs[-1] = Run(self.runs[-1].text + text, kind)
        else:
            self.runs.append(Run(text, kind))
        return self


def draft_paragraph(text: str) -> Paragraph:
    return ParagraphWriter().draft(text).build()
