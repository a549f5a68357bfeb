"""Value objects shared by every procedure (glossary §1 of DOMAIN.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class PartyType(enum.StrEnum):
    CITIZEN = "CITIZEN"
    ORGANIZATION = "ORGANIZATION"


@dataclass(frozen=True)
class Party:
    """当事人. `id_number` is the 身份证号 or the unified social credit code; it is masked on disclosure."""

    name: str
    party_type: PartyType
    id_number: str = ""
    address: str = ""
    phone: str = ""
    is_minor: bool = False


class Sanction(enum.StrEnum):
    """APL 9 kinds of administrative penalty."""

    WARNING = "WARNING"
    PUBLIC_CRITICISM = "PUBLIC_CRITICISM"
    FINE = "FINE"
    CONFISCATE_GAINS = "CONFISCATE_GAINS"
    CONFISCATE_PROPERTY = "CONFISCATE_PROPERTY"
    SUSPEND_PERMIT = "SUSPEND_PERMIT"
    REVOKE_PERMIT = "REVOKE_PERMIT"
    DOWNGRADE_QUALIFICATION = "DOWNGRADE_QUALIFICATION"
    RESTRICT_BUSINESS = "RESTRICT_BUSINESS"
    ORDER_SUSPEND = "ORDER_SUSPEND"
    ORDER_CLOSE = "ORDER_CLOSE"
    RESTRICT_PRACTICE = "RESTRICT_PRACTICE"


class Modifier(enum.StrEnum):
    """Discretion modifiers: 从轻 (low end of the range), 减轻 (below the minimum), 从重."""

    NONE = "NONE"
    LIGHTER = "LIGHTER"
    REDUCED = "REDUCED"
    HEAVIER = "HEAVIER"


class NoPenaltyGround(enum.StrEnum):
    MINOR_CORRECTED_NO_HARM = "MINOR_CORRECTED_NO_HARM"  # 轻微免罚, APL 33(1)
    FIRST_VIOLATION = "FIRST_VIOLATION"  # 首违不罚, APL 33(1)
    NO_FAULT = "NO_FAULT"  # 无过错不罚, APL 33(2)
    UNDER_14 = "UNDER_14"  # APL 30
    MENTAL_INCAPACITY = "MENTAL_INCAPACITY"  # APL 31
    FACTS_NOT_ESTABLISHED = "FACTS_NOT_ESTABLISHED"  # APL 57(1)(3)

    @property
    def requires_education(self) -> bool:
        """APL 33: no penalty for a minor, first or faultless violation still requires education (教育)."""
        return self in {
            NoPenaltyGround.MINOR_CORRECTED_NO_HARM,
            NoPenaltyGround.FIRST_VIOLATION,
            NoPenaltyGround.NO_FAULT,
        }


class SoftOutcome(enum.StrEnum):
    """Soft enforcement (柔性执法) outcomes; 杨柳青镇 counts LIGHTER as soft enforcement too."""

    EDUCATION_ONLY = "EDUCATION_ONLY"
    NO_PENALTY = "NO_PENALTY"
    LIGHTER = "LIGHTER"
    REDUCED = "REDUCED"


class ServiceMethod(enum.StrEnum):
    """送达 methods."""

    DIRECT = "DIRECT"
    LEFT_AT_RESIDENCE = "LEFT_AT_RESIDENCE"
    MAIL = "MAIL"
    ELECTRONIC = "ELECTRONIC"
    PUBLIC_NOTICE = "PUBLIC_NOTICE"


def yuan(amount: int | str) -> int:
    """Yuan to fen for literals in tests and data files: yuan(200) == 20000, yuan("481140.6") == 48114060."""
    text = str(amount)
    whole, _, frac = text.partition(".")
    if len(frac) > 2:
        raise ValueError(f"{text} has more precision than a fen")
    return int(whole) * 100 + int((frac + "00")[:2]) * (-1 if whole.startswith("-") else 1)
