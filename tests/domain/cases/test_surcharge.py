"""APL 72/73 and invariant 7: 3 % of the fine a day after the due date, never more than the fine, not accruing
while a reconsideration or lawsuit is pending."""

from __future__ import annotations

from datetime import date

import pytest

from domain.cases.payments import FrozenSpan, surcharge_fen
from domain.values import yuan

DUE = date(2025, 10, 30)


@pytest.mark.parametrize(("paid_on", "expected"), [
    (date(2025, 10, 29), 0),
    (DUE, 0),
    (date(2025, 10, 31), yuan(15)),  # one day: 3 % of 500 yuan
    (date(2025, 11, 9), yuan(150)),  # ten days
    (date(2025, 12, 3), yuan(500)),  # 34 days would be 510 yuan: capped at the fine
    (date(2026, 6, 1), yuan(500)),
])
def test_the_surcharge_is_three_percent_a_day_capped_at_the_fine(paid_on: date, expected: int) -> None:
    assert surcharge_fen(yuan(500), DUE, paid_on) == expected


def test_days_of_a_pending_review_do_not_count() -> None:
    frozen = [FrozenSpan(date(2025, 11, 3), date(2025, 11, 7))]  # five days, both ends included
    assert surcharge_fen(yuan(500), DUE, date(2025, 11, 9), frozen) == yuan(75)


def test_a_review_still_pending_freezes_up_to_the_payment_day() -> None:
    # 10-31 … 11-04 count (5 days); 11-05 … 11-09 are frozen
    assert surcharge_fen(yuan(500), DUE, date(2025, 11, 9), [FrozenSpan(date(2025, 11, 5))]) == yuan(75)


def test_a_span_before_the_due_date_changes_nothing() -> None:
    assert surcharge_fen(yuan(500), DUE, date(2025, 11, 9), [FrozenSpan(date(2025, 10, 1), date(2025, 10, 20))]) \
        == yuan(150)


def test_sub_yuan_amounts_round_down_to_the_fen() -> None:
    assert surcharge_fen(333, DUE, date(2025, 10, 31)) == 9  # 9.99 fen
    assert surcharge_fen(0, DUE, date(2025, 12, 31)) == 0
