"""Real general-procedure cases decided in-process by the domain (no Temporal) and appended to the event
store, so the read models and the event log hold what the workflow would have written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from api.graphql.steps import STEPS
from domain.cases import commands as c
from domain.cases.lead import LeadSource
from domain.disclosure.commands import OpenDisclosure, RecordPublication
from domain.envelope import GENESIS_HASH
from domain.messages import SYSTEM_ACTOR, Command
from domain.recording import record
from domain.values import Party, PartyType
from infra.eventstore import EventStore
from tests.api.general_case import OFFICER, lead_input, steps_to_closure
from tests.workflows.support import context_source
from workflows.stream_workflows import SPECS

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
    commands = filing_commands(town, stream_id, name, case_no, when)
    state = await append_commands(store, GENERAL.kind, town, commands if filed else commands[:2])
    stored = await store.load_stream(stream_id)
    return Seeded(stream_id, town, name, case_no), state, stored[-1].seq, stored[-1].hash


async def append_commands(store: EventStore, kind: str, town: str, commands: list[Command],
                          state: Any = None) -> Any:
    """Decide and append `commands` on one stream of aggregate `kind` (from `state`, else a new stream, starting
    at seq 1); returns the state after them."""
    spec = SPECS[kind]
    snapshot = await context_source().snapshot(town, kind)
    current = spec.decider.initial() if state is None else state
    stored = await store.load_stream(spec.context_of(current).stream_id) if state is not None else []
    seq, head = (stored[-1].seq, stored[-1].hash) if stored else (0, GENESIS_HASH)
    for command in commands:
        recorded_at = command.occurred_at + timedelta(minutes=5)
        decided = spec.decider.decide(current, command, snapshot.at(recorded_at))
        current, envelopes = record(spec.decider, current, decided, context_of=spec.context_of,
                                    first_seq=seq + 1, prev_hash=head, recorded_at=recorded_at)
        await store.append(envelopes)
        seq, head = envelopes[-1].seq, envelopes[-1].hash
    return current


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


def _snaked(value: Any) -> Any:
    if isinstance(value, dict):
        return {_snake(k): _snaked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_snaked(v) for v in value]
    return value


def command_of(officer: str, mutation: str, data: dict[str, Any], **fields: Any) -> Command:
    """The domain command a GraphQL step input stands for (the officer first among the actors)."""
    step = next(s for s in STEPS if s.mutation == mutation)
    payload = {k: v for k, v in _snaked(data).items() if k not in ("request_id", "case_id", "co_actors")}
    payload.update(actors=[officer, *data.get("coActors", [])], **fields)
    return step.spec.decode_command(step.command.__name__, payload)


async def seed_general_case(store: EventStore, name: str, base: datetime, *, through: str | None = None) -> Any:
    """A general case of 张家窝镇 (`case:zhangjiawo:<name>`) from its lead on `base` along `general_case`'s steps,
    up to and including the mutation `through` (default: to closure); returns its state."""
    state = await append_commands(store, GENERAL.kind, "zhangjiawo", [
        command_of(OFFICER, "registerLead", lead_input(base), case_id=f"case:zhangjiawo:{name}")])
    for officer, mutation, data in steps_to_closure(base):
        if data.get("proposalHash") == "{hash}":
            data = {**data, "proposalHash": state.proposal_hash}
        state = await append_commands(store, GENERAL.kind, "zhangjiawo", [command_of(officer, mutation, data)], state)
        if mutation == through:
            break
    return state


async def seed_archived_case(store: EventStore, name: str, base: datetime, *, disclosed: bool) -> str:
    """A general case of 张家窝镇 taken from its lead on `base` to ARCHIVED; with `disclosed`, its disclosure stream
    published it on the supervision platform in time."""
    stream_id = f"case:zhangjiawo:{name}"
    state = await seed_general_case(store, name, base)
    archived = command_of(OFFICER, "archiveCase", {"occurredAt": (base + timedelta(days=37)).isoformat(),
                                                   "archiveNo": f"档{name}"})
    state = await append_commands(store, GENERAL.kind, "zhangjiawo", [archived], state)
    if disclosed:
        opened = next(f for f in GENERAL.follow_ups(state) if isinstance(f.command, OpenDisclosure)).command
        published_at = opened.occurred_at + timedelta(days=1)
        await append_commands(store, "DISCLOSURE", "zhangjiawo", [opened, RecordPublication(
            occurred_at=published_at, actors=(SYSTEM_ACTOR,), receipt_id=f"receipt-{name}",
            platform_accepted_at=published_at.isoformat(), channel="SUPERVISION_PLATFORM")])
    return stream_id
