"""Rule profiles: the values DOMAIN.md marks U (unconfirmed) are configuration, never constants in code.

A town runs under one profile; the defaults follow the sources DOMAIN.md cites, and every field says which.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from domain.values import PartyType


class LegalReviewPolicy(enum.StrEnum):
    APL58_ONLY = "APL58_ONLY"  # only the cases APL 58 lists (major cases, hearing cases, …)
    ALL_GENERAL = "ALL_GENERAL"  # every general-procedure decision (张家窝镇's practice)


class DisclosureScope(enum.StrEnum):
    ALL_PENALTIES = "ALL_PENALTIES"
    SOCIAL_IMPACT_ONLY = "SOCIAL_IMPACT_ONLY"


@dataclass(frozen=True)
class RuleProfile:
    name: str = "tianjin-default"
    # D9: statement and defence window after the prior notice (SAMR-R 5 WD; local practice 3 WD).
    statement_window_working_days: int = 5
    # D8: legal review duration (SAMR-R 10 WD; U locally).
    legal_review_working_days: int = 10
    legal_review_policy: LegalReviewPolicy = LegalReviewPolicy.ALL_GENERAL
    # APL 63 较大数额罚款: thresholds per party type (U; Tianjin practice 10,000 / 100,000 yuan), in fen.
    hearing_fine_threshold_citizen_fen: int = 1_000_000
    hearing_fine_threshold_organization_fen: int = 10_000_000
    # Collective discussion (APL 57) required from this fine upward, in fen (U).
    collective_discussion_fine_threshold_fen: int = 5_000_000
    # D17: disclosure of decisions (Doc118 7 WD; Tianjin U), and for other decisions 20 WD.
    disclosure_working_days: int = 7
    other_disclosure_working_days: int = 20
    disclosure_scope: DisclosureScope = DisclosureScope.ALL_PENALTIES
    # D2: verify a lead and decide on filing (SAMR-R 15 WD).
    filing_decision_working_days: int = 15
    # D30: default reinspection deadline of a rectification order when the order names none (U).
    default_rectification_days: int = 7
    # Deadline warnings (预警) fire this many working days before a deadline; for long calendar-day periods
    # (the 90-day decision deadline) the calendar-day lead applies.
    warning_lead_working_days: int = 2
    warning_lead_calendar_days: int = 10

    def hearing_fine_threshold_fen(self, party_type: PartyType) -> int:
        if party_type is PartyType.CITIZEN:
            return self.hearing_fine_threshold_citizen_fen
        return self.hearing_fine_threshold_organization_fen
