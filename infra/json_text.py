"""Reading JSON text with orjson without changing a value the standard decoder would read.

orjson reads an integer beyond 64 bits as a float (2**70 → 1.1805916207174113e+21) where the standard decoder
keeps it exact, and refuses what the standard decoder reads (a lone surrogate, NaN, a float out of range). A text
with a run of 19 digits (the first length that can leave 64 bits) or that orjson refuses goes to the standard
decoder; only digits inside strings (an 18-digit credit code is not enough) make that happen needlessly.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_LONG_DIGITS = re.compile(r"[0-9]{19}")
_LONG_DIGITS_BYTES = re.compile(rb"[0-9]{19}")


def orjson_reads_exactly(text: str | bytes) -> bool:
    """False when the text may hold an integer that orjson would read as a float."""
    if isinstance(text, bytes):
        return _LONG_DIGITS_BYTES.search(text) is None
    return _LONG_DIGITS.search(text) is None


def loads(text: str | bytes) -> Any:
    """`json.loads(text)`, by orjson where that gives the same value."""
    if orjson_reads_exactly(text):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)
