"""The documents (文书) generated from a stream's events, after the national formats for administrative penalty
documents. Each kind says which streams it belongs to, the event that makes it due, and whether the case already
carries its number (文号) — the case number, the notice number, the decision number — or the document is numbered
from the town's own per-year sequence."""

from __future__ import annotations

import enum
from dataclasses import dataclass

GENERAL, SIMPLE, RECTIFICATION = "GENERAL_CASE", "SIMPLE_CASE", "RECTIFICATION"


class DocumentKind(enum.StrEnum):
    FILING_APPROVAL = "filing-approval"  # 立案审批表
    PRIOR_NOTICE = "prior-notice"  # 行政处罚事先告知书 (APL 44)
    PENALTY_DECISION = "penalty-decision"  # 行政处罚决定书 (APL 59)
    SERVICE_RECEIPT = "service-receipt"  # 送达回证
    ON_THE_SPOT_DECISION = "on-the-spot-decision"  # 当场行政处罚决定书 (APL 52, ARL 23)
    RECTIFICATION_ORDER = "rectification-order"  # 责令改正通知书 (APL 28)
    NO_PENALTY_DECISION = "no-penalty-decision"  # 不予行政处罚决定书 (APL 33, 57)
    LEGAL_REVIEW_OPINION = "legal-review-opinion"  # 法制审核意见书 (APL 58)


@dataclass(frozen=True)
class KindSpec:
    title: str
    stream_kind: str
    due_after: str  # the event type that makes the document due
    number_code: str  # the character of the number sequence (…立〔2026〕3号, …送〔2026〕3号)
    carries_number: bool  # the case already holds the number (the document never takes one of its own)


SPECS: dict[DocumentKind, KindSpec] = {
    DocumentKind.FILING_APPROVAL: KindSpec("立案审批表", GENERAL, "CaseFiled", "立", True),
    DocumentKind.PRIOR_NOTICE: KindSpec("行政处罚事先告知书", GENERAL, "PriorNoticeServed", "告", True),
    DocumentKind.PENALTY_DECISION: KindSpec("行政处罚决定书", GENERAL, "DecisionDocumentIssued", "罚", True),
    DocumentKind.SERVICE_RECEIPT: KindSpec("送达回证", GENERAL, "DecisionServed", "送", False),
    DocumentKind.ON_THE_SPOT_DECISION: KindSpec("当场行政处罚决定书", SIMPLE, "SimplePenaltyDecided", "简", True),
    DocumentKind.RECTIFICATION_ORDER: KindSpec("责令改正通知书", RECTIFICATION, "RectificationOrderIssued", "改",
                                               False),
    DocumentKind.NO_PENALTY_DECISION: KindSpec("不予行政处罚决定书", GENERAL, "DecisionMade", "不罚", False),
    DocumentKind.LEGAL_REVIEW_OPINION: KindSpec("法制审核意见书", GENERAL, "LegalReviewCompleted", "审", False),
}


def family_of(stream_kind: str, procedure: str | None) -> str:
    """The procedure a stream follows, as the kinds name it: GENERAL_CASE, SIMPLE_CASE or RECTIFICATION ("" for any
    other stream, which has no documents)."""
    families: dict[tuple[str, str | None], str] = {("CASE", "GENERAL"): GENERAL, ("CASE", "SIMPLE"): SIMPLE,
                                                   (RECTIFICATION, None): RECTIFICATION}
    return families.get((stream_kind, procedure), "")


def kind_named(name: str) -> DocumentKind | None:
    """The kind of a URL segment (`penalty-decision`), or None."""
    try:
        return DocumentKind(name)
    except ValueError:
        return None
