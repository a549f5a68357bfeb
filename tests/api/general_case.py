"""A general-procedure case driven through GraphQL only: the officers, the legal reviewer and the principal of
张家窝镇 each act with their own token. Dates lie in the past (late entry), as in `tests/e2e/straw_burning`."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

import httpx

from tests.api.client import GraphQLClient, token_for

LEAD, OFFICER, REVIEWER, PRINCIPAL = "zjw-lead-1", "zjw-officer-1", "zjw-reviewer-1", "zjw-principal-1"
FINE = 100_000
# The business events of a case driven by `register_lead` and `drive_to_closure` (clock events aside).
CLOSED_CASE_EVENTS = [
    "LeadRegistered", "VerificationStarted", "CaseFiled", "InvestigationStarted", "EvidenceCollected",
    "InquiryRecorded", "SiteRecorded", "InvestigationReportSubmitted", "LegalReviewRequested",
    "LegalReviewCompleted", "PriorNoticeServed", "StatementReceived", "StatementReviewed", "DecisionMade",
    "DecisionDocumentIssued", "DecisionServed", "PaymentReceived", "CaseClosed"]
OUTCOME = "__typename ... on Problem { code message } ... on RuleViolation { rule article field } " \
          "... on InvalidTransition { rule article field } ... on ValidationError { rule field } " \
          "... on Case { streamId status version proposalHash }"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# The case's evidence files (scans as PDF): an API with the evidence store refuses a step citing a hash that was
# never uploaded for the case, so a client against the production app uploads them first (`upload_evidence`).
EVIDENCE_FILES = {name: f"%PDF-1.4\n% {name} of the straw-burning case\n".encode()
                  for name in ("photo", "inquiry", "site")}
EVIDENCE_HASHES = {name: hashlib.sha256(content).hexdigest() for name, content in EVIDENCE_FILES.items()}


async def upload_evidence(http: httpx.AsyncClient, case_id: str) -> None:
    for name, content in EVIDENCE_FILES.items():
        response = await http.post(f"/evidence/{case_id}", content=content, headers={
            "Authorization": f"Bearer {token_for(LEAD)}", "Content-Type": "application/pdf", "X-Filename": name})
        assert response.status_code in (200, 201), response.text


async def step(client: GraphQLClient, officer: str, mutation: str, data: dict[str, Any]) -> dict[str, Any]:
    input_type = mutation[0].upper() + mutation[1:]
    names = {"recordEvidence": "CollectEvidence", "recordStatement": "ReceiveStatement",
             "recordPayment": "ReceivePayment"}
    type_name = names.get(mutation, input_type)
    document = f"mutation($i: {type_name}Input!) {{ {mutation}(input: $i) {{ {OUTCOME} }} }}"
    body = await client.run(token_for(officer), document, {"i": data})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"][mutation]
    return result


def lead_input(base: datetime) -> dict[str, Any]:
    return {"occurredAt": base.isoformat(), "town": "zhangjiawo", "unit": "zhangjiawo-bureau",
            "source": "INSPECTION", "discoveredAt": base.isoformat(), "violationType": "OPEN_STRAW_BURNING",
            "party": {"name": "赵某某", "partyType": "CITIZEN", "idNumber": "120111196805123456"},
            "place": "张家窝镇某村东侧农田", "summary": "当事人在农田内露天焚烧秸秆"}


async def register_lead(client: GraphQLClient, request_id: str, base: datetime) -> dict[str, Any]:
    return await step(client, OFFICER, "registerLead", {"requestId": request_id, **lead_input(base)})


def steps_to_closure(base: datetime) -> list[tuple[str, str, dict[str, Any]]]:
    def at(days: int, hour: int = 10) -> str:
        return (base + timedelta(days=days, hours=hour - base.hour)).isoformat()

    return [
        (LEAD, "startVerification", {"occurredAt": at(1), "coActors": [OFFICER], "findings": "现场核实，违法事实存在"}),
        (PRINCIPAL, "fileCase", {"occurredAt": at(2), "caseNo": "津西青张综执立〔2026〕88号",
                                 "enforcementItem": "HB-STRAW-BURNING", "officers": [LEAD, OFFICER],
                                 "caseLead": LEAD}),
        (LEAD, "startInvestigation", {"occurredAt": at(3)}),
        (LEAD, "recordEvidence", {"occurredAt": at(3, 11), "coActors": [OFFICER], "evidenceId": "ev-1",
                                  "kind": "PHOTO", "description": "焚烧现场照片",
                                  "evidenceHash": EVIDENCE_HASHES["photo"],
                                  "avRef": "av/cam-7/1"}),
        (LEAD, "recordInquiry", {"occurredAt": at(4), "coActors": [OFFICER], "recordId": "inq-1",
                                 "person": "赵某某", "recordHash": EVIDENCE_HASHES["inquiry"]}),
        (LEAD, "recordSite", {"occurredAt": at(4, 11), "coActors": [OFFICER], "recordId": "site-1",
                              "place": "某村东侧农田", "recordHash": EVIDENCE_HASHES["site"], "avRef": "av/cam-7/2"}),
        (LEAD, "submitInvestigationReport", {"occurredAt": at(8), "findings": "事实清楚，证据确凿", "proposal": {
            "decisionType": "PENALTY", "sanctions": ["FINE"], "fineAmountFen": FINE, "modifier": "NONE",
            "benchmarkId": "HB-STRAW-BURNING-2", "grounds": "违反《大气污染防治法》第七十七条"}}),
        (LEAD, "requestLegalReview", {"occurredAt": at(9)}),
        (REVIEWER, "completeLegalReview", {"occurredAt": at(10), "outcome": "APPROVED", "proposalHash": "{hash}",
                                           "opinion": "事实清楚，适用法律正确，同意"}),
        (LEAD, "servePriorNotice", {"occurredAt": at(14, 9), "coActors": [OFFICER],
                                    "noticeNo": "津西青张综执告〔2026〕88号"}),
        (LEAD, "recordStatement", {"occurredAt": at(15), "points": ["初次违法，请求从轻"]}),
        (LEAD, "reviewStatement", {"occurredAt": at(29), "reviews": [
            {"point": "初次违法，请求从轻", "adopted": False, "reason": "罚款已按一般情节基准确定"}]}),
        (PRINCIPAL, "makeDecision", {"occurredAt": at(30), "decisionType": "PENALTY", "sanctions": ["FINE"],
                                     "fineAmountFen": FINE, "modifier": "NONE"}),
        (LEAD, "issueDecisionDocument", {"occurredAt": at(30, 15), "documentNo": "津西青张综执罚〔2026〕88号"}),
        (LEAD, "serveDecision", {"occurredAt": at(31), "coActors": [OFFICER], "method": "DIRECT",
                                 "recipient": "赵某某"}),
        (LEAD, "recordPayment", {"occurredAt": at(35), "amountFen": FINE, "channel": "BANK",
                                 "receiptNo": "bank-2026-88"}),
        (PRINCIPAL, "closeCase", {"occurredAt": at(36), "summary": "罚款已缴清，违法行为已改正"}),
    ]


async def drive_to_closure(client: GraphQLClient, case_id: str, base: datetime, proposal_hash: str) -> str:
    """Every step after the lead; returns the last status. `{hash}` is the proposal hash the report returned."""
    status = ""
    for index, (officer, mutation, data) in enumerate(steps_to_closure(base)):
        data = {**data, "requestId": f"{case_id}:{index}", "caseId": case_id}
        if data.get("proposalHash") == "{hash}":
            data["proposalHash"] = proposal_hash
        result = await step(client, officer, mutation, data)
        assert result["__typename"] == "Case", (mutation, result)
        proposal_hash = result["proposalHash"] or proposal_hash
        status = result["status"]
    return status
