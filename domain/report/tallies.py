"""Campaign tallies (台账) as the reports list them: "清理占道经营10279处、各类堆物6713处、乱贴乱画的小广告9564张".
Each tally keeps its own unit; tallies are listed, never added (DOMAIN.md §5.3).

A tally figure's metric names its violation type (``ROAD_OCCUPATION_VENDING``, optionally prefixed, e.g.
``tally:ROAD_OCCUPATION_VENDING``) and its note carries the ledger's label ("乱贴乱画的小广告及破旧横幅"),
which is written as the town wrote it."""

from __future__ import annotations

from collections.abc import Mapping

from domain.report.wording import amount
from domain.statistics.figures import Figure, Unit

# violation type → (what the town did, what, the counting word for PIECES when not 件)
_PHRASES: Mapping[str, tuple[str, str, str | None]] = {
    "ROAD_OCCUPATION_VENDING": ("清理", "占道经营", None),
    "ILLEGAL_PILING": ("清理", "各类堆物", None),
    "SHOPFRONT_EXTENSION": ("清理", "店面外扩", None),
    "ILLEGAL_POSTING": ("清理", "乱贴乱画的小广告", "张"),
    "OUTDOOR_ADVERTISING": ("清理", "户外广告设施", "个"),
    "SIGNBOARD": ("规范", "广告牌匾", "块"),
    "BANNER": ("清理", "布标幔帐", "件"),
    "SHARED_BIKE_DISORDER": ("规范", "乱停乱放共享单车", None),
    "MUCK_SPILLAGE": ("检查", "渣土撒漏、车轮带泥污染道路", None),
    "OPEN_AIR_BBQ": ("治理", "露天烧烤行为", None),
    "NO_FUME_PURIFIER": ("督促安装", "油烟净化设备", None),
    "GREEN_SPACE_DAMAGE": ("治理", "破坏绿地", None),
    "ILLEGAL_CONSTRUCTION": ("治理", "违法建设", None),
    "ILLEGAL_LAND_USE": ("治理", "违法占地", None),
    "FIRE_LANE_OBSTRUCTION": ("清理", "占用消防通道", None),
    "OPEN_STRAW_BURNING": ("制止", "露天焚烧秸秆", None),
    "CONSTRUCTION_WASTE_DUMPING": ("查处", "倾倒建筑垃圾", None),
    "UNAUTHORIZED_CONSTRUCTION_WASTE_SITE": ("取缔", "擅自设立的弃置场", None),
    "EBIKE_IN_CORRIDOR": ("清理", "楼道内违规停放的电动车", "辆"),
    "ILLEGALLY_PARKED_AD_VEHICLE": ("查处", "违停广告车", None),
    "STOREFRONT_RESPONSIBILITY": ("督促落实", "门前三包", None),
    "FIRE_SAFETY": ("排查", "消防安全隐患", None),
    "BUILDING_SAFETY": ("排查", "房屋安全隐患", None),
    "SEWAGE_DISCHARGE": ("查处", "违法排放污水", None),
    "PIGEON_KEEPING": ("治理", "违规饲养信鸽", None),
    "ILLEGAL_MEDICAL_PRACTICE": ("查处", "非法行医", None),
}


def violation_type_of(figure: Figure) -> str:
    """``tally:ROAD_OCCUPATION_VENDING`` / ``ledger.ROAD_OCCUPATION_VENDING`` → ``ROAD_OCCUPATION_VENDING``."""
    code = figure.metric
    for separator in (":", "/", "."):
        code = code.rsplit(separator, 1)[-1]
    return code.upper()


# A ledger label that already starts with what was done is used as it stands ("取缔占道经营、店外摆卖等行为").
_VERBS = ("清理", "规范", "取缔", "查扣", "检查", "治理", "拆除", "没收", "查处", "督促", "制止", "排查", "联合",
          "整治")


def _verb_and_object(figure: Figure) -> tuple[str, str]:
    """The ledger's own label (the tally figure's note) is the object when given; the table supplies the verb."""
    known = _PHRASES.get(violation_type_of(figure))
    label = figure.note.strip()
    pieces_word = known[2] if known is not None else None
    word = pieces_word if figure.unit is Unit.PIECES and pieces_word is not None else None
    if label:
        if label.startswith(_VERBS):
            return "", f"{label}{amount(figure, word)}"
        verb = known[0] if known is not None else "治理"
        return verb, f"{label}{amount(figure, word)}"
    if known is None:
        return "治理", f"{figure.metric}{amount(figure)}"
    return known[0], f"{known[1]}{amount(figure, word)}"


def tally_clauses(tallies: tuple[Figure, ...]) -> tuple[str, ...]:
    """Consecutive tallies with the same verb share it, as the reports write them:
    ("清理占道经营10279处、各类堆物6713处、乱贴乱画的小广告9564张", "规范乱停乱放共享单车5600余辆次")."""
    groups: list[tuple[str, list[str]]] = []
    for figure in tallies:
        verb, what = _verb_and_object(figure)
        if groups and verb and groups[-1][0] == verb:
            groups[-1][1].append(what)
        else:
            groups.append((verb, [what]))
    return tuple(verb + "、".join(items) for verb, items in groups)
