"""Real general-procedure cases decided in-process by the domain (no Temporal) and appended to the event
store, so the read models and the event log hold what the workflow would have written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.cases import commands as c
from domain.cases.lead import LeadSource
from domain.envelope import GENESIS_HASH
from domain.messages import Command
from domain.recording import record
from domain.values import Party, PartyType
from infra.eventstore import EventStore
from tests.workflows.support import context_source
from workflows.definitions import SPECS

GENERAL = SPECS["GENERAL_CASE"]
PREFIX = {"zhangjiawo": "zjw", "dasi": "ds", "yangliuqing": "ylq"}


@dataclass(frozen=True)
class Seeded:
    stream_id: str
    town: str
    party_name: str
    case_no: str


def filing_commands(town: str, stream_id: str, party_name: str, case_no: str, base: datetime) -> list[Command]:
    p = PREFIX[town]
    lead, officer, principal = f"{p}-lead-1", f"{p}-officer-1", f"{p}-principal-1"
    return [
        c.RegisterLead(occurred_at=base, actors=(officer,), case_id=stream_id, town=town, unit=f"{town}-bureau",
                       source=LeadSource.COMPLAINT, discovered_at=base, violation_type="OPEN_STRAW_BURNING",
                       party=Party(name=party_name, party_type=PartyType.CITIZEN), place=f"{party_name}的农田"),
        c.StartVerification(occurred_at=base + timedelta(hours=2), actors=(lead, officer), findings="属实"),
        c.FileCase(occurred_at=base + timedelta(days=1), actors=(principal,), case_no=case_no,
                   enforcement_item="HB-STRAW-BURNING", officers=(lead, officer), case_lead=lead),
    ]


async def seed_case(store: EventStore, town: str, name: str, *, base: datetime | None = None, filed: bool = True
                    ) -> Seeded:
    """A case of `town` registered, verified and (unless `filed` is False) filed; its party is `name`."""
    return (await seed_case_with_state(store, town, name, base=base, filed=filed))[0]


async def seed_case_with_state(store: EventStore, town: str, name: str, *, base: datetime | None = None,
                               filed: bool = True) -> tuple[Seeded, Any, int, str]:
    """`seed_case`, with the case's state, last seq and head hash for appending more."""
    when = base or (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0)
    stream_id, case_no = f"case:{town}:{name}", f"{name}号"
    snapshot = await context_source().snapshot(town, GENERAL.kind)
    state, seq, head = GENERAL.decider.initial(), 0, GENESIS_HASH
    commands = filing_commands(town, stream_id, name, case_no, when)
    for command in commands if filed else commands[:2]:
        recorded_at = command.occurred_at + timedelta(minutes=5)
        decided = GENERAL.decider.decide(state, command, snapshot.at(recorded_at))
        state, envelopes = record(GENERAL.decider, state, decided, context_of=GENERAL.context_of,
                                  first_seq=seq + 1, prev_hash=head, recorded_at=recorded_at)
        await store.append(envelopes)
        seq, head = envelopes[-1].seq, envelopes[-1].hash
    return Seeded(stream_id, town, name, case_no), state, seq, head
