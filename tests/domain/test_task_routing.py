"""The task-list routing the read models use: what waits on a stream at each status, and for whom."""

from __future__ import annotations

import pytest

from domain.cases.status import TERMINAL, CaseStatus
from domain.task_routing import next_steps_for


@pytest.mark.parametrize(("status", "expected"), [
    ("LEAD_REGISTERED", {("StartVerification", "officer"), ("FileCase", "principal")}),
    ("LEGAL_REVIEW", {("CompleteLegalReview", "legal_reviewer")}),
    ("REVIEW_APPROVED", {("ServePriorNotice", "officer")}),
    ("STATEMENT_REVIEW", {("ReviewStatement", "case_lead"), ("MakeDecision", "principal")}),
    ("CLOSED", {("ArchiveCase", "officer")}),
])
def test_a_general_case_waits_on_the_right_role(status: str, expected: set[tuple[str, str]]) -> None:
    assert {(step, role) for step, role, _ in next_steps_for("CASE", "GENERAL", status, None)} == expected


@pytest.mark.parametrize("status", sorted(TERMINAL - {CaseStatus.CRIMINAL_TRANSFER}))
def test_a_finished_general_case_waits_on_nobody(status: CaseStatus) -> None:
    assert next_steps_for("CASE", "GENERAL", status.value, None) == ()


def test_a_case_approved_for_criminal_transfer_still_awaits_the_handover_to_the_police() -> None:
    steps = next_steps_for("CASE", "GENERAL", "CRIMINAL_TRANSFER", None)
    assert steps == (("TransferCaseToPolice", "principal", "D28T"),)


def test_every_general_status_routes_without_error() -> None:
    for status in CaseStatus:
        next_steps_for("CASE", "GENERAL", status.value, None)


def test_a_planned_inspection_waits_on_an_officer() -> None:
    steps = {(step, role) for step, role, _ in next_steps_for("INSPECTION", None, "PLANNED", None)}
    assert ("StartInspection", "officer") in steps


def test_an_unknown_stream_kind_has_no_tasks() -> None:
    assert next_steps_for("TICKET", None, "OPEN", None) == ()
