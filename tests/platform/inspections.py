"""Completed inspections entered through the stream client, for the upload tests."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from domain.deadlines.local_time import SHANGHAI
from domain.inspections.commands import RecordInspection
from domain.inspections.findings import NOTHING_FOUND, FindingDraft, FindingKind
from domain.values import Party, PartyType
from workflows.client import StreamClient
from workflows.procedures import INSPECTION

TOWN, UNIT = "zhangjiawo", "zhangjiawo-bureau"
OFFICERS = ("zjw-officer-1", "zjw-officer-2")
CITIZEN = Party(name="王建国", party_type=PartyType.CITIZEN, id_number="120111198507153216",
                address="天津市西青区张家窝镇富康路12号3门201室", phone="13812345678")


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def nothing_found(inspection_id: str, when: datetime) -> RecordInspection:
    return RecordInspection(
        occurred_at=when, actors=OFFICERS, inspection_id=inspection_id, town=TOWN, unit=UNIT,
        place="津静公路与学府路交口", items_checked=("SR-ROAD-OCCUPATION",), certificates_shown=True,
        findings=NOTHING_FOUND)


def with_citizen_finding(inspection_id: str, when: datetime) -> RecordInspection:
    return RecordInspection(
        occurred_at=when, actors=OFFICERS, inspection_id=inspection_id, town=TOWN, unit=UNIT,
        place="富康路12号3门门前", items_checked=("SR-PILING",), certificates_shown=True,
        started_at=when - timedelta(minutes=30),
        findings=(FindingDraft(kind=FindingKind.RECTIFICATION_ORDERED, violation_type="ILLEGAL_PILING",
                               party=CITIZEN, place="富康路12号3门门前",
                               description="王建国（电话13812345678）在门前堆放建材，证人李红梅在场"),),
        site_record="当事人王建国，身份证号120111198507153216，住富康路12号3门201室，已责令清理")


async def record(streams: StreamClient, command: RecordInspection) -> str:
    await streams.start(INSPECTION, command.inspection_id, TOWN, command)
    return command.inspection_id


def new_id() -> str:
    return f"inspection:{uuid.uuid4().hex[:12]}"
