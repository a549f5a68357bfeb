"""Reference data the rules consult: towns and their enforcement units, officers and their certificates,
the enforcement item catalog (执法事项目录), discretion benchmarks (自由裁量基准) and the soft-enforcement list.

Loaded from files by infra (see `infra.reference`); the domain sees only these immutable values.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from domain.values import PartyType, Sanction, SoftOutcome


class StaffCategory(enum.StrEnum):
    """The one vocabulary of staff categories, in the reference register and in the roster ledger alike. Whether
    an officer is certified (持证) or awaits a certificate (待考证) is what their 执法证 say, not a category."""

    OFFICER = "OFFICER"  # 执法人员 post
    AUXILIARY = "AUXILIARY"  # 辅助执法人员/协勤 — never one of the two officers
    LOGISTICS = "LOGISTICS"  # 后勤人员
    LEGAL_ADVISOR = "LEGAL_ADVISOR"  # 法律顾问 (engaged, not staff)

    @classmethod
    def _missing_(cls, value: object) -> StaffCategory | None:
        # Older reference files and recorded snapshots spelled an officer's post with its certification state.
        return cls.OFFICER if value in ("CERTIFIED_OFFICER", "PENDING_CERTIFICATION") else None


class Role(enum.StrEnum):
    OFFICER = "officer"
    AUXILIARY = "auxiliary"
    CASE_LEAD = "case_lead"
    LEGAL_REVIEWER = "legal_reviewer"
    PRINCIPAL = "principal"
    HEARING_HOST = "hearing_host"
    SUPERVISOR = "supervisor"
    PLATFORM_OPERATOR = "platform_operator"
    AUDITOR = "auditor"
    ADMIN = "admin"


@dataclass(frozen=True)
class Certificate:
    """执法证. Valid on a day if issued by then, not expired, and not cancelled by then."""

    number: str
    issued_on: date
    expires_on: date | None = None
    cancelled_on: date | None = None

    def valid_on(self, day: date) -> bool:
        if day < self.issued_on:
            return False
        if self.expires_on is not None and day > self.expires_on:
            return False
        return not (self.cancelled_on is not None and day >= self.cancelled_on)


@dataclass(frozen=True)
class Officer:
    id: str
    name: str
    town: str
    unit: str
    category: StaffCategory
    roles: frozenset[Role] = frozenset()
    certificates: tuple[Certificate, ...] = ()
    legal_qualification: bool = False  # 国家统一法律职业资格 (APL 58 for first-time legal reviewers)
    # Joining and leaving the town's staff: a leaver stays nameable in the cases of the past, acts in none after.
    joined_on: date | None = None
    left_on: date | None = None

    def serving_on(self, day: date) -> bool:
        started = self.joined_on is None or self.joined_on <= day
        return started and (self.left_on is None or day < self.left_on)

    def certified_on(self, day: date) -> bool:
        return self.category is StaffCategory.OFFICER and self.serving_on(day) and any(
            c.valid_on(day) for c in self.certificates
        )

    def has_role(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class EnforcementUnit:
    code: str
    name: str
    town: str


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    district: str
    units: tuple[EnforcementUnit, ...]
    catalog: str = ""  # the id of the enforcement item catalog the town has adopted ("" = the installation's one)


@dataclass(frozen=True)
class ViolationType:
    code: str
    name: str
    domain: str


class ProcedureProfile(enum.StrEnum):
    SIMPLE_ALLOWED = "SIMPLE_ALLOWED"  # may be decided on the spot when APL 51 holds
    GENERAL_ONLY = "GENERAL_ONLY"
    ILLEGAL_CONSTRUCTION = "ILLEGAL_CONSTRUCTION"


@dataclass(frozen=True)
class EnforcementItem:
    code: str
    name: str
    domain: str
    violation_types: tuple[str, ...]
    legal_basis: str
    penalty_basis: str
    procedure_profile: ProcedureProfile
    sanctions: frozenset[Sanction] = frozenset({Sanction.WARNING, Sanction.FINE})
    fine_min_fen: int = 0
    fine_max_fen: int | None = None
    # The parties the item applies to: a provision that fines organizations and citizens differently is two items.
    party_types: frozenset[PartyType] = frozenset({PartyType.CITIZEN, PartyType.ORGANIZATION})


@dataclass(frozen=True)
class Catalog:
    """One version of a district's enforcement item catalog (执法事项目录); towns adopt one (`Town.catalog`)."""

    id: str
    district: str
    version: str
    effective_from: date
    items: Mapping[str, EnforcementItem] = field(default_factory=dict)


@dataclass(frozen=True)
class DiscretionBenchmark:
    id: str
    item_code: str
    severity: str
    fine_min_fen: int
    fine_max_fen: int
    description: str = ""
    town: str = ""  # the township whose benchmark this is; "" = every town


@dataclass(frozen=True)
class SoftListItem:
    id: str
    item_code: str
    outcome: SoftOutcome
    description: str
    list_version: str = "1"
    town: str = ""  # the township whose list this is; "" = every town
    effective_from: date | None = None  # when this list version took effect


@dataclass(frozen=True)
class ReferenceData:
    towns: Mapping[str, Town] = field(default_factory=dict)
    officers: Mapping[str, Officer] = field(default_factory=dict)
    violation_types: Mapping[str, ViolationType] = field(default_factory=dict)
    items: Mapping[str, EnforcementItem] = field(default_factory=dict)
    benchmarks: Mapping[str, DiscretionBenchmark] = field(default_factory=dict)
    soft_list: Mapping[str, SoftListItem] = field(default_factory=dict)
    # District-level bodies (区司法局 …), keyed by district code; their staff (supervisors with district scope,
    # auditors, platform operators) are officers whose `town` is the district code. Same shape as a town.
    districts: Mapping[str, Town] = field(default_factory=dict)
    # The enforcement item catalog's version and the day it took effect (执法事项目录 is versioned).
    catalog_version: str = ""
    catalog_effective_from: date | None = None
    # Every district's catalog versions by id; `items` is then the union (a town's streams see their own only).
    catalogs: Mapping[str, Catalog] = field(default_factory=dict)

    def officer(self, officer_id: str) -> Officer | None:
        return self.officers.get(officer_id)

    def items_for(self, town: str) -> Mapping[str, EnforcementItem]:
        """The enforcement items a town's cases may cite: its adopted catalog's (else the installation's)."""
        catalog = self.catalog_of(town)
        return catalog.items if catalog is not None else self.items

    def catalog_of(self, town: str) -> Catalog | None:
        """The catalog the town has adopted; None where the installation has one catalog for all."""
        place = self.towns.get(town)
        return self.catalogs.get(place.catalog) if place is not None and place.catalog else None
