"""Which served decisions are published: the scope policy of the town's rule profile, and the decisions never
published (a minor party, private facts), each with the reason recorded."""

from __future__ import annotations

from domain.disclosure.content import DecisionContent
from domain.disclosure.state import NotPublishedReason
from domain.profile import DisclosureScope, RuleProfile


def not_published(content: DecisionContent, profile: RuleProfile) -> tuple[NotPublishedReason, str] | None:
    """Why this decision is not published, or None when it is due for publication."""
    if content.party.is_minor:
        return NotPublishedReason.MINOR, "当事人为未成年人，处罚决定不予公开（未成年人保护法）"
    if content.private_facts:
        return NotPublishedReason.PRIVATE_FACTS, "涉及个人隐私或商业秘密，不予公开（政府信息公开条例第十五条）"
    if profile.disclosure_scope is DisclosureScope.SOCIAL_IMPACT_ONLY and not content.social_impact:
        return NotPublishedReason.OUT_OF_SCOPE, "本镇仅公开具有一定社会影响的行政处罚决定（APL 48）"
    return None
