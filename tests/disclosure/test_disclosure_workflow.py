"""Disclosure streams on the time-skipping server: opened by a served case, published, recorded back on the case,
withdrawn after a revoking reconsideration; D17 across a holiday with its warning and breach; an outage waited
out; a minor's decision never published."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, time, timedelta

from temporalio.testing import WorkflowEnvironment

from domain.cases import commands as c
from domain.cases.review import ReconsiderationOutcome
from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.local_time import SHANGHAI, local_date
from domain.disclosure.commands import OpenDisclosure, RetryDelivery
from domain.disclosure.content import disclosure_id, idempotency_key, publication, publication_body
from domain.messages import SYSTEM_ACTOR
from domain.values import Party, PartyType
from infra.calendar import load_work_calendar
from tests.disclosure.harness import Harness, disclosure_harness
from tests.disclosure.samples import CITIZEN, content
from tests.e2e import straw_burning
from workflows.procedures import DISCLOSURE

TOWN = "zhangjiawo"
# New Year's Day 2027 falls on a Friday; the 2027 notice is not out yet, so the test gives the holiday itself.
NEW_YEAR_2027 = WorkCalendar(holidays=frozenset({date(2027, 1, 1)}), covered_years=frozenset({2027}))


def at_local(day: date, hour: int = 0) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI).astimezone(UTC)


async def eventually(h: Harness, stream_id: str, event_type: str, *, tries: int = 200) -> dict[str, object]:
    for _ in range(tries):
        found = [p for t, p in h.events(stream_id) if t == event_type]
        if found:
            return found[-1]
        await asyncio.sleep(0.05)
    raise AssertionError(f"{stream_id}: no {event_type} in {[t for t, _ in h.events(stream_id)]}")


def clock_events(h: Harness, stream_id: str, event_type: str, key: str) -> list[dict[str, object]]:
    return [p for t, p in h.events(stream_id) if t == event_type and p.get("clock_key") == key]


async def test_a_served_case_is_published_recorded_on_the_case_and_withdrawn_after_a_revoking_reconsideration(
    disclosure_env: WorkflowEnvironment,
) -> None:
    async with disclosure_harness(disclosure_env) as h:
        inspection_id = f"inspection:{uuid.uuid4().hex[:8]}"
        case_id = await straw_burning.run_case(h.client, inspection_id, straw_burning.scenario_base(await h.now()))
        for _ in range(200):
            found = [s for s in h.store.streams if s.startswith(f"disclosure:{case_id}:")]
            if found:
                break
            await asyncio.sleep(0.05)
        [sid] = found
        opened = await eventually(h, sid, "DisclosureOpened")
        # Entered late (补录): nothing is published while the officer may still be entering the case.
        assert "DisclosurePublished" not in [t for t, _ in h.events(sid)]

        await disclosure_env.sleep(timedelta(minutes=20))
        published = await eventually(h, sid, "DisclosurePublished")
        key = str(opened["idempotency_key"])
        body = h.platform.published[key]
        assert body == publication_body(publication(_content_of(opened)))
        assert straw_burning.PARTY.id_number.encode() not in body and straw_burning.PARTY.phone.encode() not in body
        assert straw_burning.PARTY.name.encode() in body
        served_on = local_date(datetime.fromisoformat(str(published["served_at"])))
        assert published["due_on"] == load_work_calendar().add_working_days(served_on, 7).isoformat()
        assert published["on_time"] is False and published["receipt_id"] == f"GS-{key[:8]}"
        assert len(clock_events(h, sid, "DeadlineBreached", "D17")) == 1
        recorded = await eventually(h, case_id, "DecisionDisclosureRecorded")
        assert "GS-" in str(recorded["channel"])

        now = await h.now()
        await h.client.step(case_id, c.FileReconsideration(occurred_at=now, actors=(straw_burning.LEAD,),
                                                           authority="西青区人民政府"))
        await h.client.step(case_id, c.DecideReconsideration(occurred_at=now, actors=(straw_burning.LEAD,),
                                                             outcome=ReconsiderationOutcome.REVOKED))
        withdrawn = await eventually(h, sid, "DisclosureWithdrawn")
        due = await eventually(h, sid, "DisclosureWithdrawalDue")
        [d18] = clock_events(h, sid, "DeadlineStarted", "D18")
        assert due["outcome"] == "RECONSIDERATION:REVOKED" and due["standing"] == "REVOKED"
        assert d18["due_on"] == load_work_calendar().add_working_days(local_date(now), 3).isoformat()
        assert withdrawn["on_time"] is True and withdrawn["due_on"] == d18["due_on"]
        assert clock_events(h, sid, "DeadlineSatisfied", "D18")
        assert list(h.platform.withdrawn) == [idempotency_key(str(opened["case_id"]), str(opened["decision_version"]),
                                                              "withdraw")]
        assert (await h.client.head(sid))["status"] == "WITHDRAWN"


def _content_of(opened: dict[str, object]):  # type: ignore[no-untyped-def]
    """The decision as the test case's scenario served it (to rebuild the expected body independently)."""
    from domain.cases.proposal import DecisionType
    from domain.disclosure.content import DecisionContent

    return DecisionContent(
        case_id=str(opened["case_id"]), case_no="津西青张综执立〔2026〕31号", decision_no="津西青张综执罚〔2026〕31号",
        town=TOWN, unit="zhangjiawo-bureau", party=straw_burning.PARTY, violation_type="OPEN_STRAW_BURNING",
        place="张家窝镇某村东侧农田", facts="当事人在农田内露天焚烧秸秆", grounds=straw_burning.PROPOSAL.grounds,
        decision_type=DecisionType.PENALTY, sanctions=straw_burning.PROPOSAL.sanctions, fine_fen=straw_burning.FINE,
        decided_at=datetime.fromisoformat(str(opened["decided_at"])),
        served_at=datetime.fromisoformat(str(opened["served_at"])))


async def open_stream(h: Harness, served_at: datetime, party: Party = CITIZEN) -> str:
    decision = content(party, case_id=f"case:{uuid.uuid4().hex[:8]}", served_at=served_at,
                       decided_at=served_at - timedelta(hours=2))
    sid = disclosure_id(decision.case_id, decision.version)
    await h.client.start(DISCLOSURE, sid, TOWN, OpenDisclosure(occurred_at=served_at, actors=(SYSTEM_ACTOR,),
                                                               disclosure_id=sid, content=decision))
    return sid


async def test_d17_runs_across_the_new_year_holiday_warns_breaches_and_a_late_publication_says_so(
    disclosure_env: WorkflowEnvironment,
) -> None:
    calendar = load_work_calendar().merged(NEW_YEAR_2027)
    async with disclosure_harness(disclosure_env, calendar=calendar) as h:
        served = at_local(date(2026, 12, 31), 9)  # Thursday
        await disclosure_env.sleep(served - await h.now())
        h.platform.mode = "refusing"
        sid = await open_stream(h, served)
        failed = await eventually(h, sid, "DisclosureDeliveryFailed")
        assert "PlatformRejected" in str(failed["reason"]) or "422" in str(failed["reason"])
        [d17] = clock_events(h, sid, "DeadlineStarted", "D17")
        # 7 working days after Thursday 31 December: the holiday and the weekend skipped, Tuesday 12 January
        # (Monday 11 January without the holiday); warned two working days before, on Friday 8 January.
        assert (d17["due_on"], d17["warn_on"]) == ("2027-01-12", "2027-01-08")

        await disclosure_env.sleep(at_local(date(2027, 1, 8), 12) - await h.now())
        [warned] = clock_events(h, sid, "DeadlineWarning", "D17")
        assert warned["due_on"] == "2027-01-12" and not clock_events(h, sid, "DeadlineBreached", "D17")
        await disclosure_env.sleep(at_local(date(2027, 1, 12), 23) - await h.now())
        assert not clock_events(h, sid, "DeadlineBreached", "D17")
        await disclosure_env.sleep(at_local(date(2027, 1, 13), 1) - await h.now())
        assert len(clock_events(h, sid, "DeadlineBreached", "D17")) == 1

        h.platform.mode = "up"
        await h.client.step(sid, RetryDelivery(occurred_at=await h.now(), actors=("zjw-officer-1",)))
        published = await eventually(h, sid, "DisclosurePublished")
        assert (published["on_time"], published["due_on"]) == (False, "2027-01-12")
        assert (await h.client.head(sid))["status"] == "PUBLISHED"


async def test_an_outage_is_waited_out_and_the_publication_is_on_time(disclosure_env: WorkflowEnvironment) -> None:
    async with disclosure_harness(disclosure_env) as h:
        h.platform.mode = "down"
        sid = await open_stream(h, await h.now())
        await disclosure_env.sleep(timedelta(hours=2))
        assert (await h.client.head(sid))["status"] == "DUE" and h.platform.attempts > 3
        h.platform.mode = "up"
        await disclosure_env.sleep(timedelta(hours=1))
        published = await eventually(h, sid, "DisclosurePublished")
        assert published["on_time"] is True and len(h.platform.published) == 1
        assert clock_events(h, sid, "DeadlineSatisfied", "D17")


async def test_a_decision_about_a_minor_is_recorded_as_not_published_and_never_sent(
    disclosure_env: WorkflowEnvironment,
) -> None:
    async with disclosure_harness(disclosure_env) as h:
        minor = Party(name="钱某某", party_type=PartyType.CITIZEN, id_number="120111201001011234", is_minor=True)
        sid = await open_stream(h, await h.now(), minor)
        withheld = await eventually(h, sid, "DisclosureNotPublished")
        assert withheld["reason"] == "MINOR" and "未成年人" in str(withheld["explanation"])
        assert await h.env.client.get_workflow_handle(sid).result() == "NOT_PUBLISHED"
        assert h.platform.attempts == 0 and not clock_events(h, sid, "DeadlineStarted", "D17")
