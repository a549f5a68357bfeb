"""The Chinese labels of the values officers choose when they take a step (DOMAIN.md §1), by enumeration name
and value: what a form shows beside each choice. A value without a label here is shown by its code."""

from __future__ import annotations

from collections.abc import Mapping

LABELS: Mapping[str, Mapping[str, str]] = {
    "PartyType": {"CITIZEN": "公民", "ORGANIZATION": "法人或其他组织"},
    "LeadSource": {"INSPECTION": "检查发现", "HOTLINE_12345": "12345热线", "REFERRAL": "移送",
                   "SUPERIOR_ASSIGNED": "上级交办", "COMPLAINT": "投诉举报", "SELF_REPORT": "当事人自首"},
    "FilingRefusalGround": {"NO_VIOLATION": "无违法事实", "TIME_BARRED": "超过追责时效",
                            "MINOR_AND_CORRECTED": "违法轻微并及时改正", "PARTY_UNKNOWN": "当事人不明",
                            "NOT_OUR_JURISDICTION": "不属于本机关管辖"},
    "MediaKind": {"VIDEO": "视频", "AUDIO": "录音", "PHOTO": "照片", "DOCUMENT": "书证"},
    "DecisionType": {"PENALTY": "行政处罚", "NO_PENALTY": "不予行政处罚", "TRANSFER_TO_JUDICIARY": "移送司法机关"},
    "Sanction": {"WARNING": "警告", "PUBLIC_CRITICISM": "通报批评", "FINE": "罚款", "CONFISCATE_GAINS": "没收违法所得",
                 "CONFISCATE_PROPERTY": "没收非法财物", "SUSPEND_PERMIT": "暂扣许可证件",
                 "REVOKE_PERMIT": "吊销许可证件", "DOWNGRADE_QUALIFICATION": "降低资质等级",
                 "RESTRICT_BUSINESS": "限制开展生产经营活动", "ORDER_SUSPEND": "责令停产停业",
                 "ORDER_CLOSE": "责令关闭", "RESTRICT_PRACTICE": "限制从业"},
    "Modifier": {"NONE": "一般", "LIGHTER": "从轻", "REDUCED": "减轻", "HEAVIER": "从重"},
    "NoPenaltyGround": {"MINOR_CORRECTED_NO_HARM": "轻微免罚", "FIRST_VIOLATION": "首违不罚", "NO_FAULT": "无过错不罚",
                        "UNDER_14": "不满十四周岁", "MENTAL_INCAPACITY": "精神病人不能辨认或控制自己行为",
                        "FACTS_NOT_ESTABLISHED": "违法事实不能成立"},
    "SoftOutcome": {"EDUCATION_ONLY": "教育提醒", "NO_PENALTY": "不予处罚", "LIGHTER": "从轻处罚",
                    "REDUCED": "减轻处罚"},
    "LegalReviewOutcome": {"APPROVED": "同意", "SUPPLEMENT_INVESTIGATION": "补充调查", "REVISE": "修改",
                           "REFER_OUT": "移送", "NOT_PASSED": "不同意"},
    "ServiceMethod": {"DIRECT": "直接送达", "LEFT_AT_RESIDENCE": "留置送达", "MAIL": "邮寄送达",
                      "ELECTRONIC": "电子送达", "PUBLIC_NOTICE": "公告送达"},
    "PaymentChannel": {"ON_THE_SPOT": "当场缴纳", "BANK": "银行缴纳"},
    "ReconsiderationOutcome": {"MAINTAINED": "维持", "CHANGED": "变更", "REVOKED": "撤销",
                               "REVOKED_REDO": "撤销并责令重作", "CONFIRMED_ILLEGAL": "确认违法",
                               "CONFIRMED_VOID": "确认无效", "MEDIATED": "调解",
                               "TERMINATED": "终止"},
    "JudgmentOutcome": {"DISMISSED": "驳回诉讼请求", "CHANGED": "变更", "REVOKED": "撤销",
                        "REVOKED_REDO": "撤销并责令重作", "CONFIRMED_ILLEGAL": "确认违法",
                        "CONFIRMED_VOID": "确认无效", "WITHDRAWN": "撤诉"},
    "InspectionTrigger": {"ROUTINE_PATROL": "日常巡查", "SPECIAL_CAMPAIGN": "专项整治", "HOTLINE_12345": "12345热线",
                          "COMPLAINT": "投诉举报", "SUPERIOR_ASSIGNED": "上级交办", "RANDOM_CHECK": "双随机抽查"},
    "FindingKind": {"NO_VIOLATION": "未发现违法", "ON_SITE_CORRECTED": "当场改正", "RECTIFICATION_ORDERED": "责令改正",
                    "SIMPLE_PENALTY": "简易程序处罚", "LEAD_FOR_FILING": "移交立案", "REFERRED_OUT": "移送其他机关"},
    "EscalationTarget": {"GENERAL_CASE": "立案查处", "DEMOLITION": "拆除程序"},
    "DecisionKind": {"DEMOLISH": "限期拆除", "CORRECT": "限期改正"},
    "ChallengeKind": {"RECONSIDERATION": "行政复议", "LITIGATION": "行政诉讼"},
}


def label(enumeration: str, value: str) -> str | None:
    return LABELS.get(enumeration, {}).get(value)
