"""Acceptance (issue 8, item 1): a client that knows nothing but `nextSteps` and `openingSteps` takes a general
case, a simple case and a rectification order to their ends on the real Temporal dev server — it picks each
mutation and fills each input from what `nextSteps` offers (see `tests/api/next_steps_client.py`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.api.client import asgi_client, build_app, services_for
from tests.api.next_steps_client import Driver
from tests.e2e.conftest import system

pytestmark = pytest.mark.temporal

TEAM = ("zjw-officer-1", "zjw-lead-1", "zjw-reviewer-1", "zjw-principal-1", "zjw-hearing-1")
START = (datetime.now(UTC) - timedelta(days=60)).replace(hour=1, minute=0, second=0, microsecond=0)
# What an opening step records comes from the street, not from the system: the party, the violation seen and,
# for an on-the-spot decision, the officer's own decision (a 50-yuan fine, under the APL 51 cap) and what the
# party said.
PARTY = {"name": "赵某某", "partyType": "CITIZEN"}
LEAD = {"violationType": "OPEN_STRAW_BURNING", "party": PARTY}
ON_THE_SPOT = {"violationType": "ROAD_OCCUPATION_VENDING", "itemCode": "SR-ROAD-OCCUPATION", "party": PARTY,
               "sanctions": ["FINE"], "fineFen": 5_000, "statement": "当事人承认占道经营"}
ORDER = {"violationType": "ILLEGAL_PILING", "party": PARTY}


async def test_a_general_case_a_simple_case_and_a_rectification_order_run_to_their_ends_from_next_steps_alone(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    async with system(dev_server, sqlite_url) as s:
        api = asgi_client(build_app(services_for(s.engine, s.streams)))
        try:
            general = Driver(api, TEAM, START)
            case_id = await general.open("registerLead", LEAD)
            assert await general.drive(case_id, until=frozenset({"CLOSED", "ARCHIVED"})) in ("CLOSED", "ARCHIVED")
            steps = [m for _, m, _ in general.taken]
            assert {"fileCase", "submitInvestigationReport", "completeLegalReview", "makeDecision",
                    "serveDecision", "closeCase"} <= set(steps), steps
            assert ("zjw-reviewer-1", "completeLegalReview") in {(o, m) for o, m, _ in general.taken}

            simple = Driver(api, TEAM, START)
            simple_id = await simple.open("decideOnTheSpot", ON_THE_SPOT)
            assert await simple.drive(simple_id, until=frozenset({"CLOSED"})) == "CLOSED", simple.taken

            order = Driver(api, TEAM, START)
            order_id = await order.open("issueRectificationOrder", ORDER)
            ended = await order.drive(order_id, until=frozenset({"COMPLIED", "ESCALATED"}))
            assert ended in ("COMPLIED", "ESCALATED"), order.taken
        finally:
            await api.http.aclose()
