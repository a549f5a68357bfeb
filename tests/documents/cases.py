"""Case histories for the document tests, built straight into a store by the bulk importer (no Temporal): the
straw-burning case of `tests/e2e/straw_burning` (general procedure, fined 1,000 yuan, heard, reviewed, decided,
served, paid, archived), a no-penalty case, an on-the-spot decision and a rectification order of 张家窝镇."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from domain.cases import commands as c
from domain.cases.lead import LeadSource
from domain.codec import to_primitive
from domain.messages import Command
from infra.bulk_import.importer import FORMAT, import_cases
from infra.calendar import load_work_calendar
from infra.eventstore import EventStore
from infra.reference import demo_profiles, demo_reference
from tests.e2e import straw_burning as straw
from tests.scenarios import templates

TOWN, UNIT = straw.TOWN, straw.UNIT
STAFF = {"lead": straw.LEAD, "officer": straw.OFFICER, "reviewer": straw.REVIEWER, "principal": straw.PRINCIPAL,
         "second_principal": "zjw-principal-2"}
BASE = straw.scenario_base(datetime(2026, 5, 20, tzinfo=UTC))
STRAW, NO_PENALTY, ON_THE_SPOT, ORDER = ("case:zhangjiawo:straw", "case:zhangjiawo:no-penalty",
                                         "simple:zhangjiawo:spot", "rectification:zhangjiawo:order")


def _step(command: Command) -> dict[str, Any]:
    return {"command": type(command).__name__, **to_primitive(command)}


def straw_burning(case_id: str = STRAW) -> dict[str, Any]:
    """The e2e scenario's steps, opened by the lead its inspection would have registered."""
    lead = c.RegisterLead(occurred_at=BASE, actors=(straw.OFFICER,), case_id=case_id, town=TOWN, unit=UNIT,
                          source=LeadSource.INSPECTION, discovered_at=BASE, party=straw.PARTY,
                          violation_type="OPEN_STRAW_BURNING", place="张家窝镇某村东侧农田",
                          summary="露天焚烧秸秆")
    state = {"assessment": {"proposal_hash": "$proposal_hash"}}
    return {"kind": "GENERAL_CASE", "steps": [_step(lead), *(_step(s(state)) for s in straw.case_steps(BASE))]}


def no_penalty() -> dict[str, Any]:
    spec = {"town": TOWN, "unit": UNIT, "violation_type": "OPEN_STRAW_BURNING", "item": "HB-STRAW-BURNING",
            "place": "张家窝镇某村", "outcome": "NO_PENALTY", "no_penalty_ground": "FIRST_VIOLATION"}
    return templates.general(spec, NO_PENALTY, 1, date(2026, 3, 2), STAFF)


def on_the_spot() -> dict[str, Any]:
    spec = {"town": TOWN, "unit": UNIT, "violation_type": "ROAD_OCCUPATION_VENDING", "item": "SR-ROAD-OCCUPATION",
            "place": "张家窝镇商业街", "fine_fen": 5000}
    return templates.simple(spec, ON_THE_SPOT, 1, date(2026, 3, 3), STAFF)


def rectification() -> dict[str, Any]:
    return {"kind": "RECTIFICATION", "steps": [{
        "command": "IssueRectificationOrder", "occurred_at": "2026-03-04T10:00:00+08:00",
        "actors": [straw.LEAD, straw.OFFICER], "order_id": ORDER, "town": TOWN, "unit": UNIT,
        "party": {"name": "钱某某", "party_type": "CITIZEN", "phone": "13900000000"},
        "violation_type": "ILLEGAL_PILING", "place": "张家窝镇某路12号门前", "description": "在门前公共通道堆放杂物",
        "requirement": "清除门前堆放的杂物，恢复通道畅通",
        "legal_basis": "《天津市市容和环境卫生管理条例》第二十条", "deadline_days": 3}]}


def document(*cases: dict[str, Any]) -> dict[str, Any]:
    return {"format": FORMAT, "cases": list(cases)}


async def import_all(store: EventStore, *cases: dict[str, Any]) -> None:
    await import_cases(store, document(*(cases or (straw_burning(), no_penalty(), on_the_spot(), rectification()))),
                       reference=demo_reference(), profiles=demo_profiles(), calendar=load_work_calendar(None))


def straw_cases(count: int) -> list[dict[str, Any]]:
    return [straw_burning(f"case:zhangjiawo:straw-{n}") for n in range(count)]


DAY = timedelta(days=1)
