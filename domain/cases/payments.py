"""Paying the fine: the late-payment surcharge (加处罚款, APL 72), frozen while a review runs (APL 73), and the
shapes of payments, deferral and instalments (APL 66). Money is integer fen."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.deadlines.late_payment import surcharge_days

SURCHARGE_PERCENT_PER_DAY = 3  # APL 72(1)


class PaymentChannel(enum.StrEnum):
    ON_THE_SPOT = "ON_THE_SPOT"  # 当场收缴 (APL 68/69)
    BANK = "BANK"  # 指定银行或电子支付 (APL 67)


@dataclass(frozen=True)
class FrozenSpan:
    """Days on which no surcharge accrues: from `start` to `end`, both inclusive (APL 73: while a reconsideration
    or a lawsuit is pending). `end` None: still pending."""

    start: date
    end: date | None = None


@dataclass(frozen=True)
class Installment:
    due_on: date
    amount_fen: int


def surcharge_fen(fine_fen: int, due_on: date, paid_on: date, frozen_spans: Iterable[FrozenSpan] = ()) -> int:
    """3 % of the fine for every day after `due_on` up to and including `paid_on`, except frozen days, rounded
    down to the fen and never more than the fine itself (APL 72; invariant 7)."""
    if fine_fen <= 0:
        return 0
    excluded = [(span.start, span.end or paid_on) for span in frozen_spans if (span.end or paid_on) >= span.start]
    days = surcharge_days(due_on, paid_on, excluded=excluded)
    return min(fine_fen, fine_fen * SURCHARGE_PERCENT_PER_DAY * days // 100)
