"""What may be published of a decision (公示): personal information masked as the disclosure rules require.

Masked wherever they occur, in structured fields and inside free text (facts, grounds, statements):
- resident identity numbers, 18-digit (with or without a valid check character) and 15-digit: the region code
  (first six digits) stays, the birth date and sequence are starred;
- bank card and account numbers (any run of 12 or more digits, also written in groups): all but the last four
  digits starred;
- mobile numbers (first three and last four digits stay), landlines (the area code stays) and any number given
  after a phone cue (电话, 手机, 联系方式, …);
- home addresses: house, building, unit and room numbers after a road, street, village or estate name are
  replaced by ``***``; a citizen's own address keeps only its administrative part (市/区/镇/街道);
- names of people other than the penalised party (witnesses, neighbours, complainants, relatives, staff): the
  surname stays, followed by 某.
The penalised party's own name is published; an organisation's unified social credit code and registered
address are public and stay. The party's phone number is never published.
Everything here is pure and deterministic: the same decision always gives the same published text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from domain.disclosure.identifiers import is_id_number_15
from domain.values import Party, PartyType

STARS = "***"

# Common Chinese surnames (compound ones first, so 欧阳 is not read as 欧 + given name).
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "慕容", "东方", "皇甫", "尉迟", "公孙", "令狐", "宇文", "长孙",
                     "夏侯", "司徒", "端木", "独孤", "南宫", "西门", "澹台", "轩辕")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Words naming a person other than the party; a name right after one of them is masked.
ROLE_WORDS = (
    "目击证人", "证人", "见证人", "目击者", "邻居", "村民", "居民", "群众", "路人", "报案人", "举报人", "投诉人",
    "反映人", "受害人", "被害人", "同事", "家属", "亲属", "妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "哥哥",
    "弟弟", "姐姐", "妹妹", "工作人员", "员工", "雇员", "店员", "保安", "司机", "租户", "承租人", "房东", "出租人",
    "业主", "网格员", "村委会主任", "村支书", "名叫", "姓名",
)
# Characters that end a name in running text (verbs and particles that follow a name).
_STOP = frozenset("称说反证介表讲在于向和与及等的了是也都均报举投提到看听述确住经因从"
                  "被将把对给签作已驾骑拨打指供系某、，。；：,;:（）() ")
# Surnames that are mostly function words right after a role word (工作人员向当事人…) are not read as names.
_NOT_SURNAMES = frozenset("于向和")

_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{11}[\dXx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])(\d{15})(?![0-9A-Za-z])")
_GROUPED = re.compile(r"(?<![0-9])\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?(?![0-9])")
_LONG_DIGITS = re.compile(r"(?<![0-9])\d{12,}(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ \-]?)?(1[3-9]\d)[ \-]?(\d{4})[ \-]?(\d{4})(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])(\(?0\d{2,3}\)?)[ \-]?([2-9]\d{6,7})((?:[-转]\d{1,5})?)(?![0-9])")
_PHONE_CUE = re.compile(r"(电话号码|联系电话|联系方式|电话|手机号码|手机号|手机|座机|固话|[Tt][Ee][Ll])([:：\s]*)"
                        r"([0-9][0-9 \-]{5,}[0-9])")
_PLACE_SUFFIX = ("小区", "花园", "家园", "公寓", "大厦", "社区", "新村", "胡同", "大街", "大道", "路", "街", "道", "巷",
                 "弄", "里", "村", "庄", "屯", "苑", "园", "城", "楼")
_NUM = "[0-9０-９一二三四五六七八九十百零〇]+"
_UNIT = "(?:号楼|号院|号|排|栋|幢|座|门|单元|层|楼|室|户|组)"
_ADDRESS = re.compile(
    "(" + "|".join(_PLACE_SUFFIX) + ")"
    f"((?:{_NUM}(?:[-－][0-9A-Za-z]+)*{_UNIT})+(?:[0-9]+)?|[0-9]+(?:[-－][0-9]+){{1,3}})"
)
_ADMIN = re.compile(r"省|市|县|旗|镇|乡|街道|(?<![小社园校景厂城街])区")
_NAME_LIST_SEPARATORS = "、和及与,，"
_ROLE = re.compile("|".join(sorted(ROLE_WORDS, key=len, reverse=True)))


def _star_digits(text: str, keep_last: int = 0) -> str:
    """Every digit starred except the last `keep_last`; separators stay."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit() or ch in "Xx"]
    hidden = set(digits[:len(digits) - keep_last] if keep_last else digits)
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def mask_id_number(value: str) -> str:
    """A resident identity number with only its region code (first six digits) visible."""
    return value[:6] + "*" * (len(value) - 6) if len(value) > 6 else "*" * len(value)


def mask_address(value: str) -> str:
    """A home address cut to its administrative part (up to the township or street office)."""
    ends = [m.end() for m in _ADMIN.finditer(value)]
    prefix = value[:ends[-1]] if ends else ""
    return prefix + STARS if prefix != value else value


def mask_name(name: str) -> str:
    """张三丰 → 张某: the surname stays."""
    for surname in COMPOUND_SURNAMES:
        if name.startswith(surname):
            return surname + "某"
    return (name[:1] + "某") if name else name


def _mask_ids(text: str) -> str:
    text = _ID18.sub(lambda m: m.group(1) + "*" * 12, text)
    return _ID15.sub(lambda m: mask_id_number(m.group(1)) if is_id_number_15(m.group(1)) else m.group(1), text)


def _mask_numbers(text: str) -> str:
    text = _GROUPED.sub(lambda m: _star_digits(m.group(0), keep_last=4), text)
    text = _LONG_DIGITS.sub(lambda m: _star_digits(m.group(0), keep_last=4), text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = _LANDLINE.sub(lambda m: f"{m.group(1)}-{'*' * len(m.group(2))}{_star_digits(m.group(3))}", text)
    return _PHONE_CUE.sub(lambda m: m.group(1) + m.group(2) + _star_digits(m.group(3)), text)


def _mask_addresses(text: str) -> str:
    return _ADDRESS.sub(lambda m: m.group(1) + STARS, text)


def _surname_at(text: str, index: int) -> str | None:
    if index >= len(text) or text[index] in _NOT_SURNAMES:
        return None
    for surname in COMPOUND_SURNAMES:
        if text.startswith(surname, index):
            return surname
    return text[index] if text[index] in SURNAMES else None


def _name_at(text: str, index: int) -> str | None:
    """The name starting at `index` (surname plus one or two given characters, ending before a stop character)."""
    surname = _surname_at(text, index)
    if surname is None:
        return None
    given = ""
    for ch in text[index + len(surname): index + len(surname) + 2]:
        if ch in _STOP or not ("\u4e00" <= ch <= "\u9fff"):
            break
        given += ch
    return surname + given if given else None


def _mask_role_names(text: str, keep: frozenset[str]) -> str:
    out: list[str] = []
    done = 0
    for role in _ROLE.finditer(text):
        if role.start() < done:
            continue
        i = role.end()
        while i < len(text) and text[i] in "：: ":
            i += 1
        out.append(text[done:i])
        done = i
        while True:
            name = _name_at(text, i)
            if name is None or any(name.startswith(k) or k.startswith(name) for k in keep):
                break
            out.append(mask_name(name))
            i = done = i + len(name)
            if i < len(text) and text[i] in _NAME_LIST_SEPARATORS and _name_at(text, i + 1):
                out.append(text[i])
                i = done = i + 1
                continue
            break
    out.append(text[done:])
    return "".join(out)


@dataclass(frozen=True)
class Masker:
    """Masks the free text of one decision. `keep_names`: published as they are (the penalised party);
    `private_values`: known values replaced wherever they occur (the party's own identifiers, named third
    parties), each with its masked form."""

    keep_names: frozenset[str] = frozenset()
    private_values: tuple[tuple[str, str], ...] = ()

    def text(self, value: str) -> str:
        for raw, masked in self.private_values:
            if raw:
                value = value.replace(raw, masked)
        value = _mask_ids(value)
        value = _mask_numbers(value)
        value = _mask_addresses(value)
        return _mask_role_names(value, self.keep_names)

    def texts(self, values: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.text(v) for v in values)


def masker_for(party: Party | None, third_parties: Iterable[str] = ()) -> Masker:
    """The masker of a decision about `party`, with the names of other people known to the case."""
    known: list[tuple[str, str]] = []
    keep: frozenset[str] = frozenset()
    if party is not None:
        keep = frozenset({party.name}) if party.name else frozenset()
        if party.party_type is PartyType.CITIZEN:
            if party.id_number:
                known.append((party.id_number, mask_id_number(party.id_number)))
            if party.address:
                known.append((party.address, mask_address(party.address)))
        if party.phone:
            masked = _mask_numbers(party.phone)
            known.append((party.phone, masked if masked != party.phone else _star_digits(party.phone, keep_last=4)))
    for name in third_parties:
        if name and name not in keep:
            known.append((name, mask_name(name)))
    # Longest first, so a value containing another is replaced whole.
    return Masker(keep_names=keep, private_values=tuple(sorted(known, key=lambda pair: -len(pair[0]))))
