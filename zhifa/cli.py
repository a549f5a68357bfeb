"""The ``zhifa`` command. Each subcommand reads ``Settings`` from the environment, then imports what it runs
(lazily, so ``zhifa --help`` works without the database or Temporal packages being importable)."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from infra.settings import Settings, SettingsError, secret
from zhifa import audit_cmd

Handler = Callable[[Settings, argparse.Namespace], int]

ENVIRONMENT_HELP = """\
settings (environment variables):
  ZHIFA_ENV                 development (default) | production
  ZHIFA_DATA_DIR            ./var — SQLite database and the Temporal dev server's store
  ZHIFA_DATABASE_URL        sqlite+aiosqlite:///<data dir>/zhifa.db | postgresql+asyncpg://…
  ZHIFA_DATABASE_PASSWORD_FILE  file holding the database password (replaces the URL's; a container secret)
  ZHIFA_APP_PASSWORD(_FILE) `zhifa migrate` on PostgreSQL: lets role zhifa_app log in with this password
  ZHIFA_TEMPORAL_ADDRESS    127.0.0.1:7233        ZHIFA_TEMPORAL_NAMESPACE  default
  ZHIFA_TASK_QUEUE          zhifa-cases           ZHIFA_TEMPORAL_UI_PORT    8233
  ZHIFA_API_HOST            127.0.0.1             ZHIFA_API_PORT            8000
  ZHIFA_REFERENCE_DIR       reference data files, until the register holds data (default: the demo set)
  ZHIFA_REFERENCE_REFRESH_SECONDS  30 — how often the API and worker look for reference register changes
  ZHIFA_CALENDAR_OVERRIDES  holiday/make-up workday overrides file
  ZHIFA_TEMPORAL_LOG_LEVEL  error — the dev server's log level (debug, info, warn, error, never)
  ZHIFA_JWT_SECRET          HS256 secret for API tokens (development; ≥ 32 bytes)
  ZHIFA_JWT_PUBLIC_KEY      PEM public key (RS256/ES256) — required in production
  ZHIFA_JWT_PRIVATE_KEY     PEM private key, only for minting with `zhifa token`
  ZHIFA_PAYLOAD_KEYS        ID:BASE64 AES-256 keys encrypting Temporal payloads, active first — required in
                            production (or ZHIFA_PAYLOAD_KEYS_FILE, one entry a line)
  ZHIFA_CODEC_CORS_ORIGINS  Temporal UI origins allowed to call /codec (default the dev UI's)
  ZHIFA_JWT_ISSUER          zhifa                 ZHIFA_JWT_AUDIENCE        zhifa-api
  ZHIFA_SECURITY_LOG_RETENTION_DAYS  365 — security log retention (≥ 183: 网络安全法 art. 21)
  ZHIFA_PLATFORM_URL        http://127.0.0.1:8300 — the supervision platform (公示/报送)
  ZHIFA_PLATFORM_TIMEOUT    client timeout in seconds
  ZHIFA_PLATFORM_DEDUPLICATES  whether the platform honours Idempotency-Key (else: query before retry)
  ZHIFA_CHECKPOINT_DIR      <data dir>/checkpoints — signed checkpoints (keep it off the database's storage)
  ZHIFA_ANCHOR_KEY_FILE     Ed25519 PEM private key signing checkpoints (or ZHIFA_ANCHOR_KEY: the PEM itself)
  ZHIFA_ANCHOR_PUBLIC_KEY_FILE  Ed25519 PEM public key verifying them (or ZHIFA_ANCHOR_PUBLIC_KEY)
  ZHIFA_DOCUMENT_TEMPLATES_DIR  the towns' document templates (<town code>/town.toml, <kind>.toml)
  ZHIFA_EVIDENCE_DIR        <data dir>/evidence — uploaded evidence, content-addressed by SHA-256
  ZHIFA_EVIDENCE_MAX_BYTES  209715200 (200 MB)    ZHIFA_EVIDENCE_MEDIA_TYPES  accepted types, comma-separated
  ZHIFA_EVIDENCE_STORE      local | s3 — with s3: ZHIFA_EVIDENCE_S3_BUCKET, _ENDPOINT_URL, _REGION, _PREFIX,
                            _ACCESS_KEY_ID(_FILE), _SECRET_ACCESS_KEY(_FILE), _PART_BYTES (see README)
  ZHIFA_LOG_FORMAT          text | json (one JSON object a line) — json by default in production
  ZHIFA_WORKER_METRICS_ADDRESS  HOST:PORT — the worker serves Temporal SDK metrics (Prometheus) there
  OTEL_EXPORTER_OTLP_ENDPOINT  OTLP/HTTP collector (e.g. http://otel-collector:4318): traces on; unset: off
                            (OTEL_SERVICE_NAME and the other standard OTEL_* variables apply)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhifa",
        description="zhifa 执法 — case management for township comprehensive administrative law enforcement",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser(
        "dev", help="run Temporal dev server + migrations + worker + API under one supervisor"
    ).set_defaults(handler=_dev)
    commands.add_parser("worker", help="run the Temporal worker").set_defaults(handler=_worker)
    commands.add_parser("api", help="serve the HTTP API (GraphQL at /graphql, /healthz, /readyz)").set_defaults(
        handler=_api)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(handler=_migrate)
    _add_extension(commands, "token", "mint an API bearer token for a demo officer (development)", "zhifa.token_cmd")
    _add_extension(commands, "report", "write the annual enforcement report (行政执法工作报告)", "zhifa.report_cmd")
    _add_extension(commands, "platform", "the reference supervision platform (zhifa platform serve)",
                   "zhifa.platform_cmd")
    _add_extension(commands, "ledgers", "ledger spreadsheets (台账): template and import", "zhifa.ledgers_cmd")
    _add_extension(commands, "import", "enter closed cases of past years (补录): workbook template and import",
                   "zhifa.import_cmd")
    _add_extension(commands, "admin", "the reference register: onboarding workbook, import, retire, show, history",
                   "zhifa.admin_cmd")
    _add_extension(commands, "temporal", "prepare a Temporal server: zhifa temporal setup (search attributes)",
                   "zhifa.temporal_cmd")
    _add_extension(commands, "recover", "restart every open stream's workflow from the event log (Temporal lost)",
                   "zhifa.recover_cmd")
    _add_extension(commands, "statistics", "year-end snapshots: as reported, or restated after a reconsideration",
                   "zhifa.statistics_cmd")
    _add_extension(commands, "security-log", "the security event log: purge entries past the retention period",
                   "zhifa.security_cmd")

    audit = commands.add_parser("audit", help="check the event log, and anchor it outside the database")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    audit_cmd.add_subcommands(audit_commands)
    _add_extension(audit_commands, "follow-ups", "streams called for (disclosures, lead cases) that the log lacks; "
                   "--repair", "zhifa.follow_ups_cmd")

    projections = commands.add_parser("projections", help="maintain the read models").add_subparsers(
        dest="projections_command", required=True
    )
    projections.add_parser("rebuild", help="rebuild every read model from the event log").set_defaults(
        handler=_projections_rebuild
    )
    return parser


def _add_extension(commands: Any, name: str, help_text: str, module_name: str) -> None:
    """A subcommand whose module provides `add_arguments(parser)` and `run(settings, args) -> int` (such modules
    import only the standard library and settings at module level, so building the parser stays cheap)."""
    module = importlib.import_module(module_name)
    parser = commands.add_parser(name, help=help_text)
    module.add_arguments(parser)
    parser.set_defaults(handler=module.run)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        settings = Settings.from_env(os.environ)
    except SettingsError as error:
        print(f"zhifa: invalid setting {error}", file=sys.stderr)
        return 2
    try:
        return handler(settings, args)
    except SettingsError as error:  # read by the subcommand itself (payload keys, tokens, the platform)
        print(f"zhifa {args.command}: invalid setting {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        return _bad_reference(args.command, error)


def entry() -> None:
    """The `zhifa` command: `main`, then an exit that skips the interpreter's finalisation once Temporal's native
    client was loaded — its Rust threads can outlive the loop and abort a finished command at shutdown
    ("PyGILState_Release", temporalio/sdk-python#300), turning a success into a crash."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    if "temporalio.bridge.temporal_sdk_bridge" in sys.modules:
        os._exit(code)
    sys.exit(code)


def _bad_reference(command: str, error: ValueError) -> int:
    """Bad reference data (files or register) is a message naming file, record and field, never a traceback."""
    from infra.reference.errors import ReferenceDataError

    if not isinstance(error, ReferenceDataError):
        raise error
    print(f"zhifa {command}: invalid reference data: {error}", file=sys.stderr)
    return 2


def _dev(settings: Settings, args: argparse.Namespace) -> int:
    from zhifa.dev import run_dev

    return run_dev(settings)


def _worker(settings: Settings, args: argparse.Namespace) -> int:
    from infra.observability import ObservabilitySettings
    from infra.observability.logs import configure_logging
    from infra.settings import Environment
    from zhifa.lifecycle import run_until_signalled

    configure_logging(ObservabilitySettings.from_env(os.environ, production=settings.env is Environment.PRODUCTION))
    from zhifa.worker import run_worker

    return run_until_signalled(lambda: run_worker(settings))


def _api(settings: Settings, args: argparse.Namespace) -> int:
    from zhifa.api_server import serve

    return serve(settings)


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from infra.db.migrate import APP_ROLE, upgrade

    if settings.sqlite_file is not None:
        settings.sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    app_password = secret(os.environ, "ZHIFA_APP_PASSWORD")
    asyncio.run(upgrade(settings.database_url, app_password=app_password))
    print(f"database migrated: {settings.database_display}")
    if app_password is not None and not settings.uses_sqlite:
        print(f"role {APP_ROLE} may log in with the password of ZHIFA_APP_PASSWORD(_FILE)")
    return 0


def _projections_rebuild(settings: Settings, args: argparse.Namespace) -> int:
    from infra.db.engine import create_engine
    from infra.projections.rebuild import rebuild
    from zhifa.worker import next_steps

    async def run() -> Any:
        engine = create_engine(settings.database_url)
        try:
            return await rebuild(engine, next_steps)
        finally:
            await engine.dispose()

    report = asyncio.run(run())
    print(f"read models rebuilt from the event log: {report}")
    return 0
