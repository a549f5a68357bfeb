"""What crosses the Temporal boundary: plain dataclasses of JSON-friendly fields.

Domain values (commands, snapshots, envelopes) travel as primitives from `domain.codec`; the workflow and the
activities decode them with the same codec, so what Temporal records is exactly what the domain produced.

No `from __future__ import annotations` here: Temporal's converter rebuilds these dataclasses with
`typing.get_type_hints` on every payload, which compiles each string annotation anew (about a millisecond per
stream start input); evaluated annotations cost it nothing. A dataclass is therefore defined after those it names.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

from domain.codec import to_primitive
from domain.follow_ups import FollowUp

# The stream code generation that new runs are started with (`StreamInput.generation`). Generation 1: the patches
# made before it are taken without asking `workflow.patched`, runs start with their search attributes set, and
# events are appended by a local activity.
GENERATION = 1


@dataclass(frozen=True)
class ContextPayload:
    """The decision context a workflow validates against (see `workflows.context`), encoded. The same for every
    stream of a town until its data change, so stored once by its content and named in histories by its digest
    where the codec supports that (`infra.temporal.claims`): it is a workflow argument of its own for that.
    Immutable once built: the payload converter decodes it once per content and shares it between runs."""

    payload_claimable: ClassVar[bool] = True

    version: str
    data: dict[str, Any]


@dataclass
class StepResult:
    stream_id: str
    status: str | None
    first_seq: int
    last_seq: int
    event_types: list[str]


@dataclass
class StreamInput:
    """Start (and continue-as-new) input of every stream workflow."""

    kind: str  # aggregate kind, e.g. "GENERAL_CASE"
    stream_id: str
    town: str
    # Runs started before the context became the workflow's second argument carry it here (their histories hold
    # it inline); later inputs leave it out.
    context: ContextPayload | None = None
    # Carried across continue-as-new: the folded state and the chain head, and recent request ids.
    state: dict[str, Any] | None = None
    head_seq: int = 0
    head_hash: str = ""
    applied: dict[str, StepResult] = field(default_factory=dict)
    search_attributes: bool = True  # off on servers without them registered (the time-skipping test server)
    spawned: list[str] = field(default_factory=list)  # request ids of follow-up streams already opened
    # A clock recorded late (补录) whose warning or breach time has already passed fires only after this grace, so the
    # officer can enter the step that satisfied it in time without a false alarm in the log.
    late_entry_grace_seconds: int = 900
    # Continue as new past this many history events (or when the server suggests it, whichever comes first).
    max_history_events: int = 5_000
    # The stream code generation the run was started by, recorded in its start input, so a run knows which of
    # the `workflow.patched` branches it takes without asking (each asked patch costs the server a marker event
    # and a search-attribute upsert). 0: started before this field (asks, as it did when it was recorded).
    generation: int = 0


@dataclass
class StepRequest:
    """One officer's step: a domain command by name with its fields as primitives."""

    command: str
    payload: dict[str, Any]
    context_version: str
    request_id: str = ""


@dataclass
class AppendRequest:
    envelopes: list[dict[str, Any]]


@dataclass
class AppendReceipt:
    stream_id: str
    last_seq: int
    appended: int
    already_present: int
    # Set when the store already held these events sealed at another moment (a local activity run again after its
    # workflow task was lost): the chain head the workflow adopts. Empty: the offered envelopes' own.
    head_hash: str = ""


@dataclass
class OpenStream:
    """A follow-up stream to open with its first step (e.g. a general case from an inspection's lead)."""

    kind: str
    stream_id: str
    town: str
    step: StepRequest


@dataclass
class OpenStreamsRequest:
    streams: list[OpenStream]


@dataclass
class OpenedStream:
    stream_id: str
    request_id: str
    opened: bool
    rejection: str = ""


def open_stream(follow_up: FollowUp) -> OpenStream:
    """The `open_streams` activity's form of a follow-up: its command as the first step, keyed by its request id."""
    return OpenStream(kind=follow_up.kind, stream_id=follow_up.stream_id, town=follow_up.town, step=StepRequest(
        command=type(follow_up.command).__name__, payload=to_primitive(follow_up.command), context_version="",
        request_id=follow_up.request_id))
