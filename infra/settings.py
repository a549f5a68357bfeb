"""Runtime settings, read once from environment variables (``ZHIFA_*``).

The defaults describe the embedded mode (``make run``): SQLite and the Temporal dev server's store under
``./var``, everything bound to 127.0.0.1. ``Settings.from_env`` turns every invalid value into a
``SettingsError`` whose message starts with the name of the offending variable.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

# The async drivers, and the plain names infra.db.engine maps onto them.
SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg", "sqlite", "postgresql", "postgres")
TEMPORAL_LOG_LEVELS = ("debug", "info", "warn", "error", "never")
# 网络安全法 art. 21: network logs are kept no less than six months (domain.security_log.MIN_RETENTION_DAYS).
MIN_SECURITY_LOG_RETENTION_DAYS = 183
DEFAULT_SECURITY_LOG_RETENTION_DAYS = 365


class SettingsError(ValueError):
    """An environment variable holds a value the application cannot run with."""

    def __init__(self, variable: str, reason: str) -> None:
        super().__init__(f"{variable}: {reason}")
        self.variable = variable
        self.reason = reason


class Environment(enum.StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


@dataclass(frozen=True, kw_only=True)
class Settings:
    env: Environment = Environment.DEVELOPMENT
    data_dir: Path
    database_url: str
    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = "zhifa-cases"
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    temporal_ui_port: int = 8233
    temporal_log_level: str = "error"
    reference_dir: Path | None = None
    calendar_overrides: Path | None = None
    # Browser origins of the Temporal UI allowed to call the codec endpoint (CORS); default: the dev server's UI.
    codec_cors_origins: tuple[str, ...] = ()
    security_log_retention_days: int = DEFAULT_SECURITY_LOG_RETENTION_DAYS

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Read settings from ``environ`` (pass ``os.environ``); unset or empty variables take their default."""
        values = _Reader(environ)
        env = values.choice("ZHIFA_ENV", [e.value for e in Environment], Environment.DEVELOPMENT.value)
        data_dir = values.path("ZHIFA_DATA_DIR", Path("./var")).resolve()
        database_url = values.database_url(
            "ZHIFA_DATABASE_URL",
            default=None if env == Environment.PRODUCTION else f"sqlite+aiosqlite:///{data_dir / 'zhifa.db'}",
        )
        database_url = values.with_password_file(database_url, "ZHIFA_DATABASE_PASSWORD_FILE")
        temporal_address = values.address("ZHIFA_TEMPORAL_ADDRESS", "127.0.0.1:7233")
        temporal_ui_port = values.port("ZHIFA_TEMPORAL_UI_PORT", 8233)
        ui_origin = f"http://{temporal_address.rsplit(':', 1)[0]}:{temporal_ui_port}"
        return cls(
            env=Environment(env),
            data_dir=data_dir,
            database_url=database_url,
            temporal_address=temporal_address,
            temporal_namespace=values.name("ZHIFA_TEMPORAL_NAMESPACE", "default"),
            task_queue=values.name("ZHIFA_TASK_QUEUE", "zhifa-cases"),
            api_host=values.name("ZHIFA_API_HOST", "127.0.0.1"),
            api_port=values.port("ZHIFA_API_PORT", 8000),
            temporal_ui_port=temporal_ui_port,
            temporal_log_level=values.choice("ZHIFA_TEMPORAL_LOG_LEVEL", TEMPORAL_LOG_LEVELS, "error"),
            reference_dir=values.existing_path("ZHIFA_REFERENCE_DIR", directory=True),
            calendar_overrides=values.existing_path("ZHIFA_CALENDAR_OVERRIDES", directory=False),
            codec_cors_origins=values.origins("ZHIFA_CODEC_CORS_ORIGINS", (ui_origin,)),
            security_log_retention_days=values.retention_days("ZHIFA_SECURITY_LOG_RETENTION_DAYS"),
        )

    def to_env(self) -> dict[str, str]:
        """The variables that reproduce these settings in a child process (``from_env(s.to_env()) == s``)."""
        variables = {
            "ZHIFA_ENV": self.env.value,
            "ZHIFA_DATA_DIR": str(self.data_dir),
            "ZHIFA_DATABASE_URL": self.database_url,
            "ZHIFA_TEMPORAL_ADDRESS": self.temporal_address,
            "ZHIFA_TEMPORAL_NAMESPACE": self.temporal_namespace,
            "ZHIFA_TASK_QUEUE": self.task_queue,
            "ZHIFA_API_HOST": self.api_host,
            "ZHIFA_API_PORT": str(self.api_port),
            "ZHIFA_TEMPORAL_UI_PORT": str(self.temporal_ui_port),
            "ZHIFA_TEMPORAL_LOG_LEVEL": self.temporal_log_level,
            "ZHIFA_CODEC_CORS_ORIGINS": ",".join(self.codec_cors_origins),
            "ZHIFA_SECURITY_LOG_RETENTION_DAYS": str(self.security_log_retention_days),
        }
        if self.reference_dir is not None:
            variables["ZHIFA_REFERENCE_DIR"] = str(self.reference_dir)
        if self.calendar_overrides is not None:
            variables["ZHIFA_CALENDAR_OVERRIDES"] = str(self.calendar_overrides)
        return variables

    @property
    def temporal_host(self) -> str:
        return self.temporal_address.rsplit(":", 1)[0]

    @property
    def temporal_port(self) -> int:
        return int(self.temporal_address.rsplit(":", 1)[1])

    @property
    def temporal_db_file(self) -> Path:
        """The dev server's persistent store (``zhifa dev`` never runs Temporal in memory)."""
        return self.data_dir / "temporal.db"

    @property
    def temporal_ui_url(self) -> str:
        return f"http://{self.temporal_host}:{self.temporal_ui_port}"

    @property
    def api_url(self) -> str:
        return f"http://{self.api_host}:{self.api_port}"

    @property
    def codec_endpoint(self) -> str:
        """The API's codec server (``/codec/encode``, ``/codec/decode``), as the Temporal UI is pointed at it."""
        return f"{self.api_url}/codec"

    @property
    def database_display(self) -> str:
        """The database URL with any password masked, for logs and messages."""
        return make_url(self.database_url).render_as_string(hide_password=True)

    @property
    def uses_sqlite(self) -> bool:
        return make_url(self.database_url).get_backend_name() == "sqlite"

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite database file, or None for PostgreSQL and in-memory SQLite."""
        url = make_url(self.database_url)
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return Path(url.database)


@dataclass(frozen=True)
class _Reader:
    environ: Mapping[str, str]

    def raw(self, variable: str) -> str | None:
        value = self.environ.get(variable, "").strip()
        return value or None

    def name(self, variable: str, default: str) -> str:
        value = self.raw(variable) or default
        if any(ch.isspace() for ch in value):
            raise SettingsError(variable, f"must not contain whitespace, got {value!r}")
        return value

    def choice(self, variable: str, allowed: tuple[str, ...] | list[str], default: str) -> str:
        value = (self.raw(variable) or default).lower()
        if value not in allowed:
            raise SettingsError(variable, f"must be one of {', '.join(allowed)}; got {value!r}")
        return value

    def port(self, variable: str, default: int) -> int:
        value = self.raw(variable)
        if value is None:
            return default
        return _port(variable, value)

    def retention_days(self, variable: str) -> int:
        value = self.raw(variable)
        if value is None:
            return DEFAULT_SECURITY_LOG_RETENTION_DAYS
        try:
            days = int(value)
        except ValueError:
            raise SettingsError(variable, f"must be a whole number of days, got {value!r}") from None
        if days < MIN_SECURITY_LOG_RETENTION_DAYS:
            raise SettingsError(variable, f"must be at least {MIN_SECURITY_LOG_RETENTION_DAYS} days "
                                          "(网络安全法 art. 21: network logs are kept no less than six months), "
                                          f"got {days}")
        return days

    def path(self, variable: str, default: Path) -> Path:
        value = self.raw(variable)
        return Path(value).expanduser() if value is not None else default

    def existing_path(self, variable: str, *, directory: bool) -> Path | None:
        value = self.raw(variable)
        if value is None:
            return None
        path = Path(value).expanduser().resolve()
        kind = "directory" if directory else "file"
        if not (path.is_dir() if directory else path.is_file()):
            raise SettingsError(variable, f"{kind} {path} does not exist")
        return path

    def with_password_file(self, url: str, variable: str) -> str:
        """The URL with its password read from the file ``variable`` names (a container secret), so the password
        never sits in the environment or the compose file."""
        path = self.raw(variable)
        if path is None:
            return url
        password = read_secret_file(variable, path)
        if not password:
            raise SettingsError(variable, f"file {path} is empty")
        return make_url(url).set(password=password).render_as_string(hide_password=False)

    def origins(self, variable: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.raw(variable)
        if value is None:
            return default
        origins = tuple(origin.strip().rstrip("/") for origin in value.split(",") if origin.strip())
        for origin in origins:
            if not origin.startswith(("http://", "https://")) or "/" in origin.split("://", 1)[1]:
                raise SettingsError(variable, f"{origin!r} is not an origin (scheme://host[:port], comma-separated)")
        return origins

    def address(self, variable: str, default: str) -> str:
        value = self.raw(variable) or default
        host, sep, port = value.rpartition(":")
        if not sep or not host or any(ch.isspace() for ch in value):
            raise SettingsError(variable, f"must be HOST:PORT, got {value!r}")
        _port(variable, port)
        return value

    def database_url(self, variable: str, *, default: str | None) -> str:
        value = self.raw(variable) or default
        if value is None:
            raise SettingsError(variable, "must be set in production (e.g. postgresql+asyncpg://user@host/zhifa)")
        try:
            url: URL = make_url(value)
        except ArgumentError as error:
            raise SettingsError(variable, f"is not a database URL: {error}") from None
        if url.drivername not in SUPPORTED_DRIVERS:
            raise SettingsError(
                variable, f"driver {url.drivername!r} is not supported; use sqlite+aiosqlite:// or postgresql+asyncpg://"
            )
        return value


def read_secret_file(variable: str, path: str) -> str:
    """A secret's file (e.g. ``/run/secrets/…``), without the trailing newline editors and ``echo`` add."""
    file = Path(path).expanduser()
    if not file.is_file():
        raise SettingsError(variable, f"file {file} does not exist")
    return file.read_text(encoding="utf-8").rstrip("\r\n")


def secret(environ: Mapping[str, str], variable: str) -> str | None:
    """A secret given as ``VARIABLE`` or, preferably, as a file named by ``VARIABLE_FILE`` (never both)."""
    inline, path = environ.get(variable, "").strip(), environ.get(f"{variable}_FILE", "").strip()
    if inline and path:
        raise SettingsError(variable, f"set either {variable} or {variable}_FILE, not both")
    if path:
        return read_secret_file(f"{variable}_FILE", path) or None
    return inline or None


def _port(variable: str, value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise SettingsError(variable, f"port must be an integer, got {value!r}") from None
    if not 1 <= port <= 65535:
        raise SettingsError(variable, f"port must be between 1 and 65535, got {port}")
    return port
