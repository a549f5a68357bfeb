"""The read side: town scope in the database itself (row-level security on PostgreSQL), the list page's fixed
statement budget, filters and pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.readside import ReadScope, SessionReadScope, reader_engine
from tests.api.client import asgi_client, build_app, services_for, token_for
from tests.api.conftest import CANARY, Api, Seeded2
from tests.api.seeding import seed_case

LIST_PAGE = """
query($first: Int!, $after: String) {
  cases(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { caseNo partyName status officers { officerId name } currentDeadline { deadlineId dueOn status }
                   lastEvent { type occurredAt } } }
  }
}"""


@contextmanager
def counted(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_row_level_security_hides_other_towns_even_from_an_unfiltered_query(seeded: Seeded2) -> None:
    """The engine logs in as a superuser: the scope switches to zhifa_reader, which RLS applies to."""
    queries = {table: f"SELECT DISTINCT town FROM {table} ORDER BY town"
               for table in ("case_summaries", "deadlines", "tasks", "events")}
    async with seeded.engine.connect() as conn:
        unscoped = {t: [r[0] for r in await conn.execute(text(q))] for t, q in queries.items()}
    assert unscoped["case_summaries"] == ["dasi", "zhangjiawo"]
    assert unscoped["events"] == ["dasi", "zhangjiawo"]

    for towns, expected in ((["zhangjiawo"], ["zhangjiawo"]), (["dasi", "zhangjiawo"], ["dasi", "zhangjiawo"]),
                            ([], [])):
        scope = ReadScope(seeded.engine, towns)
        try:
            async with scope.connection() as conn:
                assert (await conn.execute(text("SELECT current_user"))).scalar_one() == "zhifa_reader"
                for table, query in queries.items():
                    seen = [r[0] for r in await conn.execute(text(query))]
                    assert seen == [t for t in expected if t in unscoped[table]], (table, towns)
                canary = await conn.execute(text("SELECT count(*) FROM case_summaries WHERE party_name = :n"),
                                            {"n": CANARY})
                assert canary.scalar_one() == (1 if "dasi" in towns else 0)
        finally:
            await scope.close()


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_the_read_role_cannot_write_the_read_models_or_the_log(seeded: Seeded2) -> None:
    scope = ReadScope(seeded.engine, ["zhangjiawo"])
    try:
        async with scope.connection() as conn:
            with pytest.raises(Exception, match="permission denied for table case_summaries"):
                await conn.execute(text("UPDATE case_summaries SET status = 'X'"))
    finally:
        await scope.close()


async def test_a_read_that_failed_midway_does_not_poison_the_rest_of_the_request(seeded: Seeded2) -> None:
    """Found by the schema fuzz: a statement cancelled or failed in one field left the request's transaction
    aborted, and every later field of the same request failed as an internal error."""
    scope = ReadScope(seeded.engine, ["zhangjiawo"])
    try:
        with pytest.raises(Exception, match="no_such_table"):
            async with scope.connection() as conn:
                await conn.execute(text("SELECT * FROM no_such_table"))
        async with scope.connection() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM case_summaries"))).scalar_one() >= 1
    finally:
        await scope.close()


async def test_a_page_of_fifty_cases_with_officers_deadline_and_last_event_costs_at_most_three_statements(
    seeded: Seeded2,
) -> None:
    base = datetime.now(UTC) - timedelta(days=5)
    for i in range(55):
        await seed_case(seeded.store, "zhangjiawo", f"户{i:02d}", base=base + timedelta(minutes=i))
    client = asgi_client(build_app(services_for(seeded.engine, None)))
    try:
        with counted(seeded.engine) as statements:
            body = await client.run(token_for("zjw-officer-2"), LIST_PAGE, {"first": 50})
        page = body["data"]["cases"]
        assert len(page["edges"]) == 50 and page["totalCount"] == 56 and page["pageInfo"]["hasNextPage"]
        assert all(e["node"]["currentDeadline"]["deadlineId"] == "D7" for e in page["edges"])
        assert all(len(e["node"]["officers"]) == 2 and e["node"]["officers"][0]["name"] for e in page["edges"])
        assert len(statements) <= 3, statements

        rest = await client.run(token_for("zjw-officer-2"), LIST_PAGE,
                                {"first": 50, "after": page["pageInfo"]["endCursor"]})
        names = {e["node"]["partyName"] for e in page["edges"] + rest["data"]["cases"]["edges"]}
        assert len(names) == 56 and CANARY not in names
    finally:
        await client.http.aclose()


async def test_filters_narrow_within_the_callers_towns_and_a_supervisor_reads_the_whole_district(api: Api) -> None:
    query = """query($f: CaseFilterInput) { cases(filter: $f) { totalCount edges { node { town partyName } } } }"""
    officer, supervisor = token_for("zjw-officer-1"), token_for("xq-supervisor-1")

    async def towns_seen(token: str, where: dict[str, Any] | None) -> list[str]:
        body = await api.client.run(token, query, {"f": where})
        return sorted(e["node"]["town"] for e in body["data"]["cases"]["edges"])

    assert await towns_seen(officer, None) == ["zhangjiawo"]
    assert await towns_seen(officer, {"towns": ["dasi"]}) == []
    assert await towns_seen(supervisor, None) == ["dasi", "zhangjiawo"]
    assert await towns_seen(supervisor, {"towns": ["dasi"]}) == ["dasi"]
    assert await towns_seen(supervisor, {"statuses": ["FILED"], "procedures": ["GENERAL"]}) == ["dasi", "zhangjiawo"]
    assert await towns_seen(supervisor, {"statuses": ["DECIDED"]}) == []
    assert await towns_seen(supervisor, {"officer": "ds-lead-1"}) == ["dasi"]
    assert await towns_seen(supervisor, {"officer": "ds-lead"}) == []
    assert await towns_seen(supervisor, {"violationTypes": ["OPEN_STRAW_BURNING"]}) == ["dasi", "zhangjiawo"]
    assert await towns_seen(supervisor, {"overdue": True}) == []
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert await towns_seen(supervisor, {"openedFrom": future}) == []
    assert await towns_seen(supervisor, {"openedTo": future}) == ["dasi", "zhangjiawo"]


async def test_a_case_shows_its_timeline_deadlines_and_tasks_from_the_log_and_read_models(api: Api) -> None:
    query = """query($id: ID!) { case(id: $id) { __typename ... on Case { status caseNo decision { fineAmountFen }
      disclosure { state } legalReviews { outcome } deadlines { deadlineId status }
      timeline { seq type actor occurredAt recordedAt } } } }"""
    body = await api.client.run(token_for("zjw-principal-1"), query, {"id": api.data.own.stream_id})
    case = body["data"]["case"]
    assert case["status"] == "FILED" and case["caseNo"] == "张甲号"
    assert [e["type"] for e in case["timeline"] if not e["type"].startswith("Deadline")] == [
        "LeadRegistered", "VerificationStarted", "CaseFiled"]
    assert [e["seq"] for e in case["timeline"]] == list(range(1, len(case["timeline"]) + 1))
    assert next(e for e in case["timeline"] if e["type"] == "CaseFiled")["actor"] == "zjw-principal-1"
    assert {(d["deadlineId"], d["status"]) for d in case["deadlines"]} >= {("D7", "RUNNING"), ("D2", "SATISFIED")}
    assert case["decision"] is None and case["disclosure"]["state"] == "NOT_DUE" and case["legalReviews"] == []

    tasks = await api.client.run(token_for("zjw-officer-1"), "{ myTasks { step role case { caseNo } } }")
    assert tasks["data"]["myTasks"] == [{"step": "StartInvestigation", "role": "officer",
                                         "case": {"caseNo": "张甲号"}}]


@pytest.mark.parametrize(("where", "field", "named"), [
    ({"kinds": ["case"]}, "kinds", "CASE"),
    ({"towns": ["张家窝镇"]}, "towns", "zhangjiawo (张家窝镇)"),
    ({"statuses": ["filed"]}, "statuses", "FILED"),
    ({"procedures": ["GENERAL_PROCEDURE"]}, "procedures", "ILLEGAL_CONSTRUCTION"),
    ({"violationTypes": ["STRAW_BURNING"]}, "violationTypes", "OPEN_STRAW_BURNING (露天焚烧秸秆)"),
])
async def test_a_filter_value_no_case_can_have_is_an_error_naming_the_accepted_values(
    api: Api, where: dict[str, Any], field: str, named: str
) -> None:
    query = "query($f: CaseFilterInput) { cases(filter: $f) { totalCount } }"
    body = await api.client.run(token_for("zjw-officer-1"), query, {"f": where})
    (error,) = body["errors"]
    refused = next(iter(where.values()))[0]
    assert error["extensions"]["code"] == "BAD_FILTER" and error["extensions"]["field"] == field
    assert error["extensions"]["refused"] == [refused]
    assert error["message"].startswith(f"filter.{field}: {refused} not accepted; accepted values: ")
    assert named in error["message"]


async def test_a_time_bound_without_a_zone_is_refused_naming_the_field(api: Api) -> None:
    body = await api.client.run(token_for("zjw-officer-1"),
                                'query { cases(filter: {decidedFrom: "2023-01-09T09:12:15"}) { totalCount } }')
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_FILTER" and error["extensions"]["field"] == "decidedFrom"
    assert "no time zone" in error["message"]


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_a_kept_reader_connection_serves_each_scope_its_own_towns_only(seeded: Seeded2) -> None:
    """One pooled connection, scopes of different towns in turn: each sees its towns, as zhifa_reader, and a
    statement that failed leaves the next scope as scoped as ever."""
    readers = reader_engine(seeded.engine.url.render_as_string(hide_password=False), pool_size=1, max_overflow=0)
    query = text("SELECT DISTINCT town FROM case_summaries ORDER BY town")
    try:
        for towns, expected in ((["dasi"], ["dasi"]), (["zhangjiawo"], ["zhangjiawo"]), ([], []),
                                (["dasi", "zhangjiawo"], ["dasi", "zhangjiawo"]), (["zhangjiawo"], ["zhangjiawo"])):
            scope = SessionReadScope(readers, towns)
            try:
                async with scope.connection() as conn:
                    assert (await conn.execute(text("SELECT current_user"))).scalar_one() == "zhifa_reader"
                    assert [r[0] for r in await conn.execute(query)] == expected, towns
                with pytest.raises(Exception, match="permission denied for table case_summaries"):
                    async with scope.connection() as conn:
                        await conn.execute(text("UPDATE case_summaries SET status = 'X'"))
                async with scope.connection() as conn:
                    assert [r[0] for r in await conn.execute(query)] == expected, towns
            finally:
                await scope.close()
    finally:
        await readers.dispose()
