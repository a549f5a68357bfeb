"""Restated statistics (DOMAIN.md §2, adverse outcomes): a reconsideration that changed a fine, even one decided
after the cut-off, and a judgment that revoked a decision restate the year's fines and penalty counts; the
as-reported snapshot keeps the figures as they were reported."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest_asyncio
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.cases import events as ce
from domain.cases.proposal import DecisionType
from domain.cases.review import JudgmentOutcome, ReconsiderationOutcome
from domain.envelope import GENESIS_HASH, EventEnvelope, StreamContext, seal
from domain.messages import Event
from domain.statistics.figures import AnnualFigures
from domain.statistics.fold import fold_figures
from domain.values import Modifier, Sanction
from infra.db.engine import create_engine
from infra.db.models import events
from infra.eventstore.rows import to_row
from infra.reference import demo_reference
from infra.statistics import compute
from infra.statistics.snapshots import SnapshotKind, load_snapshots
from infra.year_end import YearEndService

AS_OF = date(2023, 12, 8)
A = ("zjw-officer-1",)
FINES = ("fines_imposed_total", "fines_imposed_general", "penalty_cases_total", "general_procedure_cases")


def _decision(at: datetime, fine_fen: int) -> ce.DecisionMade:
    return ce.DecisionMade(occurred_at=at, actors=A, decision_type=DecisionType.PENALTY, sanctions=(Sanction.FINE,),
                           fine_fen=fine_fen, modifier=Modifier.NONE, mitigating_grounds=(), no_penalty_ground=None,
                           soft_list_item_id=None, soft_outcome=None, proposal_hash="h", party_present=False,
                           decision_due_on=None, late=False)


def _history() -> list[EventEnvelope]:
    changed = [_decision(datetime(2023, 6, 1, 2, tzinfo=UTC), 100_000),  # 1,000 yuan
               ce.ReconsiderationDecided(occurred_at=datetime(2024, 1, 10, 2, tzinfo=UTC), actors=A,
                                         outcome=ReconsiderationOutcome.CHANGED, new_fine_amount_fen=60_000)]
    revoked = [_decision(datetime(2023, 7, 1, 2, tzinfo=UTC), 50_000),
               ce.LitigationJudged(occurred_at=datetime(2023, 9, 1, 2, tzinfo=UTC), actors=A,
                                   outcome=JudgmentOutcome.REVOKED, instance=1, new_fine_amount_fen=None)]
    envelopes: list[EventEnvelope] = []
    stories: tuple[tuple[str, list[Event]], ...] = (("case-changed", changed), ("case-revoked", revoked))
    for stream_id, steps in stories:
        context = StreamContext(stream_id=stream_id, stream_kind="CASE", town="zhangjiawo", unit="zhangjiawo-bureau",
                                procedure="GENERAL", status="DECIDED")
        envelopes += seal([(context, e) for e in steps], first_seq=1, prev_hash=GENESIS_HASH,
                          recorded_at=datetime(2024, 1, 11, tzinfo=UTC))
    return envelopes


@pytest_asyncio.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(insert(events), [to_row(env) for env in _history()])
        yield engine
    finally:
        await engine.dispose()


def _values(figures: AnnualFigures) -> dict[str, tuple[int, str]]:
    return {key: (figures.figures[key].value, figures.figures[key].note) for key in FINES}


async def test_a_changed_fine_and_a_revoked_decision_restate_the_year_but_not_the_report(engine: AsyncEngine) -> None:
    reported = await compute(engine, scope="zhangjiawo", year=2023, as_of=AS_OF)
    restated = await compute(engine, scope="zhangjiawo", year=2023, as_of=AS_OF, restated=True)
    assert _values(reported) == {"fines_imposed_total": (150_000, ""), "fines_imposed_general": (150_000, ""),
                                 "penalty_cases_total": (2, ""), "general_procedure_cases": (2, "")}
    assert _values(restated) == {"fines_imposed_total": (60_000, "2 restated"),
                                 "fines_imposed_general": (60_000, "2 restated"),
                                 "penalty_cases_total": (1, "2 restated"), "general_procedure_cases": (1, "2 restated")}
    assert restated.figures["fines_imposed_total"].event_ids == ("case-changed#1", "case-changed#2")
    folded = fold_figures(_history(), scope="zhangjiawo", year=2023, as_of=AS_OF, reference=demo_reference(),
                          restated=True)
    assert _values(folded) == _values(restated)


async def test_restate_keeps_the_as_reported_snapshot_and_adds_the_restated_figures(engine: AsyncEngine) -> None:
    service = YearEndService(engine, demo_reference(), clock=lambda: datetime(2024, 1, 12, tzinfo=UTC))
    reported = await service.as_reported("zhangjiawo", 2023, AS_OF)
    restated = await service.restate("zhangjiawo", 2023, AS_OF)
    snapshots = await load_snapshots(engine, scope="zhangjiawo", year=2023)
    assert [(s.kind, s.hash, s.figures.value("fines_imposed_total"), s.figures.value("penalty_cases_total"))
            for s in snapshots] == [(SnapshotKind.AS_REPORTED, reported.hash, 150_000, 2),
                                    (SnapshotKind.RESTATED, restated.hash, 60_000, 1)]
