from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from domain.envelope import ChainBreak
from infra.settings import Settings
from tests.runtime.ports import free_port
from zhifa.cli import main
from zhifa.dev import run_dev

ZHIFA = Path(sys.executable).parent / "zhifa"


def test_zhifa_help_lists_every_subcommand() -> None:
    result = subprocess.run([str(ZHIFA), "--help"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("positional arguments:")[1].split("options:")[0]
    commands = re.findall(r"^    ([\w-]+)", listed, re.MULTILINE)
    assert commands == ["dev", "worker", "api", "migrate", "token", "report", "platform", "ledgers", "import", "admin",
                        "temporal", "recover", "statistics", "security-log", "audit", "projections"]
    assert "ZHIFA_DATABASE_URL" in result.stdout


def test_audit_verify_takes_an_optional_stream(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["audit", "verify", "--help"])
    assert exited.value.code == 0
    assert "--stream ID" in capsys.readouterr().out


def test_projections_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["projections"])
    assert exited.value.code == 2
    assert "rebuild" in capsys.readouterr().err


def test_no_subcommand_prints_the_usage_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: zhifa" in capsys.readouterr().err


def test_an_invalid_setting_stops_any_command_with_the_variable_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZHIFA_API_PORT", "eighty")
    assert main(["migrate"]) == 2
    assert capsys.readouterr().err == "zhifa: invalid setting ZHIFA_API_PORT: port must be an integer, got 'eighty'\n"


def test_a_production_worker_without_payload_keys_stops_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZHIFA_ENV", "production")
    monkeypatch.setenv("ZHIFA_DATABASE_URL", "postgresql+asyncpg://zhifa@127.0.0.1:1/zhifa")
    for variable in ("ZHIFA_PAYLOAD_KEYS", "ZHIFA_PAYLOAD_KEYS_FILE"):
        monkeypatch.delenv(variable, raising=False)
    assert main(["worker"]) == 2
    assert capsys.readouterr().err.startswith(
        "zhifa worker: invalid setting ZHIFA_PAYLOAD_KEYS: must list the payload encryption keys in production")


def test_dev_refuses_to_start_when_the_temporal_port_is_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = Settings.from_env(
            {
                "ZHIFA_DATA_DIR": str(tmp_path / "var"),
                "ZHIFA_TEMPORAL_ADDRESS": f"127.0.0.1:{port}",
                "ZHIFA_TEMPORAL_UI_PORT": str(free_port()),
                "ZHIFA_API_PORT": str(free_port()),
            }
        )
        assert run_dev(settings) == 1
    err = capsys.readouterr().err
    assert f"zhifa dev: 127.0.0.1:{port} is not available" in err
    assert "ZHIFA_TEMPORAL_ADDRESS" in err
    assert (tmp_path / "var").is_dir()
    assert "started temporal" not in err


def test_dev_refuses_production_settings(capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_env({"ZHIFA_ENV": "production", "ZHIFA_DATABASE_URL": "postgresql+asyncpg://h/zhifa"})
    assert run_dev(settings) == 2
    assert "unset ZHIFA_ENV=production" in capsys.readouterr().err


def test_audit_verify_exits_1_and_prints_the_first_bad_event_of_each_broken_stream_and_of_the_security_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import infra.eventstore.audit
    from infra.securitylog import SecurityLogStore

    async def verify_security_log(self: object) -> list[ChainBreak]:
        return [ChainBreak("security-log", 12, "expected seq 12, found 14 (gap)")]

    monkeypatch.setattr(SecurityLogStore, "verify", verify_security_log)

    asked: list[str | None] = []

    async def verify(engine: object, stream_id: str | None = None) -> list[ChainBreak]:
        asked.append(stream_id)
        return [
            ChainBreak("case-1", 3, "hash does not match the content"),
            ChainBreak("case-1", 4, "prev_hash is not the hash of seq 3"),
            ChainBreak("insp-2", 1, "seq 1 must follow the genesis hash"),
        ]

    monkeypatch.setattr(infra.eventstore.audit, "verify", verify)
    monkeypatch.setenv("ZHIFA_DATA_DIR", str(tmp_path))
    assert main(["audit", "verify"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "hash chain BROKEN in 3 chain(s) (every stream and the security log); first bad entry of each:",
        "  case-1#3: hash does not match the content",
        "  insp-2#1: seq 1 must follow the genesis hash",
        "  security-log#12: expected seq 12, found 14 (gap)",
    ]
    assert asked == [None]


def test_audit_verify_of_one_intact_stream_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import infra.eventstore.audit

    asked: list[str | None] = []

    async def verify(engine: object, stream_id: str | None = None) -> list[ChainBreak]:
        asked.append(stream_id)
        return []

    monkeypatch.setattr(infra.eventstore.audit, "verify", verify)
    monkeypatch.setenv("ZHIFA_DATA_DIR", str(tmp_path))
    assert main(["audit", "verify", "--stream", "case-7"]) == 0
    assert capsys.readouterr().out == "hash chains intact (stream case-7)\n"
    assert asked == ["case-7"]


def test_security_log_purge_keeps_the_young_entries_and_audit_verify_still_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    import asyncio
    from datetime import UTC, datetime, timedelta

    from domain.security_log import SecurityKind, SecurityRecord
    from infra.db.engine import create_engine
    from infra.securitylog import SecurityLogStore

    async def write_and_read(days_ago: list[int] | None) -> list[int]:
        engine = create_engine(sqlite_url)
        try:
            for n, days in enumerate(days_ago or []):
                store = SecurityLogStore(engine, clock=lambda days=days: datetime.now(UTC) - timedelta(days=days))
                await store.append(SecurityRecord(kind=SecurityKind.EXPORT, operation="zhifa report",
                                                  reason=f"report {n}", actor="cli:test"))
            return [e.seq for e in await SecurityLogStore(engine).entries()]
        finally:
            await engine.dispose()

    asyncio.run(write_and_read([400, 300, 190, 20]))
    monkeypatch.setenv("ZHIFA_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ZHIFA_SECURITY_LOG_RETENTION_DAYS", "200")
    assert main(["security-log", "purge", "--actor", "ops-1"]) == 0
    assert capsys.readouterr().out == ("2 security log entries through seq 2 purged (older than 200 days); "
                                       "purge marker at seq 5\n")
    assert asyncio.run(write_and_read(None)) == [3, 4, 5]  # 190 and 20 days old: younger than 200, kept
    assert main(["audit", "verify"]) == 0
    assert capsys.readouterr().out == "hash chains intact (every stream and the security log)\n"
    monkeypatch.setenv("ZHIFA_SECURITY_LOG_RETENTION_DAYS", "90")
    assert main(["security-log", "purge"]) == 2
    assert "ZHIFA_SECURITY_LOG_RETENTION_DAYS: must be at least 183 days (网络安全法 art. 21" in capsys.readouterr().err
