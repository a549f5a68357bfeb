"""The catalog of procedure steps the API exposes: one mutation per domain command of every aggregate.

A command whose transition starts from the procedure's NEW status opens a stream; its stream id is derived from
the town and the client's request id (`case:<town>:<requestId>`), so a retried start reaches the same stream and
no caller can aim a start at a stream of another town. Every other command is a step on an existing stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.graphql.policy import TRANSITIONS
from domain.messages import Command
from workflows.aggregate_spec import AggregateSpec
from workflows.stream_workflows import SPECS

# Names the issue uses for some steps; every other mutation is the command's name in camelCase.
ALIASES = {
    "RecordFinding": "recordInspectionFindings",
    "CollectEvidence": "recordEvidence",
    "ReceiveStatement": "recordStatement",
    "ServeHearingNotice": "scheduleHearing",
    "HoldHearing": "recordHearing",
    "HoldCollectiveDiscussion": "recordCollectiveDiscussion",
    "ReceivePayment": "recordPayment",
    "WithdrawFiling": "withdrawCase",
    "TransferToAgency": "transferCase",
    "FileReconsideration": "recordReconsideration",
    "FileLitigation": "recordLitigation",
}
# The aggregates whose streams are case-like (summarised in `case_summaries`, where a step finds its stream).
STREAM_PREFIX = {"GENERAL_CASE": "case", "SIMPLE_CASE": "simple", "CONSTRUCTION_CASE": "construction",
                 "INSPECTION": "inspection", "RECTIFICATION": "rectification"}
ID_FIELDS = ("case_id", "inspection_id", "order_id")


@dataclass(frozen=True)
class StepDef:
    mutation: str
    command: type[Command]
    spec: AggregateSpec
    id_field: str | None  # set for a command that opens a stream: the command's field holding the stream id

    @property
    def starts(self) -> bool:
        return self.id_field is not None

    def stream_id(self, town: str, request_id: str) -> str:
        return f"{STREAM_PREFIX[self.spec.kind]}:{town}:{request_id}"


def _camel(name: str) -> str:
    return name[0].lower() + name[1:]


def _opens_stream(command: type[Command]) -> bool:
    return any(getattr(source, "name", "") == "NEW" for source in TRANSITIONS[command].sources)


def _id_field(command: type[Command]) -> str | None:
    if not _opens_stream(command):
        return None
    fields = getattr(command, "__dataclass_fields__", {})
    return next((name for name in ID_FIELDS if name in fields), None)


def _catalog() -> tuple[StepDef, ...]:
    steps = [StepDef(ALIASES.get(name, _camel(name)), command, SPECS[kind], _id_field(command))
             for kind in STREAM_PREFIX for name, command in sorted(SPECS[kind].commands.items())]
    names = [s.mutation for s in steps]
    assert len(set(names)) == len(names), "two steps share a mutation name"
    assert all(re.fullmatch(r"[a-z][A-Za-z]+", n) for n in names)
    return tuple(sorted(steps, key=lambda s: s.mutation))


STEPS: tuple[StepDef, ...] = _catalog()
