"""Records one history per workflow type for the replay tests: `python -m tests.workflows.record_histories`.

Run it when a workflow type is added; commit the JSON files. When workflow code changes, the committed
histories must still replay (otherwise the change needs `workflow.patched`). Re-recording to make a replay
failure go away would hide exactly the bug the replay test exists to catch.
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from domain.construction import commands as cc
from domain.construction.state import DecisionKind
from domain.disclosure.commands import OpenDisclosure, RequireWithdrawal
from domain.disclosure.content import disclosure_id
from domain.messages import SYSTEM_ACTOR
from domain.rectification import commands as rc
from domain.simple import commands as sc
from domain.values import Party, PartyType, Sanction, yuan
from tests.disclosure.harness import Harness as DisclosureHarness
from tests.disclosure.harness import disclosure_harness
from tests.disclosure.samples import content as decision_content
from tests.e2e import straw_burning
from tests.workflows.support import harness
from workflows.procedures import CONSTRUCTION_CASE, DISCLOSURE, RECTIFICATION, SIMPLE_CASE
from workflows.stream_workflows import WORKFLOWS

HISTORIES = Path(__file__).parent / "histories"
TOWN, UNIT = "zhangjiawo", "zhangjiawo-bureau"
TWO = ("zjw-officer-1", "zjw-officer-2")
PRINCIPAL = "zjw-principal-1"
CITIZEN = Party(name="钱某", party_type=PartyType.CITIZEN)


async def rectification(h, base: datetime) -> str:  # type: ignore[no-untyped-def]
    sid = f"rectification:{uuid.uuid4().hex[:8]}"
    await h.client.start(RECTIFICATION, sid, TOWN, rc.IssueRectificationOrder(
        occurred_at=base, actors=TWO, order_id=sid, town=TOWN, unit=UNIT, party=CITIZEN,
        violation_type="ILLEGAL_PILING", place="富康路12号门前", description="门前堆放建材", requirement="清理堆物",
        legal_basis="《天津市市容和环境卫生管理条例》", item_code="SR-PILING", deadline_days=3))
    await h.client.step(sid, rc.MarkReinspectionDue(occurred_at=base + timedelta(days=1), actors=TWO,
                                                    party_reported=True))
    await h.client.step(sid, rc.RecordCompliance(occurred_at=base + timedelta(days=1, hours=2), actors=TWO,
                                                 site_record="堆物已清理"))
    return sid


async def simple_case(h, base: datetime) -> str:  # type: ignore[no-untyped-def]
    sid = f"case:simple:{uuid.uuid4().hex[:8]}"
    await h.client.start(SIMPLE_CASE, sid, TOWN, sc.DecideOnTheSpot(
        occurred_at=base, actors=TWO, case_id=sid, town=TOWN, unit=UNIT, party=CITIZEN,
        violation_type="ROAD_OCCUPATION_VENDING", place="学府路", item_code="SR-ROAD-OCCUPATION",
        certificates_shown=True, facts="占道摆卖水果", reasons="违反市容条例",
        legal_basis="《天津市市容和环境卫生管理条例》",
        rights_notice="告知陈述申辩权", decision_number="津西青张简〔2026〕8号", facts_certain=True,
        sanctions=(Sanction.FINE,), fine_fen=yuan(100), reconsideration_first_notice="如不服，可依法申请行政复议",
        statement="无异议"))
    await h.client.step(sid, sc.RecordBankPayment(occurred_at=base + timedelta(days=2), actors=("zjw-lead-1",),
                                                  amount_fen=yuan(100), receipt_number="bank-8"))
    await h.client.step(sid, sc.FileWithAgency(occurred_at=base + timedelta(days=3), actors=("zjw-lead-1",),
                                               record_number="备〔2026〕8号"))
    await h.client.step(sid, sc.CloseSimpleCase(occurred_at=base + timedelta(days=3, hours=1),
                                                actors=(PRINCIPAL,)))
    return sid


async def construction_case(h, base: datetime) -> str:  # type: ignore[no-untyped-def]
    sid = f"case:construction:{uuid.uuid4().hex[:8]}"
    await h.client.start(CONSTRUCTION_CASE, sid, TOWN, cc.RecordIllegalConstruction(
        occurred_at=base, actors=TWO, case_id=sid, town=TOWN, unit=UNIT, party=CITIZEN, place="张家窝村3排5号",
        description="院内私搭彩钢板房两间", item_code="GH-NO-PERMIT-RURAL"))
    await h.client.step(sid, cc.IssueStopOrder(occurred_at=base + timedelta(hours=1), actors=TWO,
                                               order_number="停字〔2026〕7号"))
    await h.client.step(sid, cc.DecideCorrectionOrDemolition(
        occurred_at=base + timedelta(days=2), actors=(PRINCIPAL,), decision_number="拆字〔2026〕7号",
        kind=DecisionKind.DEMOLISH, legal_basis="URPL 65", deadline_days=15))
    await h.client.step(sid, cc.ServeConstructionDecision(occurred_at=base + timedelta(days=3), actors=TWO))
    await h.client.step(sid, cc.VerifySelfDemolition(occurred_at=base + timedelta(days=10), actors=TWO, count=2,
                                                     area_dm2=19_300, site_record="当事人已自行拆除"))
    return sid


async def disclosure(h: DisclosureHarness) -> str:
    """Published at once (the platform answers), then withdrawn after a revoking outcome."""
    now = await h.now()
    decision = decision_content(case_id=f"case:{uuid.uuid4().hex[:8]}", served_at=now - timedelta(minutes=5),
                                decided_at=now - timedelta(days=1))
    sid = disclosure_id(decision.case_id, decision.version)
    await h.client.start(DISCLOSURE, sid, TOWN, OpenDisclosure(occurred_at=decision.served_at, actors=(SYSTEM_ACTOR,),
                                                               disclosure_id=sid, content=decision))
    for _ in range(200):
        if "DisclosurePublished" in h.store.types(sid):
            break
        await asyncio.sleep(0.05)
    await h.client.step(sid, RequireWithdrawal(occurred_at=await h.now(), actors=(SYSTEM_ACTOR,),
                                               outcome="RECONSIDERATION:REVOKED", standing="REVOKED"))
    await h.env.client.get_workflow_handle(sid).result()
    return sid


async def record() -> list[Path]:
    written: list[Path] = []
    # No payload codec, on purpose: committed histories stay readable in review (tests/workflows/test_replay).
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(Path(sys.executable).parent / "temporal-test-server"))
    try:
        async with harness(env) as h:
            now = await env.get_current_time()
            base = now - timedelta(days=45)
            inspection_id = f"inspection:{uuid.uuid4().hex[:8]}"
            case_id = await straw_burning.run_case(h.client, inspection_id, straw_burning.scenario_base(now))
            streams = {"Inspection": inspection_id, "GeneralCase": case_id,
                       "RectificationOrder": await rectification(h, base),
                       "SimpleCase": await simple_case(h, base),
                       "ConstructionCase": await construction_case(h, base)}
        async with disclosure_harness(env) as d:
            streams["Disclosure"] = await disclosure(d)
            for workflow_type, stream_id in streams.items():
                handle = env.client.get_workflow_handle(stream_id)
                description = await handle.describe()
                if description.status is not None and description.status.name == "RUNNING":
                    await handle.terminate("history recorded")
                history = await handle.fetch_history()
                path = HISTORIES / f"{workflow_type}.json"
                path.write_text(history.to_json(), encoding="utf-8")
                written.append(path)
    finally:
        await env.shutdown()
    names = {cls.__temporal_workflow_definition.name for cls in WORKFLOWS.values()}  # type: ignore[attr-defined]
    assert {p.stem for p in written} <= names  # platform warnings: tests.platform.record_histories
    return written


if __name__ == "__main__":
    for path in asyncio.run(record()):
        print(path)
