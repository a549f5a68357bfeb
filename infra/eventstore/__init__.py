"""The system of record: one append-only, hash-chained event log for all streams."""

from infra.eventstore.audit import verify
from infra.eventstore.bulk import BulkOutcome
from infra.eventstore.errors import AppendConflict, ChainMismatch, EventStoreError, InvalidEnvelope
from infra.eventstore.store import AppendOutcome, EventStore

__all__ = [
    "AppendConflict",
    "AppendOutcome",
    "BulkOutcome",
    "ChainMismatch",
    "EventStore",
    "EventStoreError",
    "InvalidEnvelope",
    "verify",
]
