"""The statutory deadlines of DOMAIN.md §3 as data, each with its legal source.

`Unit` says how a period counts: working days (APL 85: its 2/3/5/7-day periods; ARL 88: its 3/5/7/10-day
periods; ACL 69: its periods of ≤ 10 days), calendar days (every longer period), calendar months, or hours.
Lengths marked U in DOMAIN.md come from the `RuleProfile` (`profile_field`).

IDs follow DOMAIN.md §3; a letter suffix marks a variant of the same row (D1H: the five-year limitation,
D14B: the second two-day leg of a cash handover, D17B: disclosure of other decisions, D19L: reconsideration when
the party was not told of the right, D21S: reply in simplified reconsideration, D23R: suing after reconsideration,
D24D: the wait after a payment demand, D28T: the 24-hour transfer after a referral is approved).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass


class Unit(enum.StrEnum):
    WORKING_DAYS = "WORKING_DAYS"
    CALENDAR_DAYS = "CALENDAR_DAYS"
    MONTHS = "MONTHS"
    HOURS = "HOURS"


class PeriodKind(enum.StrEnum):
    DEADLINE = "DEADLINE"  # the act must happen by the period's last day
    NOTICE_BEFORE = "NOTICE_BEFORE"  # the act must happen at least `length` before a fixed day (the anchor)
    WAITING = "WAITING"  # the act is allowed only after the period has run (ACL 54: 催告书送达十日后)


class Holder(enum.StrEnum):
    """Whose period it is. The office's periods are its work (overdue when missed); the party's windows
    (reconsideration, litigation) are information: the party may use them or not, the office owes nothing."""

    OFFICE = "OFFICE"
    PARTY = "PARTY"


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    name: str
    name_zh: str
    length: int
    unit: Unit
    source: str  # legal source, e.g. "APL 60"
    confidence: str  # H, M or U as in DOMAIN.md
    if_missed: str
    profile_field: str | None = None  # RuleProfile field that overrides `length` (values marked U)
    extension: int = 0  # the longest approved extension, in the same unit (ACL 25: +30 days); 0 = none
    kind: PeriodKind = PeriodKind.DEADLINE
    holder: Holder = Holder.OFFICE

    @property
    def office_work(self) -> bool:
        """A period the office must act within: neither the party's window nor a wait before an act."""
        return self.holder is Holder.OFFICE and self.kind is not PeriodKind.WAITING


def _rules(*rules: DeadlineRule) -> Mapping[str, DeadlineRule]:
    return {r.id: r for r in rules}


WD, CD, MO, HR = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.HOURS
PARTY = Holder.PARTY

DEADLINES: Mapping[str, DeadlineRule] = _rules(
    DeadlineRule("D1", "Limitation period", "追责时效", 2 * 12, MO, "APL 36", "H", "no penalty"),
    DeadlineRule("D1H", "Limitation period where life, health or financial safety was harmed",
                 "涉及生命健康安全、金融安全且有危害后果的追责时效", 5 * 12, MO, "APL 36", "H", "no penalty"),
    DeadlineRule("D2", "Verify lead and decide filing", "核查立案", 15, WD, "APL 54 / SAMR-R 18", "U", "liability",
                 profile_field="filing_decision_working_days", extension=15),
    DeadlineRule("D3", "Approval of an on-the-spot coercive measure", "当场强制措施补批", 24, HR, "ACL 19", "H",
                 "release"),
    DeadlineRule("D4", "Decision on preserved evidence", "先行登记保存处理决定", 7, WD, "APL 56", "H", "lapses"),
    DeadlineRule("D5", "Sealing or seizure", "查封扣押期限", 30, CD, "ACL 25", "H", "release", extension=30),
    DeadlineRule("D7", "Decision after filing", "立案之日起九十日内作出决定", 90, CD, "APL 60", "H",
                 "warning, reversal risk"),
    DeadlineRule("D8", "Legal review", "法制审核", 10, WD, "SAMR-R", "U", "internal",
                 profile_field="legal_review_working_days"),
    DeadlineRule("D9", "Statement and defence window", "陈述申辩期", 5, WD, "SAMR-R / local practice", "M",
                 "may decide after", profile_field="statement_window_working_days"),
    DeadlineRule("D10", "Request a hearing", "听证申请期", 5, WD, "APL 64", "H", "waived"),
    DeadlineRule("D11", "Notify the hearing", "听证通知", 7, WD, "APL 64", "H", "defect",
                 kind=PeriodKind.NOTICE_BEFORE),
    DeadlineRule("D12", "Serve the decision", "决定书送达", 7, WD, "APL 61", "H", "clocks don't start"),
    DeadlineRule("D14", "On-the-spot cash handed to the agency", "当场收缴罚款交至行政机关", 2, WD, "APL 71", "H",
                 "liability"),
    DeadlineRule("D14B", "Agency pays on-the-spot cash into the bank", "行政机关将罚款缴付指定银行", 2, WD,
                 "APL 71", "H", "liability"),
    DeadlineRule("D15", "Pay the fine", "缴纳罚款", 15, CD, "APL 67/72", "H", "surcharge 3 %/day ≤ fine"),
    DeadlineRule("D17", "Disclose the penalty decision", "行政处罚决定公示", 7, WD, "Doc118 / Tianjin", "U",
                 "warning", profile_field="disclosure_working_days"),
    DeadlineRule("D17B", "Disclose other enforcement decisions", "其他执法决定公示", 20, WD, "Doc118 / Tianjin",
                 "U", "warning", profile_field="other_disclosure_working_days"),
    DeadlineRule("D18", "Withdraw the disclosure", "撤回公示", 3, WD, "APL 48", "H", "liability"),
    DeadlineRule("D19", "Party applies for reconsideration", "申请行政复议", 60, CD, "ARL 20", "H",
                 "not accepted", holder=PARTY),
    DeadlineRule("D19L", "Reconsideration when the right to it was not notified", "未告知复议权利的最长申请期限",
                 12, MO, "ARL 20", "H", "not accepted", holder=PARTY),
    DeadlineRule("D21", "Township reply in reconsideration", "复议答复", 10, WD, "ARL 48", "H", "revoked"),
    DeadlineRule("D21S", "Township reply in simplified reconsideration", "简易程序复议答复", 5, WD, "ARL 54", "H",
                 "revoked"),
    DeadlineRule("D23", "Party sues", "提起行政诉讼", 6, MO, "ALL 46", "H", "not accepted",
                 holder=PARTY),
    DeadlineRule("D23R", "Party sues after reconsideration", "复议后提起行政诉讼", 15, CD, "ALL 45", "H",
                 "not accepted", holder=PARTY),
    DeadlineRule("D24", "Apply for court enforcement", "申请法院强制执行", 3, MO, "ACL 53/54", "H", "refused"),
    DeadlineRule("D24D", "Wait after the payment demand before applying to court", "催告书送达十日后申请",
                 10, WD, "ACL 54", "H", "refused", kind=PeriodKind.WAITING),
    DeadlineRule("D28", "Decide on a criminal referral", "决定移送涉嫌犯罪案件", 3, CD, "CTR", "M", "liability"),
    DeadlineRule("D28T", "Transfer an approved criminal referral", "批准后移送公安机关", 24, HR, "CTR", "M",
                 "liability"),
    DeadlineRule("D30", "Rectification reinspection", "整改复查", 7, CD, "order", "U", "escalate",
                 profile_field="default_rectification_days"),
    DeadlineRule("D31", "Platform entry", "监督平台录入", 1, WD, "TJ-Plat", "U", "platform warning"),
    DeadlineRule("D33", "12345 ticket response", "12345工单办理", 5, WD, "hotline rules", "U", "rate drops"),
)
"""Statutory deadlines on the Chinese working-day calendar (DOMAIN.md §3)."""

PARTY_WINDOWS = frozenset(r.id for r in DEADLINES.values() if r.holder is Holder.PARTY)
NOT_OFFICE_WORK = frozenset(r.id for r in DEADLINES.values() if not r.office_work)
# The disclosure clocks a case keeps while its disclosure stream (`disclosure:<case id>:<version>`) runs its own
# D17 under the key "D17": once that stream's clock is satisfied, the case's copy is information.
DISCLOSURE_DEADLINES = frozenset({"D17", "D17B"})


def limitation_deadline_id(harm_to_life_health_or_finance: bool) -> str:
    """APL 36: two years; five where the violation endangered life, health or financial safety with harm."""
    return "D1H" if harm_to_life_health_or_finance else "D1"
