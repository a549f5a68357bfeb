from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from infra.settings import Environment, Settings, SettingsError, secret


def test_defaults_describe_the_embedded_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.env is Environment.DEVELOPMENT
    assert settings.data_dir == tmp_path.resolve() / "var"
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path.resolve() / 'var' / 'zhifa.db'}"
    assert settings.sqlite_file == tmp_path.resolve() / "var" / "zhifa.db"
    assert settings.temporal_db_file == tmp_path.resolve() / "var" / "temporal.db"
    assert settings.temporal_address == "127.0.0.1:7233"
    assert (settings.temporal_host, settings.temporal_port) == ("127.0.0.1", 7233)
    assert (settings.temporal_namespace, settings.task_queue) == ("default", "zhifa-cases")
    assert (settings.api_url, settings.temporal_ui_url) == ("http://127.0.0.1:8000", "http://127.0.0.1:8233")
    assert settings.reference_dir is None and settings.calendar_overrides is None


def test_data_dir_moves_the_sqlite_database_and_the_temporal_store(tmp_path: Path) -> None:
    settings = Settings.from_env({"ZHIFA_DATA_DIR": str(tmp_path / "state")})
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path / 'state' / 'zhifa.db'}"
    assert settings.temporal_db_file == tmp_path / "state" / "temporal.db"


def test_explicit_values_are_taken_and_a_postgres_password_is_masked_for_display(tmp_path: Path) -> None:
    (tmp_path / "ref").mkdir()
    (tmp_path / "holidays.json").write_text("{}")
    settings = Settings.from_env(
        {
            "ZHIFA_ENV": "Production",
            "ZHIFA_DATABASE_URL": "postgresql+asyncpg://zhifa:s3cret@db.local:5432/zhifa",
            "ZHIFA_TEMPORAL_ADDRESS": "temporal.local:7000",
            "ZHIFA_TEMPORAL_NAMESPACE": "zhifa-prod",
            "ZHIFA_TASK_QUEUE": "cases",
            "ZHIFA_API_HOST": "0.0.0.0",
            "ZHIFA_API_PORT": "9000",
            "ZHIFA_TEMPORAL_UI_PORT": "9233",
            "ZHIFA_REFERENCE_DIR": str(tmp_path / "ref"),
            "ZHIFA_CALENDAR_OVERRIDES": str(tmp_path / "holidays.json"),
        }
    )
    assert settings.env is Environment.PRODUCTION
    assert settings.temporal_port == 7000 and settings.temporal_namespace == "zhifa-prod"
    assert settings.api_port == 9000 and settings.temporal_ui_port == 9233 and settings.task_queue == "cases"
    assert settings.reference_dir == tmp_path / "ref"
    assert settings.calendar_overrides == tmp_path / "holidays.json"
    assert settings.sqlite_file is None and not settings.uses_sqlite
    assert "s3cret" not in settings.database_display and "db.local:5432/zhifa" in settings.database_display


def test_the_codec_admits_the_dev_ui_by_default_or_the_configured_origins() -> None:
    assert Settings.from_env({"ZHIFA_TEMPORAL_UI_PORT": "9233"}).codec_cors_origins == ("http://127.0.0.1:9233",)
    configured = Settings.from_env({"ZHIFA_CODEC_CORS_ORIGINS": "https://temporal.zhifa.example/, http://10.1.2.3:8080"})
    assert configured.codec_cors_origins == ("https://temporal.zhifa.example", "http://10.1.2.3:8080")
    assert configured.codec_endpoint == "http://127.0.0.1:8000/codec"


def test_settings_survive_the_trip_through_a_child_process_environment(tmp_path: Path) -> None:
    (tmp_path / "ref").mkdir()
    settings = Settings.from_env(
        {"ZHIFA_DATA_DIR": str(tmp_path), "ZHIFA_API_PORT": "8123", "ZHIFA_REFERENCE_DIR": str(tmp_path / "ref")}
    )
    assert Settings.from_env(settings.to_env()) == settings


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"ZHIFA_API_PORT": "eighty"}, "ZHIFA_API_PORT: port must be an integer, got 'eighty'"),
        ({"ZHIFA_TEMPORAL_UI_PORT": "70000"}, "ZHIFA_TEMPORAL_UI_PORT: port must be between 1 and 65535, got 70000"),
        ({"ZHIFA_TEMPORAL_ADDRESS": "localhost"}, "ZHIFA_TEMPORAL_ADDRESS: must be HOST:PORT, got 'localhost'"),
        ({"ZHIFA_TEMPORAL_ADDRESS": "localhost:x"}, "ZHIFA_TEMPORAL_ADDRESS: port must be an integer, got 'x'"),
        ({"ZHIFA_ENV": "staging"}, "ZHIFA_ENV: must be one of development, production; got 'staging'"),
        ({"ZHIFA_ENV": "production"}, "ZHIFA_DATABASE_URL: must be set in production"),
        ({"ZHIFA_DATABASE_URL": "mysql://h/db"}, "ZHIFA_DATABASE_URL: driver 'mysql' is not supported"),
        ({"ZHIFA_DATABASE_URL": "not a url"}, "ZHIFA_DATABASE_URL: is not a database URL"),
        ({"ZHIFA_TASK_QUEUE": "zhifa cases"}, "ZHIFA_TASK_QUEUE: must not contain whitespace"),
        ({"ZHIFA_TEMPORAL_LOG_LEVEL": "loud"}, "ZHIFA_TEMPORAL_LOG_LEVEL: must be one of debug, info, warn, error"),
        ({"ZHIFA_CODEC_CORS_ORIGINS": "127.0.0.1:8233"}, "ZHIFA_CODEC_CORS_ORIGINS: '127.0.0.1:8233' is not an origin"),
        ({"ZHIFA_CODEC_CORS_ORIGINS": "https://ui.example/x"}, "ZHIFA_CODEC_CORS_ORIGINS: 'https://ui.example/x'"),
        ({"ZHIFA_SECURITY_LOG_RETENTION_DAYS": "90"}, "ZHIFA_SECURITY_LOG_RETENTION_DAYS: must be at least 183 days "
                                                      "(网络安全法 art. 21: network logs are kept no less than six "
                                                      "months), got 90"),
        ({"ZHIFA_SECURITY_LOG_RETENTION_DAYS": "half a year"},
         "ZHIFA_SECURITY_LOG_RETENTION_DAYS: must be a whole number of days, got 'half a year'"),
    ],
)
def test_an_invalid_value_is_rejected_with_the_variable_named(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(environ)
    assert str(raised.value).startswith(message)
    assert raised.value.variable == message.split(":")[0]


def test_reference_dir_and_calendar_overrides_must_exist(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"^ZHIFA_REFERENCE_DIR: directory .*missing does not exist$"):
        Settings.from_env({"ZHIFA_REFERENCE_DIR": str(tmp_path / "missing")})
    with pytest.raises(SettingsError, match=r"^ZHIFA_CALENDAR_OVERRIDES: file .*holidays.json does not exist$"):
        Settings.from_env({"ZHIFA_CALENDAR_OVERRIDES": str(tmp_path / "holidays.json")})


def test_the_security_log_is_kept_a_year_by_default_and_at_least_183_days() -> None:
    assert Settings.from_env({}).security_log_retention_days == 365
    assert Settings.from_env({"ZHIFA_SECURITY_LOG_RETENTION_DAYS": "183"}).security_log_retention_days == 183


def test_empty_variables_fall_back_to_their_defaults() -> None:
    settings = Settings.from_env({"ZHIFA_API_PORT": "", "ZHIFA_TEMPORAL_ADDRESS": "  "})
    assert settings.api_port == 8000 and settings.temporal_address == "127.0.0.1:7233"


def test_a_database_password_file_supplies_the_password_of_the_url(tmp_path: Path) -> None:
    (tmp_path / "password").write_text("p@ss:w/rd%1\n")  # a trailing newline, as `echo` writes it
    settings = Settings.from_env({"ZHIFA_DATABASE_URL": "postgresql+asyncpg://zhifa_app@db:5432/zhifa",
                                  "ZHIFA_DATABASE_PASSWORD_FILE": str(tmp_path / "password")})
    url = make_url(settings.database_url)
    assert (url.username, url.password, url.host, url.database) == ("zhifa_app", "p@ss:w/rd%1", "db", "zhifa")
    assert "p@ss" not in settings.database_display


@pytest.mark.parametrize(("content", "message"), [
    (None, "ZHIFA_DATABASE_PASSWORD_FILE: file"), ("\n", "ZHIFA_DATABASE_PASSWORD_FILE: file"),
])
def test_a_missing_or_empty_database_password_file_is_named(tmp_path: Path, content: str | None,
                                                            message: str) -> None:
    if content is not None:
        (tmp_path / "password").write_text(content)
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({"ZHIFA_DATABASE_URL": "postgresql+asyncpg://zhifa_app@db/zhifa",
                           "ZHIFA_DATABASE_PASSWORD_FILE": str(tmp_path / "password")})


def test_a_secret_is_read_from_its_file_variable_or_inline_but_never_from_both(tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("from-file\n")
    assert secret({"ZHIFA_APP_PASSWORD_FILE": str(tmp_path / "secret")}, "ZHIFA_APP_PASSWORD") == "from-file"
    assert secret({"ZHIFA_APP_PASSWORD": "inline"}, "ZHIFA_APP_PASSWORD") == "inline"
    assert secret({}, "ZHIFA_APP_PASSWORD") is None
    with pytest.raises(SettingsError, match="set either ZHIFA_APP_PASSWORD or ZHIFA_APP_PASSWORD_FILE"):
        secret({"ZHIFA_APP_PASSWORD": "a", "ZHIFA_APP_PASSWORD_FILE": str(tmp_path / "secret")},
               "ZHIFA_APP_PASSWORD")
