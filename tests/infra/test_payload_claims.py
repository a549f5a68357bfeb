"""Decision contexts stored once by their content (`infra.temporal.claims`): what a history then carries, what the
table keeps, and what happens when a claim cannot be redeemed — on both dialects."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.common.v1 import Payload
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from infra.db.models_claims import payload_claims
from infra.temporal.claims import ENCODING, ClaimCheckCodec, PayloadClaimMissing, PayloadClaims
from infra.temporal.codec import data_converter, is_encrypted
from tests.fixtures.temporal import CODEC
from tests.workflows.memory_store import MemoryStore
from tests.workflows.support import context_source
from tests.workflows.test_inspection_and_simple_workflows import nothing_found
from workflows.activities import StreamActivities
from workflows.client import StreamClient
from workflows.context import encode_snapshot
from workflows.messages import ContextPayload, StepRequest
from workflows.procedures import INSPECTION
from workflows.stream_workflows import SPECS, WORKFLOWS
from workflows.worker import create_worker, sandbox_runner


async def _context() -> ContextPayload:
    return encode_snapshot(await context_source().snapshot("zhangjiawo", INSPECTION))


def _codec(engine: AsyncEngine) -> ClaimCheckCodec:
    return ClaimCheckCodec(CODEC, PayloadClaims(engine))


async def _rows(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(payload_claims)) or 0)


async def _opened(payload: Payload) -> Payload:
    [opened] = await CODEC.decode([payload])
    return opened


async def test_a_context_travels_as_its_digest_encrypted_and_is_stored_once(engine: AsyncEngine) -> None:
    context = await _context()
    converter = data_converter(_codec(engine))
    [first] = await converter.encode([context])
    [again] = await data_converter(_codec(engine)).encode([context])  # another process, the same content
    assert is_encrypted(first) and first.ByteSize() < 300  # the context itself is ~35 KB
    claim = await _opened(first)
    assert claim.metadata["encoding"] == ENCODING and len(claim.data) == 64
    assert (await _opened(again)).data == claim.data
    assert await _rows(engine) == 1
    assert await converter.decode([first], [ContextPayload]) == [context]


async def test_a_process_that_never_stored_the_context_redeems_it_from_the_table(engine: AsyncEngine) -> None:
    context = await _context()
    [encoded] = await data_converter(_codec(engine)).encode([context])
    assert await data_converter(_codec(engine)).decode([encoded], [ContextPayload]) == [context]


async def test_other_payloads_are_not_claimed(engine: AsyncEngine) -> None:
    request = StepRequest(command="RecordInspection", payload={"place": "张家窝镇" * 5000}, context_version="v")
    [encoded] = await data_converter(_codec(engine)).encode([request])
    assert (await _opened(encoded)).metadata["encoding"] == b"json/plain"
    assert await _rows(engine) == 0


async def test_a_claim_missing_from_the_table_fails_decoding_naming_it(engine: AsyncEngine) -> None:
    digest = "0" * 64
    [claim] = await CODEC.encode([Payload(metadata={"encoding": ENCODING}, data=digest.encode())])
    with pytest.raises(PayloadClaimMissing, match=f"payload claim {digest} is not in table payload_claims"):
        await _codec(engine).decode([claim])


async def test_a_claim_whose_row_does_not_hash_to_it_is_refused(engine: AsyncEngine) -> None:
    digest = "1" * 64
    async with engine.begin() as conn:
        await conn.execute(insert(payload_claims).values(
            digest=digest, payload=Payload(data=b"{}").SerializeToString(), stored_at=func.now()))
    [claim] = await CODEC.encode([Payload(metadata={"encoding": ENCODING}, data=digest.encode())])
    with pytest.raises(PayloadClaimMissing, match=f"payload claim {digest} is altered"):
        await _codec(engine).decode([claim])


async def test_stored_claims_cannot_be_changed(engine: AsyncEngine) -> None:
    await data_converter(_codec(engine)).encode([await _context()])
    with pytest.raises(DBAPIError, match="payload claims are immutable"):
        async with engine.begin() as conn:
            await conn.execute(update(payload_claims).values(payload=b"x"))


async def test_a_stream_started_with_claims_runs_and_its_history_replays_elsewhere(
    engine: AsyncEngine, time_skipping_env: WorkflowEnvironment,
) -> None:
    config = time_skipping_env.client.config()
    config["data_converter"] = data_converter(_codec(engine))
    client, queue, store = Client(**config), f"q-{uuid.uuid4().hex}", MemoryStore()
    streams = StreamClient(client, task_queue=queue, context_source=context_source(), workflows=WORKFLOWS,
                           specs=SPECS, search_attributes=False, clock=time_skipping_env.get_current_time)
    sid = f"inspection:{uuid.uuid4().hex}"
    async with create_worker(client, task_queue=queue, activities=StreamActivities(store),
                             workflows=list(WORKFLOWS.values())):
        now = await time_skipping_env.get_current_time()
        result = await streams.start(INSPECTION, sid, "zhangjiawo", nothing_found(sid, now))
        assert result.status == "COMPLETED" and store.types(sid) == ["InspectionCompleted"]
        history = await client.get_workflow_handle(sid).fetch_history()
    started = history.events[0].workflow_execution_started_event_attributes
    assert started.input.ByteSize() < 2_000  # the input and the context's claim; the context inline was ~35 KB
    replayer = Replayer(workflows=list(WORKFLOWS.values()), workflow_runner=sandbox_runner(),
                        data_converter=data_converter(_codec(engine)))  # a fresh codec: redeemed from the table
    assert (await replayer.replay_workflow(history, raise_on_replay_failure=True)).replay_failure is None
