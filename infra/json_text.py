"""Reading and writing JSON text with orjson without changing a value the standard codec would read or write.

orjson reads an integer beyond 64 bits as a float (2**70 → 1.1805916207174113e+21) where the standard decoder
keeps it exact, and refuses what the standard decoder reads (a lone surrogate, NaN, a float out of range). A text
with a run of 19 digits (the first length that can leave 64 bits) where a number can start, or that orjson
refuses, goes to the standard decoder; a run inside a string only does when it follows what a number could (", ").

Writing, orjson refuses what it cannot write exactly (an integer past 64 bits, a lone surrogate, a key that is not a
string, nesting past 254 levels) and the standard encoder takes those, as before; but it writes NaN and ±infinity as
`null`, which the stored text must never say. A text holding `null` is read back and compared with the value: a
value with NaN or infinity in it (or a tuple, which reads back as a list) differs, and the standard encoder then
writes it (or refuses it, for NaN) exactly as it always did. Of the other types the standard encoder refuses,
orjson writes a UUID as its text and an enum member as its value (none is stored here; times and dataclasses are
refused as before).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

# Every ASCII digit as "0" and every other byte as a space: a run of 19 digits is then a plain substring search, in
# C (a regular expression for the run, which has no literal to scan for, cost twice orjson's parse of the text).
_DIGITS_ONLY = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_LONG_RUN = b"0" * 19
# What a number follows in JSON (before its minus sign, if any): a run after anything else is inside a string —
# the genesis hash (64 zeros, the previous hash of every stream's first event), a hash's hex digits, an ID
# number — and orjson reads strings exactly.
_BEFORE_A_NUMBER = frozenset(b"[:, \t\n\r")


_ORJSON_REFUSES = TypeError  # orjson.JSONEncodeError is one
# Times and dataclasses, which orjson would write and the standard encoder refuses, are refused as before.
_REFUSED_AS_BEFORE = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, allow_nan=False)`, by orjson where the text reads back as the same
    value (the separators differ: no spaces)."""
    try:
        text = orjson.dumps(value, option=_REFUSED_AS_BEFORE)
    except _ORJSON_REFUSES:
        return _standard_dumps(value)
    if b"null" in text and orjson.loads(text) != value:
        return _standard_dumps(value)
    return text.decode()


def _standard_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def orjson_reads_exactly(text: str | bytes) -> bool:
    """False when the text may hold an integer that orjson would read as a float: a run of 19 ASCII digits where
    a number can start (a run inside a string may make this say False needlessly, never True wrongly)."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    digits = data.translate(_DIGITS_ONLY)
    at = digits.find(_LONG_RUN)
    while at != -1:  # `at` begins a run: the first search starts at the text's start, the next ones past a run
        before = at - 2 if at >= 1 and data[at - 1] == 0x2D else at - 1  # past a minus sign
        if before < 0 or data[before] in _BEFORE_A_NUMBER:
            return False
        end = digits.find(b" ", at)
        at = -1 if end == -1 else digits.find(_LONG_RUN, end)
    return True


def loads(text: str | bytes) -> Any:
    """`json.loads(text)`, by orjson where that gives the same value."""
    if orjson_reads_exactly(text):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)
