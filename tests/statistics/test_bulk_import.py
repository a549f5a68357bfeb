"""Bulk import replays every history through the deciders: a valid history is appended as sealed events, an
invalid one is rejected naming the case and the step, and then nothing of the document is appended."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
import pytest_asyncio

from domain.task_routing import next_steps_for
from infra.bulk_import import BulkImportRejected, import_cases
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore, verify
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.scenarios.templates import general, simple

STAFF = {"lead": "ylq-lead-1", "officer": "ylq-officer-1", "reviewer": "ylq-reviewer-1",
         "principal": "ylq-principal-1"}
SPEC = {"town": "yangliuqing", "unit": "yangliuqing-bureau", "item": "SR-PILING", "violation_type": "ILLEGAL_PILING",
        "fine_fen": 50000, "place": "某街", "party": "CITIZEN"}


@pytest_asyncio.fixture
async def store(db_url: str) -> AsyncIterator[EventStore]:
    engine = create_engine(db_url)
    try:
        yield EventStore(engine, Projector(next_steps_for))
    finally:
        await engine.dispose()


def _document(*cases: dict[str, Any]) -> dict[str, Any]:
    return {"format": "zhifa.bulk-import/1", "cases": list(cases)}


async def _import(store: EventStore, document: dict[str, Any]) -> Any:
    return await import_cases(store, document, reference=demo_reference(), profiles=demo_profiles(),
                              calendar=load_work_calendar())


def _penalty_case(case_id: str) -> dict[str, Any]:
    return general(SPEC, case_id, 1, date(2023, 3, 6), STAFF)


async def test_a_closed_case_is_imported_as_its_sealed_event_history(store: EventStore) -> None:
    report = await _import(store, _document(_penalty_case("ylq-import-1")))
    stream = await store.load_stream("ylq-import-1")
    assert report.streams == 1 and report.events == len(stream)
    kinds = [e.event_type for e in stream if not e.event_type.startswith("Deadline")]
    assert kinds == ["LeadRegistered", "CaseFiled", "InvestigationStarted", "SiteRecorded",
                     "InvestigationReportSubmitted", "LegalReviewRequested", "LegalReviewCompleted",
                     "PriorNoticeServed", "StatementWaived", "DecisionMade", "DecisionDocumentIssued",
                     "DecisionServed", "PaymentReceived", "CaseClosed"]
    decision = next(e for e in stream if e.event_type == "DecisionMade")
    assert (decision.fine_amount_fen, decision.procedure, decision.status) == (50000, "GENERAL", "DECIDED")
    assert all((e.recorded_at - e.occurred_at).total_seconds() == 60 for e in stream)
    assert await verify(store.engine) == []


async def test_importing_the_same_document_again_changes_nothing(store: EventStore) -> None:
    document = _document(_penalty_case("ylq-import-2"), simple(SPEC | {"item": "SR-ROAD-OCCUPATION",
                                                                      "violation_type": "ROAD_OCCUPATION_VENDING",
                                                                      "fine_fen": 5000},
                                                               "ylq-simple-2", 1, date(2023, 3, 7), STAFF))
    first = await _import(store, document)
    again = await _import(store, document)
    assert first.streams == again.streams == 2
    assert again.events == 0 and again.already_stored == first.events


async def test_an_invalid_step_rejects_the_document_naming_the_case_and_the_step(store: EventStore) -> None:
    broken = _penalty_case("ylq-import-3")
    decision = next(i for i, s in enumerate(broken["steps"]) if s["command"] == "MakeDecision")
    broken["steps"][decision]["actors"] = ["ylq-officer-1"]  # an officer is not a principal
    good = _penalty_case("ylq-import-4")
    with pytest.raises(BulkImportRejected) as info:
        await _import(store, _document(good, broken))
    (rejected,) = info.value.rejected
    assert (rejected.case, rejected.stream_id, rejected.step, rejected.command) == (
        2, "ylq-import-3", decision + 1, "MakeDecision")
    assert rejected.error.field is not None
    assert f"ylq-import-3, step {decision + 1} (MakeDecision)" in str(info.value)
    assert await store.load_stream("ylq-import-4") == []


async def test_a_decision_before_the_prior_notice_is_rejected_with_its_article(store: EventStore) -> None:
    case = _penalty_case("ylq-import-5")
    case["steps"] = [s for s in case["steps"] if s["command"] not in ("ServePriorNotice", "WaiveStatement")]
    with pytest.raises(BulkImportRejected) as info:
        await _import(store, _document(case))
    (rejected,) = info.value.rejected
    assert rejected.command == "MakeDecision" and rejected.error.article is not None


async def test_an_unknown_step_and_a_missing_field_are_named(store: EventStore) -> None:
    unknown = _penalty_case("ylq-import-6")
    unknown["steps"][2]["command"] = "FlyToTheMoon"
    missing = copy.deepcopy(_penalty_case("ylq-import-7"))
    del missing["steps"][1]["case_no"]
    with pytest.raises(BulkImportRejected) as info:
        await _import(store, _document(unknown, missing))
    first, second = info.value.rejected
    assert (first.step, first.error.rule, first.error.field) == (3, "KNOWN_STEP", "command")
    assert (second.step, second.error.rule, second.error.field) == (2, "REQUIRED_FIELD", "case_no")
