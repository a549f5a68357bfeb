"""One spreadsheet row per closed case (台账 of a past year), expanded into the dated steps of its procedure, as an
officer would have entered them: a general case from lead to closing, a simple case decided on the spot, a
rectification order from issue to reinspection. Each step remembers the columns it was made from, so a step the
deciders refuse is reported at its sheet, row and column.

Steps on one day follow each other an hour apart from 09:00 (Asia/Shanghai), so a row always expands into the same
steps at the same times: importing the same workbook twice appends nothing the second time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Shanghai")
Row = Mapping[str, Any]  # field name → converted cell value (date, int fen, str); absent when blank


class RowRejected(ValueError):
    """A row that cannot be expanded (a missing or out-of-order date): the column to fix."""

    def __init__(self, column: str, message: str) -> None:
        self.column = column
        super().__init__(message)


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Chinese header shown above the field name
    kind: str = "text"  # text | date | yuan | int | enum
    required: bool = True
    choices: str = ""  # enum: the name of the value list (PARTY_TYPES, VIOLATION_TYPES, UNITS, RESULTS)
    example: Any = ""


@dataclass(frozen=True)
class Step:
    raw: dict[str, Any]
    columns: tuple[str, ...]  # the first is the step's date column; the others the fields it was made from


@dataclass(frozen=True)
class Sheet:
    title: str
    kind: str  # the bulk-import kind
    columns: tuple[Column, ...]
    expand: Callable[[Row, str], list[Step]]  # (row, town) → steps
    id_field: str = "case_id"


class _Clock:
    def __init__(self) -> None:
        self.day: date | None = None
        self.hour = 9

    def at(self, day: date, column: str) -> str:
        if self.day is not None and day < self.day:
            raise RowRejected(column, f"{day.isoformat()} is before the step before it ({self.day.isoformat()})")
        self.day, self.hour = (day, 9) if day != self.day else (day, self.hour + 1)
        return datetime.combine(day, time(self.hour), LOCAL).isoformat()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _party(row: Row) -> dict[str, Any]:
    return {"name": row["party_name"], "party_type": row.get("party_type", "CITIZEN")}


@dataclass
class _Builder:
    row: Row
    clock: _Clock = field(default_factory=_Clock)
    steps: list[Step] = field(default_factory=list)

    def add(self, column: str, command: str, actors: list[str], *used: str, **fields: Any) -> None:
        day = self.row.get(column)
        if not isinstance(day, date):
            raise RowRejected(column, "required")
        raw = {"command": command, "occurred_at": self.clock.at(day, column), "actors": actors, **fields}
        self.steps.append(Step(raw, (column, *used)))


_PARTY = (Column("party_name", "当事人", example="某某"),
          Column("party_type", "当事人类型", "enum", required=False, choices="PARTY_TYPES", example="CITIZEN"))


def _who(*names: str) -> tuple[Column, ...]:
    headers = {"case_lead": "主办人（执法证编号）", "officer": "协办人", "reviewer": "法制审核人",
               "principal": "负责人（作出决定）"}
    examples = {"case_lead": "ylq-lead-1", "officer": "ylq-officer-1", "reviewer": "ylq-reviewer-1",
                "principal": "ylq-principal-1"}
    return tuple(Column(n, headers[n], required=n != "reviewer", example=examples[n]) for n in names)


GENERAL_COLUMNS = (
    Column("case_id", "案件编号", example="示例-2022-001"),
    Column("unit", "执法单位", "enum", choices="UNITS", example="yangliuqing-bureau"),
    *_PARTY,
    Column("violation_type", "违法行为类型", "enum", choices="VIOLATION_TYPES", example="ILLEGAL_PILING"),
    Column("enforcement_item", "执法事项编码", example="SR-PILING"),
    Column("place", "违法地点", example="杨柳青镇某街1号"),
    Column("lead_date", "线索发现日期", "date", example=date(2022, 3, 1)),
    Column("filing_date", "立案日期", "date", example=date(2022, 3, 2)),
    Column("case_no", "立案编号", example="西青杨柳青立〔2022〕1号"),
    Column("decision_date", "处罚决定日期", "date", example=date(2022, 3, 10)),
    Column("decision_no", "处罚决定书文号", example="西青杨柳青罚〔2022〕1号"),
    Column("fine_yuan", "罚款金额（元）", "yuan", example=500),
    Column("service_date", "送达日期", "date", example=date(2022, 3, 11)),
    Column("disclosure_date", "公示日期", "date", required=False, example=date(2022, 3, 14)),
    Column("payment_date", "缴款日期", "date", required=False, example=date(2022, 3, 15)),
    Column("closing_date", "结案日期", "date", required=False, example=date(2022, 3, 16)),
    *_who("case_lead", "officer", "reviewer", "principal"),
)


def expand_general(row: Row, town: str) -> list[Step]:
    """Lead → filing → investigation → report → legal review (when a reviewer is named) → prior notice, statement
    waived → decision → document → service → disclosure, payment and closing when their dates are given."""
    b = _Builder(row)
    case_id, lead, officer, principal = row["case_id"], row["case_lead"], row["officer"], row["principal"]
    pair, fine = [lead, officer], int(row["fine_yuan"])
    lead_at = datetime.combine(row["lead_date"], time(9), LOCAL).isoformat() if "lead_date" in row else ""
    b.add("lead_date", "RegisterLead", [officer], "case_id", "unit", "party_name", "party_type", "violation_type",
          "place", case_id=case_id, town=town, unit=row["unit"], source="INSPECTION", discovered_at=lead_at,
          party=_party(row), violation_type=row["violation_type"], place=row["place"])
    b.add("filing_date", "FileCase", [principal], "case_no", "enforcement_item", "case_lead", "officer",
          "principal", case_no=row["case_no"], enforcement_item=row["enforcement_item"], officers=pair,
          case_lead=lead)
    b.add("filing_date", "StartInvestigation", [lead], "case_lead")
    b.add("filing_date", "RecordSite", pair, "place", record_id=f"{case_id}-site", place=row["place"],
          record_hash=_sha(case_id), av_ref=f"av/{case_id}")
    proposal = {"decision_type": "PENALTY", "sanctions": ["FINE"], "fine_amount_fen": fine, "modifier": "NONE",
                "grounds": "事实清楚，证据确凿"}
    b.add("decision_date", "SubmitInvestigationReport", [lead], "fine_yuan", proposal=proposal, findings="调查终结")
    if row.get("reviewer"):
        b.add("decision_date", "RequestLegalReview", [lead], "case_lead")
        b.add("decision_date", "CompleteLegalReview", [row["reviewer"]], "reviewer", outcome="APPROVED",
              proposal_hash="$proposal_hash", opinion="事实清楚，适用法律正确")
    b.add("decision_date", "ServePriorNotice", pair, notice_no=f"{case_id}-告")
    b.add("decision_date", "WaiveStatement", [lead])
    b.add("decision_date", "MakeDecision", [principal], "principal", "fine_yuan", decision_type="PENALTY",
          sanctions=["FINE"], fine_amount_fen=fine, modifier="NONE")
    b.add("decision_date", "IssueDecisionDocument", [lead], "decision_no", document_no=row["decision_no"])
    b.add("service_date", "ServeDecision", pair, "party_name", method="DIRECT", recipient=row["party_name"])
    if "disclosure_date" in row:
        b.add("disclosure_date", "RecordDecisionDisclosure", [officer], channel="天津市行政执法监督平台")
    if "payment_date" in row:
        b.add("payment_date", "ReceivePayment", [lead], "fine_yuan", amount_fen=fine, channel="BANK",
              receipt_no=f"{case_id}-缴")
    if "closing_date" in row:
        b.add("closing_date", "CloseCase", [principal], "principal", summary="罚款已缴清" if "payment_date" in row
              else "结案")
    return b.steps


SIMPLE_COLUMNS = (
    Column("case_id", "案件编号", example="示例-2022-简-001"),
    Column("unit", "执法单位", "enum", choices="UNITS", example="yangliuqing-bureau"),
    *_PARTY,
    Column("violation_type", "违法行为类型", "enum", choices="VIOLATION_TYPES", example="ROAD_OCCUPATION_VENDING"),
    Column("item_code", "执法事项编码", example="SR-ROAD-OCCUPATION"),
    Column("place", "违法地点", example="杨柳青镇某街2号"),
    Column("decision_date", "当场处罚日期", "date", example=date(2022, 4, 1)),
    Column("decision_no", "当场处罚决定书编号", example="西青杨柳青简〔2022〕1号"),
    Column("fine_yuan", "罚款金额（元）", "yuan", example=50),
    Column("legal_basis", "法律依据", required=False, example="《天津市市容和环境卫生管理条例》"),
    *_who("case_lead", "officer"),
)


def expand_simple(row: Row, town: str) -> list[Step]:
    b = _Builder(row)
    b.add("decision_date", "DecideOnTheSpot", [row["case_lead"], row["officer"]], "case_id", "unit", "party_name",
          "party_type", "violation_type", "item_code", "place", "decision_no", "fine_yuan", "legal_basis",
          "case_lead", "officer",
          case_id=row["case_id"], town=town, unit=row["unit"], party=_party(row),
          violation_type=row["violation_type"], place=row["place"], item_code=row["item_code"],
          certificates_shown=True, facts="当场查明", reasons="违反规定",
          legal_basis=row.get("legal_basis", "《天津市市容和环境卫生管理条例》"), rights_notice="告知陈述申辩权",
          decision_number=row["decision_no"], facts_certain=True, sanctions=["FINE"],
          fine_fen=int(row["fine_yuan"]), reconsideration_first_notice="对本决定不服的，可以依法申请行政复议",
          statement_waived=True)
    return b.steps


RECTIFICATION_COLUMNS = (
    Column("order_id", "责令改正通知书编号", example="示例-2022-责-001"),
    Column("unit", "执法单位", "enum", choices="UNITS", example="yangliuqing-bureau"),
    *_PARTY,
    Column("violation_type", "违法行为类型", "enum", choices="VIOLATION_TYPES", example="ILLEGAL_PILING"),
    Column("place", "违法地点", example="杨柳青镇某街3号"),
    Column("description", "违法事实", example="占用公共通道堆放杂物"),
    Column("requirement", "改正要求", example="清理堆物"),
    Column("legal_basis", "法律依据", example="《天津市市容和环境卫生管理条例》"),
    Column("issue_date", "下达日期", "date", example=date(2022, 5, 1)),
    Column("deadline_days", "改正期限（日）", "int", example=7),
    Column("reinspection_date", "复查日期", "date", example=date(2022, 5, 8)),
    Column("result", "复查结果", "enum", choices="RESULTS", example="COMPLIED"),
    *_who("case_lead", "officer"),
)


def expand_rectification(row: Row, town: str) -> list[Step]:
    """Issue → reinspection due (reported by the party when before the deadline) → complied or not."""
    b = _Builder(row)
    pair = [row["case_lead"], row["officer"]]
    b.add("issue_date", "IssueRectificationOrder", pair, "order_id", "unit", "party_name", "party_type",
          "violation_type", "place", "description", "requirement", "legal_basis", "deadline_days",
          order_id=row["order_id"], town=town, unit=row["unit"], party=_party(row),
          violation_type=row["violation_type"], place=row["place"], description=row["description"],
          requirement=row["requirement"], legal_basis=row["legal_basis"], deadline_days=row["deadline_days"])
    # D30 runs in calendar days and falls due the day after the period's last day: a reinspection within the
    # period is one the party asked for, having reported the correction done.
    last_day = row["issue_date"] + timedelta(days=int(row["deadline_days"]))
    reinspected = row.get("reinspection_date")
    early = isinstance(reinspected, date) and reinspected <= last_day
    b.add("reinspection_date", "MarkReinspectionDue", [row["case_lead"]], party_reported=early)
    command = "RecordCompliance" if row["result"] == "COMPLIED" else "RecordNonCompliance"
    b.add("reinspection_date", command, pair, "result", site_record="复查记录")
    return b.steps


SHEETS: Mapping[str, Sheet] = {s.title: s for s in (
    Sheet("一般程序", "GENERAL_CASE", GENERAL_COLUMNS, expand_general),
    Sheet("简易程序", "SIMPLE_CASE", SIMPLE_COLUMNS, expand_simple),
    Sheet("责令改正", "RECTIFICATION", RECTIFICATION_COLUMNS, expand_rectification, id_field="order_id"),
)}
RESULTS = ("COMPLIED", "NOT_COMPLIED")
PARTY_TYPES = ("CITIZEN", "ORGANIZATION")
EXAMPLE_PREFIX = "示例"  # the template's example row: skipped on import
