"""Process logs: human-readable lines in development, one JSON object a line in production (``ZHIFA_LOG_FORMAT``),
each carrying — when known — the request id, the officer, the town and the stream the work is for.

Those four come from a context variable: the API binds them while it handles a request (``api.observability``
the request id, authentication the officer, a step its stream and town), ``ActivityLogContext`` binds the stream
id (the workflow id) while an activity runs. ``log_context`` scopes what is bound in it; ``bind`` adds to the
innermost scope. When a span is being traced, its trace and span ids are added too."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from temporalio import activity
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor

from infra.observability.settings import ObservabilitySettings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_FIELDS: ContextVar[Mapping[str, str]] = ContextVar("zhifa_log_fields", default=MappingProxyType({}))


@contextmanager
def log_context(**fields: str | None) -> Iterator[None]:
    """Within the block, log records carry ``fields`` (None: not known) besides those already bound."""
    token = _FIELDS.set({**_FIELDS.get(), **{k: v for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _FIELDS.reset(token)


def bind(**fields: str | None) -> None:
    """Add ``fields`` until the enclosing ``log_context`` ends."""
    _FIELDS.set({**_FIELDS.get(), **{k: v for k, v in fields.items() if v is not None}})


def current_fields() -> Mapping[str, str]:
    return _FIELDS.get()


class JsonFormatter(logging.Formatter):
    """timestamp (UTC, ISO 8601), level, logger, message, the bound fields, trace ids, and any exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **current_fields(),
        }
        entry.update(_trace_ids())
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _trace_ids() -> dict[str, str]:
    trace = sys.modules.get("opentelemetry.trace")  # only when tracing is on (it is never imported otherwise)
    if trace is None:
        return {}
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return {}
    return {"trace_id": f"{context.trace_id:032x}", "span_id": f"{context.span_id:016x}"}


def handler(settings: ObservabilitySettings, stream: Any = None) -> logging.Handler:
    """A stream handler (stderr by default) in the configured format."""
    chosen = logging.StreamHandler(stream if stream is not None else sys.stderr)
    chosen.setFormatter(JsonFormatter() if settings.json_logs else logging.Formatter(TEXT_FORMAT))
    return chosen


def configure_logging(settings: ObservabilitySettings, level: int = logging.INFO) -> None:
    """The root logger writes in the configured format (every library logger propagates to it)."""
    root = logging.getLogger()
    root.handlers[:] = [handler(settings)]
    root.setLevel(level)


class ActivityLogContext(Interceptor):
    """Worker interceptor: an activity's log records carry its workflow's id, which is the stream id."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _ActivityInbound(next)


class _ActivityInbound(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        with log_context(stream_id=activity.info().workflow_id):
            return await super().execute_activity(input)
