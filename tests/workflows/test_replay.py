"""Committed histories of every workflow type replay on the current workflow code (determinism guard: a change
that breaks one needs `workflow.patched`). Recorders: `python -m tests.workflows.record_histories` (stream
workflows), `python -m tests.platform.record_histories`, `python -m tests.year_end.record_history`,
`python -m tests.anchoring.record_history`, `python -m tests.workflows.record_follow_up_audit`.

The recorders run without the payload codec, so the committed histories stay readable in review (demo data
only); they replay through the application's encrypting converter, whose decoding passes clear payloads through."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from tests.fixtures.temporal import encrypting_converter
from workflows.worker import sandbox_runner
from workflows.workflow_types import ALL_WORKFLOWS

HISTORIES = Path(__file__).parent / "histories"
WORKFLOW_TYPES = sorted(cls.__temporal_workflow_definition.name for cls in ALL_WORKFLOWS)  # type: ignore[attr-defined]


def test_every_workflow_type_has_a_committed_history() -> None:
    assert sorted(p.stem for p in HISTORIES.glob("*.json")) == WORKFLOW_TYPES


# Besides the current code's histories: runs recorded while the decision context was carried inside the start input
# (before it became an argument of its own, stored by content), and runs recorded by the stream code just before
# generation 1 (runs that asked `workflow.patched` and hold its markers). Such runs, still open when the code
# changed, must keep replaying.
RECORDED = {"current": HISTORIES, "context inline": HISTORIES / "context_inline",
            "generation 0": HISTORIES / "generation0"}
CASES = [pytest.param(path.stem, path.read_text("utf-8"), id=f"{when}-{path.stem}")
         for when, folder in RECORDED.items() for path in sorted(folder.glob("*.json"))]


@pytest.mark.parametrize(("workflow_type", "recorded"), CASES)
async def test_committed_histories_replay_on_the_current_code(workflow_type: str, recorded: str) -> None:
    history = WorkflowHistory.from_json(workflow_type, recorded)
    replayer = Replayer(workflows=list(ALL_WORKFLOWS), workflow_runner=sandbox_runner(),
                        data_converter=encrypting_converter())
    result = await replayer.replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
