"""The real schema's hot reads answer byte for byte the same through the lean executor as through graphql-core's
own (the case list as B2 asks for it and with fields that have resolvers, a case's detail with its timeline,
errors included); a page is one statement, also past the end, where it still counts the total."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

import api.graphql.schema as schema_module
from api.graphql.paging import cursor
from infra.readside import reader_engine
from tests.api.client import asgi_client, build_app, services_for, token_for
from tests.api.conftest import Seeded2
from tests.api.seeding import seed_case
from tests.api.test_read_side import counted

LIST_FIELDS = "streamId kind caseNo status town procedure violationType partyName openedAt fineAmountFen"
DOCUMENTS = [
    f"{{ cases(first: 50) {{ totalCount edges {{ node {{ {LIST_FIELDS} }} }} }} }}",
    "{ cases(first: 7, orderBy: CASE_NO_ASC) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { "
    "__typename id lastEvent { type seq occurredAt } officers { officerId name } currentDeadline { deadlineId dueOn "
    "status holder } deadlines { clockKey status } } } } }",
    "{ cases(first: 101) { totalCount } }",  # an error: the page size
]
DETAIL = ("query($id: ID!) { case(id: $id) { __typename ... on Case { streamId caseNo status town openedAt "
          "fineAmountFen timeline { seq type occurredAt recordedAt actor actors status hash data } } "
          "... on NotFound { message } } }")


async def _answers(seeded: Seeded2, documents: list[tuple[str, dict[str, str]]], *, readers: Any = None,
                   callers: tuple[str, ...] = ("zjw-officer-2",)) -> list[bytes]:
    services = dataclasses.replace(services_for(seeded.engine, None), readers=readers)
    client = asgi_client(build_app(services))
    try:
        answers = []
        for (document, variables), caller in zip(documents, itertools.cycle(callers), strict=False):
            response = await client.post(token_for(caller), document, variables)
            assert response.status_code == 200, response.text
            answers.append(response.content)
        return answers
    finally:
        await client.http.aclose()


async def test_the_case_list_and_detail_answer_as_graphql_core_does(seeded: Seeded2,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    base = datetime.now(UTC) - timedelta(days=5)
    ids = [(await seed_case(seeded.store, "zhangjiawo", f"户{i:02d}", base=base + timedelta(minutes=i))).stream_id
           for i in range(12)]
    documents = [(d, {}) for d in DOCUMENTS] + [(DETAIL, {"id": i}) for i in (*ids[:3], "no-such-case")]
    lean = await _answers(seeded, documents)
    monkeypatch.setattr(schema_module, "lean_executor", lambda: StrawberryGraphQLCoreExecutionContext)
    plain = await _answers(seeded, documents)
    assert lean == plain
    assert b'"errors"' in lean[2] and b'"timeline":[{' in lean[3] and b"NotFound" in lean[-1]


async def test_a_page_past_the_end_is_empty_and_still_counts_the_cases_in_one_statement(seeded: Seeded2) -> None:
    base = datetime.now(UTC) - timedelta(days=5)
    for i in range(3):
        await seed_case(seeded.store, "zhangjiawo", f"末{i}", base=base + timedelta(minutes=i))
    client = asgi_client(build_app(services_for(seeded.engine, None)))
    try:
        document = "query($after: String) { cases(first: 2, after: $after) { totalCount edges { cursor } } }"
        total = (await client.run(token_for("zjw-officer-2"), document))["data"]["cases"]["totalCount"]
        with counted(seeded.engine) as statements:
            past = await client.run(token_for("zjw-officer-2"), document, {"after": cursor(total + 5)})
        assert past["data"]["cases"] == {"totalCount": total, "edges": []} and total >= 3
        reads = [s for s in statements if s.startswith("SELECT") and "set_config" not in s]  # not BEGIN, the scope
        assert len(reads) == 1, statements
    finally:
        await client.http.aclose()


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_kept_reader_connections_answer_as_scoped_transactions_do(seeded: Seeded2) -> None:
    """Callers of two towns in turn over one kept reader connection: the same answers as with a transaction each."""
    base = datetime.now(UTC) - timedelta(days=5)
    ids = [(await seed_case(seeded.store, town, f"读{i}", base=base + timedelta(minutes=i))).stream_id
           for i, town in enumerate(("zhangjiawo", "dasi") * 3)]
    # Each detail asks for a case of the other caller's town: NotFound.
    documents = [(DOCUMENTS[0], {}), (DOCUMENTS[0], {})] + [(DETAIL, {"id": i}) for i in ids[1:]]
    callers = ("zjw-officer-2", "ds-officer-1")
    readers = reader_engine(seeded.engine.url.render_as_string(hide_password=False), pool_size=1, max_overflow=0)
    try:
        kept = await _answers(seeded, documents, readers=readers, callers=callers)
    finally:
        await readers.dispose()
    assert kept == await _answers(seeded, documents, callers=callers)
    assert kept[0] != kept[1] and b"NotFound" in kept[3] and b"NotFound" in kept[4]


async def test_a_detail_with_its_timeline_reads_both_in_one_statement_on_postgresql(seeded: Seeded2) -> None:
    """Also when the timeline is asked for in a named fragment; a detail without it does not read the events."""
    by_fragment = ("query($id: ID!) { case(id: $id) { ...Shown } } fragment Shown on Case { streamId caseNo "
                   "status town openedAt fineAmountFen timeline { seq type occurredAt recordedAt actor actors status "
                   "hash data } }")
    plain = "query($id: ID!) { case(id: $id) { ... on Case { streamId caseNo status } } }"
    client = asgi_client(build_app(services_for(seeded.engine, None)))
    token, variables = token_for("zjw-officer-2"), {"id": seeded.own.stream_id}
    try:
        await client.run(token, plain, variables)  # the first read of a request's connection sets it up
        answers, reads = [], []
        for document in (DETAIL, by_fragment, plain):
            with counted(seeded.engine) as statements:
                answers.append((await client.run(token, document, variables))["data"]["case"])
            reads.append([s for s in statements if s.lstrip().startswith("SELECT") and "set_config" not in s])
    finally:
        await client.http.aclose()
    assert answers[0] == {"__typename": "Case", **answers[1]} and len(answers[1]["timeline"]) > 3
    assert answers[2] == {k: answers[0][k] for k in ("streamId", "caseNo", "status")}
    postgres = seeded.engine.dialect.name == "postgresql"
    assert [len(r) for r in reads] == ([1, 1, 1] if postgres else [2, 2, 1]), reads
    assert "events" not in reads[2][0]
