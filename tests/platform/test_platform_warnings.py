"""Platform warnings (预警): pulled from the reference platform over real HTTP, recorded once each as a stream
linked to its case, shown in the officers' task list until an officer responds.

On the real dev server: the time-skipping test server sometimes answers "update not found" for an update whose
workflow completes in the same task (the response that resolves a warning), which a real server never does."""

from __future__ import annotations

import uuid

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.platform.warnings import RespondToPlatformWarning, warning_stream_id
from domain.simple.commands import DecideOnTheSpot
from domain.values import Party, PartyType, Sanction, yuan
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.projections.queries import list_tasks
from infra.supervision.client import InspectionReceipt, PlatformWarning
from tests.disclosure.platform import running_platform
from tests.platform.inspections import OFFICERS, TOWN, UNIT
from tests.platform.support import PlatformSystem, platform_system, raise_warning
from workflows.client import StepRejected
from workflows.platform_warnings import PlatformWarningsPull, WarningsPullInput, WarningsPullResult
from workflows.procedures import SIMPLE_CASE

DECISION_NO = "津西青张简〔2026〕8号"


async def simple_case(system: PlatformSystem, env: WorkflowEnvironment) -> str:
    sid = f"case:simple:{uuid.uuid4().hex[:8]}"
    await system.streams.start(SIMPLE_CASE, sid, TOWN, DecideOnTheSpot(
        occurred_at=await env.get_current_time(), actors=OFFICERS, case_id=sid, town=TOWN, unit=UNIT,
        party=Party(name="钱某", party_type=PartyType.CITIZEN), violation_type="ROAD_OCCUPATION_VENDING",
        place="学府路", item_code="SR-ROAD-OCCUPATION", certificates_shown=True, facts="占道摆卖水果",
        reasons="违反市容条例", legal_basis="《天津市市容和环境卫生管理条例》", rights_notice="告知陈述申辩权",
        decision_number=DECISION_NO, facts_certain=True, sanctions=(Sanction.FINE,), fine_fen=yuan(100),
        reconsideration_first_notice="如不服，可依法申请行政复议", statement="无异议"))
    return sid


async def pull(system: PlatformSystem) -> WarningsPullResult:
    result: WarningsPullResult = await system.client.execute_workflow(
        PlatformWarningsPull.run, WarningsPullInput(), id=f"pull-{uuid.uuid4().hex}", task_queue=system.task_queue)
    return result


async def warning_tasks(system: PlatformSystem) -> set[tuple[str, str]]:
    return {(t.stream_id, t.step) for t in await list_tasks(system.engine, TOWN, role="officer")
            if t.stream_id.startswith("platform-warning:")}


async def test_warnings_are_recorded_once_linked_to_their_case_and_wait_for_an_officer(
    dev_server: WorkflowEnvironment, db_url: str
) -> None:
    env = dev_server
    async with running_platform() as platform:
        client = platform.client()
        try:
            async with platform_system(env.client, db_url, client, search_attributes=True) as system:
                case_id = await simple_case(system, env)
                late = await raise_warning(platform, town=TOWN, case_id=case_id, decision_no=DECISION_NO,
                                           category="LATE_DISCLOSURE", message="处罚决定未在规定期限内公示")
                first = await pull(system)
                late_stream = warning_stream_id(late["warning_id"])
                assert (first.pulled, first.recorded, first.refused) == (1, [late_stream], [])

                store = EventStore(system.engine, Projector(lambda *_: ()))
                events = await store.load_stream(late_stream)
                assert [e.event_type for e in events] == ["PlatformWarningReceived"]
                received = events[0].payload
                assert (received["case_id"], received["decision_no"], received["category"]) == \
                    (case_id, DECISION_NO, "LATE_DISCLOSURE")
                assert (received["warning_id"], received["message"]) == (late["warning_id"], late["message"])
                assert (events[0].town, events[0].stream_kind, events[0].actor) == \
                    (TOWN, "PLATFORM_WARNING", "system")
                assert await warning_tasks(system) == {(late_stream, "RespondToPlatformWarning")}

                again = await pull(system)  # nothing new on the platform
                assert (again.pulled, again.recorded) == (0, [])
                other = await raise_warning(platform, town=TOWN, case_id=case_id, decision_no=DECISION_NO,
                                            category="CONTENT_INCOMPLETE", message="公示内容缺少处罚依据")
                third = await pull(system)
                other_stream = warning_stream_id(other["warning_id"])
                assert third.recorded == [other_stream]
                assert [e.event_type for e in await store.load_stream(late_stream)] == ["PlatformWarningReceived"]
                assert await warning_tasks(system) == {(late_stream, "RespondToPlatformWarning"),
                                                       (other_stream, "RespondToPlatformWarning")}

                with pytest.raises(StepRejected) as rejected:
                    await system.streams.step(late_stream, RespondToPlatformWarning(
                        occurred_at=await env.get_current_time(), actors=("zjw-officer-1",), response=" "))
                assert (rejected.value.error.rule, rejected.value.error.field) == ("REASONS_REQUIRED", "response")

                answered = await system.streams.step(late_stream, RespondToPlatformWarning(
                    occurred_at=await env.get_current_time(), actors=("zjw-officer-1",),
                    response="已于当日补充公示，并向监督平台说明迟延原因"))
                assert (answered.status, answered.event_types) == ("RESOLVED", ["PlatformWarningResolved"])
                assert await warning_tasks(system) == {(other_stream, "RespondToPlatformWarning")}
                assert await env.client.get_workflow_handle(late_stream).result() == "RESOLVED"
        finally:
            await client.aclose()


async def test_a_warning_already_in_the_log_is_not_recorded_again_even_when_listed_again(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    """The cursor is the last recorded warning; a warning listed again (a platform that repeats itself, a cursor
    lost) is recognised by its id."""
    env = dev_server
    async with running_platform() as platform:
        client = platform.client()

        class Repeats:
            async def submit_inspections(self, *args: object) -> list[InspectionReceipt]:
                raise AssertionError("not used")

            async def warnings(self, after: int = 0, town: str | None = None) -> list[PlatformWarning]:
                return await client.warnings(0, town)  # always the whole list

        try:
            async with platform_system(env.client, sqlite_url, Repeats(), search_attributes=True) as system:
                case_id = await simple_case(system, env)
                raised = [await raise_warning(platform, town=TOWN, case_id=case_id, decision_no=DECISION_NO,
                                              category="LATE_DISCLOSURE", message=f"第{n}次预警") for n in (1, 2)]
                first = await pull(system)
                second = await pull(system)
                assert sorted(first.recorded) == sorted(warning_stream_id(w["warning_id"]) for w in raised)
                assert (second.pulled, second.recorded) == (0, [])
                store = EventStore(system.engine, Projector(lambda *_: ()))
                for w in raised:
                    assert len(await store.load_stream(warning_stream_id(w["warning_id"]))) == 1
        finally:
            await client.aclose()


async def test_only_a_known_officer_may_respond_to_a_warning(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    env = dev_server
    async with running_platform() as platform:
        client = platform.client()
        try:
            async with platform_system(env.client, sqlite_url, client, search_attributes=True) as system:
                case_id = await simple_case(system, env)
                w = await raise_warning(platform, town=TOWN, case_id=case_id, decision_no=DECISION_NO,
                                        category="LATE_DISCLOSURE", message="处罚决定未在规定期限内公示")
                await pull(system)
                with pytest.raises(StepRejected) as rejected:
                    await system.streams.step(warning_stream_id(w["warning_id"]), RespondToPlatformWarning(
                        occurred_at=await env.get_current_time(), actors=("nobody-1",), response="已处理"))
                error = rejected.value.error
                assert (error.rule, error.field, error.message) == \
                    ("KNOWN_OFFICER", "actors", "unknown officer nobody-1")
        finally:
            await client.aclose()
