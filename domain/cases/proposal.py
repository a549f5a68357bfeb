"""The proposal of the investigation report (处理意见) and what it makes necessary.

The proposal is hashed (SHA-256 over its canonical JSON) so a legal review, a collective discussion and a prior
notice are bound to exactly the proposal they saw. `assess` computes the flags APL 57/58/63 and the town's
profile make of it: hearing eligibility, required legal review, required collective discussion.
"""

from __future__ import annotations

import enum
import hashlib
from collections import Counter
from dataclasses import dataclass, replace

from domain.codec import canonical_json, to_primitive
from domain.errors import RuleViolation, ValidationError
from domain.profile import LegalReviewPolicy, RuleProfile
from domain.reference import ReferenceData
from domain.values import Modifier, NoPenaltyGround, PartyType, Sanction, SoftOutcome


class DecisionType(enum.StrEnum):
    PENALTY = "PENALTY"
    NO_PENALTY = "NO_PENALTY"
    TRANSFER_TO_JUDICIARY = "TRANSFER_TO_JUDICIARY"


# APL 63: sanctions that give the party a right to a hearing whatever the amount.
HEARING_SANCTIONS = frozenset({
    Sanction.REVOKE_PERMIT, Sanction.DOWNGRADE_QUALIFICATION, Sanction.ORDER_SUSPEND, Sanction.ORDER_CLOSE,
    Sanction.RESTRICT_PRACTICE,
})
CONFISCATIONS = frozenset({Sanction.CONFISCATE_GAINS, Sanction.CONFISCATE_PROPERTY})
# Adding one of these to a proposal does not make it heavier in the sense of APL 45.
LIGHT_SANCTIONS = frozenset({Sanction.WARNING, Sanction.PUBLIC_CRITICISM})


@dataclass(frozen=True, kw_only=True)
class Proposal:
    decision_type: DecisionType
    sanctions: tuple[Sanction, ...] = ()
    fine_amount_fen: int = 0
    confiscation_value_fen: int = 0  # value of what is confiscated (APL 63 "较大数额")
    modifier: Modifier = Modifier.NONE
    benchmark_id: str | None = None  # 自由裁量基准 applied (APL 34)
    soft_list_item_id: str | None = None  # 柔性执法清单 item
    soft_outcome: SoftOutcome | None = None
    no_penalty_ground: NoPenaltyGround | None = None
    mitigating_grounds: tuple[str, ...] = ()  # APL 30–32
    grounds: str = ""  # facts, reasons and legal basis in words
    complex_case: bool = False  # 疑难复杂 (APL 58(3)); also makes collective discussion required
    major_public_interest: bool = False  # 涉及重大公共利益 (APL 58(1))


@dataclass(frozen=True)
class Assessment:
    """What the proposal makes necessary, computed when it is submitted (and again when it is revised)."""

    hearing_eligible: bool
    legal_review_required: bool
    collective_required: bool
    proposal_hash: str


def proposal_hash(proposal: Proposal) -> str:
    """SHA-256 of the canonical JSON of the proposal; the order in which sanctions are listed does not matter."""
    normalised = replace(proposal, sanctions=tuple(sorted(proposal.sanctions)))
    return hashlib.sha256(canonical_json(to_primitive(normalised)).encode("utf-8")).hexdigest()


def hearing_eligible(proposal: Proposal, party_type: PartyType, profile: RuleProfile) -> bool:
    """APL 63: a large fine (threshold per party type), a confiscation of large value, revocation of a permit or
    downgrade of a qualification, an order to suspend or close, a restriction of practice."""
    if proposal.decision_type is not DecisionType.PENALTY:
        return False
    threshold = profile.hearing_fine_threshold_fen(party_type)
    if proposal.fine_amount_fen >= threshold:
        return True
    if CONFISCATIONS & set(proposal.sanctions) and proposal.confiscation_value_fen >= threshold:
        return True
    return bool(HEARING_SANCTIONS & set(proposal.sanctions))


def assess(proposal: Proposal, party_type: PartyType, profile: RuleProfile) -> Assessment:
    hearing = hearing_eligible(proposal, party_type, profile)
    apl58 = hearing or proposal.complex_case or proposal.major_public_interest
    review = apl58 or profile.legal_review_policy is LegalReviewPolicy.ALL_GENERAL
    collective = (
        proposal.fine_amount_fen >= profile.collective_discussion_fine_threshold_fen or hearing or proposal.complex_case
    )
    return Assessment(hearing_eligible=hearing, legal_review_required=review, collective_required=collective,
                      proposal_hash=proposal_hash(proposal))


def is_heavier(new: Proposal, old: Proposal) -> bool:
    """Whether `new` burdens the party more than `old` (APL 45: a heavier proposal needs a new prior notice)."""
    if new.decision_type is DecisionType.PENALTY and old.decision_type is not DecisionType.PENALTY:
        return True
    if new.fine_amount_fen > old.fine_amount_fen or new.confiscation_value_fen > old.confiscation_value_fen:
        return True
    return bool(set(new.sanctions) - set(old.sanctions) - LIGHT_SANCTIONS)


def check_one_fine(sanctions: tuple[Sanction, ...], *, field: str = "sanctions") -> None:
    """APL 29: one illegal act is fined at most once (invariant 5)."""
    repeated = [s.value for s, n in Counter(sanctions).items() if n > 1]
    if Sanction.FINE.value in repeated:
        raise RuleViolation("one violation may be fined only once; FINE is listed more than once",
                            rule="ONE_FINE", field=field, article="APL 29")
    if repeated:
        raise ValidationError(f"sanctions listed twice: {', '.join(repeated)}", rule="DISTINCT_SANCTIONS",
                              field=field)


def validate_proposal(proposal: Proposal, *, item_code: str | None, reference: ReferenceData) -> None:
    """The proposal is well-formed and stays within the item's powers, the discretion benchmark and the soft list."""
    _check_shape(proposal)
    item = reference.items.get(item_code) if item_code else None
    if item is not None:
        extra = set(proposal.sanctions) - set(item.sanctions)
        if extra:
            raise RuleViolation(
                f"the enforcement item {item.code} provides no {', '.join(sorted(extra))}",
                rule="SANCTION_PROVIDED", field="proposal.sanctions", article="APL 4")
        if item.fine_max_fen is not None and proposal.fine_amount_fen > item.fine_max_fen:
            raise RuleViolation(
                f"fine {proposal.fine_amount_fen} fen exceeds the legal maximum {item.fine_max_fen} fen of {item.code}",
                rule="FINE_WITHIN_LEGAL_RANGE", field="proposal.fine_amount_fen", article="APL 4")
        if 0 < proposal.fine_amount_fen < item.fine_min_fen and proposal.modifier is not Modifier.REDUCED:
            raise RuleViolation(
                f"fine {proposal.fine_amount_fen} fen is below the legal minimum {item.fine_min_fen} fen "
                "without a reduction (减轻)", rule="FINE_WITHIN_LEGAL_RANGE", field="proposal.fine_amount_fen",
                article="APL 32")
    _check_benchmark(proposal, item_code, reference)
    _check_soft_list(proposal, item_code, reference)


def _check_shape(p: Proposal) -> None:
    check_one_fine(p.sanctions, field="proposal.sanctions")
    if p.fine_amount_fen < 0 or p.confiscation_value_fen < 0:
        raise ValidationError("amounts cannot be negative", rule="AMOUNT", field="proposal.fine_amount_fen")
    if p.decision_type is DecisionType.PENALTY:
        if not p.sanctions:
            raise ValidationError("a penalty names at least one sanction", rule="SANCTIONS",
                                  field="proposal.sanctions", article="APL 9")
        if (Sanction.FINE in p.sanctions) != (p.fine_amount_fen > 0):
            raise ValidationError("a FINE sanction and a positive fine_amount_fen go together", rule="FINE_AMOUNT",
                                  field="proposal.fine_amount_fen")
        if p.no_penalty_ground is not None:
            raise ValidationError("a penalty has no no-penalty ground", rule="NO_PENALTY_GROUND",
                                  field="proposal.no_penalty_ground")
        return
    if p.sanctions or p.fine_amount_fen:
        raise ValidationError(f"a {p.decision_type.value} decision imposes no sanction", rule="SANCTIONS",
                              field="proposal.sanctions")
    if p.decision_type is DecisionType.NO_PENALTY and p.no_penalty_ground is None:
        raise ValidationError("a no-penalty decision names its ground", rule="NO_PENALTY_GROUND",
                              field="proposal.no_penalty_ground", article="APL 33")


def _check_benchmark(p: Proposal, item_code: str | None, reference: ReferenceData) -> None:
    if p.benchmark_id is None:
        return
    benchmark = reference.benchmarks.get(p.benchmark_id)
    if benchmark is None:
        raise ValidationError(f"unknown discretion benchmark {p.benchmark_id}", rule="KNOWN_BENCHMARK",
                              field="proposal.benchmark_id")
    if item_code is not None and benchmark.item_code != item_code:
        raise RuleViolation(f"benchmark {benchmark.id} belongs to item {benchmark.item_code}, not {item_code}",
                            rule="DISCRETION_BENCHMARK", field="proposal.benchmark_id", article="APL 34")
    fine = p.fine_amount_fen
    below_allowed = p.modifier is Modifier.REDUCED
    if fine and (fine > benchmark.fine_max_fen or (fine < benchmark.fine_min_fen and not below_allowed)):
        raise RuleViolation(
            f"fine {fine} fen lies outside the benchmark range {benchmark.fine_min_fen}–{benchmark.fine_max_fen} fen "
            f"of {benchmark.id}", rule="DISCRETION_BENCHMARK", field="proposal.fine_amount_fen", article="APL 34")


_SOFT_FITS: dict[SoftOutcome, tuple[DecisionType, Modifier | None]] = {
    SoftOutcome.EDUCATION_ONLY: (DecisionType.NO_PENALTY, None),
    SoftOutcome.NO_PENALTY: (DecisionType.NO_PENALTY, None),
    SoftOutcome.LIGHTER: (DecisionType.PENALTY, Modifier.LIGHTER),
    SoftOutcome.REDUCED: (DecisionType.PENALTY, Modifier.REDUCED),
}


def _check_soft_list(p: Proposal, item_code: str | None, reference: ReferenceData) -> None:
    if p.soft_list_item_id is not None:
        entry = reference.soft_list.get(p.soft_list_item_id)
        if entry is None:
            raise ValidationError(f"unknown soft-list item {p.soft_list_item_id}", rule="KNOWN_SOFT_LIST_ITEM",
                                  field="proposal.soft_list_item_id")
        if item_code is not None and entry.item_code != item_code:
            raise RuleViolation(f"soft-list item {entry.id} covers {entry.item_code}, not {item_code}",
                                rule="SOFT_LIST_ITEM", field="proposal.soft_list_item_id", article="APL 33")
        if p.soft_outcome is None:
            raise ValidationError("a soft-list reference names its soft outcome", rule="SOFT_OUTCOME",
                                  field="proposal.soft_outcome")
    if p.soft_outcome is not None:
        decision_type, modifier = _SOFT_FITS[p.soft_outcome]
        if p.decision_type is not decision_type or (modifier is not None and p.modifier is not modifier):
            raise ValidationError(
                f"soft outcome {p.soft_outcome.value} does not fit a {p.decision_type.value} decision "
                f"with modifier {p.modifier.value}", rule="SOFT_OUTCOME", field="proposal.soft_outcome")
