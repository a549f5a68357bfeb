"""Temporal's default payload converter with its ``json/plain`` member written and read by orjson.

The default member encodes a dataclass with ``dataclasses.asdict`` (a deep copy) and then ``json.dumps`` with
``ensure_ascii`` (six bytes for every Chinese character); on a stream's start input, which carries the town's whole
decision context, that was several milliseconds of client CPU and twice the bytes the server persists.

Compatible both ways, so no history needs migrating: payloads keep the ``json/plain`` encoding and the same JSON
values; decoding rebuilds the type hint with Temporal's own ``value_to_type``. Whatever orjson refuses or would
read differently — integers beyond 64 bits (orjson reads them as floats: see ``infra.json_text``), non-string
dict keys, ``NaN`` written by the default converter, lone surrogates — goes through the default member unchanged.
"""

from __future__ import annotations

from typing import Any

import orjson
from temporalio.api.common.v1 import Payload
from temporalio.converter import (
    AdvancedJSONEncoder,
    CompositePayloadConverter,
    DefaultPayloadConverter,
    JSONPlainPayloadConverter,
    value_to_type,
)

from infra.json_text import orjson_reads_exactly

_ENCODING = b"json/plain"
# A class attribute by which a value asks to be stored by its content (`infra.temporal.claims`), and the metadata
# that says so to the codec.
CLAIMABLE_ATTRIBUTE = "payload_claimable"
CLAIMABLE = "zhifa-claimable"
_OPTIONS = orjson.OPT_SORT_KEYS
_FALLBACK_ENCODER = AdvancedJSONEncoder()


def _default(value: Any) -> Any:
    """What orjson does not serialise natively (sets, objects with ``dict()``), as the default encoder does."""
    return _FALLBACK_ENCODER.default(value)


class OrjsonPlainPayloadConverter(JSONPlainPayloadConverter):
    def to_payload(self, value: Any) -> Payload | None:
        try:
            data = orjson.dumps(value, default=_default, option=_OPTIONS)
        except TypeError:  # e.g. a 65-bit integer or an int dict key: the default member's JSON, as before
            return super().to_payload(value)
        if getattr(type(value), CLAIMABLE_ATTRIBUTE, False):
            return Payload(metadata={"encoding": _ENCODING, CLAIMABLE: b"content"}, data=data)
        return Payload(metadata={"encoding": _ENCODING}, data=data)

    def from_payload(self, payload: Payload, type_hint: type | None = None) -> Any:
        if not orjson_reads_exactly(payload.data):  # an integer past 64 bits: orjson would read a float
            return super().from_payload(payload, type_hint)
        try:
            obj = orjson.loads(payload.data)
        except orjson.JSONDecodeError:  # JSON that only the standard library reads (NaN, lone surrogates)
            return super().from_payload(payload, type_hint)
        return value_to_type(type_hint, obj, self._custom_type_converters) if type_hint else obj


class PayloadConverter(CompositePayloadConverter):
    """The default converters in the default order, with orjson for ``json/plain``."""

    def __init__(self) -> None:
        super().__init__(*(OrjsonPlainPayloadConverter() if type(c) is JSONPlainPayloadConverter else c
                           for c in DefaultPayloadConverter.default_encoding_payload_converters))
