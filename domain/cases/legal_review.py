"""Outcomes of the legal review of a proposed decision (法制审核, APL 58) and where each one leads."""

from __future__ import annotations

import enum


class LegalReviewOutcome(enum.StrEnum):
    APPROVED = "APPROVED"  # 同意
    SUPPLEMENT_INVESTIGATION = "SUPPLEMENT_INVESTIGATION"  # 补充调查 → back to INVESTIGATING
    REVISE = "REVISE"  # 修改 → back to INVESTIGATION_CONCLUDED, a revised report follows
    REFER_OUT = "REFER_OUT"  # 移送 (another agency or the judiciary)
    NOT_PASSED = "NOT_PASSED"  # 不同意
