"""The worker's workflow runner compiles the sandbox's code snippets once, and answers serialization contexts without
entering the sandbox, only where no context can change a payload: the product's data converter (orjson JSON,
encryption, encoded failure attributes)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec, SerializationContext, WithSerializationContext
from temporalio.testing import WorkflowEnvironment
from temporalio.worker.workflow_sandbox._runner import _Instance

from domain.inspections.commands import RecordInspection
from domain.inspections.findings import FindingDraft, FindingKind
from infra.temporal.codec import EncryptionCodec, data_converter
from infra.temporal.payload_keys import PayloadKeys
from tests.e2e import straw_burning as scenario
from tests.workflows.support import Harness, harness
from workflows.procedures import INSPECTION
from workflows.sandbox_runner import ContextFreeRunner, _compiled, takes_no_context
from workflows.worker import sandbox_runner


class _ContextAwareCodec(PayloadCodec, WithSerializationContext):
    def __init__(self, context: SerializationContext | None = None) -> None:
        self.context = context

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return list(payloads)

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return list(payloads)

    def with_context(self, context: SerializationContext) -> _ContextAwareCodec:
        return _ContextAwareCodec(context)


def test_the_products_converter_takes_no_context_and_a_context_aware_one_keeps_the_sandboxs_answers() -> None:
    product = data_converter(EncryptionCodec(PayloadKeys.development()))
    aware = dataclasses.replace(product, payload_codec=_ContextAwareCodec())
    assert takes_no_context(product) and not takes_no_context(aware)
    assert ContextFreeRunner(sandbox_runner(), product)._wrap and not ContextFreeRunner(sandbox_runner(), aware)._wrap


@pytest.mark.temporal
async def test_an_inspection_runs_without_asking_the_sandbox_for_a_serialization_context(
        dev_server: WorkflowEnvironment, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr(_Instance, "get_serialization_context", lambda self, info: asked.append(info))
    async with harness(dev_server) as h:
        inspection_id = await _inspect(h)
        assert await dev_server.client.get_workflow_handle(inspection_id).result() == "COMPLETED"
    assert asked == []


async def _inspect(h: Harness) -> str:
    inspection_id = f"inspection:zjw:{uuid.uuid4().hex[:12]}"
    await h.client.start(INSPECTION, inspection_id, scenario.TOWN, RecordInspection(
        occurred_at=datetime.now(UTC), actors=(scenario.OFFICER, scenario.OFFICER_2), inspection_id=inspection_id,
        town=scenario.TOWN, unit=scenario.UNIT, place="张家窝镇某村", items_checked=("HB-STRAW-BURNING",),
        certificates_shown=True, findings=(FindingDraft(kind=FindingKind.NO_VIOLATION),), site_record="未发现"))
    return inspection_id


@pytest.mark.temporal
async def test_a_second_run_of_a_workflow_compiles_none_of_the_sandboxs_snippets_again(
        dev_server: WorkflowEnvironment) -> None:
    async with harness(dev_server) as h:
        first = await _inspect(h)
        assert await dev_server.client.get_workflow_handle(first).result() == "COMPLETED"
        compiled, reused = _compiled.cache_info().misses, _compiled.cache_info().hits
        second = await _inspect(h)
        assert await dev_server.client.get_workflow_handle(second).result() == "COMPLETED"
    assert _compiled.cache_info().misses == compiled and _compiled.cache_info().hits >= reused + 3
