"""What the on-the-spot decision (当场行政处罚决定书) and the rectification order (责令改正通知书) say, from the
events of a simple-procedure stream and of a rectification stream."""

from __future__ import annotations

from domain.deadlines.clock_events import DeadlineStarted
from domain.documents import wording as w
from domain.documents.amounts import capitals, figures
from domain.documents.history import History
from domain.rectification import events as r
from domain.reference import ReferenceData
from domain.simple import events as s
from domain.simple.state import PAYMENT_CLOCK
from domain.values import Sanction

Fields = dict[str, str]


def simple_fields(history: History, reference: ReferenceData) -> Fields:
    opened = history.latest(s.OfficersIdentified)
    informed = history.latest(s.PartyInformed)
    heard = history.latest(s.StatementHeard)
    decided = history.latest(s.SimplePenaltyDecided)
    on_the_spot = history.latest(s.FineCollectedOnTheSpot)
    fined = decided is not None and Sanction.FINE in decided.sanctions
    fields: Fields = {
        **w.party_fields(opened.party if opened else None),
        **w.item_fields(reference, opened.item_code if opened else None, opened.violation_type if opened else None),
        "place": opened.place if opened else "",
        "officers": w.officer_certificates(reference, opened.actors) if opened else "",
        "facts": informed.facts if informed else "",
        "reasons": informed.reasons if informed else "",
        "decision_legal_basis": informed.legal_basis if informed else "",
        "statement": ("当事人放弃陈述、申辩" if heard.waived else heard.statement) if heard else "",
        "decision_number": decided.decision_number if decided else "",
        "decided_on": w.day(decided.occurred_at) if decided else "",
        "penalty": w.penalty(decided.sanctions, decided.fine_fen) if decided else "",
        "fine_figures": figures(decided.fine_fen) if fined and decided else "",
        "fine_capitals": capitals(decided.fine_fen) if fined and decided else "",
        "reconsideration_first_notice": decided.reconsideration_first_notice if decided else "",
        "collected_on_the_spot": f"已当场收缴罚款{figures(on_the_spot.amount_fen)}，收据号{on_the_spot.receipt_number}"
                                 if on_the_spot else "",
        "payment_due_on": _due_on(history, PAYMENT_CLOCK) if fined and on_the_spot is None else "",
    }
    return fields


def rectification_fields(history: History, reference: ReferenceData) -> Fields:
    order = history.latest(r.RectificationOrderIssued)
    if order is None:
        return {}
    return {
        **w.party_fields(order.party),
        **w.item_fields(reference, order.item_code, order.violation_type),
        "order_legal_basis": order.legal_basis,
        "place": order.place,
        "facts": order.description,
        "requirement": order.requirement,
        "deadline_days": str(order.deadline_days),
        "due_on": _due_on(history, "D30"),
        "issued_on": w.day(order.occurred_at),
        "officers": w.officer_certificates(reference, order.actors),
        "service_method": w.SERVICE_METHODS[order.service_method],
    }


def _due_on(history: History, deadline_id: str) -> str:
    started = [c for c in history.all(DeadlineStarted) if c.deadline_id == deadline_id]
    return w.day(started[-1].due_on) if started else ""
