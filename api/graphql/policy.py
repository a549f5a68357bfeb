"""Who may do what, as data: the read operations by role, and for every procedure step the role the domain's
transition table requires of the acting officer (the API checks the caller holds it before anything is sent).

Reads are scoped by town on top of this (the caller's towns only; a district supervisor: the district's towns).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.cases.transitions import TRANSITIONS as GENERAL
from domain.construction.transitions import TRANSITIONS as CONSTRUCTION
from domain.inspections.transitions import TRANSITIONS as INSPECTION
from domain.messages import Command
from domain.rectification.transitions import TRANSITIONS as RECTIFICATION
from domain.reference import Role
from domain.simple.transitions import TRANSITIONS as SIMPLE
from domain.tasks import Transition

R = Role
EVERYONE = frozenset(r.value for r in Role)
CASE_WORKERS = frozenset({R.OFFICER, R.CASE_LEAD, R.LEGAL_REVIEWER, R.PRINCIPAL, R.HEARING_HOST})
CASE_READERS = CASE_WORKERS | {R.SUPERVISOR, R.PLATFORM_OPERATOR, R.AUDITOR}
AUDIT_READERS = frozenset({R.PRINCIPAL, R.SUPERVISOR, R.AUDITOR})
# Year-end statistics, reports and ledgers (issue 5): the town's case workers and the supervisors read them;
# officers and case leads enter ledger entries; auditors see nothing but the audit trail.
STATISTICS_READERS = frozenset({R.OFFICER, R.CASE_LEAD, R.LEGAL_REVIEWER, R.PRINCIPAL, R.SUPERVISOR})
LEDGER_WRITERS = frozenset({R.OFFICER, R.CASE_LEAD})
LEDGER_READERS = STATISTICS_READERS
# The codec server (issue 13) opens Temporal payloads: whole case states with the parties' identities, of every
# town in the namespace (a payload names no town the endpoint could scope by). Only the district's supervisors
# and the legal reviewers, who review cases in full, may have the Temporal UI decode them.
PAYLOAD_DECODERS = frozenset({R.SUPERVISOR, R.LEGAL_REVIEWER})

TRANSITIONS: Mapping[type[Command], Transition[Any]] = {
    **GENERAL, **INSPECTION, **RECTIFICATION, **SIMPLE, **CONSTRUCTION}
# Every role some step waits for (legal reviewers, hearing hosts, …): each has a task list.
WORKING_ROLES = frozenset(t.role.value for t in TRANSITIONS.values())

READS: Mapping[str, frozenset[str]] = {
    "me": EVERYONE,
    "towns": EVERYONE,
    "officers": EVERYONE,
    "violationTypes": EVERYONE,
    "enforcementItems": EVERYONE,
    "softList": EVERYONE,
    "node": frozenset(CASE_READERS),
    "case": frozenset(CASE_READERS),
    "cases": frozenset(CASE_READERS),
    "overdueDeadlines": frozenset(CASE_READERS),
    "myTasks": WORKING_ROLES,
    "openingSteps": WORKING_ROLES,
    "auditTrail": AUDIT_READERS,
    "annualStatistics": STATISTICS_READERS,
    "annualReport": STATISTICS_READERS,
    "statisticsSnapshots": STATISTICS_READERS,
    "ledger": LEDGER_READERS,
    # The security event log (issue 13): the district's supervisors (the resolver adds: district staff only).
    "securityLog": frozenset({R.SUPERVISOR}),
    # The reference register's history (issue 12): the district's administrators, supervisors and auditors.
    "referenceHistory": frozenset({R.ADMIN, R.SUPERVISOR, R.AUDITOR}),
    # The inbox (issue 8): anyone's own notifications (deadline warnings reach case workers and principals).
    "myNotifications": EVERYONE,
    "markNotificationsRead": EVERYONE,
}


def step_role(command: type[Command]) -> str:
    """The role the acting officer must hold for `command` (its transition's role)."""
    return TRANSITIONS[command].role.value
