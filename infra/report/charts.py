"""Draw a report chart (`domain.report.Chart`) as PNG or SVG with matplotlib's Agg canvas (no pyplot, no GUI
backend): grouped bars, one panel per unit (cases and yuan are never put on one axis), values written on the
bars, Chinese labels in Noto Sans CJK SC."""

from __future__ import annotations

import functools
import io

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from domain.report import Chart
from infra.report.fonts import CJK_SANS, CjkFontMissing, cjk_font_file

_COLOURS = ("#3f6ea5", "#d98c3f", "#5a9e6f", "#9b6bb0")
MONEY_UNIT = "元"  # the only non-count axis of the report's charts


@functools.cache
def _register_cjk_font() -> str:
    font_manager.fontManager.addfont(str(cjk_font_file()))
    families = {entry.name for entry in font_manager.fontManager.ttflist}
    if CJK_SANS not in families:
        raise CjkFontMissing()
    return CJK_SANS


def chart_png(chart: Chart, *, dpi: int = 150) -> bytes:
    return _draw(chart, "png", dpi)


def chart_svg(chart: Chart) -> str:
    return _draw(chart, "svg", 100).decode("utf-8")


def value_label(value: float) -> str:
    """119.0 → 119, 1285.5 → 1285.5, 0.25 → 0.25."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _draw(chart: Chart, image_format: str, dpi: int) -> bytes:
    family = _register_cjk_font()
    units = chart.units
    with rc_context({"font.family": [family], "axes.unicode_minus": False, "svg.fonttype": "path"}):
        figure = Figure(figsize=(6.4 * max(1, len(units)) * 0.8, 3.8), dpi=dpi, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(1, len(units), squeeze=False)[0]
        for ax, unit in zip(axes, units, strict=True):
            series = [s for s in chart.series if s.unit == unit]
            width = 0.8 / len(series)
            positions = range(len(chart.categories))
            for index, item in enumerate(series):
                offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
                bars = ax.bar(offsets, item.values, width=width * 0.95, label=item.name,
                              color=_COLOURS[index % len(_COLOURS)])
                ax.bar_label(bars, labels=[value_label(v) for v in item.values], fontsize=8, padding=2)
            ax.set_xticks(list(positions), list(chart.categories))
            ax.set_ylabel(unit)
            if unit != MONEY_UNIT:  # counts: no "2.5起" on the axis
                ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.margins(y=0.15)
            ax.spines[["top", "right"]].set_visible(False)
            ax.legend(fontsize=8, frameon=False)
        figure.suptitle(chart.title, fontsize=11)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=image_format, metadata={"Software": None} if image_format == "png" else None)
    return buffer.getvalue()
