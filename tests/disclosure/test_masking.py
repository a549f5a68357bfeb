"""What is published of a decision: personal information masked wherever it occurs, the party named, decisions
about minors or private facts not published at all."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.disclosure.content import (
    WITHDRAWAL_SCHEMA,
    DecisionContent,
    WithdrawalNotice,
    idempotency_key,
    publication,
    publication_body,
    withdrawal_body,
)
from domain.disclosure.identifiers import id_check_character, is_id_number_18, luhn_valid
from domain.disclosure.masking import mask_address, masker_for
from domain.disclosure.scope import not_published
from domain.disclosure.state import NotPublishedReason
from domain.profile import DisclosureScope, RuleProfile
from tests.disclosure.generated import decisions
from tests.disclosure.samples import CITIZEN, COMPANY, content


def test_the_generators_produce_valid_identity_numbers_and_luhn_valid_cards() -> None:
    assert id_check_character("11010519491231002") == "X" and is_id_number_18("11010519491231002X")
    assert not is_id_number_18("110105194912310021")
    ids = [p.forms[0] for d in decisions(200) for p in d.planted if p.kind == "id" and len(p.forms[0]) == 18]
    cards = [p.forms[1] for d in decisions(200) for p in d.planted if p.kind == "bank"]
    assert ids and all(is_id_number_18(i) for i in ids)
    assert cards and all(luhn_valid(c) for c in cards)


@pytest.mark.timeout(120)
def test_no_personal_value_of_10000_generated_decisions_appears_in_any_outgoing_payload() -> None:
    generated = decisions(10_000)
    kinds: set[str] = set()
    for item in generated:
        published = publication(item.content)
        body = publication_body(published)
        notice = withdrawal_body(WithdrawalNotice(WITHDRAWAL_SCHEMA, published.client_ref, published.decision_no,
                                                  published.decision_version, "REVOKED"))
        sent = body.decode("utf-8") + notice.decode("utf-8")
        assert '\\u' not in sent  # UTF-8 as is: a name could not hide behind a JSON escape
        for planted in item.planted:
            kinds.add(planted.kind)
            for form in planted.forms:
                assert form not in sent, f"{planted.kind} {form!r} published in {sent}"
        # What must be published still is.
        data = json.loads(body)
        assert data["party"]["name"] == item.content.party.name
        assert data["decision_no"] == item.content.decision_no and data["fine_fen"] == item.content.fine_fen
    assert kinds == {"id", "mobile", "landline", "bank", "account", "address", "name"}


def test_a_citizens_identifiers_are_masked_and_the_phone_is_not_published() -> None:
    published = publication(content(facts="当事人赵建国（13812345678）在田丽园小区15号楼2门301室门前焚烧垃圾"))
    assert published.party.name == "赵建国"
    assert published.party.id_number == "120111************"
    assert published.party.address == "天津市西青区张家窝镇***"
    assert published.facts == "当事人赵建国（138****5678）在田丽园小区***门前焚烧垃圾"
    assert "13812345678" not in publication_body(published).decode()


def test_an_organisations_credit_code_and_registered_address_stay_public() -> None:
    published = publication(content(COMPANY))
    assert (published.party.id_number, published.party.address) == (COMPANY.id_number, COMPANY.address)
    assert "27391234" not in publication_body(published).decode()


@pytest.mark.parametrize(("text", "expected"), [
    ("证人王建国称当事人在场", "证人王某称当事人在场"),
    ("邻居李娜、欧阳娜娜反映", "邻居李某、欧阳某反映"),
    ("经举报人：孙丽举报", "经举报人：孙某举报"),
    ("工作人员向当事人送达", "工作人员向当事人送达"),
    ("证人赵建国称", "证人赵建国称"),  # the penalised party keeps his name
    ("座机022-27391234，手机139 1234 5678", "座机022-********，手机139****5678"),
    ("卡号6222 0212 3456 7890", "卡号**** **** **** 7890"),
    ("身份证110105491231002", "身份证110105*********"),
    ("依据津西青张综执罚〔2026〕31号，罚款1000元，于2026年3月3日送达",
     "依据津西青张综执罚〔2026〕31号，罚款1000元，于2026年3月3日送达"),
    ("家住大寺村3排5号", "家住大寺村***"),
])
def test_free_text_masking(text: str, expected: str) -> None:
    assert masker_for(CITIZEN).text(text) == expected


def test_a_home_address_keeps_only_its_administrative_part() -> None:
    assert mask_address("天津市西青区张家窝镇田丽园小区15号楼") == "天津市西青区张家窝镇***"
    assert mask_address("某村3排5号") == "***"


def test_the_same_decision_always_gives_the_same_bytes_and_key() -> None:
    assert publication_body(publication(content())) == publication_body(publication(content()))
    assert publication(content()).client_ref == idempotency_key("case:1", content().version)
    later = content(decided_at=datetime(2026, 4, 1, 2, tzinfo=UTC))  # a new decision of the same case
    assert publication(later).client_ref != publication(content()).client_ref


@pytest.mark.parametrize(("decision", "profile", "reason"), [
    (content(replace(CITIZEN, is_minor=True)), RuleProfile(), NotPublishedReason.MINOR),
    (content(private_facts=True), RuleProfile(), NotPublishedReason.PRIVATE_FACTS),
    (content(), RuleProfile(disclosure_scope=DisclosureScope.SOCIAL_IMPACT_ONLY), NotPublishedReason.OUT_OF_SCOPE),
])
def test_decisions_that_are_not_published_say_why(decision: DecisionContent, profile: RuleProfile,
                                                   reason: NotPublishedReason) -> None:
    found = not_published(decision, profile)
    assert found is not None and found[0] is reason and found[1]


def test_social_impact_decisions_are_published_under_the_social_impact_policy() -> None:
    assert not_published(content(social_impact=True),
                         RuleProfile(disclosure_scope=DisclosureScope.SOCIAL_IMPACT_ONLY)) is None
    assert not_published(content(), RuleProfile()) is None
