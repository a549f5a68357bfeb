"""The HTTP servers B2 loads, each in a process of its own (uvicorn on 127.0.0.1, one worker):

- `zhifa`: the real API app (`zhifa.api_server.build_app`) over the given database, development settings;
- `raw`: a bare Starlette + asyncpg + orjson handler per read, running the same SQL as the zhifa read side (the
  same `zhifa_reader` role and town setting in one transaction per request), answering the same JSON shape.

    PYTHONPATH=. .venv/bin/python -m bench.servers zhifa|raw --database URL --port PORT
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain.deadlines.local_time import local_date
from infra.eventstore.rows import ENVELOPE_COLUMNS

SCOPE = "SELECT set_config('role', 'zhifa_reader', true), set_config('zhifa.towns', $1, true)"
# The read side's page shape (infra.readside.cases._page_query): the count LEFT JOINed to the index-ordered page;
# one town as `=`, several as `= ANY`.
LIST = ("SELECT page.*, counted.total_count FROM (SELECT count(*) AS total_count FROM case_summaries WHERE {town}) "
        "AS counted LEFT OUTER JOIN (SELECT * FROM case_summaries WHERE {town} ORDER BY opened_at DESC, stream_id DESC "
        "LIMIT $2 OFFSET 0) AS page ON true ORDER BY page.opened_at DESC, page.stream_id DESC")
LIST_ONE, LIST_MANY = LIST.format(town="town = $1"), LIST.format(town="town = ANY($1)")
SUMMARY = "SELECT * FROM case_summaries WHERE stream_id = ANY($1) AND town = ANY($2)"
TIMELINE = (f"SELECT position, {', '.join(ENVELOPE_COLUMNS)} FROM events WHERE stream_id = ANY($1) "
            "AND town = ANY($2) ORDER BY stream_id, seq")
OVERDUE = ("SELECT * FROM deadlines WHERE town = ANY($1) AND (status = 'BREACHED' OR (status IN ('RUNNING', "
           "'WARNED') AND due_on < $2)) ORDER BY due_on, stream_id, clock_key LIMIT 50")
TASKS = ("SELECT * FROM tasks WHERE town = ANY($1) AND role = ANY($2) "
         "ORDER BY due_on IS NULL, due_on, stream_id, step, role LIMIT 50")
LIST_FIELDS = {"streamId": "stream_id", "kind": "stream_kind", "caseNo": "case_no", "status": "status",
               "town": "town", "procedure": "procedure", "violationType": "violation_type",
               "partyName": "party_name", "openedAt": "opened_at", "fineAmountFen": "fine_amount_fen"}


def raw_app(database: str) -> Starlette:
    """Towns and roles come from the request's JSON (`towns`, `roles`): no token, no schema, no resolvers."""
    pool: dict[str, asyncpg.Pool] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        pool["main"] = await asyncpg.create_pool(database, min_size=2, max_size=10)
        yield
        await pool["main"].close()

    async def scoped(request: Request, *queries: tuple[str, tuple[Any, ...]]) -> tuple[dict[str, Any], list[Any]]:
        body = orjson.loads(await request.body())
        async with pool["main"].acquire() as conn, conn.transaction():
            await conn.execute(SCOPE, ",".join(body["towns"]))
            results = [await conn.fetch(sql, *(body[a] if isinstance(a, str) else a for a in args))
                       for sql, args in queries]
        return body, results

    def answer(data: Any) -> Response:
        return Response(orjson.dumps({"data": data}), media_type="application/json")

    async def cases(request: Request) -> Response:
        body = orjson.loads(await request.body())
        one = len(body["towns"]) == 1
        async with pool["main"].acquire() as conn, conn.transaction():
            await conn.execute(SCOPE, ",".join(body["towns"]))
            rows = await conn.fetch(LIST_ONE if one else LIST_MANY, body["towns"][0] if one else body["towns"], 50)
        total = rows[0]["total_count"] if rows else 0
        return answer({"cases": {"totalCount": total, "edges": [
            {"node": {name: row[column] for name, column in LIST_FIELDS.items()}} for row in rows
            if row["stream_id"] is not None]}})

    async def case(request: Request) -> Response:
        _, (summaries, timeline) = await scoped(request, (SUMMARY, ("ids", "towns")), (TIMELINE, ("ids", "towns")))
        if not summaries:
            return answer({"case": {"__typename": "NotFound"}})
        row = summaries[0]
        return answer({"case": {
            "streamId": row["stream_id"], "caseNo": row["case_no"], "status": row["status"], "town": row["town"],
            "openedAt": row["opened_at"], "fineAmountFen": row["fine_amount_fen"],
            "timeline": [{"seq": e["seq"], "type": e["event_type"], "occurredAt": e["occurred_at"],
                          "recordedAt": e["recorded_at"], "actor": e["actor"], "status": e["status"],
                          "hash": e["hash"], "data": orjson.loads(e["payload"])} for e in timeline]}})

    async def overdue(request: Request) -> Response:
        _, (rows,) = await scoped(request, (OVERDUE, ("towns", local_date(datetime.now(UTC)))))
        return answer({"overdueDeadlines": [{"deadline": {
            "caseId": r["stream_id"], "clockKey": r["clock_key"], "deadlineId": r["deadline_id"],
            "dueOn": r["due_on"], "status": r["status"]}} for r in rows]})

    async def tasks(request: Request) -> Response:
        _, (rows,) = await scoped(request, (TASKS, ("towns", "roles")))
        return answer({"myTasks": [{"caseId": r["stream_id"], "step": r["step"], "role": r["role"],
                                    "dueOn": r["due_on"]} for r in rows]})

    return Starlette(routes=[Route("/cases", cases, methods=["POST"]), Route("/case", case, methods=["POST"]),
                             Route("/overdue", overdue, methods=["POST"]), Route("/tasks", tasks, methods=["POST"]),
                             Route("/healthz", lambda _r: Response("ok"))], lifespan=lifespan)


def zhifa_app(database: str) -> Starlette:
    from infra.settings import Settings
    from zhifa.api_server import build_app

    return build_app(Settings.from_env({"ZHIFA_DATABASE_URL": database, "ZHIFA_ENV": "development"}), environ={})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=("zhifa", "raw"))
    parser.add_argument("--database", required=True, help="asyncpg URL (postgresql://…)")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = (zhifa_app(args.database.replace("postgresql://", "postgresql+asyncpg://", 1)) if args.which == "zhifa"
           else raw_app(args.database))
    if args.which == "zhifa":  # as zhifa.api_server.serve does once the app is built
        from zhifa.collector import settle_after_start
        settle_after_start()
    # The same server stack for both (as zhifa.api_server serves): uvloop and httptools.
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False, lifespan="on",
                loop="uvloop", http="httptools")


if __name__ == "__main__":
    main()
