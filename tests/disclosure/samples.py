"""A decision about a citizen and one about a company, as the case would hand them to disclosure."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from domain.cases.proposal import DecisionType
from domain.disclosure.content import DecisionContent
from domain.values import Party, PartyType, Sanction

CITIZEN = Party(name="赵建国", party_type=PartyType.CITIZEN, id_number="12011119680512345X",
                address="天津市西青区张家窝镇田丽园小区15号楼2门301", phone="13812345678")
COMPANY = Party(name="天津市宏达商贸有限公司", party_type=PartyType.ORGANIZATION, id_number="91120111MA05XXXX1K",
                address="天津市西青区张家窝镇工业园区8号", phone="022-27391234")


def content(party: Party = CITIZEN, **changes: object) -> DecisionContent:
    base = DecisionContent(
        case_id="case:1", case_no="津西青张综执立〔2026〕31号", decision_no="津西青张综执罚〔2026〕31号",
        town="zhangjiawo", unit="zhangjiawo-bureau", party=party, violation_type="OPEN_STRAW_BURNING",
        place="张家窝镇某村东侧农田", facts="当事人在农田内露天焚烧秸秆。", grounds="违反《大气污染防治法》第七十七条",
        decision_type=DecisionType.PENALTY, sanctions=(Sanction.FINE,), fine_fen=100_000,
        decided_at=datetime(2026, 3, 2, 2, tzinfo=UTC), served_at=datetime(2026, 3, 3, 2, tzinfo=UTC))
    return replace(base, **changes)  # type: ignore[arg-type]
