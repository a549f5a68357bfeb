"""The onboarding workbook's sheets as data: each sheet is one register's records (or the nested parts of another
sheet's records: units of towns, certificates of officers, items of catalogs and soft lists), each column one
field, with its Chinese header, how a cell is read, and for enumerations the values a drop-down offers."""

from __future__ import annotations

import dataclasses
import enum
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.profile import RuleProfile
from domain.reference import ProcedureProfile, Role, StaffCategory
from domain.values import PartyType, Sanction, SoftOutcome


class Cell(enum.Enum):
    TEXT = "text"
    DAY = "day"  # a date cell or YYYY-MM-DD
    YUAN = "yuan"  # yuan in the sheet, fen in the record
    LIST = "list"  # values separated by commas or 、
    FLAG = "flag"  # 是/否
    INTEGER = "integer"


@dataclass(frozen=True)
class Column:
    name: str  # the field name in row 1 (what the import reads)
    zh: str
    cell: Cell = Cell.TEXT
    field: str = ""  # the record's field when it differs (fine_min_yuan → fine_min_fen)
    choices: tuple[str, ...] = ()
    required: bool = True

    @property
    def target(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class Nested:
    """Rows that belong to a record of another sheet: `parent_column` names it, `into` is the record's list."""

    sheets: tuple[str, ...]  # where the parent may be listed, in order
    parent_column: str
    into: str


@dataclass(frozen=True)
class Grouped:
    """Rows that share a record: the `key` column names it; `header` columns are the record's own fields
    (equal on every row of the group), the others those of the item it lists under `into`."""

    key: str
    header: tuple[str, ...]
    into: str = "items"


@dataclass(frozen=True)
class Sheet:
    name: str
    register: str  # the register its records are put in ("" for nested rows)
    columns: tuple[Column, ...]
    nested: Nested | None = None
    grouped: Grouped | None = None

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def by_target(self, field: str) -> Column | None:
        return next((c for c in self.columns if c.target == field), None)


def _values(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in kind)


def _optional(column: Column) -> Column:
    return dataclasses.replace(column, required=False)


FINES = (_optional(Column("fine_min_yuan", "罚款下限（元）", Cell.YUAN, field="fine_min_fen")),
         _optional(Column("fine_max_yuan", "罚款上限（元）", Cell.YUAN, field="fine_max_fen")))


def _profile_columns() -> tuple[Column, ...]:
    hints = typing.get_type_hints(RuleProfile)
    columns = []
    for f in dataclasses.fields(RuleProfile):
        hint = hints[f.name]
        choices = _values(hint) if isinstance(hint, type) and issubclass(hint, enum.Enum) else ()
        cell = Cell.INTEGER if hint is int else Cell.TEXT
        columns.append(Column(f.name, f.name, cell, choices=choices, required=False))
    return tuple(columns)


SHEETS: Sequence[Sheet] = (
    Sheet("区", "districts", (Column("code", "区代码"), Column("name", "区司法局/区名称"))),
    Sheet("镇街", "towns", (Column("code", "镇街代码"), Column("name", "镇街名称"), Column("district", "所属区代码"),
                           _optional(Column("catalog", "采用的执法事项目录")))),
    Sheet("执法单位", "", (Column("town", "所属镇街或区代码"), Column("code", "单位代码"), Column("name", "单位名称")),
          nested=Nested(("镇街", "区"), "town", "units")),
    Sheet("人员", "officers", (
        Column("id", "人员编号"), Column("name", "姓名"), Column("town", "所属镇街或区代码"),
        Column("unit", "所在单位代码"),
        Column("category", "人员类别", choices=_values(StaffCategory)),
        _optional(Column("roles", "岗位角色", Cell.LIST, choices=_values(Role))),
        _optional(Column("legal_qualification", "法律职业资格", Cell.FLAG)),
        _optional(Column("joined_on", "入职日期", Cell.DAY)), _optional(Column("left_on", "离职日期", Cell.DAY)))),
    Sheet("执法证", "", (Column("officer", "人员编号"), Column("number", "执法证号"),
                        Column("issued_on", "发证日期", Cell.DAY),
                        _optional(Column("expires_on", "有效期至", Cell.DAY)),
                        _optional(Column("cancelled_on", "注销日期", Cell.DAY))),
          nested=Nested(("人员",), "officer", "certificates")),
    Sheet("违法类型", "violation_types", (Column("code", "违法类型代码"), Column("name", "违法类型名称"),
                                        Column("domain", "执法领域"))),
    Sheet("执法事项目录", "catalogs", (
        Column("id", "目录编号"), Column("district", "所属区代码"), Column("version", "目录版本"),
        Column("effective_from", "施行日期", Cell.DAY), Column("code", "事项编码"), Column("name", "事项名称"),
        Column("domain", "执法领域"), Column("violation_types", "违法类型", Cell.LIST),
        Column("legal_basis", "违法依据"), Column("penalty_basis", "处罚依据"),
        Column("procedure_profile", "程序类型", choices=_values(ProcedureProfile)),
        Column("sanctions", "处罚种类", Cell.LIST, choices=_values(Sanction)), *FINES,
        _optional(Column("party_types", "适用对象", Cell.LIST, choices=_values(PartyType)))),
          grouped=Grouped("id", ("district", "version", "effective_from"))),
    Sheet("裁量基准", "benchmarks", (
        Column("id", "基准编号"), _optional(Column("town", "适用镇街代码（空=全部）")), Column("item_code", "事项编码"),
        Column("severity", "情节", choices=("轻微", "一般", "较重", "严重")),
        dataclasses.replace(FINES[0], required=True), dataclasses.replace(FINES[1], required=True),
        _optional(Column("description", "说明")))),
    Sheet("轻微免罚清单", "soft_lists", (
        Column("list_version", "清单版本"), Column("town", "镇街代码"), Column("effective_from", "施行日期", Cell.DAY),
        Column("id", "条目编号"), Column("item_code", "事项编码"),
        Column("outcome", "处理方式", choices=_values(SoftOutcome)),
        Column("description", "情形")),
          grouped=Grouped("list_version", ("town", "effective_from"))),
    Sheet("规则配置", "profiles", (Column("town", "镇街代码"), *_profile_columns())),
)

SHEETS_BY_NAME: Mapping[str, Sheet] = {s.name: s for s in SHEETS}
