"""Case templates of the scenario files: one compact spec ("118 general cases fined 1,000 yuan, reviewed") expands
into the bulk-import steps an officer would have entered for each case. Dates are local (Asia/Shanghai)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Shanghai")
Step = dict[str, Any]


class Clock:
    """Consecutive step times of one case: steps on the same day follow each other an hour apart from 09:00."""

    def __init__(self, start: date) -> None:
        self.start = start
        self.day, self.hour = -1, 9

    def at(self, day: int) -> str:
        self.day, self.hour = (day, 9) if day > self.day else (self.day, self.hour + 1)
        moment = datetime.combine(self.start + timedelta(days=self.day), time(self.hour), LOCAL)
        return moment.isoformat()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _party(spec: Mapping[str, Any], n: int) -> dict[str, Any]:
    kind = spec.get("party", "CITIZEN")
    name = f"某{'公司' if kind == 'ORGANIZATION' else '某'}{n}"
    return {"name": name, "party_type": kind}


def _av(case_id: str) -> list[dict[str, Any]]:
    return [{"ref": f"av/{case_id}", "sha256": _sha(case_id)}]


def general(spec: Mapping[str, Any], case_id: str, n: int, start: date, staff: Mapping[str, str]) -> Step:
    """A general-procedure case from lead to its outcome: PENALTY (served, paid, closed), NO_PENALTY (education
    first when the ground requires it), WITHDRAWN, TRANSFERRED, or PENDING (still investigating at cut-off)."""
    lead, officer, reviewer, principal = staff["lead"], staff["officer"], staff["reviewer"], staff["principal"]
    pair = [lead, officer]
    c = Clock(start)
    outcome = spec.get("outcome", "PENALTY")
    party = _party(spec, n)
    fine = int(spec.get("fine_fen", 0))
    found = c.at(0)
    steps: list[Step] = [
        {"command": "RegisterLead", "occurred_at": found, "actors": [officer], "case_id": case_id,
         "town": spec["town"], "unit": spec["unit"], "source": "INSPECTION", "discovered_at": found,
         "party": party, "violation_type": spec["violation_type"], "place": f"{spec['place']}{n}号"},
        {"command": "FileCase", "occurred_at": c.at(1), "actors": [principal], "case_no": f"{case_id}-立",
         "enforcement_item": spec["item"], "officers": pair, "case_lead": lead},
        {"command": "StartInvestigation", "occurred_at": c.at(2), "actors": [lead]},
        {"command": "RecordSite", "occurred_at": c.at(2), "actors": pair, "record_id": f"{case_id}-site",
         "place": spec["place"], "record_hash": _sha(case_id), "av_ref": f"av/{case_id}"},
    ]
    if outcome == "PENDING":
        return {"kind": "GENERAL_CASE", "steps": steps}
    if outcome == "WITHDRAWN":
        steps.append({"command": "WithdrawFiling", "occurred_at": c.at(3), "actors": [principal],
                      "reason": "违法事实不能成立"})
        return {"kind": "GENERAL_CASE", "steps": steps}
    if outcome == "TRANSFERRED":
        steps.append({"command": "TransferToAgency", "occurred_at": c.at(3), "actors": [principal],
                      "receiving_agency": "区生态环境局", "letter_no": f"{case_id}-移"})
        return {"kind": "GENERAL_CASE", "steps": steps}
    penalty = outcome == "PENALTY"
    proposal: dict[str, Any] = {
        "decision_type": outcome, "sanctions": ["FINE"] if penalty else [], "fine_amount_fen": fine,
        "modifier": spec.get("modifier", "NONE"), "soft_list_item_id": spec.get("soft_list_item_id"),
        "soft_outcome": spec.get("soft_outcome"), "no_penalty_ground": spec.get("no_penalty_ground"),
        "grounds": "事实清楚，证据确凿"}
    steps.append({"command": "SubmitInvestigationReport", "occurred_at": c.at(4), "actors": [lead],
                  "proposal": proposal, "findings": "调查终结"})
    if spec.get("legal_review", True):
        steps += [
            {"command": "RequestLegalReview", "occurred_at": c.at(5), "actors": [lead]},
            {"command": "CompleteLegalReview", "occurred_at": c.at(6), "actors": [reviewer], "outcome": "APPROVED",
             "proposal_hash": "$proposal_hash", "opinion": "事实清楚，适用法律正确"},
        ]
    if spec.get("collective_discussion"):
        steps.append({"command": "HoldCollectiveDiscussion", "occurred_at": c.at(7),
                      "actors": [principal, staff["second_principal"]],
                      "proposal_hash": "$proposal_hash", "conclusion": "同意处罚"})
    decision: Step = {"command": "MakeDecision", "occurred_at": "", "actors": [principal],
                      "decision_type": outcome, "sanctions": proposal["sanctions"], "fine_amount_fen": fine,
                      "modifier": proposal["modifier"], "soft_list_item_id": proposal["soft_list_item_id"],
                      "soft_outcome": proposal["soft_outcome"], "no_penalty_ground": proposal["no_penalty_ground"]}
    if penalty:
        steps += [
            {"command": "ServePriorNotice", "occurred_at": c.at(8), "actors": pair, "notice_no": f"{case_id}-告"},
            {"command": "WaiveStatement", "occurred_at": c.at(8), "actors": [lead]},
        ]
    else:
        steps.append({"command": "GiveEducation", "occurred_at": c.at(8), "actors": pair,
                      "content": "宣讲相关法规，当事人已改正"})
    decision["occurred_at"] = c.at(9)
    steps.append(decision)
    if spec.get("disclosed"):
        steps.append({"command": "RecordDecisionDisclosure", "occurred_at": c.at(10), "actors": [officer],
                      "channel": "天津市行政执法监督平台"})
    if penalty:
        steps += [
            {"command": "IssueDecisionDocument", "occurred_at": c.at(10), "actors": [lead],
             "document_no": f"{case_id}-罚"},
            {"command": "ServeDecision", "occurred_at": c.at(11), "actors": pair, "method": "DIRECT",
             "recipient": party["name"]},
            {"command": "ReceivePayment", "occurred_at": c.at(13), "actors": [lead], "amount_fen": fine,
             "channel": "BANK", "receipt_no": f"{case_id}-缴"},
            {"command": "CloseCase", "occurred_at": c.at(14), "actors": [principal], "summary": "罚款已缴清"},
        ]
    return {"kind": "GENERAL_CASE", "steps": steps}


def simple(spec: Mapping[str, Any], case_id: str, n: int, start: date, staff: Mapping[str, str]) -> Step:
    c = Clock(start)
    return {"kind": "SIMPLE_CASE", "steps": [{
        "command": "DecideOnTheSpot", "occurred_at": c.at(0), "actors": [staff["lead"], staff["officer"]],
        "case_id": case_id, "town": spec["town"], "unit": spec["unit"], "party": _party(spec, n),
        "violation_type": spec["violation_type"], "place": f"{spec['place']}{n}号", "item_code": spec["item"],
        "certificates_shown": True, "facts": "当场查明", "reasons": "违反规定",
        "legal_basis": "《天津市市容和环境卫生管理条例》",
        "rights_notice": "告知陈述申辩权", "decision_number": f"{case_id}-简", "facts_certain": True,
        "sanctions": ["FINE"], "fine_fen": int(spec["fine_fen"]),
        "reconsideration_first_notice": "对本决定不服的，可以依法申请行政复议", "statement_waived": True}]}


def construction(spec: Mapping[str, Any], case_id: str, n: int, start: date, staff: Mapping[str, str]) -> Step:
    c = Clock(start)
    pair = [staff["lead"], staff["officer"]]
    steps: list[Step] = [{
        "command": "RecordIllegalConstruction", "occurred_at": c.at(0), "actors": pair, "case_id": case_id,
        "town": spec["town"], "unit": spec["unit"], "party": _party(spec, n), "place": f"{spec['place']}{n}号",
        "description": "未取得建设工程规划许可证建设", "item_code": spec["item"],
        "structure_count": 1, "av_evidence": _av(case_id)}]
    demolished = spec.get("demolished", [])
    if n <= len(demolished):  # the first cases of the group were demolished, as listed: [count, area dm²]
        count, area = demolished[n - 1]
        steps.append({"command": "VerifySelfDemolition", "occurred_at": c.at(5), "actors": pair, "count": count,
                      "area_dm2": area, "site_record": "当事人已自行拆除", "av_evidence": _av(f"{case_id}-拆")})
    return {"kind": "CONSTRUCTION_CASE", "steps": steps}


def inspection(spec: Mapping[str, Any], case_id: str, n: int, start: date, staff: Mapping[str, str]) -> Step:
    c = Clock(start)
    finding = {"kind": spec.get("finding", "NO_VIOLATION"), "violation_type": spec.get("violation_type"),
               "description": "当场纠正", "item_code": spec.get("item"),
               "soft_list_item_id": spec.get("soft_list_item_id")}
    return {"kind": "INSPECTION", "steps": [{
        "command": "RecordInspection", "occurred_at": c.at(0), "actors": [staff["lead"], staff["officer"]],
        "inspection_id": case_id, "town": spec["town"], "unit": spec["unit"], "place": f"{spec['place']}{n}号",
        "items_checked": [spec["item"]] if spec.get("item") else [], "certificates_shown": True,
        "findings": [finding], "site_record": "巡查记录", "av_evidence": _av(case_id)}]}


TEMPLATES = {"general": general, "simple": simple, "construction": construction, "inspection": inspection}


def expand_cases(scenario: Mapping[str, Any]) -> Iterator[Step]:
    """Every case of the scenario, in file order; each group's cases start `every_days` apart (or on the days
    of its `fines_fen` list entries, one case per fine when it has one)."""
    for index, group in enumerate(scenario["cases"], start=1):
        spec = {"town": scenario["town"], "place": "某路", **group}
        staff = scenario["staff"][spec["unit"]]
        fines = spec.get("fines_fen")
        count = len(fines) if fines else int(spec["count"])
        first = date.fromisoformat(spec["start"])
        for n in range(count):
            each = {**spec, "fine_fen": fines[n]} if fines else spec
            disclosed = n < int(spec.get("disclosed", 0))
            case_id = f"{scenario['town']}-{scenario['year']}-{index}-{n + 1}"
            start = first + timedelta(days=n * int(spec.get("every_days", 1)))
            yield TEMPLATES[spec["template"]]({**each, "disclosed": disclosed}, case_id, n + 1, start, staff)
