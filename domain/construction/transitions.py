"""The illegal-construction procedure's transitions as data."""

from __future__ import annotations

from domain.construction.commands import (
    AnnounceDemolition,
    CompleteDemolition,
    DecideCorrectionOrDemolition,
    DecideForcedDemolition,
    IssueStopOrder,
    RecordChallenge,
    RecordChallengeOutcome,
    RecordDeadlineLapsed,
    RecordIllegalConstruction,
    ServeConstructionDecision,
    ServeDemand,
    VerifyCorrection,
    VerifySelfDemolition,
)
from domain.construction.state import ConstructionStatus as S
from domain.reference import Role
from domain.tasks import Transition, table

CHALLENGEABLE = frozenset({S.SERVED, S.SELF_DEMOLITION_DEADLINE, S.ANNOUNCED, S.DEMAND,
                           S.FORCED_DEMOLITION_DECISION})
OPEN = frozenset({S.DISCOVERED, S.STOP_ORDER, S.CORRECTION_OR_DEMOLITION_DECISION}) | CHALLENGEABLE

TRANSITIONS = table(
    Transition(RecordIllegalConstruction, frozenset({S.NEW}), S.DISCOVERED, Role.OFFICER, "URPL 64",
               field_action=True),
    Transition(IssueStopOrder, frozenset({S.DISCOVERED}), S.STOP_ORDER, Role.OFFICER, "URPL 64", field_action=True),
    Transition(DecideCorrectionOrDemolition, frozenset({S.STOP_ORDER, S.SELF_DEMOLITION_DEADLINE}),
               S.CORRECTION_OR_DEMOLITION_DECISION, Role.PRINCIPAL, "URPL 64"),
    Transition(ServeConstructionDecision, frozenset({S.CORRECTION_OR_DEMOLITION_DECISION}), S.SERVED,
               Role.OFFICER, "APL 61", field_action=True),
    Transition(RecordDeadlineLapsed, frozenset({S.SERVED}), S.SELF_DEMOLITION_DEADLINE, Role.OFFICER, "URPL 64",
               field_action=True),
    Transition(AnnounceDemolition, frozenset({S.SELF_DEMOLITION_DEADLINE}), S.ANNOUNCED, Role.PRINCIPAL, "ACL 44"),
    Transition(ServeDemand, frozenset({S.ANNOUNCED}), S.DEMAND, Role.OFFICER, "ACL 35", field_action=True),
    Transition(DecideForcedDemolition, frozenset({S.DEMAND}), S.FORCED_DEMOLITION_DECISION, Role.PRINCIPAL,
               "ACL 37"),
    Transition(CompleteDemolition, frozenset({S.FORCED_DEMOLITION_DECISION}), S.DEMOLISHED, Role.OFFICER, "ACL 43",
               field_action=True),
    Transition(VerifySelfDemolition, OPEN, S.SELF_DEMOLISHED, Role.OFFICER, field_action=True),
    Transition(VerifyCorrection, frozenset({S.SERVED, S.SELF_DEMOLITION_DEADLINE}), S.CORRECTED, Role.OFFICER,
               "URPL 64", field_action=True),
    Transition(RecordChallenge, CHALLENGEABLE, None, Role.OFFICER, "ACL 44"),
    # target None: an upheld decision keeps the status; one set aside ends the procedure in QUASHED.
    Transition(RecordChallengeOutcome, CHALLENGEABLE, None, Role.OFFICER, "ACL 44"),
)
