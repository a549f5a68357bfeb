"""Temporal's default payload converter with its ``json/plain`` member written and read by orjson.

The default member encodes a dataclass with ``dataclasses.asdict`` (a deep copy) and then ``json.dumps`` with
``ensure_ascii`` (six bytes for every Chinese character); on a stream's start input, which carries the town's whole
decision context, that was several milliseconds of client CPU and twice the bytes the server persists.

Compatible both ways, so no history needs migrating: payloads keep the ``json/plain`` encoding and the same JSON
values; decoding rebuilds the type hint with Temporal's own ``value_to_type``. Whatever orjson refuses or would
read differently — integers beyond 64 bits (orjson reads them as floats: see ``infra.json_text``), non-string
dict keys, ``NaN`` written by the default converter, lone surrogates — goes through the default member unchanged.

Two costs it keeps off the hot path, measured on B1's inspections (decoding inside the workflow sandbox, where
every ``isinstance`` goes through the sandbox's wrapper): a claimable value — a stream's decision context, the
same ~34 KB for every stream of a town — is encoded once per object and decoded once per content (shared by
every run that decodes the same bytes: claimable values are immutable once built), and dataclass type hints are
resolved once per class (``typing.get_type_hints`` evaluates every annotation string again on each call).
Together they were ~1.5 ms of the worker's CPU per inspection.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import orjson
from temporalio.api.common.v1 import Payload
from temporalio.converter import (
    AdvancedJSONEncoder,
    CompositePayloadConverter,
    DefaultPayloadConverter,
    JSONPlainPayloadConverter,
    JSONTypeConverter,
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
# Bounded by clearing when full (dicts, so threads decoding at once need no lock): contexts are one per town, kind
# and data version; hints one per dataclass (a class re-imported by each sandbox counts once per sandbox).
KEPT = 64
HINTS_KEPT = 512
_ENCODED: dict[int, tuple[Any, bytes]] = {}  # id → (the value itself, held so the id stays its own; its JSON)
_DECODED: dict[tuple[Any, bytes], Any] = {}  # (type hint, JSON) → the value decoded
_HINTS: dict[type, tuple[tuple[dataclasses.Field[Any], ...], dict[str, Any]]] = {}
_MISSING = object()


def _default(value: Any) -> Any:
    """What orjson does not serialise natively (sets, objects with ``dict()``), as the default encoder does."""
    return _FALLBACK_ENCODER.default(value)


def _remember(cache: dict[Any, Any], kept: int, key: Any, value: Any) -> Any:
    if len(cache) >= kept:
        cache.clear()
    cache[key] = value
    return value


def _fields_and_hints(cls: type) -> tuple[tuple[dataclasses.Field[Any], ...], dict[str, Any]]:
    known = _HINTS.get(cls)
    if known is None:
        known = _remember(_HINTS, HINTS_KEPT, cls, (dataclasses.fields(cls), typing.get_type_hints(cls)))
    return known


class CachedHintsDataclasses(JSONTypeConverter):
    """Temporal's own conversion of a JSON object to a dataclass (``value_to_type``), with the class's fields and
    type hints looked up once: the same fields converted the same way, unknown keys ignored, missing required
    ones left to the constructor to refuse, ``init=False`` fields restored after it."""

    def to_typed_value(self, hint: type, value: Any) -> Any:
        if not (isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, dict)):
            return JSONTypeConverter.Unhandled
        fields, hints = _fields_and_hints(hint)
        given: dict[str, Any] = {}
        later: dict[str, Any] = {}
        for f in fields:
            if (raw := value.get(f.name, _MISSING)) is not _MISSING:
                try:
                    converted = value_to_type(hints[f.name], raw, _TYPE_CONVERTERS)
                except Exception as err:
                    raise TypeError(f"Failed converting field {f.name} on dataclass {hint}") from err
                (given if f.init else later)[f.name] = converted
        obj = hint(**given)
        for name, converted in later.items():
            object.__setattr__(obj, name, converted)
        return obj


_TYPE_CONVERTERS: list[JSONTypeConverter] = [CachedHintsDataclasses()]


class OrjsonPlainPayloadConverter(JSONPlainPayloadConverter):
    def __init__(self) -> None:
        super().__init__(custom_type_converters=_TYPE_CONVERTERS)

    def to_payload(self, value: Any) -> Payload | None:
        claimable = getattr(type(value), CLAIMABLE_ATTRIBUTE, False)
        known = _ENCODED.get(id(value)) if claimable else None
        if known is not None and known[0] is value:
            return Payload(metadata={"encoding": _ENCODING, CLAIMABLE: b"content"}, data=known[1])
        try:
            data = orjson.dumps(value, default=_default, option=_OPTIONS)
        except TypeError:  # e.g. a 65-bit integer or an int dict key: the default member's JSON, as before
            return super().to_payload(value)
        if claimable:
            _remember(_ENCODED, KEPT, id(value), (value, data))
            return Payload(metadata={"encoding": _ENCODING, CLAIMABLE: b"content"}, data=data)
        return Payload(metadata={"encoding": _ENCODING}, data=data)

    def from_payload(self, payload: Payload, type_hint: type | None = None) -> Any:
        if CLAIMABLE not in payload.metadata:
            return self._decoded(payload, type_hint)
        key = (type_hint, payload.data)
        known = _DECODED.get(key, _MISSING)
        return _remember(_DECODED, KEPT, key, self._decoded(payload, type_hint)) if known is _MISSING else known

    def _decoded(self, payload: Payload, type_hint: type | None) -> Any:
        if not orjson_reads_exactly(payload.data):  # an integer past 64 bits: orjson would read a float
            return super().from_payload(payload, type_hint)
        try:
            obj = orjson.loads(payload.data)
        except orjson.JSONDecodeError:  # JSON that only the standard library reads (NaN, lone surrogates)
            return super().from_payload(payload, type_hint)
        return value_to_type(type_hint, obj, self._custom_type_converters) if type_hint else obj


def _members() -> tuple[Any, ...]:
    global _MEMBERS
    if _MEMBERS is None:  # built once (the worker builds a payload converter for every workflow run); stateless
        _MEMBERS = tuple(OrjsonPlainPayloadConverter() if type(c) is JSONPlainPayloadConverter else c
                         for c in DefaultPayloadConverter.default_encoding_payload_converters)
    return _MEMBERS


_MEMBERS: tuple[Any, ...] | None = None


class PayloadConverter(CompositePayloadConverter):
    """The default converters in the default order, with orjson for ``json/plain``."""

    def __init__(self) -> None:
        super().__init__(*_members())
