"""Records the committed history of the `FollowUpAudit` workflow: `python -m tests.workflows.record_follow_up_audit`.

The workflow's history does not depend on what the audit finds, so the activity here reports one repaired
follow-up without reading a log. Run it only when the workflow type is new; a changed workflow must still replay
the committed history (`test_replay.py`), otherwise the change needs `workflow.patched`."""

from __future__ import annotations

import asyncio
import uuid

from temporalio import activity
from temporalio.worker import Worker

from tests.workflows.recording import recording, save_history
from workflows.follow_up_audit import WORKFLOW_NAME, FollowUpAudit, FollowUpAuditInput, FollowUpAuditReport
from workflows.worker import sandbox_runner


@activity.defn(name="repair_follow_ups")
async def repaired_one(request: FollowUpAuditInput) -> FollowUpAuditReport:
    return FollowUpAuditReport(missing=["inspection:1 calls for GENERAL_CASE case:inspection:1/1 (RegisterLead), "
                                        "absent from the log"], opened=["case:inspection:1/1"])


async def record() -> None:
    async with recording() as on:
        queue = f"q-{uuid.uuid4().hex}"
        async with Worker(on.env.client, task_queue=queue, workflows=[FollowUpAudit], activities=[repaired_one],
                          workflow_runner=sandbox_runner()):
            handle = await on.env.client.start_workflow(FollowUpAudit.run, FollowUpAuditInput(),
                                                        id=f"follow-up-audit-{uuid.uuid4().hex}", task_queue=queue)
            await handle.result()
        await save_history(WORKFLOW_NAME, handle)


if __name__ == "__main__":
    asyncio.run(record())
