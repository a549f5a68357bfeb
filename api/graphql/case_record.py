"""What a case's event log says about it, read for the API: the timeline, its legal reviews, the decision, the
payments and the disclosure (folded from the stored envelopes, as the events recorded them)."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from api.graphql.money import Fen
from domain.envelope import EventEnvelope

# The fields of `Case` folded from its timeline (a detail asking for one reads the timeline with the summary).
FOLDS_THE_TIMELINE = frozenset({"timeline", "proposalHash", "nextSteps", "legalReviews", "decision", "payments",
                                "disclosure"})


@strawberry.type(description="One event of a case's stream, as recorded in the hash-chained log.")
class TimelineEvent:
    seq: int
    type: str
    version: int
    occurred_at: datetime
    recorded_at: datetime
    actor: str
    actors: list[str]
    status: str | None
    hash: str
    data: JSON

    @classmethod
    def of(cls, env: EventEnvelope) -> TimelineEvent:
        actors = env.payload.get("actors")
        return cls(seq=env.seq, type=env.event_type, version=env.event_version, occurred_at=env.occurred_at,
                   recorded_at=env.recorded_at, actor=env.actor,
                   actors=[str(a) for a in actors] if isinstance(actors, list) else [env.actor],
                   status=env.status, hash=env.hash, data=cast(JSON, dict(env.payload)))


@strawberry.type
class LastEvent:
    type: str
    occurred_at: datetime
    seq: int


@strawberry.type(description="A legal review (法制审核): requested, and completed with an outcome.")
class LegalReview:
    proposal_hash: str
    requested_at: datetime | None
    completed_at: datetime | None
    outcome: str | None
    reviewer: str | None
    opinion: str | None


@strawberry.type(description="The decision (行政处罚决定) as made.")
class Decision:
    decided_at: datetime
    decided_by: str
    decision_type: str
    sanctions: list[str]
    fine_amount_fen: Fen
    modifier: str
    no_penalty_ground: str | None
    late: bool
    document_no: str | None
    served_at: datetime | None
    payment_due_on: date | None


@strawberry.type
class Payment:
    paid_at: datetime
    amount_fen: Fen
    channel: str
    receipt_no: str
    surcharge_fen: Fen
    settles: bool


@strawberry.enum(description="Disclosure (公示) of the decision, as far as the case's events tell.")
class DisclosureState(enum.Enum):
    NOT_DUE = "NOT_DUE"  # no decision yet
    DUE = "DUE"  # decided, nothing recorded as published
    RECORDED = "RECORDED"  # publication recorded on at least one channel


@strawberry.type
class Disclosure:
    state: DisclosureState
    channels: list[str]
    recorded_at: datetime | None


def _payload(env: EventEnvelope) -> Mapping[str, Any]:
    return env.payload


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def legal_reviews_of(timeline: Sequence[EventEnvelope]) -> list[LegalReview]:
    reviews: list[LegalReview] = []
    for env in timeline:
        payload = _payload(env)
        if env.event_type == "LegalReviewRequested":
            reviews.append(LegalReview(proposal_hash=str(payload.get("proposal_hash", "")),
                                       requested_at=env.occurred_at, completed_at=None, outcome=None, reviewer=None,
                                       opinion=None))
        elif env.event_type == "LegalReviewCompleted":
            open_one = next((r for r in reversed(reviews) if r.completed_at is None), None)
            if open_one is None:
                open_one = LegalReview(proposal_hash=str(payload.get("proposal_hash", "")), requested_at=None,
                                       completed_at=None, outcome=None, reviewer=None, opinion=None)
                reviews.append(open_one)
            open_one.completed_at = env.occurred_at
            open_one.outcome = str(payload.get("outcome"))
            open_one.reviewer = str(payload.get("reviewer") or env.actor)
            open_one.opinion = str(payload.get("opinion", ""))
    return reviews


def decision_of(timeline: Sequence[EventEnvelope]) -> Decision | None:
    decision: Decision | None = None
    for env in timeline:
        payload = _payload(env)
        if env.event_type in ("DecisionMade", "SimplePenaltyDecided"):
            sanctions = payload.get("sanctions") or []
            decision = Decision(
                decided_at=env.occurred_at, decided_by=env.actor,
                decision_type=str(payload.get("decision_type", "PENALTY")),
                sanctions=[str(s) for s in sanctions], fine_amount_fen=int(env.fine_amount_fen or 0),
                modifier=str(payload.get("modifier", "NONE")),
                no_penalty_ground=payload.get("no_penalty_ground"), late=bool(payload.get("late", False)),
                document_no=payload.get("decision_number"), served_at=None, payment_due_on=None)
        elif decision is not None and env.event_type == "DecisionDocumentIssued":
            decision.document_no = str(payload.get("document_no"))
        elif decision is not None and env.event_type == "DecisionServed":
            decision.served_at = env.occurred_at
            decision.payment_due_on = _day(payload.get("payment_due_on"))
    return decision


def payments_of(timeline: Sequence[EventEnvelope]) -> list[Payment]:
    return [Payment(paid_at=env.occurred_at, amount_fen=int(env.payload.get("amount_fen", 0)),
                    channel=str(env.payload.get("channel", "")), receipt_no=str(env.payload.get("receipt_no", "")),
                    surcharge_fen=int(env.payload.get("surcharge_fen", 0)), settles=bool(env.payload.get("settles")))
            for env in timeline if env.event_type == "PaymentReceived"]


def disclosure_of(timeline: Sequence[EventEnvelope]) -> Disclosure:
    decided = any(env.event_type in ("DecisionMade", "SimplePenaltyDecided") for env in timeline)
    recorded = [env for env in timeline if env.event_type == "DecisionDisclosureRecorded"]
    if recorded:
        return Disclosure(state=DisclosureState.RECORDED, channels=[str(e.payload.get("channel")) for e in recorded],
                          recorded_at=recorded[-1].occurred_at)
    return Disclosure(state=DisclosureState.DUE if decided else DisclosureState.NOT_DUE, channels=[],
                      recorded_at=None)


