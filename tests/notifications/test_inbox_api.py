"""`myNotifications` and `markNotificationsRead` over HTTP: each officer sees and marks their own notices only."""

from __future__ import annotations

from typing import Any

from infra.db.engine import create_engine
from tests.api.client import RecordingStreams, asgi_client, build_app, services_for, token_for
from tests.notifications.support import case_with_d7, notifying_store

INBOX = """query($unread: Boolean!, $after: String) {
  myNotifications(unreadOnly: $unread, first: 1, after: $after) {
    totalCount unreadCount pageInfo { hasNextPage endCursor }
    edges { node { id kind caseId caseNo deadlineId deadlineName dueOn readAt } } } }"""
MARK = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }"


async def test_an_officer_reads_pages_and_marks_their_own_notifications(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    client = asgi_client(build_app(services_for(engine, RecordingStreams())))
    try:
        store = notifying_store(engine)
        await case_with_d7(store, "zhangjiawo", "张甲", breach=True)
        await case_with_d7(store, "dasi", "李乙")
        lead, other_lead = token_for("zjw-lead-1"), token_for("ds-lead-1")

        first = await _inbox(client, lead, unread=True)
        assert (first["totalCount"], first["unreadCount"], first["pageInfo"]["hasNextPage"]) == (2, 2, True)
        newest = first["edges"][0]["node"]
        assert (newest["kind"], newest["deadlineId"], newest["deadlineName"], newest["caseNo"]) == (
            "BREACHED", "D7", "立案之日起九十日内作出决定", "张甲号")
        second = await _inbox(client, lead, unread=True, after=first["pageInfo"]["endCursor"])
        older = second["edges"][0]["node"]
        assert older["kind"] == "WARNING" and not second["pageInfo"]["hasNextPage"]

        others = await _inbox(client, other_lead, unread=False)
        assert others["totalCount"] == 1 and others["edges"][0]["node"]["caseNo"] == "李乙号"
        theirs = others["edges"][0]["node"]["id"]

        marked = (await client.run(lead, MARK, {"ids": [newest["id"], theirs]}))["data"]["markNotificationsRead"]
        assert marked == {"marked": [newest["id"]], "unreadCount": 1}  # the other town's notice is not the lead's
        assert (await _inbox(client, other_lead, unread=True))["unreadCount"] == 1
        after = await _inbox(client, lead, unread=True)
        assert after["totalCount"] == 1 and after["edges"][0]["node"]["id"] == older["id"]
        again = (await client.run(lead, MARK, {"ids": [newest["id"]]}))["data"]["markNotificationsRead"]
        assert again == {"marked": [], "unreadCount": 1}
    finally:
        await client.http.aclose()
        await engine.dispose()


async def test_a_malformed_id_is_refused_with_a_code(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    client = asgi_client(build_app(services_for(engine, RecordingStreams())))
    try:
        body = await client.run(token_for("zjw-lead-1"), MARK, {"ids": ["not-a-number"]})
        assert body["errors"][0]["extensions"]["code"] == "BAD_ID"
    finally:
        await client.http.aclose()
        await engine.dispose()


async def _inbox(client: Any, token: str, *, unread: bool, after: str | None = None) -> dict[str, Any]:
    body = await client.run(token, INBOX, {"unread": unread, "after": after})
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["myNotifications"]
    return found
