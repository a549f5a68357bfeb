"""Reconsideration (行政复议, ARL) and litigation (行政诉讼, ALL) against a decided case, and what their outcomes
do to the decision's standing. The case does not change status: it exposes the standing so disclosure can be
withdrawn (APL 48), money adjusted and statistics restated."""

from __future__ import annotations

import enum


class ReconsiderationOutcome(enum.StrEnum):
    MAINTAINED = "MAINTAINED"  # 维持
    CHANGED = "CHANGED"  # 变更
    REVOKED = "REVOKED"  # 撤销
    REVOKED_REDO = "REVOKED_REDO"  # 撤销并责令重新作出
    CONFIRMED_ILLEGAL = "CONFIRMED_ILLEGAL"  # 确认违法
    CONFIRMED_VOID = "CONFIRMED_VOID"  # 确认无效
    MEDIATED = "MEDIATED"  # 调解
    TERMINATED = "TERMINATED"  # 终止 (e.g. the application was withdrawn)


class JudgmentOutcome(enum.StrEnum):
    DISMISSED = "DISMISSED"  # 驳回诉讼请求: the decision stands
    CHANGED = "CHANGED"  # 变更 (ALL 77)
    REVOKED = "REVOKED"
    REVOKED_REDO = "REVOKED_REDO"
    CONFIRMED_ILLEGAL = "CONFIRMED_ILLEGAL"
    CONFIRMED_VOID = "CONFIRMED_VOID"
    WITHDRAWN = "WITHDRAWN"  # 撤诉


class DecisionStanding(enum.StrEnum):
    IN_FORCE = "IN_FORCE"
    CHANGED = "CHANGED"
    REVOKED = "REVOKED"
    CONFIRMED_ILLEGAL = "CONFIRMED_ILLEGAL"
    CONFIRMED_VOID = "CONFIRMED_VOID"

    @property
    def adverse(self) -> bool:
        """APL 48: a changed, revoked, illegal or void decision's disclosure is withdrawn within 3 WD."""
        return self is not DecisionStanding.IN_FORCE

    @property
    def cancels_obligation(self) -> bool:
        """Nothing is left to pay or perform under a revoked or void decision."""
        return self in (DecisionStanding.REVOKED, DecisionStanding.CONFIRMED_VOID)


_STANDING: dict[str, DecisionStanding] = {
    "CHANGED": DecisionStanding.CHANGED,
    "REVOKED": DecisionStanding.REVOKED,
    "REVOKED_REDO": DecisionStanding.REVOKED,
    "CONFIRMED_ILLEGAL": DecisionStanding.CONFIRMED_ILLEGAL,
    "CONFIRMED_VOID": DecisionStanding.CONFIRMED_VOID,
}


def standing_after(current: DecisionStanding, outcome: ReconsiderationOutcome | JudgmentOutcome) -> DecisionStanding:
    """The decision's standing once `outcome` is known; outcomes that keep the decision leave it as it was."""
    return _STANDING.get(outcome.value, current)


def redo_required(outcome: ReconsiderationOutcome | JudgmentOutcome) -> bool:
    """The township must decide the case anew (撤销并责令重新作出)."""
    return outcome.value == "REVOKED_REDO"
