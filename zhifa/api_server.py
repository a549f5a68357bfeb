"""``zhifa api``: the Starlette app (health, GraphQL, the Temporal UI's codec server) wired to the real database
and Temporal, served by uvicorn.

``zhifa dev`` runs this same process as its API child, so GraphQL is served there too.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from temporalio.client import Client, Interceptor
from temporalio.converter import PayloadCodec
from uvicorn.config import LOGGING_CONFIG

from api.app import create_app
from api.codec import codec_routes
from api.console import console_routes
from api.documents import document_routes
from api.evidence.routes import evidence_routes
from api.exports import export_routes
from api.graphql.authn import Authenticator
from api.graphql.context import Services
from api.graphql.ledger_templates import ledger_template_routes
from api.graphql.routes import graphql_routes
from api.security import SecurityLog
from domain.messages import Command
from domain.reference import ReferenceData
from infra.administration.live import LiveReference
from infra.administration.register import ReferenceRegister
from infra.auth import AuthSettings
from infra.documents.service import DocumentService
from infra.documents.templates import TemplateLibrary
from infra.evidence.service import EvidenceService
from infra.evidence.settings import EvidenceSettings
from infra.evidence.stores import blob_store
from infra.observability import ObservabilitySettings
from infra.observability.logs import configure_logging
from infra.observability.tracing import Tracing
from infra.settings import Environment, Settings, SettingsError
from workflows.client import StreamClient
from workflows.messages import StepResult
from zhifa.collector import settle_after_start
from zhifa.composition import context_source, file_reference, payload_codec, stream_client
from zhifa.context import ReferenceContextSource
from zhifa.readiness import TemporalCheck, database_check


class LazyStreams:
    """The workflow facade, connected to Temporal on first use (the API starts while Temporal may still boot)."""

    def __init__(self, settings: Settings, contexts: ReferenceContextSource, codec: PayloadCodec,
                 interceptors: Sequence[Interceptor] = ()) -> None:
        self._settings = settings
        self._contexts = contexts
        self._codec = codec
        self._interceptors = interceptors
        self._streams: StreamClient | None = None
        self._lock = asyncio.Lock()

    async def _facade(self) -> StreamClient:
        async with self._lock:
            if self._streams is None:
                from infra.temporal.connection import connect

                client: Client = await connect(self._settings, codec=self._codec, interceptors=self._interceptors)
                self._streams = stream_client(client, self._settings, self._contexts)
            return self._streams

    async def start(
        self, kind: str, stream_id: str, town: str, command: Command, *, request_id: str | None = None
    ) -> StepResult:
        return await (await self._facade()).start(kind, stream_id, town, command, request_id=request_id)

    async def step(self, stream_id: str, command: Command, *, request_id: str | None = None) -> StepResult:
        return await (await self._facade()).step(stream_id, command, request_id=request_id)


# Every request holds one connection while it reads: a pool smaller than the requests in flight opened and closed an
# overflow connection (a new PostgreSQL backend) per request under B2's load of 8.
API_POOL_SIZE = 10


def graphiql_dir(settings: Settings) -> Path:
    """Where `make graphiql` installs GraphiQL's packages (npm; under the data directory, never committed)."""
    return settings.data_dir / "graphiql" / "node_modules"


def _now() -> datetime:
    return datetime.now(UTC)


def build_app(settings: Settings, environ: Mapping[str, str] | None = None, *, step_timeout: float = 30.0
              ) -> Starlette:
    from infra.calendar.loader import load_work_calendar
    from infra.db.engine import create_engine, is_sqlite
    from infra.readside import reader_engine
    from infra.securitylog import SecurityLogStore

    development = settings.env is Environment.DEVELOPMENT
    environ = os.environ if environ is None else environ
    auth = AuthSettings.from_env(environ, production=not development)
    tracing = Tracing.from_settings(ObservabilitySettings.from_env(environ, production=not development), "zhifa-api")
    engine = create_engine(settings.database_url, pool_size=API_POOL_SIZE)
    codec = payload_codec(settings, environ, engine=engine)
    tracing.instrument(engine)
    readers = reader_engine(settings.database_url, pool_size=API_POOL_SIZE) if not is_sqlite(engine.url) else None
    if readers is not None:
        tracing.instrument(readers)
    initial = file_reference(settings)
    reference = initial.reference
    live = LiveReference(ReferenceRegister(engine), initial)
    security = SecurityLog(SecurityLogStore(engine))
    evidence = evidence_service(engine, settings, environ)
    contexts = context_source(settings, initial)
    streams = LazyStreams(settings, contexts, codec, tracing.temporal_interceptors())
    services = Services(engine=engine, streams=streams, reference=reference, clock=_now, security=security,
                        step_timeout=step_timeout, evidence=evidence,
                        calendar=load_work_calendar(settings.calendar_overrides), live=live, readers=readers)
    documents = document_service(engine, reference, environ)
    live.subscribe(lambda loaded: contexts.replace_data(loaded.reference, loaded.profiles))
    live.subscribe(lambda loaded: documents.use_reference(loaded.reference))
    return create_app(
        health_checks={"database": database_check(engine), "temporal": TemporalCheck(settings, codec),
                       "securityLog": security.check},
        routes=[*graphql_routes(services, auth, development=development, ide_assets=graphiql_dir(settings)),
                *ledger_template_routes(services, auth),
                *codec_routes(codec, Authenticator(auth, services), cors_origins=settings.codec_cors_origins),
                *document_routes(services, auth, documents), *evidence_routes(services, auth, evidence),
                *export_routes(services, auth),
                *console_routes(reference, auth, development=development)],  # the web console: / and /console/
        on_shutdown=[engine.dispose, *([readers.dispose] if readers is not None else []), tracing.flush],
        middleware=tracing.asgi_middleware(),
        background=[lambda: live.keep_current(reference_refresh_seconds(environ))],
    )


def reference_refresh_seconds(environ: Mapping[str, str]) -> float:
    """How often the API looks for changes of the reference register (ZHIFA_REFERENCE_REFRESH_SECONDS)."""
    try:
        seconds = float(environ.get("ZHIFA_REFERENCE_REFRESH_SECONDS") or 30)
    except ValueError:
        raise SettingsError("ZHIFA_REFERENCE_REFRESH_SECONDS", "a number of seconds") from None
    if seconds <= 0:
        raise SettingsError("ZHIFA_REFERENCE_REFRESH_SECONDS", "a positive number of seconds")
    return seconds


def document_service(engine: AsyncEngine, reference: ReferenceData, environ: Mapping[str, str]) -> DocumentService:
    from domain.task_routing import next_steps_for
    from infra.eventstore import EventStore
    from infra.projections import Projector

    store = EventStore(engine, Projector(next_steps_for))
    return DocumentService(store, reference, TemplateLibrary.from_env(environ), _now)


def evidence_service(engine: AsyncEngine, settings: Settings, environ: Mapping[str, str]) -> EvidenceService:
    evidence = EvidenceSettings.from_env(environ, settings.data_dir)
    return EvidenceService(engine, blob_store(evidence), evidence, _now)


def serve(settings: Settings) -> int:
    """Serve until SIGINT/SIGTERM (uvicorn handles both and shuts down gracefully)."""
    try:
        app = build_app(settings)
    except SettingsError as error:
        print(f"zhifa api: invalid setting {error}", file=sys.stderr)
        return 2
    observability = ObservabilitySettings.from_env(os.environ, production=settings.env is Environment.PRODUCTION)
    configure_logging(observability)
    settle_after_start()
    # JSON: uvicorn's own loggers propagate to the root's JSON handler instead of its text formatters.
    log_config = None if observability.json_logs else LOGGING_CONFIG
    # uvloop and httptools (dependencies; "auto" takes them where installed): the pure-Python selector loop and h11
    # parser were several per cent of a read's CPU (B2). `Server.run` builds the loop from the config; the
    # `asyncio.run(server.serve())` before it always ran asyncio's own.
    config = uvicorn.Config(app, host=settings.api_host, port=settings.api_port, lifespan="on", log_level="info",
                            log_config=log_config, loop="auto", http="auto")
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 1
