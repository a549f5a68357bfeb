"""The concrete stream workflows. Each is the generic `StreamWorkflow` bound to one aggregate; Temporal requires
the `run` method on the class itself."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows import procedures
    from workflows.disclosure import DisclosureWorkflow
    from workflows.messages import ContextPayload, StreamInput
    from workflows.platform_warnings import PLATFORM_WARNING, PlatformWarningWorkflow
    from workflows.stream import StreamWorkflow


@workflow.defn(name="GeneralCase")
class GeneralCaseWorkflow(StreamWorkflow):
    """一般程序: lead to archive, with the statutory clocks (D7 decision, D9 statement, D15 payment, …)."""

    spec = procedures.GENERAL_SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)


@workflow.defn(name="Inspection")
class InspectionWorkflow(StreamWorkflow):
    """行政检查. An inspection that finds nothing is one update-with-start, one activity, and done."""

    spec = procedures.INSPECTION_SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)


@workflow.defn(name="RectificationOrder")
class RectificationWorkflow(StreamWorkflow):
    """责令改正 with its reinspection deadline (D30)."""

    spec = procedures.RECTIFICATION_SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)


@workflow.defn(name="SimpleCase")
class SimpleCaseWorkflow(StreamWorkflow):
    """简易程序 (当场处罚), APL 51–53."""

    spec = procedures.SIMPLE_SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)


@workflow.defn(name="ConstructionCase")
class ConstructionCaseWorkflow(StreamWorkflow):
    """违法建设 from discovery to demolition (URPL 64/65, ACL 44)."""

    spec = procedures.CONSTRUCTION_SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)


WORKFLOWS: dict[str, type[StreamWorkflow]] = {
    PLATFORM_WARNING: PlatformWarningWorkflow,
    procedures.GENERAL_CASE: GeneralCaseWorkflow,
    procedures.INSPECTION: InspectionWorkflow,
    procedures.RECTIFICATION: RectificationWorkflow,
    procedures.SIMPLE_CASE: SimpleCaseWorkflow,
    procedures.CONSTRUCTION_CASE: ConstructionCaseWorkflow,
    procedures.DISCLOSURE: DisclosureWorkflow,
}
SPECS = {kind: cls.spec for kind, cls in WORKFLOWS.items()}
