"""Exports: the case list (the `cases` filter) and a ledger as .xlsx with Chinese headers, for the caller's towns
only, recorded in the security log as exports; refused without a token or the role."""

from __future__ import annotations

import asyncio
import io
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from openpyxl import load_workbook
from sqlalchemy import select

from api.app import create_app
from api.exports import export_routes
from api.graphql.routes import graphql_routes
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.db.models_security import security_log
from infra.eventstore import EventStore
from infra.projections import Projector
from tests.api.client import AUTH, RecordingStreams, services_for, token_for
from tests.api.seeding import seed_case

RECORD = """mutation($entries: [LedgerEntryInput!]!) {
  recordLedgerEntries(input: {entries: $entries}) { __typename } }"""


def join(entry_id: str, name: str, unit: str) -> dict[str, Any]:
    return {"joinStaff": {"unit": unit, "entryId": entry_id, "personId": entry_id, "name": name,
                          "category": "OFFICER", "occurredAt": "2025-03-03T09:00:00+08:00"}}


@pytest_asyncio.fixture(loop_scope="session")
async def http(sqlite_url: str) -> AsyncIterator[httpx.AsyncClient]:
    engine = create_engine(sqlite_url)
    store = EventStore(engine, Projector(next_steps_for))
    for name in ("张甲", "张乙", "张丙"):
        await seed_case(store, "zhangjiawo", name)
    await seed_case(store, "zhangjiawo", "张丁", filed=False)
    await seed_case(store, "dasi", "CANARY大寺")
    services = services_for(engine, RecordingStreams())
    app = create_app(health_checks={}, routes=[*graphql_routes(services, AUTH, development=True),
                                               *export_routes(services, AUTH)])
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
    for token, entries in ((token_for("zjw-officer-1"), [join("r-1", "赵一", "zhangjiawo-bureau")]),
                           (token_for("ds-officer-1"), [join("r-9", "CANARY钱九", "dasi-bureau")])):
        body = (await client.post("/graphql", json={"query": RECORD, "variables": {"entries": entries}},
                                  headers={"Authorization": f"Bearer {token}"})).json()
        assert body["data"]["recordLedgerEntries"]["__typename"] == "LedgerEntriesRecorded", body
    try:
        yield client
    finally:
        await client.aclose()
        await engine.dispose()


def _sheet(content: bytes) -> list[tuple[Any, ...]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


async def _get(http: httpx.AsyncClient, path: str, officer: str) -> httpx.Response:
    return await http.get(path, headers={"Authorization": f"Bearer {token_for(officer)}"})


async def test_the_case_list_exports_with_chinese_headers_and_the_callers_town_only(
    http: httpx.AsyncClient, sqlite_url: str
) -> None:
    response = await _get(http, "/exports/cases.xlsx", "zjw-lead-1")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = _sheet(response.content)
    assert rows[0][:4] == ("案件编号", "案件标识", "乡镇", "执法单位")
    assert rows[1][:3] == ("case_no", "stream_id", "town")
    assert sorted(r[8] for r in rows[2:]) == ["张丁", "张丙", "张乙", "张甲"]
    assert "CANARY" not in str(rows)
    engine = create_engine(sqlite_url)
    try:
        async with engine.connect() as conn:
            exports = (await conn.execute(select(security_log.c.kind, security_log.c.operation)
                                          .where(security_log.c.kind == "EXPORT"))).all()
    finally:
        await engine.dispose()
    assert ("EXPORT", "GET /exports/cases.xlsx") in [tuple(e) for e in exports]


async def test_the_case_export_takes_the_case_lists_filter(http: httpx.AsyncClient) -> None:
    filed = _sheet((await _get(http, "/exports/cases.xlsx?status=FILED&town=zhangjiawo", "zjw-lead-1")).content)
    assert sorted(r[8] for r in filed[2:]) == ["张丙", "张乙", "张甲"]
    other = _sheet((await _get(http, "/exports/cases.xlsx?town=dasi", "zjw-lead-1")).content)
    assert other[2:] == []  # another town narrows to nothing, never widens
    bad = await _get(http, "/exports/cases.xlsx?openedFrom=yesterday", "zjw-lead-1")
    assert bad.status_code == 400


async def test_a_ledger_exports_its_entries_for_the_callers_units_only(http: httpx.AsyncClient) -> None:
    response = await _get(http, "/exports/ledgers/roster.xlsx", "zjw-officer-1")
    assert response.status_code == 200, response.text
    rows = _sheet(response.content)
    assert rows[0][:5] == ("执法单位", "记录类型", "发生时间", "记录人", "记录编号")
    assert [(r[0], r[1], r[4]) for r in rows[2:]] == [("zhangjiawo-bureau", "人员入职", "r-1")]
    assert "赵一" in str(rows) and "CANARY" not in str(rows)
    assert (await _get(http, "/exports/ledgers/nothing.xlsx", "zjw-officer-1")).status_code == 404


async def test_exports_are_refused_without_a_token_or_the_role(http: httpx.AsyncClient) -> None:
    assert (await http.get("/exports/cases.xlsx")).status_code == 401
    assert (await _get(http, "/exports/cases.xlsx", "zjw-aux-1")).status_code == 403
    assert (await _get(http, "/exports/ledgers/roster.xlsx", "xq-auditor-1")).status_code == 403


def _calc_installed() -> bool:
    """LibreOffice opens spreadsheets with Calc (libsclo); a server with Writer alone converts documents only."""
    program = shutil.which("soffice")
    return program is not None and (Path(program).resolve().parent / "libsclo.so").is_file()


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed (apt: libreoffice-calc-nogui)")
async def test_an_export_converts_through_libreoffice(http: httpx.AsyncClient, tmp_path: Path) -> None:
    source = tmp_path / "cases.xlsx"
    source.write_bytes((await _get(http, "/exports/cases.xlsx", "zjw-lead-1")).content)
    command = ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)]
    done = await asyncio.to_thread(subprocess.run, command, timeout=180, capture_output=True, text=True,
                                   check=False)
    assert (tmp_path / "cases.pdf").is_file(), done.stdout + done.stderr
    assert (tmp_path / "cases.pdf").read_bytes().startswith(b"%PDF")
