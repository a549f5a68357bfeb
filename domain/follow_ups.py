"""Streams one stream's facts call into being: an inspection's finding "lead for filing" becomes a general
case's registered lead. The follow-up's stream id and request id derive from the finding id, so asking twice
never opens two cases."""

from __future__ import annotations

from dataclasses import dataclass

from domain.cases.commands import RegisterLead
from domain.cases.lead import LeadSource
from domain.inspections.findings import FindingKind
from domain.inspections.state import InspectionState, InspectionStatus
from domain.messages import Command

GENERAL_CASE = "GENERAL_CASE"  # the workflow-level aggregate kind the follow-up opens


@dataclass(frozen=True)
class FollowUp:
    kind: str
    stream_id: str
    town: str
    command: Command
    request_id: str


def case_id_for_finding(finding_id: str) -> str:
    return f"case:{finding_id}"


def inspection_follow_ups(state: InspectionState) -> tuple[FollowUp, ...]:
    """A general case for every finding that is a lead for filing, once the inspection is completed. Rectification
    orders and on-the-spot penalties need the officer's own entries (requirement, decision number) and are opened
    by the officer with `source_finding_id`; referrals need nothing further here."""
    if state.status is not InspectionStatus.COMPLETED or state.completed_at is None:
        return ()
    leads = [f for f in state.findings if f.kind is FindingKind.LEAD_FOR_FILING and f.violation_type]
    return tuple(
        FollowUp(
            kind=GENERAL_CASE,
            stream_id=case_id_for_finding(f.finding_id),
            town=state.town,
            request_id=f"lead:{f.finding_id}",
            command=RegisterLead(
                occurred_at=state.completed_at, actors=state.officers, case_id=case_id_for_finding(f.finding_id),
                town=state.town, unit=state.unit, source=LeadSource.INSPECTION,
                discovered_at=state.started_at or state.completed_at, party=f.party,
                violation_type=f.violation_type or "", place=f.place, summary=f.description,
                source_ref=f.finding_id),
        )
        for f in leads
    )
