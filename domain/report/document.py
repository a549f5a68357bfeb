"""What a generated report is: a title, an opening, numbered sections of paragraphs and charts, a signature.

Paragraphs are runs of text; a run is plain text, a draft the human must review (rendered 【待审核：…】 and
highlighted), or a data flag (【数据提示：…】, a coverage gap the system shows rather than hides). Each paragraph
cites the figures it was written from, so every number can be drilled down to its events. Headings are numbered
when the document is assembled, after empty parts are dropped, so numbering never skips (DOMAIN.md §5.9).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from domain.report.wording import chinese_numeral, date_zh
from domain.statistics.figures import AnnualFigures, Figure

DRAFT_OPEN = "【待审核："
FLAG_OPEN = "【数据提示："
MARK_CLOSE = "】"


class RunKind(enum.StrEnum):
    TEXT = "TEXT"
    DRAFT = "DRAFT"  # generated wording the official must review and edit
    FLAG = "FLAG"  # a coverage gap or inconsistency in the data, shown to the official


@dataclass(frozen=True)
class Run:
    text: str
    kind: RunKind = RunKind.TEXT

    @property
    def display(self) -> str:
        """The run as printed: drafts and flags carry their visible marker."""
        if self.kind is RunKind.DRAFT:
            return f"{DRAFT_OPEN}{self.text}{MARK_CLOSE}"
        if self.kind is RunKind.FLAG:
            return f"{FLAG_OPEN}{self.text}{MARK_CLOSE}"
        return self.text


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    cites: tuple[Figure, ...] = ()  # the figures the paragraph states (drill-down to their events)

    @property
    def text(self) -> str:
        return "".join(run.display for run in self.runs)

    @property
    def is_draft(self) -> bool:
        return any(run.kind is RunKind.DRAFT for run in self.runs)

    @property
    def has_flag(self) -> bool:
        return any(run.kind is RunKind.FLAG for run in self.runs)


@dataclass(frozen=True)
class Series:
    name: str
    unit: str  # 起, 元, …: a chart never puts two units on one axis
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    cites: tuple[Figure, ...] = ()

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(series.unit for series in self.series))


Block = Paragraph | Chart


@dataclass(frozen=True)
class Subsection:
    number: int
    title: str
    blocks: tuple[Block, ...]
    draft: bool = False  # the whole subsection is generated wording to review

    @property
    def heading(self) -> str:
        return f"（{chinese_numeral(self.number)}）{self.title}"


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    blocks: tuple[Block, ...] = ()  # lead paragraphs before the subsections
    subsections: tuple[Subsection, ...] = ()
    draft: bool = False

    @property
    def heading(self) -> str:
        return f"{chinese_numeral(self.number)}、{self.title}"

    def all_blocks(self) -> Iterator[Block]:
        yield from self.blocks
        for subsection in self.subsections:
            yield from subsection.blocks


@dataclass(frozen=True)
class Signature:
    government_name: str
    signed_on: date

    @property
    def date_text(self) -> str:
        return date_zh(self.signed_on)


@dataclass(frozen=True)
class ReportDocument:
    title: str
    opening: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    signature: Signature
    figures: AnnualFigures
    generated_on: date
    notes: tuple[str, ...] = field(default=())  # generation notes (not part of the report text)

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.opening
        for section in self.sections:
            for block in section.all_blocks():
                if isinstance(block, Paragraph):
                    yield block

    def charts(self) -> Iterator[Chart]:
        for section in self.sections:
            for block in section.all_blocks():
                if isinstance(block, Chart):
                    yield block

    @property
    def text(self) -> str:
        """The whole report as plain text (headings, paragraphs, signature), in reading order."""
        lines = [self.title, *(p.text for p in self.opening)]
        for section in self.sections:
            lines.append(section.heading)
            lines.extend(_block_text(block) for block in section.blocks)
            for subsection in section.subsections:
                lines.append(subsection.heading)
                lines.extend(_block_text(block) for block in subsection.blocks)
        lines.extend((self.signature.government_name, self.signature.date_text))
        return "\n".join(lines)


def _block_text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph) else f"［图：{block.title}］"
