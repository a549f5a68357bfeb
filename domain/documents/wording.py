"""The words documents use for the domain's codes: sanctions, service methods, review outcomes, no-penalty
grounds with their article, and the people and items the reference data names."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from domain.cases.lead import LeadSource
from domain.cases.legal_review import LegalReviewOutcome
from domain.deadlines.local_time import local_date
from domain.documents.amounts import capitals, figures
from domain.reference import ReferenceData
from domain.report.wording import date_zh
from domain.values import NoPenaltyGround, Party, PartyType, Sanction, ServiceMethod

SANCTIONS = {
    Sanction.WARNING: "警告", Sanction.PUBLIC_CRITICISM: "通报批评", Sanction.FINE: "罚款",
    Sanction.CONFISCATE_GAINS: "没收违法所得", Sanction.CONFISCATE_PROPERTY: "没收非法财物",
    Sanction.SUSPEND_PERMIT: "暂扣许可证件", Sanction.REVOKE_PERMIT: "吊销许可证件",
    Sanction.DOWNGRADE_QUALIFICATION: "降低资质等级", Sanction.RESTRICT_BUSINESS: "限制开展生产经营活动",
    Sanction.ORDER_SUSPEND: "责令停产停业", Sanction.ORDER_CLOSE: "责令关闭", Sanction.RESTRICT_PRACTICE: "限制从业",
}
SERVICE_METHODS = {
    ServiceMethod.DIRECT: "直接送达", ServiceMethod.LEFT_AT_RESIDENCE: "留置送达", ServiceMethod.MAIL: "邮寄送达",
    ServiceMethod.ELECTRONIC: "电子送达", ServiceMethod.PUBLIC_NOTICE: "公告送达",
}
LEAD_SOURCES = {
    LeadSource.INSPECTION: "日常巡查、检查发现", LeadSource.HOTLINE_12345: "12345市民热线",
    LeadSource.REFERRAL: "其他机关移送", LeadSource.SUPERIOR_ASSIGNED: "上级交办",
    LeadSource.COMPLAINT: "投诉举报", LeadSource.SELF_REPORT: "当事人主动报告",
}
REVIEW_OUTCOMES = {
    LegalReviewOutcome.APPROVED: "同意", LegalReviewOutcome.SUPPLEMENT_INVESTIGATION: "建议补充调查",
    LegalReviewOutcome.REVISE: "建议修改后再报", LegalReviewOutcome.REFER_OUT: "建议移送",
    LegalReviewOutcome.NOT_PASSED: "不同意",
}
APL = "《中华人民共和国行政处罚法》"
NO_PENALTY_GROUNDS = {
    NoPenaltyGround.MINOR_CORRECTED_NO_HARM: f"违法行为轻微并及时改正，没有造成危害后果，依据{APL}第三十三条第一款",
    NoPenaltyGround.FIRST_VIOLATION: f"初次违法且危害后果轻微并及时改正，依据{APL}第三十三条第一款",
    NoPenaltyGround.NO_FAULT: f"当事人有证据足以证明没有主观过错，依据{APL}第三十三条第二款",
    NoPenaltyGround.UNDER_14: f"当事人违法时不满十四周岁，依据{APL}第三十条",
    NoPenaltyGround.MENTAL_INCAPACITY: f"当事人在不能辨认或者不能控制自己行为时有违法行为，依据{APL}第三十一条",
    NoPenaltyGround.FACTS_NOT_ESTABLISHED: f"违法事实不能成立，依据{APL}第五十七条第一款第三项",
}


def day(moment: datetime | date | None) -> str:
    """A moment as its local date, 2026年3月1日 ("" when unknown)."""
    if moment is None:
        return ""
    return date_zh(local_date(moment) if isinstance(moment, datetime) else moment)


def penalty(sanctions: Iterable[Sanction], fine_fen: int) -> str:
    """警告；罚款人民币1000元（大写：壹仟元整）."""
    parts = [f"罚款人民币{figures(fine_fen)}（大写：{capitals(fine_fen)}）" if s is Sanction.FINE else SANCTIONS[s]
             for s in sanctions]
    return "；".join(parts)


def party_fields(party: Party | None) -> dict[str, str]:
    if party is None:
        return {"party_name": "", "party_kind": "", "party_id_label": "", "party_id_number": "", "party_address": "",
                "party_phone": ""}
    organisation = party.party_type is PartyType.ORGANIZATION
    return {"party_name": party.name, "party_kind": "单位" if organisation else "个人",
            "party_id_label": "统一社会信用代码" if organisation else "身份证号码",
            "party_id_number": party.id_number, "party_address": party.address, "party_phone": party.phone}


def names(reference: ReferenceData, officer_ids: Iterable[str]) -> str:
    """The officers' names (their ids where the reference data does not know them), 、-separated."""
    return "、".join(_name(reference, officer_id) for officer_id in officer_ids)


def officer_certificates(reference: ReferenceData, officer_ids: Iterable[str]) -> str:
    """张三（执法证号 12010001）、李四（…）: the officers who acted, as the documents must show them (APL 55)."""
    out = []
    for officer_id in officer_ids:
        officer = reference.officer(officer_id)
        number = officer.certificates[-1].number if officer is not None and officer.certificates else ""
        out.append(f"{_name(reference, officer_id)}（执法证号{number}）" if number else _name(reference, officer_id))
    return "、".join(out)


def item_fields(reference: ReferenceData, item_code: str | None, violation_type: str | None) -> dict[str, str]:
    item = reference.items.get(item_code or "")
    violation = reference.violation_types.get(violation_type or "")
    return {"item_name": item.name if item else (item_code or ""),
            "legal_basis": item.legal_basis if item else "",
            "penalty_basis": item.penalty_basis if item else "",
            "violation_name": violation.name if violation else (violation_type or "")}


def _name(reference: ReferenceData, officer_id: str) -> str:
    officer = reference.officer(officer_id)
    return officer.name if officer is not None else officer_id
