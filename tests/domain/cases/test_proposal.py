"""The proposal: its hash, the flags it computes (APL 57/58/63 and the profile), and what it may propose
(APL 29 one fine, APL 34 discretion benchmark, APL 4 the item's powers, soft-list consistency)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.cases.proposal import DecisionType, Proposal, assess, proposal_hash, validate_proposal
from domain.codec import canonical_json, to_primitive
from domain.errors import RuleViolation, ValidationError
from domain.profile import LegalReviewPolicy, RuleProfile
from domain.values import Modifier, NoPenaltyGround, PartyType, Sanction, SoftOutcome, yuan
from tests.domain.cases.builder import PENALTY, proposal
from tests.domain.cases.fixtures import ITEM, REFERENCE, SEVERE_BENCHMARK, SOFT_ITEM

APL58_ONLY = RuleProfile(legal_review_policy=LegalReviewPolicy.APL58_ONLY)
CITIZEN, ORG = PartyType.CITIZEN, PartyType.ORGANIZATION


def test_the_proposal_hash_is_the_sha256_of_its_canonical_json_whatever_the_order_of_sanctions() -> None:
    import hashlib

    ordered = replace(PENALTY, sanctions=tuple(sorted(PENALTY.sanctions)))
    expected = hashlib.sha256(canonical_json(to_primitive(ordered)).encode()).hexdigest()
    assert proposal_hash(PENALTY) == expected
    assert proposal_hash(replace(PENALTY, sanctions=(Sanction.FINE, Sanction.WARNING))) == expected
    assert proposal_hash(replace(PENALTY, fine_amount_fen=yuan(501))) != expected


@pytest.mark.parametrize(("fine_yuan", "party_type", "eligible"), [
    (9_999, CITIZEN, False), (10_000, CITIZEN, True), (99_999, ORG, False), (100_000, ORG, True),
])
def test_a_large_fine_gives_a_hearing_by_the_threshold_of_the_party_type(fine_yuan: int, party_type: PartyType,
                                                                          eligible: bool) -> None:
    found = assess(proposal(fine_amount_fen=yuan(fine_yuan), benchmark_id=None), party_type, RuleProfile())
    assert found.hearing_eligible is eligible


@pytest.mark.parametrize("sanction", [Sanction.REVOKE_PERMIT, Sanction.DOWNGRADE_QUALIFICATION,
                                      Sanction.ORDER_SUSPEND, Sanction.ORDER_CLOSE, Sanction.RESTRICT_PRACTICE])
def test_revocation_downgrade_suspension_closure_and_restriction_give_a_hearing(sanction: Sanction) -> None:
    found = assess(Proposal(decision_type=DecisionType.PENALTY, sanctions=(sanction,)), CITIZEN, RuleProfile())
    assert found.hearing_eligible and found.collective_required and found.legal_review_required


def test_only_a_confiscation_of_large_value_gives_a_hearing() -> None:
    small = Proposal(decision_type=DecisionType.PENALTY, sanctions=(Sanction.CONFISCATE_PROPERTY,),
                     confiscation_value_fen=yuan(800))
    assert not assess(small, CITIZEN, RuleProfile()).hearing_eligible
    assert assess(replace(small, confiscation_value_fen=yuan(12_000)), CITIZEN, RuleProfile()).hearing_eligible


def test_legal_review_follows_the_town_policy_or_apl_58() -> None:
    small = proposal()
    assert assess(small, CITIZEN, RuleProfile()).legal_review_required  # 张家窝镇: every general decision
    assert not assess(small, CITIZEN, APL58_ONLY).legal_review_required
    assert assess(replace(small, complex_case=True), CITIZEN, APL58_ONLY).legal_review_required
    assert assess(replace(small, major_public_interest=True), CITIZEN, APL58_ONLY).legal_review_required


def test_collective_discussion_is_required_from_the_profile_threshold_or_for_complex_cases() -> None:
    profile = RuleProfile(collective_discussion_fine_threshold_fen=yuan(400))
    assert assess(proposal(), CITIZEN, profile).collective_required
    assert not assess(proposal(), CITIZEN, RuleProfile()).collective_required
    assert assess(proposal(complex_case=True), CITIZEN, RuleProfile()).collective_required


def test_a_second_fine_for_the_same_violation_is_rejected() -> None:
    doubled = proposal(sanctions=(Sanction.FINE, Sanction.FINE))
    with pytest.raises(RuleViolation) as info:
        validate_proposal(doubled, item_code=ITEM, reference=REFERENCE)
    assert (info.value.rule, info.value.field, info.value.article) == ("ONE_FINE", "proposal.sanctions", "APL 29")


def test_a_fine_outside_the_discretion_benchmark_is_rejected_unless_reduced_below_it() -> None:
    with pytest.raises(RuleViolation) as info:
        validate_proposal(proposal(fine_amount_fen=yuan(3_000)), item_code=ITEM, reference=REFERENCE)
    assert (info.value.rule, info.value.article) == ("DISCRETION_BENCHMARK", "APL 34")
    assert "20000–200000" in info.value.message
    with pytest.raises(RuleViolation):
        validate_proposal(proposal(fine_amount_fen=yuan(150)), item_code=ITEM, reference=REFERENCE)
    validate_proposal(proposal(fine_amount_fen=yuan(150), modifier=Modifier.REDUCED), item_code=ITEM,
                      reference=REFERENCE)
    validate_proposal(proposal(fine_amount_fen=yuan(20_000), benchmark_id=SEVERE_BENCHMARK), item_code=ITEM,
                      reference=REFERENCE)


def test_a_sanction_the_item_does_not_provide_or_a_fine_above_its_maximum_is_rejected() -> None:
    with pytest.raises(RuleViolation) as info:
        validate_proposal(proposal(sanctions=(Sanction.REVOKE_PERMIT,), fine_amount_fen=0, benchmark_id=None),
                          item_code=ITEM, reference=REFERENCE)
    assert (info.value.rule, info.value.article) == ("SANCTION_PROVIDED", "APL 4")
    with pytest.raises(RuleViolation) as info:
        validate_proposal(proposal(fine_amount_fen=yuan(60_000), benchmark_id=None), item_code=ITEM,
                          reference=REFERENCE)
    assert info.value.rule == "FINE_WITHIN_LEGAL_RANGE"


@pytest.mark.parametrize(("changes", "rule"), [
    ({"sanctions": ()}, "SANCTIONS"),
    ({"sanctions": (Sanction.WARNING,)}, "FINE_AMOUNT"),
    ({"no_penalty_ground": NoPenaltyGround.NO_FAULT}, "NO_PENALTY_GROUND"),
    ({"decision_type": DecisionType.NO_PENALTY}, "SANCTIONS"),
    ({"soft_list_item_id": SOFT_ITEM}, "SOFT_OUTCOME"),
    ({"soft_outcome": SoftOutcome.LIGHTER}, "SOFT_OUTCOME"),
    ({"benchmark_id": "NOPE"}, "KNOWN_BENCHMARK"),
])
def test_malformed_proposals_are_rejected(changes: dict[str, object], rule: str) -> None:
    with pytest.raises((ValidationError, RuleViolation)) as info:
        validate_proposal(proposal(**changes), item_code=ITEM, reference=REFERENCE)
    assert info.value.rule == rule


def test_a_no_penalty_proposal_names_its_ground_and_may_cite_the_soft_list() -> None:
    bare = Proposal(decision_type=DecisionType.NO_PENALTY)
    with pytest.raises(ValidationError) as info:
        validate_proposal(bare, item_code=ITEM, reference=REFERENCE)
    assert (info.value.rule, info.value.article) == ("NO_PENALTY_GROUND", "APL 33")
    validate_proposal(replace(bare, no_penalty_ground=NoPenaltyGround.FIRST_VIOLATION, soft_list_item_id=SOFT_ITEM,
                              soft_outcome=SoftOutcome.NO_PENALTY), item_code=ITEM, reference=REFERENCE)
    lighter = proposal(modifier=Modifier.LIGHTER, soft_outcome=SoftOutcome.LIGHTER)
    validate_proposal(lighter, item_code=ITEM, reference=REFERENCE)
