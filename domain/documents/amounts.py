"""Money as a document writes it: 1000元 in figures and 壹仟元整 in capitals (大写), from integer fen."""

from __future__ import annotations

from domain.report.wording import yuan

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def figures(fen: int) -> str:
    """48114060 → 481140.6元."""
    return f"{yuan(fen)}元"


def capitals(fen: int) -> str:
    """100000 → 壹仟元整; 150050 → 壹仟伍佰元零伍角; 1 → 壹分 (the form of bank and finance documents)."""
    if fen < 0:
        raise ValueError(f"a negative amount cannot be written in capitals: {fen}")
    whole, rest = divmod(fen, 100)
    jiao, fen_part = divmod(rest, 10)
    head = _whole_yuan(whole) + "元" if whole else ""
    if not rest:
        return (head or "零元") + "整"
    tail = ""
    if jiao:
        tail += _DIGITS[jiao] + "角"
    elif head:
        tail += "零"
    if fen_part:
        tail += _DIGITS[fen_part] + "分"
    return head + tail


def _whole_yuan(value: int) -> str:
    groups: list[int] = []
    while value:
        value, group = divmod(value, 10_000)
        groups.append(group)
    out = ""
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or group < 1000):
            out += "零"
        out += _group(group) + _BIG_UNITS[index]
        zero_pending = False
    return out


def _group(value: int) -> str:
    """0 < value < 10000 in capitals, with one 零 for each run of zeros inside (1001 → 壹仟零壹)."""
    digits = [int(d) for d in str(value)]
    out, zero = "", False
    for position, digit in enumerate(digits):
        unit = _SMALL_UNITS[len(digits) - 1 - position]
        if digit == 0:
            zero = True
            continue
        if zero and out:
            out += "零"
        out += _DIGITS[digit] + unit
        zero = False
    return out
