"""Where a case comes from (案源) and why a lead may not be filed (不予立案)."""

from __future__ import annotations

import enum


class LeadSource(enum.StrEnum):
    INSPECTION = "INSPECTION"  # found on an inspection or patrol
    HOTLINE_12345 = "HOTLINE_12345"
    REFERRAL = "REFERRAL"  # handed over by another agency
    SUPERIOR_ASSIGNED = "SUPERIOR_ASSIGNED"  # 上级交办
    COMPLAINT = "COMPLAINT"  # 投诉举报
    SELF_REPORT = "SELF_REPORT"  # 当事人主动报告


class FilingRefusalGround(enum.StrEnum):
    NO_VIOLATION = "NO_VIOLATION"
    TIME_BARRED = "TIME_BARRED"  # APL 36
    MINOR_AND_CORRECTED = "MINOR_AND_CORRECTED"  # APL 33
    PARTY_UNKNOWN = "PARTY_UNKNOWN"
    NOT_OUR_JURISDICTION = "NOT_OUR_JURISDICTION"
