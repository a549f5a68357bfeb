"""The decision context a stream workflow validates against, as a versioned snapshot.

Validators must be deterministic and cannot call activities, so the workflow holds the context it decides with:
the town's reference data, the working-day calendar and the rule profile, sent by the client facade at start and
replaced (`refresh_context`) when the facade's current version differs. The version is a hash of the content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from domain.codec import canonical_json, from_primitive, to_primitive
from domain.deadlines.calendar import WorkCalendar
from domain.decider import Context
from domain.profile import RuleProfile
from domain.reference import ReferenceData
from workflows.messages import ContextPayload


@dataclass(frozen=True)
class Snapshot:
    reference: ReferenceData
    calendar: WorkCalendar
    profile: RuleProfile

    def at(self, recorded_at: datetime) -> Context:
        return Context(recorded_at=recorded_at, reference=self.reference, calendar=self.calendar,
                       profile=self.profile)


def encode_snapshot(snapshot: Snapshot) -> ContextPayload:
    data = to_primitive(snapshot)
    version = hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()[:20]
    return ContextPayload(version=version, data=data)


# Decoded snapshots by version, shared by every run in this worker (the module is passed through the sandbox).
# A version is the hash of its content, so sharing cannot change what any run decides; it saves decoding the
# town's whole reference data (~20 ms) at the start of every stream and of every replay.
_DECODED: dict[str, Snapshot] = {}
DECODED_KEPT = 64


def decode_snapshot(payload: ContextPayload) -> Snapshot:
    snapshot = _DECODED.get(payload.version)
    if snapshot is None:
        if len(_DECODED) >= DECODED_KEPT:
            _DECODED.clear()
        snapshot = _DECODED[payload.version] = from_primitive(Snapshot, payload.data)
    return snapshot
