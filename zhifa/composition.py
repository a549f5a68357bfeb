"""Wiring shared by the processes that drive workflows (worker, API, CLI): the decision-context source over the
configured reference data, calendar and profiles, the payload codec over the configured keys, the client facade
over every stream workflow, and the supervision platform's client."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.converter import PayloadCodec

from domain.profile import RuleProfile
from domain.reference import ReferenceData
from infra.administration.register import Loaded, ReferenceRegister, no_database
from infra.calendar import load_work_calendar
from infra.reference import demo_profiles, demo_reference, load_profiles, load_reference
from infra.settings import Environment, Settings, SettingsError
from infra.supervision import SupervisionClient
from infra.temporal.claims import ClaimCheckCodec, PayloadClaims
from infra.temporal.codec import EncryptionCodec
from infra.temporal.payload_keys import PayloadKeys
from workflows.client import StreamClient
from workflows.stream_workflows import SPECS, WORKFLOWS
from zhifa.context import ReferenceContextSource


def reference_data(settings: Settings) -> tuple[ReferenceData, dict[str, RuleProfile]]:
    """The configured reference data and rule profiles (the shipped demo set unless ZHIFA_REFERENCE_DIR)."""
    if settings.reference_dir is not None:
        return load_reference(settings.reference_dir), load_profiles(settings.reference_dir)
    return demo_reference(), demo_profiles()


def file_reference(settings: Settings) -> Loaded:
    reference, profiles = reference_data(settings)
    return Loaded(reference=reference, profiles=profiles)


async def configured_reference(settings: Settings, *, day: date | None = None) -> Loaded:
    """What the CLI decides and reports with: the register as of `day` (today) once anything is recorded in it,
    else the files (ZHIFA_REFERENCE_DIR or the demo set)."""
    from infra.db.engine import create_engine

    if no_database(settings.database_url):
        return file_reference(settings)
    engine = create_engine(settings.database_url)
    try:
        return await ReferenceRegister(engine).configured(day or datetime.now(UTC).date(),
                                                          lambda: file_reference(settings))
    finally:
        await engine.dispose()


def context_source(settings: Settings, loaded: Loaded | None = None) -> ReferenceContextSource:
    reference, profiles = (loaded.reference, loaded.profiles) if loaded is not None else reference_data(settings)
    return ReferenceContextSource(reference, load_work_calendar(settings.calendar_overrides), profiles)


def payload_codec(settings: Settings, environ: Mapping[str, str] | None = None, *,
                  engine: AsyncEngine | None = None) -> PayloadCodec:
    """The codec over ZHIFA_PAYLOAD_KEYS / ZHIFA_PAYLOAD_KEYS_FILE (the development key in development only); with
    the database's `engine`, decision contexts are also stored once by their content (`infra.temporal.claims`) —
    every process that runs workflows or starts streams has it; one without writes contexts inline."""
    keys = PayloadKeys.from_env(os.environ if environ is None else environ,
                                production=settings.env is Environment.PRODUCTION)
    codec = EncryptionCodec(keys)
    return codec if engine is None else ClaimCheckCodec(codec, PayloadClaims(engine))


def stream_client(client: Client, settings: Settings, contexts: ReferenceContextSource) -> StreamClient:
    return StreamClient(client, task_queue=settings.task_queue, context_source=contexts, workflows=WORKFLOWS,
                        specs=SPECS)


@dataclass(frozen=True)
class PlatformSettings:
    """Where the supervision platform is and how it behaves: ``ZHIFA_PLATFORM_URL`` (default the reference
    platform of ``zhifa platform serve``), ``ZHIFA_PLATFORM_TIMEOUT`` seconds, ``ZHIFA_PLATFORM_DEDUPLICATES``
    (``false`` for a platform that ignores Idempotency-Key: the client then queries before sending)."""

    url: str = "http://127.0.0.1:8300"
    timeout: float = 10.0
    deduplicates: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> PlatformSettings:
        url = environ.get("ZHIFA_PLATFORM_URL") or cls.url
        if not url.startswith(("http://", "https://")):
            raise SettingsError("ZHIFA_PLATFORM_URL", f"{url!r} is not an http(s) URL")
        try:
            timeout = float(environ.get("ZHIFA_PLATFORM_TIMEOUT") or cls.timeout)
        except ValueError:
            raise SettingsError("ZHIFA_PLATFORM_TIMEOUT", "a number of seconds") from None
        flag = (environ.get("ZHIFA_PLATFORM_DEDUPLICATES") or "true").lower()
        if flag not in ("true", "false", "1", "0", "yes", "no"):
            raise SettingsError("ZHIFA_PLATFORM_DEDUPLICATES", "true or false")
        return cls(url=url, timeout=timeout, deduplicates=flag in ("true", "1", "yes"))


def supervision_client(platform: PlatformSettings) -> SupervisionClient:
    return SupervisionClient(platform.url, timeout=platform.timeout, deduplicates=platform.deduplicates)
