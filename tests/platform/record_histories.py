"""Records one history per workflow type of the platform exchanges for the replay test:
`python -m tests.platform.record_histories` (writes `tests/workflows/histories/<WorkflowName>.json`).

Run it when such a workflow type is added; commit the JSON files. A change of workflow code must keep them
replaying (otherwise it needs `workflow.patched`): never re-record to make a replay failure go away.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from domain.deadlines.local_time import local_date
from domain.platform.warnings import RespondToPlatformWarning, warning_stream_id
from infra.db.migrate import upgrade
from tests.disclosure.platform import running_platform
from tests.platform.inspections import TOWN, at, new_id, nothing_found, record, with_citizen_finding
from tests.platform.support import platform_system, raise_warning
from workflows import search_attributes
from workflows.platform_upload import DailyUploadInput, PlatformDailyUpload
from workflows.platform_warnings import PlatformWarningsPull, WarningsPullInput

HISTORIES = Path(__file__).parent.parent / "workflows" / "histories"
BIN = Path(sys.executable).parent


async def record_histories() -> list[Path]:
    # The dev server, not the time-skipping one: the latter may lose the outcome of the update that resolves a
    # warning (its workflow completes in the same task).
    # No payload codec, on purpose: committed histories stay readable in review (tests/workflows/test_replay).
    env = await WorkflowEnvironment.start_local(dev_server_existing_path=str(BIN / "temporal"),
                                                search_attributes=search_attributes.ALL, dev_server_log_level="error")
    written: list[Path] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'zhifa.db'}"
            await upgrade(url)
            async with running_platform() as platform:
                client = platform.client()
                try:
                    async with platform_system(env.client, url, client, search_attributes=True) as system:
                        day = local_date(await env.get_current_time()) - timedelta(days=1)
                        await record(system.streams, nothing_found(new_id(), at(day, 9)))
                        await record(system.streams, with_citizen_finding(new_id(), at(day, 16)))
                        upload_id = f"history-upload-{uuid.uuid4().hex[:8]}"
                        await env.client.execute_workflow(
                            PlatformDailyUpload.run, DailyUploadInput(day=day.isoformat(), batch_size=1),
                            id=upload_id, task_queue=system.task_queue)

                        warning = await raise_warning(platform, town=TOWN, case_id="case:simple:history",
                                                      decision_no="津西青张简〔2026〕8号", category="LATE_DISCLOSURE",
                                                      message="处罚决定未在规定期限内公示")
                        pull_id = f"history-pull-{uuid.uuid4().hex[:8]}"
                        await env.client.execute_workflow(PlatformWarningsPull.run, WarningsPullInput(), id=pull_id,
                                                          task_queue=system.task_queue)
                        stream_id = warning_stream_id(warning["warning_id"])
                        await system.streams.step(stream_id, RespondToPlatformWarning(
                            occurred_at=await env.get_current_time(), actors=("zjw-officer-1",),
                            response="已补充公示"))
                        for name, workflow_id in (("PlatformDailyUpload", upload_id),
                                                  ("PlatformWarningsPull", pull_id), ("PlatformWarning", stream_id)):
                            handle = env.client.get_workflow_handle(workflow_id)
                            await handle.result()
                            history = await handle.fetch_history()
                            path = HISTORIES / f"{name}.json"
                            path.write_text(history.to_json(), encoding="utf-8")
                            written.append(path)
                finally:
                    await client.aclose()
    finally:
        await env.shutdown()
    return written


if __name__ == "__main__":
    for path in asyncio.run(record_histories()):
        print(path)
