from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import create_async_engine

from api.app import create_app
from api.health.checks import HealthCheck
from zhifa.readiness import database_check


async def passes() -> None:
    return None


async def refuses() -> None:
    raise ConnectionRefusedError("127.0.0.1:7233 refused the connection")


async def hangs() -> None:
    await asyncio.sleep(30)


def client_for(checks: Mapping[str, HealthCheck], check_timeout: float = 5.0) -> httpx.AsyncClient:
    app = create_app(health_checks=checks, check_timeout=check_timeout)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://zhifa.test")


async def test_liveness_answers_ok_even_when_a_dependency_is_down() -> None:
    async with client_for({"temporal": refuses}) as client:
        response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_is_200_with_every_check_ok() -> None:
    async with client_for({"database": passes, "temporal": passes}) as client:
        response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": {"ok": True}, "temporal": {"ok": True}}}


async def test_readiness_is_503_naming_the_failing_check_and_its_error() -> None:
    async with client_for({"database": passes, "temporal": refuses}) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "failing": ["temporal"],
        "checks": {
            "database": {"ok": True},
            "temporal": {"ok": False, "error": "ConnectionRefusedError: 127.0.0.1:7233 refused the connection"},
        },
    }


async def test_a_check_that_hangs_fails_readiness_after_the_check_timeout() -> None:
    async with client_for({"database": hangs}, check_timeout=0.05) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "timed out after 0.05s"}


async def test_health_routes_answer_get_only() -> None:
    async with client_for({}) as client:
        response = await client.post("/healthz")
    assert response.status_code == 405


async def test_shutdown_hooks_run_when_the_server_stops() -> None:
    stopped: list[str] = []

    async def dispose() -> None:
        stopped.append("engine disposed")

    app = create_app(health_checks={}, on_shutdown=[dispose])
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://zhifa.test") as client:
            assert (await client.get("/readyz")).json() == {"status": "ready", "checks": {}}
        assert stopped == []
    assert stopped == ["engine disposed"]


async def test_database_readiness_runs_select_1_and_reports_an_unreachable_database(tmp_path: Path) -> None:
    good = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'zhifa.db'}")
    bad = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'no-such-dir' / 'zhifa.db'}")
    try:
        async with client_for({"database": database_check(good)}) as client:
            assert (await client.get("/readyz")).status_code == 200
        async with client_for({"database": database_check(bad)}) as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["failing"] == ["database"]
        assert "unable to open database file" in response.json()["checks"]["database"]["error"]
    finally:
        await good.dispose()
        await bad.dispose()
