"""Deadline lists: the office's overdue work is its own clocks past due — never the party's windows
(reconsideration D19, litigation D23), which a case shows as information, nor a case's disclosure clock D17 once
its disclosure stream published the decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.api.client import GraphQLClient, token_for
from tests.api.conftest import Api
from tests.api.seeding import seed_archived_case

OVERDUE = "{ overdueDeadlines(first: 100) { deadline { caseId deadlineId status holder } } }"
DEADLINES = "query($id: ID!) { case(id: $id) { ... on Case { status deadlines { deadlineId status holder } } } }"
# Long enough ago that the reconsideration window (60 days after service) and the disclosure clock have run out.
BASE = (datetime.now(UTC) - timedelta(days=120)).replace(hour=1, minute=30, second=0, microsecond=0)


async def _overdue(api: GraphQLClient) -> set[tuple[str, str]]:
    body = await api.run(token_for("zjw-principal-1"), OVERDUE)
    assert "errors" not in body, body
    return {(d["deadline"]["caseId"], d["deadline"]["deadlineId"]) for d in body["data"]["overdueDeadlines"]}


async def test_an_archived_case_lists_no_party_window_and_no_disclosure_its_disclosure_stream_met_as_overdue(
    api: Api
) -> None:
    disclosed = await seed_archived_case(api.data.store, "disclosed", BASE, disclosed=True)
    undisclosed = await seed_archived_case(api.data.store, "undisclosed", BASE, disclosed=False)

    overdue = await _overdue(api.client)
    assert {d for c, d in overdue if c == disclosed} == set()
    # Nothing published it: disclosing is still the office's work, and late.
    assert {d for c, d in overdue if c == undisclosed} == {"D17"}

    body = await api.client.run(token_for("zjw-principal-1"), DEADLINES, {"id": disclosed})
    case = body["data"]["case"]
    assert case["status"] == "ARCHIVED"
    shown = {d["deadlineId"]: (d["status"], d["holder"]) for d in case["deadlines"]}
    assert shown["D19"] == ("RUNNING", "PARTY") and shown["D23"] == ("RUNNING", "PARTY")
    assert shown["D7"][1] == "OFFICE"


async def test_a_case_filter_for_overdue_cases_follows_the_same_rule(api: Api) -> None:
    disclosed = await seed_archived_case(api.data.store, "disclosed", BASE, disclosed=True)
    undisclosed = await seed_archived_case(api.data.store, "undisclosed", BASE, disclosed=False)
    body = await api.client.run(token_for("zjw-principal-1"),
                         "{ cases(filter: {overdue: true}) { edges { node { streamId } } } }")
    assert "errors" not in body, body
    found = {e["node"]["streamId"] for e in body["data"]["cases"]["edges"]}
    assert undisclosed in found and disclosed not in found
