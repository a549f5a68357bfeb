"""A filed case left without a decision is warned (预警) and then breached on the dates of the working-day
calendar: D7, 90 calendar days from filing (APL 60), on the time-skipping server."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from temporalio.testing import WorkflowEnvironment

from domain.cases import commands as c
from domain.cases.lead import LeadSource
from domain.deadlines.local_time import SHANGHAI, local_date
from domain.values import Party, PartyType
from infra.calendar import load_work_calendar
from infra.reference import demo_profiles
from tests.workflows.support import harness
from workflows.procedures import GENERAL_CASE

PAIR = ("zjw-lead-1", "zjw-officer-1")


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=SHANGHAI).astimezone(UTC)


async def test_a_filed_case_without_a_decision_is_warned_then_breached_on_the_right_dates(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    async with harness(time_skipping_env) as h:
        now = await time_skipping_env.get_current_time()
        sid = f"case:{uuid.uuid4().hex}"
        await h.client.start(GENERAL_CASE, sid, "zhangjiawo", c.RegisterLead(
            occurred_at=now, actors=PAIR, case_id=sid, town="zhangjiawo", unit="zhangjiawo-bureau",
            source=LeadSource.HOTLINE_12345, discovered_at=now - timedelta(hours=2),
            party=Party(name="孙某", party_type=PartyType.CITIZEN), violation_type="OPEN_STRAW_BURNING",
            place="张家窝镇某村", violation_ended_on=local_date(now - timedelta(days=1))))
        await h.client.step(sid, c.FileCase(
            occurred_at=now, actors=("zjw-principal-1",), case_no="津西青张综执立〔2026〕99号",
            enforcement_item="HB-STRAW-BURNING", officers=PAIR, case_lead="zjw-lead-1"))
        filed_on = local_date(now)
        # Expected dates worked out independently: 90 calendar days, moved off a day off (CPL 85); warned
        # `warning_lead_calendar_days` earlier, on a working day at the latest.
        calendar = load_work_calendar()
        due_on = calendar.next_working_day(filed_on + timedelta(days=90))
        warn_on = due_on - timedelta(days=demo_profiles()["zhangjiawo"].warning_lead_calendar_days)
        while not calendar.is_working_day(warn_on):
            warn_on -= timedelta(days=1)

        await time_skipping_env.sleep(local_midnight(warn_on) - now + timedelta(hours=1))
        warned = [e for e in h.store.streams[sid] if e.event_type == "DeadlineWarning"]
        assert [(w.payload["clock_key"], w.occurred_at) for w in warned if w.payload["clock_key"] == "D7"] == [
            ("D7", local_midnight(warn_on))]
        assert "DeadlineBreached" not in [e.event_type for e in h.store.streams[sid]
                                          if e.payload.get("clock_key") == "D7"]

        await time_skipping_env.sleep(local_midnight(due_on + timedelta(days=1)) - local_midnight(warn_on))
        breached = [e for e in h.store.streams[sid]
                    if e.event_type == "DeadlineBreached" and e.payload["clock_key"] == "D7"]
        assert [(b.occurred_at, b.payload["due_on"]) for b in breached] == [
            (local_midnight(due_on + timedelta(days=1)), due_on.isoformat())]
        state = await h.client.state(sid)
        assert state["clocks"]["D7"]["status"] == "BREACHED"
        assert state["status"] == "FILED"
        await time_skipping_env.client.get_workflow_handle(sid).terminate("test over")
