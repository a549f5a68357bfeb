"""Days of late payment of a fine (APL 72: 到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款).

Only the day count lives here; the amount (3 % a day, never more than the fine) is money math for the payments
module. APL 73: the days while a reconsideration or a lawsuit is pending are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def surcharge_days(due_on: date, counted_to: date, *, excluded: Iterable[tuple[date, date]] = ()) -> int:
    """Days after `due_on` (the last day in time, already moved off a holiday) up to and including `counted_to`
    (the payment day, or today while unpaid); days inside an excluded span `(first, last)`, both inclusive,
    do not count."""
    if counted_to <= due_on:
        return 0
    days = (counted_to - due_on).days
    seen: set[date] = set()
    for first, last in excluded:
        if last < first:
            raise ValueError(f"excluded span {first}..{last} ends before it starts")
        lo, hi = max(first, date.fromordinal(due_on.toordinal() + 1)), min(last, counted_to)
        seen.update(date.fromordinal(n) for n in range(lo.toordinal(), hi.toordinal() + 1))
    return days - len(seen)
