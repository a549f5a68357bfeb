"""Wiring shared by the processes that drive workflows (worker, API, CLI): the decision-context source over the
configured reference data, calendar and profiles, and the client facade over every stream workflow."""

from __future__ import annotations

from temporalio.client import Client

from infra.calendar import load_work_calendar
from infra.reference import demo_profiles, demo_reference, load_profiles, load_reference
from infra.settings import Settings
from workflows.client import StreamClient
from workflows.definitions import SPECS, WORKFLOWS
from zhifa.context import ReferenceContextSource


def context_source(settings: Settings) -> ReferenceContextSource:
    if settings.reference_dir is not None:
        reference, profiles = load_reference(settings.reference_dir), load_profiles(settings.reference_dir)
    else:
        reference, profiles = demo_reference(), demo_profiles()
    return ReferenceContextSource(reference, load_work_calendar(settings.calendar_overrides), profiles)


def stream_client(client: Client, settings: Settings, contexts: ReferenceContextSource) -> StreamClient:
    return StreamClient(client, task_queue=settings.task_queue, context_source=contexts, workflows=WORKFLOWS,
                        specs=SPECS)
