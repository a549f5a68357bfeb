"""Counting rules of the fold that random histories rarely hit exactly: local-day period boundaries, a case
decided twice, the previous year, and two units of one town rolled up once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.cases import events as ce
from domain.cases.proposal import DecisionType
from domain.envelope import GENESIS_HASH, EventEnvelope, StreamContext, seal
from domain.statistics.fold import fold_figures
from domain.values import Modifier, Sanction
from infra.reference import demo_reference


def _decision(at: datetime, fine: int) -> ce.DecisionMade:
    return ce.DecisionMade(occurred_at=at, actors=("p",), decision_type=DecisionType.PENALTY,
                           sanctions=(Sanction.FINE,), fine_fen=fine, modifier=Modifier.NONE, mitigating_grounds=(),
                           no_penalty_ground=None, soft_list_item_id=None, soft_outcome=None, proposal_hash="h",
                           party_present=False, decision_due_on=None, late=False)


def _case(stream: str, unit: str, *decisions: ce.DecisionMade) -> list[EventEnvelope]:
    context = StreamContext(stream_id=stream, stream_kind="CASE", town="dasi", unit=unit, procedure="GENERAL",
                            status="DECIDED")
    return seal([(context, d) for d in decisions], first_seq=1, prev_hash=GENESIS_HASH,
                recorded_at=datetime(2024, 1, 1, tzinfo=UTC))


def _figures(envelopes: list[EventEnvelope], scope: str = "dasi", as_of: date = date(2023, 12, 31)) -> dict[str, int]:
    figures = fold_figures(envelopes, scope=scope, year=2023, as_of=as_of, reference=demo_reference())
    return {k: f.value for k, f in figures.figures.items() if k in ("general_procedure_cases", "fines_imposed_total")}


def test_the_period_runs_on_local_days() -> None:
    # 2023-12-31T16:30Z is 2024-01-01 00:30 in Tianjin: next year; 2022-12-31T16:30Z is this year's first hour.
    late = _case("a", "dasi-bureau", _decision(datetime(2023, 12, 31, 16, 30, tzinfo=UTC), 100))
    early = _case("b", "dasi-bureau", _decision(datetime(2022, 12, 31, 16, 30, tzinfo=UTC), 200))
    assert _figures(late + early) == {"general_procedure_cases": 1, "fines_imposed_total": 200}


def test_a_case_decided_twice_counts_once_with_its_latest_decision() -> None:
    twice = _case("a", "dasi-bureau", _decision(datetime(2023, 3, 1, tzinfo=UTC), 100),
                  _decision(datetime(2023, 5, 1, tzinfo=UTC), 70))
    assert _figures(twice) == {"general_procedure_cases": 1, "fines_imposed_total": 70}


def test_the_cut_off_excludes_what_came_after_as_of() -> None:
    case = _case("a", "dasi-bureau", _decision(datetime(2023, 12, 9, 2, tzinfo=UTC), 100))
    assert _figures(case, as_of=date(2023, 12, 8)) == {"general_procedure_cases": 0, "fines_imposed_total": 0}


def test_two_units_of_one_town_roll_up_once_into_the_town_and_the_district() -> None:
    both = (_case("a", "dasi-bureau", _decision(datetime(2023, 3, 1, tzinfo=UTC), 100))
            + _case("b", "dasi-safety", _decision(datetime(2023, 3, 2, tzinfo=UTC), 50)))
    assert _figures(both, "dasi-bureau") == {"general_procedure_cases": 1, "fines_imposed_total": 100}
    assert _figures(both, "dasi-safety") == {"general_procedure_cases": 1, "fines_imposed_total": 50}
    assert _figures(both, "dasi") == _figures(both, "xiqing") == {"general_procedure_cases": 2,
                                                                  "fines_imposed_total": 150}


def test_the_previous_year_is_the_whole_year_before() -> None:
    last_year = _case("a", "dasi-bureau", _decision(datetime(2022, 12, 20, tzinfo=UTC), 100))
    figures = fold_figures(last_year, scope="dasi", year=2023, as_of=date(2023, 6, 30), reference=demo_reference())
    assert figures.previous is not None
    assert (figures.previous.year, figures.previous.as_of) == (2022, date(2022, 12, 31))
    assert figures.previous.value("general_procedure_cases") == 1 and figures.value("general_procedure_cases") == 0
