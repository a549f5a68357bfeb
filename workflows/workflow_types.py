"""Every workflow type a worker runs: the stream workflows (one per aggregate) and the scheduled ones (the daily
platform upload, the hourly warnings pull, the year-end statistics and reports, the follow-up audit, the daily
checkpoint)."""

from __future__ import annotations

from workflows.anchoring import AnchorCheckpointWorkflow
from workflows.follow_up_audit import FollowUpAudit
from workflows.platform_worker import PLATFORM_WORKFLOWS
from workflows.stream_workflows import WORKFLOWS
from workflows.year_end import YearEndWorkflow

ALL_WORKFLOWS: tuple[type, ...] = (*WORKFLOWS.values(), *PLATFORM_WORKFLOWS, YearEndWorkflow, FollowUpAudit,
                                   AnchorCheckpointWorkflow)
