"""What a worker registers for the exchanges with the supervision platform: the workflows, their activities
(over the feed and the platform client the composition root gives), and the modules the sandbox passes through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workflows.platform_activities import FeedPort, PlatformPort, PlatformUploadActivities, PlatformWarningActivities
from workflows.platform_upload import PlatformDailyUpload
from workflows.platform_warnings import PLATFORM_WARNING, PlatformWarningsPull, PlatformWarningWorkflow

PLATFORM_PASSTHROUGH = ("workflows.platform_activities",)
# The stream workflow of platform warnings, by aggregate kind (for the stream client and the follow-up router).
PLATFORM_STREAM_WORKFLOWS: dict[str, type] = {PLATFORM_WARNING: PlatformWarningWorkflow}
PLATFORM_WORKFLOWS: tuple[type, ...] = (PlatformDailyUpload, PlatformWarningsPull)


def platform_activities(feed: FeedPort, platform: PlatformPort) -> list[Callable[..., Any]]:
    upload, warnings = PlatformUploadActivities(feed, platform), PlatformWarningActivities(feed, platform)
    return [upload.pending, upload.upload, warnings.pending]
