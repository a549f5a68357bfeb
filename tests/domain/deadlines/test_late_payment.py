"""APL 72 surcharge days after the fine's due date; APL 73 review time not counted."""

from __future__ import annotations

from datetime import date

import pytest

from domain.deadlines.late_payment import surcharge_days

DUE = date(2025, 10, 9)  # D15 from a decision received 2025-09-16, moved past National Day


def test_paying_on_or_before_the_due_day_costs_no_surcharge_day() -> None:
    assert surcharge_days(DUE, date(2025, 10, 9)) == 0
    assert surcharge_days(DUE, date(2025, 10, 1)) == 0


def test_every_calendar_day_after_the_due_day_counts() -> None:
    assert surcharge_days(DUE, date(2025, 10, 10)) == 1
    assert surcharge_days(DUE, date(2025, 10, 20)) == 11


def test_days_under_reconsideration_or_litigation_do_not_count() -> None:
    assert surcharge_days(DUE, date(2025, 10, 20), excluded=[(date(2025, 10, 12), date(2025, 10, 15))]) == 7
    # overlapping spans and a span starting before the due day count each day once
    spans = [(date(2025, 10, 1), date(2025, 10, 11)), (date(2025, 10, 11), date(2025, 10, 12))]
    assert surcharge_days(DUE, date(2025, 10, 20), excluded=spans) == 8


def test_a_reversed_excluded_span_is_rejected() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        surcharge_days(DUE, date(2025, 10, 20), excluded=[(date(2025, 10, 15), date(2025, 10, 12))])
