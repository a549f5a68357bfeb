"""The console's routes without a browser: pages and the step catalog served, the development sign-in minting what
`zhifa token` mints, and no sign-in at all outside development."""

from __future__ import annotations

import httpx
import pytest

from api.app import create_app
from api.console import console_routes
from api.graphql.steps import STEPS
from domain.documents.kinds import DocumentKind
from infra.auth import verify_token
from tests.api.client import AUTH, REFERENCE, token_for


def client(*, development: bool) -> httpx.AsyncClient:
    app = create_app(health_checks={}, routes=console_routes(REFERENCE, AUTH, development=development))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def test_the_console_is_served_at_the_root_with_its_assets() -> None:
    async with client(development=False) as http:
        home = await http.get("/")
        assert home.status_code == 307 and home.headers["location"] == "/console/"
        page = await http.get("/console/")
        assert page.status_code == 200 and "综合行政执法控制台" in page.text
        assert '<script type="module" src="js/app.js">' in page.text and "http" not in page.text.split("<body>")[0]
        script = await http.get("/console/js/forms.js")
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]


async def test_the_step_catalog_describes_every_step_and_its_input_as_next_steps_does() -> None:
    async with client(development=False) as http:
        catalog = (await http.get("/console/steps.json")).json()
    assert [s["mutation"] for s in catalog["steps"]] == [s.mutation for s in STEPS]
    review = next(s for s in catalog["steps"] if s["mutation"] == "completeLegalReview")
    assert (review["step"], review["role"], review["opens"], review["inputType"]) == (
        "CompleteLegalReview", "legal_reviewer", False, "CompleteLegalReviewInput")
    fields = {f["name"]: f for f in review["input"]}
    assert "requestId" not in fields and "occurredAt" not in fields  # the client's own, as in nextSteps
    assert fields["outcome"]["type"] == "LegalReviewOutcome!" and fields["outcome"]["required"]
    assert {"value": "APPROVED", "label": "同意"} in fields["outcome"]["choices"]
    assert fields["coActors"]["default"] == [] and not fields["coActors"]["required"]
    deliver = next(s for s in catalog["steps"] if s["mutation"] == "deliverDecision")
    assert {f["name"]: f["default"] for f in deliver["input"]}["method"] == "DIRECT"
    report = next(s for s in catalog["steps"] if s["mutation"] == "submitInvestigationReport")
    proposal = next(f for f in report["input"] if f["name"] == "proposal")
    assert "fineAmountFen" in {f["name"] for f in proposal["fields"]}


async def test_the_catalog_names_each_procedures_documents_from_the_domain() -> None:
    async with client(development=False) as http:
        documents = (await http.get("/console/steps.json")).json()["documents"]
    assert {d["kind"] for d in documents} == {k.value for k in DocumentKind}
    decision = next(d for d in documents if d["kind"] == "penalty-decision")
    assert decision == {"kind": "penalty-decision", "title": "行政处罚决定书", "family": "GENERAL_CASE",
                        "dueAfter": "DecisionDocumentIssued"}


async def test_the_development_sign_in_mints_the_token_zhifa_token_mints() -> None:
    async with client(development=True) as http:
        officers = (await http.get("/console/dev-officers")).json()["officers"]
        supervisor = next(o for o in officers if o["officerId"] == "xq-supervisor-1")
        assert supervisor["roles"] == ["supervisor"] and supervisor["name"]
        for officer in ("zjw-officer-1", "xq-supervisor-1"):
            minted = (await http.post("/console/dev-token", json={"officerId": officer})).json()["token"]
            claims, expected = verify_token(minted, AUTH), verify_token(token_for(officer), AUTH)
            assert (claims.subject, claims.roles, claims.towns, claims.district) == (
                expected.subject, expected.roles, expected.towns, expected.district)
        unknown = await http.post("/console/dev-token", json={"officerId": "nobody"})
        assert unknown.status_code == 404
        assert (await http.post("/console/dev-token", json={})).status_code == 400
        assert (await http.get("/console/config.json")).json() == {"development": True}


@pytest.mark.parametrize("path", ["/console/dev-token", "/console/dev-officers"])
async def test_outside_development_there_is_no_sign_in_endpoint(path: str) -> None:
    async with client(development=False) as http:
        assert (await http.post(path, json={"officerId": "zjw-officer-1"})).status_code in (404, 405)
        assert (await http.get(path)).status_code in (404, 405)
        assert (await http.get("/console/config.json")).json() == {"development": False}
