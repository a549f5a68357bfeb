"""A document's content from its stream's events: the values its template fills in, the moment it is dated
(the event that made it due — so regenerating it never changes its dates or bytes), and the number the case
already carries for it, if any. Masked copies for publication (公示) go through the disclosure masker."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from domain.cases import events as e
from domain.cases.proposal import DecisionType
from domain.deadlines.local_time import local_date
from domain.disclosure.masking import masker_for
from domain.documents.general import case_fields
from domain.documents.history import History
from domain.documents.kinds import SPECS, DocumentKind
from domain.documents.on_the_spot import rectification_fields, simple_fields
from domain.errors import DomainError
from domain.messages import Event
from domain.reference import ReferenceData
from domain.simple import events as s
from domain.values import Party, PartyType

FieldBuilder = Callable[[History, ReferenceData], dict[str, str]]
_BUILDERS: Mapping[str, FieldBuilder] = {"GENERAL_CASE": case_fields, "SIMPLE_CASE": simple_fields,
                                         "RECTIFICATION": rectification_fields}


class DocumentNotDue(DomainError):
    """The stream has not reached the step the document records (or it is a document of another procedure)."""


@dataclass(frozen=True)
class DocumentContent:
    kind: DocumentKind
    title: str
    fields: Mapping[str, str]
    dated: datetime  # when the event the document records occurred
    carried_number: str | None  # the case's own number for this document (case_no, notice_no, document_no)
    masked: bool = False

    @property
    def year(self) -> int:
        """The year of the number sequence: the document's local date's."""
        return local_date(self.dated).year


def document_content(kind: DocumentKind, family: str, events: Sequence[tuple[int, Event]],
                     reference: ReferenceData) -> DocumentContent:
    """The content of `kind` for a stream of the procedure `family` (`kinds.family_of`) with these (seq, event)
    pairs; DocumentNotDue naming the step that is missing."""
    spec = SPECS[kind]
    if family != spec.stream_kind:
        raise DocumentNotDue(f"{spec.title} is a document of {spec.stream_kind} streams, not of "
                             f"{family or 'this stream'}", rule="DOCUMENT_KIND", field="kind")
    history = History(events)
    due = _due_event(kind, history)
    if due is None:
        raise DocumentNotDue(f"{spec.title} is due only after {spec.due_after}"
                             f"{_decision_clause(kind)}; the stream has not got there",
                             rule="DOCUMENT_NOT_DUE", field="kind")
    fields = _BUILDERS[family](history, reference)
    return DocumentContent(kind=kind, title=spec.title, fields=fields, dated=due.occurred_at,
                           carried_number=_carried_number(kind, history) or None)


def masked(content: DocumentContent, party: Party | None) -> DocumentContent:
    """The copy for publication: identity numbers, phones, home addresses and third parties' names masked."""
    masker = masker_for(party)
    fields = {name: masker.text(value) for name, value in content.fields.items()}
    if party is not None and party.party_type is PartyType.CITIZEN:  # a citizen's own identifiers never show
        fields["party_id_number"] = masker.text(party.id_number) if party.id_number else ""
        fields["party_phone"] = ""
    return replace(content, fields=fields, masked=True)


def party_of(events: Sequence[tuple[int, Event]]) -> Party | None:
    for _, event in events:
        party = getattr(event, "party", None)
        if isinstance(party, Party):
            return party
    return None


def _due_event(kind: DocumentKind, history: History) -> Event | None:
    if kind in (DocumentKind.PENALTY_DECISION, DocumentKind.NO_PENALTY_DECISION):
        decision = history.latest(e.DecisionMade)
        wanted = DecisionType.PENALTY if kind is DocumentKind.PENALTY_DECISION else DecisionType.NO_PENALTY
        if decision is None or decision.decision_type is not wanted:
            return None
        if kind is DocumentKind.NO_PENALTY_DECISION:
            return history.latest(e.DecisionDocumentIssued) or decision
    due_after = SPECS[kind].due_after
    return next((event for _, event in reversed(history.events) if event.type_name() == due_after), None)


def _decision_clause(kind: DocumentKind) -> str:
    if kind is DocumentKind.PENALTY_DECISION:
        return " of a PENALTY decision"
    if kind is DocumentKind.NO_PENALTY_DECISION:
        return " (NO_PENALTY)"
    return ""


def _carried_number(kind: DocumentKind, history: History) -> str:
    if kind is DocumentKind.FILING_APPROVAL:
        filed = history.latest(e.CaseFiled)
        return filed.case_no if filed else ""
    if kind is DocumentKind.PRIOR_NOTICE:
        notice = history.latest(e.PriorNoticeServed)
        return notice.notice_no if notice else ""
    if kind in (DocumentKind.PENALTY_DECISION, DocumentKind.NO_PENALTY_DECISION):
        issued = history.latest(e.DecisionDocumentIssued)
        return issued.document_no if issued else ""
    if kind is DocumentKind.ON_THE_SPOT_DECISION:
        decided = history.latest(s.SimplePenaltyDecided)
        return decided.decision_number if decided else ""
    return ""
