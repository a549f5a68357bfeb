"""PII out of Temporal (issue 13): after a straw-burning case runs from inspection to archive on the real dev
server, neither the raw histories, nor the descriptions (memo), nor a raw query answer contain the party's name,
ID number, phone or address — read with a client that has no codec, as the server and its UI see them. The same
payloads, decrypted with the key, do contain them (so the search looks in the right place)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from google.protobuf.message import Message
from temporalio.api.common.v1 import Payload, SearchAttributes, WorkflowExecution
from temporalio.api.history.v1 import MarkerRecordedEventAttributes
from temporalio.api.query.v1 import WorkflowQuery
from temporalio.api.workflowservice.v1 import DescribeWorkflowExecutionRequest, QueryWorkflowRequest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from infra.temporal.codec import is_encrypted
from tests.e2e import straw_burning as scenario
from tests.e2e.conftest import system
from tests.fixtures.temporal import CODEC

pytestmark = pytest.mark.temporal

PII = {"name": scenario.PARTY.name, "id number": scenario.PARTY.id_number, "phone": scenario.PARTY.phone,
       "address": scenario.PARTY.address}

PATCH_MARKER = "core_patch"
LOCAL_ACTIVITY_MARKER = "core_local_activity"
CORE_BOOKKEEPING = "data"  # a local activity marker's own detail: seq, attempt, activity id and type, times


def payloads_in(message: Message) -> Iterator[Payload]:
    """Every Payload nested in a protobuf message (inputs, results, memos, failures, headers) except the search
    attributes', which Temporal indexes and no codec encodes (they hold town, status, procedure, violation type
    and kind only), the patch markers', which the SDK's core writes itself (a `workflow.patched` id), and a local
    activity marker's core bookkeeping."""
    if isinstance(message, SearchAttributes) or (
            isinstance(message, MarkerRecordedEventAttributes) and message.marker_name == PATCH_MARKER):
        return
    if isinstance(message, MarkerRecordedEventAttributes) and message.marker_name == LOCAL_ACTIVITY_MARKER:
        # The core writes its bookkeeping in clear, as for a patch marker; the activity's result (and a failure)
        # went through the codec. The activity's input (the sealed events) is not recorded at all.
        for key, payloads in message.details.items():
            if key != CORE_BOOKKEEPING:
                yield from payloads_in(payloads)
        if message.HasField("failure"):
            yield from payloads_in(message.failure)
        return
    if isinstance(message, Payload):
        yield message
        return
    for field, value in message.ListFields():
        if field.message_type is None:
            continue
        if field.message_type.GetOptions().map_entry:
            values = list(value.values())
        else:
            values = [value] if isinstance(value, Message) else list(value)
        for item in values:
            if isinstance(item, Message):
                yield from payloads_in(item)


def spellings(text: str) -> tuple[bytes, bytes]:
    """UTF-8, and as the JSON payload converter writes it (non-ASCII as \\u escapes)."""
    return text.encode("utf-8"), json.dumps(text).strip('"').encode("ascii")


def found_in(data: bytes) -> list[str]:
    return [what for what, text in PII.items()
            if text is not None and any(spelling in data for spelling in spellings(text))]


async def raw_records(plain: Client, workflow_id: str) -> list[Message]:
    """What the server holds for a workflow: its history events, its description and a `state` query answer."""
    history = await plain.get_workflow_handle(workflow_id).fetch_history()
    execution = WorkflowExecution(workflow_id=workflow_id)
    description = await plain.workflow_service.describe_workflow_execution(
        DescribeWorkflowExecutionRequest(namespace=plain.namespace, execution=execution))
    answer = await plain.workflow_service.query_workflow(QueryWorkflowRequest(
        namespace=plain.namespace, execution=execution, query=WorkflowQuery(query_type="state")))
    return [*history.events, description, answer]


async def test_no_party_data_reaches_the_temporal_server_in_clear(dev_server: WorkflowEnvironment,
                                                                   sqlite_url: str) -> None:
    assert all(PII.values())
    async with system(dev_server, sqlite_url) as s:
        inspection_id = f"inspection:zjw:{uuid.uuid4().hex[:12]}"
        case_id = await scenario.run_case(s.streams, inspection_id, scenario.scenario_base(datetime.now(UTC)))
        assert (await s.streams.head(case_id))["status"] == "ARCHIVED"  # the memo decoded: steps found their town

        plain = await Client.connect(dev_server.client.service_client.config.target_host,
                                     namespace=dev_server.client.namespace)
        for workflow_id in (inspection_id, case_id):
            records = await raw_records(plain, workflow_id)
            assert found_in(b"".join(record.SerializeToString() for record in records)) == [], workflow_id

            payloads = [p for record in records for p in payloads_in(record)]
            assert payloads and [p for p in payloads if not is_encrypted(p)] == [], workflow_id
            opened = b"".join(p.SerializeToString() for p in await CODEC.decode(payloads))
            assert set(found_in(opened)) == set(PII), workflow_id
