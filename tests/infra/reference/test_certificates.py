"""Certificate history in the demo set answers `certified_on` for any past day (APL 42 on the day of the act)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import RuleViolation
from domain.rules.officers import require_two_certified
from infra.reference import demo_reference


@pytest.mark.parametrize(
    ("officer_id", "day", "certified"),
    [
        # 杨柳青镇: transferred out, certificate cancelled on 2023-06-15 (35 officers → 34).
        ("ylq-transferred-1", date(2023, 6, 14), True),
        ("ylq-transferred-1", date(2023, 6, 15), False),
        ("ylq-transferred-1", date(2025, 1, 1), False),
        # 张家窝镇: certificate expired 2021-12-31, renewed 2022-03-15.
        ("zjw-officer-6", date(2021, 12, 31), True),
        ("zjw-officer-6", date(2022, 1, 1), False),
        ("zjw-officer-6", date(2022, 3, 14), False),
        ("zjw-officer-6", date(2022, 3, 15), True),
        # 大寺镇: first certified in September 2021, so not during the 2020 report year.
        ("ds-officer-5", date(2020, 6, 1), False),
        ("ds-officer-5", date(2021, 9, 1), True),
        ("ds-officer-1", date(2020, 6, 1), True),
        # Before the first certificate was issued; pending certification and auxiliaries never are.
        ("zjw-officer-1", date(2019, 6, 9), False),
        ("zjw-pending-1", date(2025, 1, 1), False),
        ("zjw-aux-1", date(2025, 1, 1), False),
    ],
)
def test_certified_on_follows_the_certificate_history(officer_id: str, day: date, certified: bool) -> None:
    assert demo_reference().officers[officer_id].certified_on(day) is certified


def test_an_officer_whose_certificate_was_cancelled_no_longer_counts_for_apl_42() -> None:
    reference = demo_reference()
    require_two_certified(["ylq-transferred-1", "ylq-officer-1"], date(2023, 6, 1), reference)
    with pytest.raises(RuleViolation) as caught:
        require_two_certified(["ylq-transferred-1", "ylq-officer-1"], date(2023, 7, 1), reference)
    assert str(caught.value) == (
        "APL 42: at least two certified officers must act, 1 named; without a valid certificate on 2023-07-01: "
        "ylq-transferred-1"
    )


def test_an_auxiliary_never_counts_as_one_of_the_two_officers() -> None:
    with pytest.raises(RuleViolation, match="APL 42: at least two certified officers must act, 1 named"):
        require_two_certified(["zjw-officer-1", "zjw-aux-1"], date(2025, 1, 1), demo_reference())
