"""`Case.nextSteps` and `myTasks` for the calling officer: the steps the case allows now, who takes them, whether
the caller may, the clock each answers (due date, working days left) and the input each needs with defaults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from domain.cases.commands import RecordStatementWindowExpired
from domain.deadlines.local_time import local_date
from tests.api.client import CALENDAR, token_for
from tests.api.conftest import Api
from tests.api.seeding import append_commands, seed_general_case

NEXT = """query($id: ID!) { case(id: $id) { ... on Case { status proposalHash deadlines { clockKey dueOn }
  nextSteps { mutation step role callerMay whyNot fieldAction article inputType
    deadline { clockKey deadlineId dueOn workingDaysLeft }
    input { name type required default choices { value label } fields { name type required default } } } } } }"""
TASKS = "{ myTasks(first: 100) { caseId step mutation role dueOn } }"
# Recent enough that the legal review clock (10 working days) still runs today.
BASE = (datetime.now(UTC) - timedelta(days=9)).replace(hour=1, minute=0, second=0, microsecond=0)


async def _next(api: Api, officer: str, case_id: str) -> dict[str, Any]:
    body = await api.client.run(token_for(officer), NEXT, {"id": case_id})
    assert "errors" not in body, body
    case: dict[str, Any] = body["data"]["case"]
    return case


async def test_a_case_under_legal_review_offers_the_reviewer_the_review_with_its_clock_and_the_proposal_hash(
    api: Api
) -> None:
    await seed_general_case(api.data.store, "review", BASE, through="requestLegalReview")
    case = await _next(api, "zjw-reviewer-1", "case:zhangjiawo:review")
    assert case["status"] == "LEGAL_REVIEW"
    (review,) = case["nextSteps"]
    assert (review["mutation"], review["step"], review["role"], review["callerMay"], review["whyNot"]) == (
        "completeLegalReview", "CompleteLegalReview", "legal_reviewer", True, None)
    assert (review["article"], review["fieldAction"], review["inputType"]) == ("APL 58", False,
                                                                               "CompleteLegalReviewInput")
    due_on = next(d["dueOn"] for d in case["deadlines"] if d["clockKey"] == "D8")
    today = local_date(datetime.now(UTC))
    assert review["deadline"] == {"clockKey": "D8", "deadlineId": "D8", "dueOn": due_on,
                                  "workingDaysLeft": CALENDAR.working_days_between(
                                      today, datetime.fromisoformat(due_on).date())}
    fields = {f["name"]: f for f in review["input"]}
    assert set(fields) == {"caseId", "outcome", "proposalHash", "opinion", "coActors"}
    assert fields["proposalHash"]["default"] == case["proposalHash"] and fields["proposalHash"]["required"]
    assert fields["caseId"]["default"] == "case:zhangjiawo:review"
    assert {"value": "APPROVED", "label": "同意"} in fields["outcome"]["choices"]
    assert (fields["outcome"]["type"], fields["coActors"]["type"]) == ("LegalReviewOutcome!", "[ID!]!")
    assert not fields["coActors"]["required"]


async def test_an_officer_without_the_role_sees_the_step_and_why_he_may_not_take_it(api: Api) -> None:
    await seed_general_case(api.data.store, "review", BASE, through="requestLegalReview")
    (review,) = (await _next(api, "zjw-lead-1", "case:zhangjiawo:review"))["nextSteps"]
    assert review["callerMay"] is False and "legal_reviewer" in review["whyNot"]


async def test_the_decision_is_offered_once_the_statement_window_is_recorded_with_the_proposal_as_defaults(
    api: Api
) -> None:
    base = BASE - timedelta(days=40)
    state = await seed_general_case(api.data.store, "decide", base, through="reviewStatement")
    case = await _next(api, "zjw-principal-1", "case:zhangjiawo:decide")
    # The party made a statement: the decision waits until the window is recorded as expired (APL 62).
    (expiry,) = case["nextSteps"]
    assert (expiry["mutation"], expiry["deadline"]["deadlineId"]) == ("recordStatementWindowExpired", "D9")
    assert expiry["deadline"]["workingDaysLeft"] < 0

    await append_commands(api.data.store, "GENERAL_CASE", "zhangjiawo", [RecordStatementWindowExpired(
        occurred_at=base + timedelta(days=29, hours=12), actors=("zjw-lead-1",))], state)
    (decide,) = (await _next(api, "zjw-principal-1", "case:zhangjiawo:decide"))["nextSteps"]
    assert (decide["mutation"], decide["callerMay"], decide["deadline"]["deadlineId"]) == ("makeDecision", True,
                                                                                         "D7")
    defaults = {f["name"]: f["default"] for f in decide["input"]}
    assert (defaults["decisionType"], defaults["sanctions"], defaults["fineAmountFen"], defaults["modifier"]) == (
        "PENALTY", ["FINE"], 100_000, "NONE")


async def test_my_tasks_carry_the_due_date_of_the_clock_each_answers_and_the_mutation(api: Api) -> None:
    await seed_general_case(api.data.store, "review", BASE, through="requestLegalReview")
    case = await _next(api, "zjw-reviewer-1", "case:zhangjiawo:review")
    body = await api.client.run(token_for("zjw-reviewer-1"), TASKS)
    assert "errors" not in body, body
    mine = [t for t in body["data"]["myTasks"] if t["caseId"] == "case:zhangjiawo:review"]
    due_on = next(d["dueOn"] for d in case["deadlines"] if d["clockKey"] == "D8")
    assert mine == [{"caseId": "case:zhangjiawo:review", "step": "CompleteLegalReview",
                     "mutation": "completeLegalReview", "role": "legal_reviewer", "dueOn": due_on}]
    filed = await api.client.run(token_for("zjw-lead-1"), TASKS)
    lead = {t["caseId"]: t for t in filed["data"]["myTasks"]}
    assert lead[api.data.own.stream_id]["dueOn"] is not None  # the seeded case's investigation answers D7
