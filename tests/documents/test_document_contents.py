"""Each of the eight documents, downloaded as PDF (LibreOffice) for the cases of the straw-burning scenario and its
companions, says what its article requires: the party, the facts and evidence, the basis, the penalty in 元 and
in capitals, the deadlines and routes (15 days to pay, 3% a day, 60 days for reconsideration, 6 months for a
lawsuit; reconsideration first for an on-the-spot decision, ARL 23), the agency, its seal and the number."""

from __future__ import annotations

from datetime import date

import pytest

from domain.report.wording import date_zh
from tests.api.client import token_for
from tests.documents.cases import NO_PENALTY, ON_THE_SPOT, ORDER, STRAW
from tests.documents.conftest import Documents
from tests.documents.support import pdf_text, squeeze

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

AGENCY = "天津市西青区张家窝镇人民政府"
LEAD = "zjw-lead-1"


async def _pdf(documents: Documents, case_id: str, kind: str) -> tuple[str, str]:
    response = await documents.http.http.get(f"/documents/{case_id}/{kind}.pdf",
                                             headers={"Authorization": f"Bearer {token_for(LEAD)}"})
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"%PDF")
    return pdf_text(response.content), response.headers["X-Document-Number"]


async def _payload(documents: Documents, case_id: str, event_type: str) -> dict[str, object]:
    stored = await documents.store.load_stream(case_id)
    return dict(next(e.payload for e in reversed(stored) if e.event_type == event_type))


def _all_in(text: str, *expected: str) -> None:
    for phrase in expected:
        assert squeeze(phrase) in text, phrase


async def test_the_penalty_decision_states_what_apl_59_requires(documents: Documents) -> None:
    text, _ = await _pdf(documents, STRAW, "penalty-decision")

    _all_in(text, "行政处罚决定书", "津西青张综执罚〔2026〕31号", "当事人：赵某某",
            "住址（住所）：天津市西青区张家窝镇某村",
            "立案编号：津西青张综执立〔2026〕31号", "焚烧现场照片", "询问笔录", "现场笔录",
            "《中华人民共和国大气污染防治法》第一百一十九条第一款", "罚款人民币1000元（大写：壹仟元整）",
            "自收到本决定书之日起15日内", "天津农商银行西青支行", "每日按罚款数额的3%加处罚款",
            "60日内向天津市西青区人民政府申请行政复议", "6个月内向天津市西青区人民法院提起行政诉讼",
            "初次违法，请求从轻：不予采纳", AGENCY, "（印章）")
    decided = await _payload(documents, STRAW, "DecisionDocumentIssued")
    assert squeeze(date_zh(date.fromisoformat(str(decided["occurred_at"])[:10]))) in text


async def test_the_prior_notice_states_facts_basis_intended_penalty_and_the_windows_of_apl_44(
    documents: Documents,
) -> None:
    text, _ = await _pdf(documents, STRAW, "prior-notice")
    notice = await _payload(documents, STRAW, "PriorNoticeServed")

    _all_in(text, "行政处罚事先告知书", "津西青张综执告〔2026〕31号", "赵某某：", "张家窝镇某村东侧农田露天焚烧秸秆",
            "拟对你（单位）作出如下行政处罚：罚款人民币1000元（大写：壹仟元整）", "第四十四条", "陈述和申辩",
            f"请于{date_zh(date.fromisoformat(str(notice['statement_window_ends_on'])))}前", AGENCY)
    hearing = notice["hearing_request_ends_on"]
    assert (squeeze("收到本告知书之日起5个工作日内") in text) is bool(notice["hearing_rights"] and hearing)


async def test_the_filing_approval_the_legal_review_opinion_and_the_service_receipt(documents: Documents) -> None:
    filing, number = await _pdf(documents, STRAW, "filing-approval")
    _all_in(filing, "立案审批表", "津西青张综执立〔2026〕31号", "赵某某（个人）", "120111196805123456",
            "日常巡查、检查发现", "同意立案", AGENCY)
    assert number == "%E6%B4%A5%E8%A5%BF%E9%9D%92%E5%BC%A0%E7%BB%BC%E6%89%A7%E7%AB%8B%E3%80%942026%E3%80%9531%E5%8F%B7"

    review, _ = await _pdf(documents, STRAW, "legal-review-opinion")
    _all_in(review, "法制审核意见书", "津西青张综执审〔2026〕1号", "赵某某涉嫌露天焚烧秸秆案",
            "事实清楚，适用法律正确，同意",
            "罚款人民币1000元（大写：壹仟元整）")

    receipt, _ = await _pdf(documents, STRAW, "service-receipt")
    _all_in(receipt, "送达回证", "津西青张综执送〔2026〕1号", "行政处罚决定书（津西青张综执罚〔2026〕31号）",
            "直接送达",
            "受送达人赵某某", "受送达人签名或盖章")


async def test_the_on_the_spot_decision_routes_the_party_to_reconsideration_first(documents: Documents) -> None:
    text, _ = await _pdf(documents, ON_THE_SPOT, "on-the-spot-decision")

    _all_in(text, "当场行政处罚决定书", f"{ON_THE_SPOT}-简", "罚款人民币50元（大写：伍拾元整）", "第五十一条",
            "对本决定不服的，可以依法申请行政复议", "《中华人民共和国行政复议法》第二十三条",
            "应当先自收到本决定书之日起60日内",
            "天津市西青区人民政府申请行政复议", "15日内依法向天津市西青区人民法院提起行政诉讼", "执法证号", AGENCY)
    assert squeeze("6个月内") not in text  # the court comes only after the reconsideration decision


async def test_the_rectification_order_and_the_no_penalty_decision(documents: Documents) -> None:
    order, _ = await _pdf(documents, ORDER, "rectification-order")
    _all_in(order, "责令改正通知书", "津西青张综执改〔2026〕1号", "钱某某：", "在门前公共通道堆放杂物",
            # issued Wednesday 4 March: 3 days end on Saturday the 7th, which moves to Monday (CPL 85)
            "《天津市市容和环境卫生管理条例》第二十条",
            "于3日内（即2026年3月9日前）改正：清除门前堆放的杂物，恢复通道畅通",
            "第二十八条", "022-00000000", AGENCY)

    no_penalty, _ = await _pdf(documents, NO_PENALTY, "no-penalty-decision")
    _all_in(no_penalty, "不予行政处罚决定书", "津西青张综执不罚〔2026〕1号", "初次违法且危害后果轻微并及时改正",
            "第三十三条第一款", "决定对当事人不予行政处罚", "宣讲相关法规，当事人已改正",
            "60日内向天津市西青区人民政府申请行政复议", "6个月内向天津市西青区人民法院提起行政诉讼", AGENCY)
