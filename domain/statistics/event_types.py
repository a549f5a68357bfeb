"""The event types statistics read (names as stored in the log's `event_type` column)."""

from __future__ import annotations

INSPECTION_COMPLETED = "InspectionCompleted"
CASE_FILED = "CaseFiled"
DECISION_MADE = "DecisionMade"
SIMPLE_DECIDED = "SimplePenaltyDecided"
CONSTRUCTION_DISCOVERED = "IllegalConstructionDiscovered"
DEMOLITIONS = ("DemolitionCompleted", "SelfDemolitionVerified")
LEGAL_REVIEW_COMPLETED = "LegalReviewCompleted"
REVIEW_APPROVED_STATUS = "REVIEW_APPROVED"  # the case's status after an APPROVED review (typed column)
DISCLOSURE_RECORDED = "DecisionDisclosureRecorded"  # in the case's stream
DISCLOSURE_PUBLISHED = "DisclosurePublished"  # in a DISCLOSURE stream; names its case, carries `on_time`
DISCLOSURES = (DISCLOSURE_RECORDED, DISCLOSURE_PUBLISHED)
DEADLINE_STARTED = "DeadlineStarted"
DEADLINE_BREACHED = "DeadlineBreached"
DISCLOSURE_DEADLINES = ("D17", "D17B")
HEARING_REQUESTED = "HearingRequested"
HEARING_HELD = "HearingHeld"
TRANSFERRED_TO_POLICE = "CaseTransferredToPolice"
RECONSIDERATION_DECIDED = "ReconsiderationDecided"
LITIGATION_JUDGED = "LitigationJudged"
CHANGED = "CHANGED"  # a new fine (`new_fine_amount_fen`) replaces the decision's
REMOVING_OUTCOMES = ("REVOKED", "REVOKED_REDO", "CONFIRMED_ILLEGAL", "CONFIRMED_VOID")  # no penalty is left to count
ADVERSE_OUTCOMES = (CHANGED, *REMOVING_OUTCOMES)
OUTCOMES = (RECONSIDERATION_DECIDED, LITIGATION_JUDGED)
WITHDRAWN = "FilingWithdrawn"
TRANSFERS = ("TransferredToAgency", "CriminalTransferApproved")
ENDINGS = (DECISION_MADE, WITHDRAWN, *TRANSFERS)
SOFT_FINDING_KIND = "ON_SITE_CORRECTED"
