"""Charts as data: the composition of the penalty cases (general vs simple procedure: cases and fines) and the
comparison with last year. A chart's series each carry one unit; renderers draw one axis per unit."""

from __future__ import annotations

from domain.report.document import Chart, Series
from domain.report.facts import Facts
from domain.statistics.figures import Figure

_PROCEDURES = (("一般程序", "general_procedure_cases", "fines_imposed_general"),
               ("简易程序", "simple_procedure_cases", "fines_imposed_simple"))
_COUNTS = (("行政处罚案件", "penalty_cases_total"), ("一般程序", "general_procedure_cases"),
           ("简易程序", "simple_procedure_cases"))
_FINES = (("罚款总额", "fines_imposed_total"), ("一般程序", "fines_imposed_general"),
          ("简易程序", "fines_imposed_simple"))


def case_charts(facts: Facts) -> tuple[Chart, ...]:
    charts = [_composition(facts),
              _year_over_year(facts, "year_over_year_cases", "行政处罚案件数量同比", _COUNTS, "起"),
              _year_over_year(facts, "year_over_year_fines", "罚款金额同比", _FINES, "元")]
    # A chart of nothing but zeros says nothing: the sentence above it already gives the zeros.
    return tuple(chart for chart in charts if chart is not None and any(v for s in chart.series for v in s.values))


def _yuan(figure: Figure) -> float:
    return figure.value / 100


def _composition(facts: Facts) -> Chart | None:
    counts = [(label, facts.get(count)) for label, count, _ in _PROCEDURES]
    if any(figure is None for _, figure in counts):
        return None
    fines = [facts.get(fine) for _, _, fine in _PROCEDURES]
    series = [Series("案件数", "起", tuple(float(f.value) for _, f in counts if f is not None))]
    cites = [f for _, f in counts if f is not None]
    if all(f is not None for f in fines):
        series.append(Series("罚款金额", "元", tuple(_yuan(f) for f in fines if f is not None)))
        cites.extend(f for f in fines if f is not None)
    return Chart(key="case_composition", title="行政处罚案件构成（一般程序与简易程序）",
                 categories=tuple(label for label, _ in counts), series=tuple(series), cites=tuple(cites))


def _year_over_year(facts: Facts, key: str, title: str, metrics: tuple[tuple[str, str], ...],
                    unit: str) -> Chart | None:
    if facts.figures.previous is None:
        return None
    pairs = [(label, facts.previous(metric), facts.get(metric)) for label, metric in metrics]
    present = [(label, before, now) for label, before, now in pairs if before is not None and now is not None]
    if not present:
        return None

    def value(figure: Figure) -> float:
        return _yuan(figure) if unit == "元" else float(figure.value)

    previous_year = facts.figures.previous.year
    cites = tuple(f for _, before, now in present for f in (before, now) if f is not None)
    return Chart(
        key=key,
        title=title,
        categories=tuple(label for label, _, _ in present),
        series=(
            Series(f"{previous_year}年", unit, tuple(value(b) for _, b, _ in present if b is not None)),
            Series(f"{facts.year}年", unit, tuple(value(n) for _, _, n in present if n is not None)),
        ),
        cites=cites,
    )
