"""One generic mapping between typed dataclasses and JSON primitives.

Used for event payloads (the event store, the hash chain) and anything else that crosses a boundary.
No class writes its own to_dict/from_dict: the dataclass fields and their type hints are the schema.

Conventions (they are part of the hash chain's canonical form, so they never change silently):
- datetime: ISO 8601 in UTC with microseconds and "+00:00" (naive datetimes are rejected);
- date: ISO 8601 "YYYY-MM-DD";
- Enum: its value; tuple/list/frozenset: JSON array (frozenset sorted); Mapping: JSON object;
- None stays null; int, str, bool, float as themselves.

Both directions are hot (every sealed event, every decoded command and payload): which rule applies depends on
the Python type alone, so each type's encoder and each type hint's decoder is chosen once and remembered. The
rules and their order are those of a plain chain of isinstance checks; `tests/domain/test_sealed_bytes.py` pins
the bytes they produce and the errors they raise.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T")

JSON = Any
Encoder = Callable[[Any], JSON]
Decoder = Callable[[JSON], Any]

# --- encoding -----------------------------------------------------------------------------------------------------


def to_primitive(value: Any) -> JSON:
    """Turn a dataclass (or any supported value) into JSON primitives."""
    cls = type(value)
    encoder = _ENCODERS.get(cls)
    if encoder is None:
        encoder = _ENCODERS[cls] = _encoder_for(cls)
    return encoder(value)


def _encoder_for(cls: type) -> Encoder:
    """The first rule that applies to values of `cls`, in the conventions' order."""
    if cls is type(None) or issubclass(cls, bool | int | str | float):
        return _itself
    if issubclass(cls, enum.Enum):
        return _enum_value
    if issubclass(cls, datetime):
        return _utc_text
    if issubclass(cls, date):
        return _date_text
    if dataclasses.is_dataclass(cls) and not issubclass(cls, type):
        return _dataclass_encoder(cls)
    if issubclass(cls, frozenset | set):
        return _sorted_array
    if issubclass(cls, tuple | list):
        return _array
    if issubclass(cls, Mapping):
        return _object
    return _unsupported


def _itself(value: Any) -> JSON:
    return value


def _enum_value(value: enum.Enum) -> JSON:
    return value.value


def _utc_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r} cannot be serialised; time must carry a zone")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _date_text(value: date) -> str:
    return value.isoformat()


def _dataclass_encoder(cls: type) -> Encoder:
    names = tuple(f.name for f in dataclasses.fields(cls))

    def encode(value: Any) -> dict[str, JSON]:
        return {name: _leaf_or_primitive(getattr(value, name)) for name in names}
    return encode


def _leaf_or_primitive(value: Any) -> JSON:
    """Most fields hold a str, int, bool or None, which encode as themselves: no lookup for those."""
    return value if type(value) in _LEAVES else to_primitive(value)


def _sorted_array(value: frozenset[Any] | set[Any]) -> list[JSON]:
    return sorted((to_primitive(v) for v in value), key=_sort_key)


def _array(value: tuple[Any, ...] | list[Any]) -> list[JSON]:
    return [v if type(v) in _LEAVES else to_primitive(v) for v in value]


def _object(value: Mapping[Any, Any]) -> dict[str, JSON]:
    return {str(to_primitive(k)): to_primitive(v) for k, v in value.items()}


def _unsupported(value: Any) -> JSON:
    raise TypeError(f"cannot serialise {type(value).__name__}")


_ENCODERS: dict[type, Encoder] = {}
_LEAVES = frozenset({str, int, bool, float, type(None)})  # exactly these types (a subclass takes the lookup)
_SORT_KEY_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)  # what json.dumps(…) builds per call


def _sort_key(value: JSON) -> str:
    return _SORT_KEY_ENCODER.encode(value)


# --- decoding -----------------------------------------------------------------------------------------------------


def from_primitive(tp: Any, data: JSON) -> Any:
    """Rebuild a value of type `tp` from JSON primitives (the inverse of `to_primitive`)."""
    return _decoder(tp)(data)


def _decoder(tp: Any) -> Decoder:
    try:
        decoder = _DECODERS.get(tp)
    except TypeError:  # an unhashable hint (a Literal of lists): chosen anew each time
        return _decoder_for(tp)
    if decoder is None:
        decoder = _DECODERS[tp] = _decoder_for(tp)
    return decoder


def _decoder_for(tp: Any) -> Decoder:
    """The rule for `tp`, in the order of the conventions; None decodes to None except for Any and unions."""
    origin = get_origin(tp)
    if tp is Any:
        return _itself
    if origin in (Union, types.UnionType):
        return _union_decoder(tp)
    return _none_or(_value_decoder(tp, origin))


def _none_or(decode: Decoder) -> Decoder:
    def decoder(data: JSON) -> Any:
        return None if data is None else decode(data)
    return decoder


def _value_decoder(tp: Any, origin: Any) -> Decoder:
    if origin is typing.Literal:
        return _itself
    if isinstance(tp, type):
        decoder = _class_decoder(tp)
        if decoder is not None:
            return decoder
    if origin is tuple:
        return _tuple_decoder(get_args(tp))
    if origin in (list, frozenset, set):
        (arg,) = get_args(tp)
        return _collection_decoder(origin, _decoder(arg))
    if origin in (dict, Mapping) or origin is getattr(typing, "Mapping", None):
        key_t, val_t = get_args(tp)
        return _mapping_decoder(_decoder(key_t), _decoder(val_t))
    return _cannot_decode(tp)


def _class_decoder(tp: type) -> Decoder | None:
    if issubclass(tp, enum.Enum):
        return tp
    if issubclass(tp, bool):
        return bool
    if tp is datetime:
        return _utc_datetime
    if tp is date:
        return date.fromisoformat
    if dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    if tp in (int, str, float):
        return tp
    return None


def _utc_datetime(data: JSON) -> datetime:
    parsed = datetime.fromisoformat(data)
    if parsed.tzinfo is None:
        raise ValueError(f"datetime {data!r} carries no zone")
    return parsed.astimezone(UTC)


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        each = _decoder(args[0])
        return lambda data: tuple(each(v) for v in data)
    decoders = tuple(_decoder(a) for a in args)
    return lambda data: tuple(d(v) for d, v in zip(decoders, data, strict=True))


def _collection_decoder(origin: Any, each: Decoder) -> Decoder:
    def decode(data: JSON) -> Any:
        items = [each(v) for v in data]
        return frozenset(items) if origin is frozenset else (set(items) if origin is set else items)
    return decode


def _mapping_decoder(key: Decoder, value: Decoder) -> Decoder:
    return lambda data: {key(k): value(v) for k, v in data.items()}


def _cannot_decode(tp: Any) -> Decoder:
    def decode(data: JSON) -> Any:
        raise TypeError(f"cannot deserialise into {tp!r}")
    return decode


def _union_decoder(tp: Any) -> Decoder:
    args = [a for a in get_args(tp) if a is not type(None)]
    decoders = [_decoder(a) for a in args]

    def decode(data: JSON) -> Any:
        if data is None:
            return None
        if len(decoders) == 1:
            return decoders[0](data)
        errors: list[str] = []
        for each in decoders:
            try:
                return each(data)
            except (TypeError, ValueError, KeyError) as exc:
                errors.append(str(exc))
        raise ValueError(f"{data!r} matches none of {args}: {errors}")
    return decode


_DECODERS: dict[Any, Decoder] = {}
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """Type hints per dataclass, resolved once (resolution is the slow part of decoding)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


@dataclasses.dataclass(frozen=True)
class _FieldPlan:
    name: str
    decode: Decoder
    required: bool  # no default: a missing key is an error


def _dataclass_decoder(cls: type) -> Decoder:
    """Decodes the init fields present in the data; the hints are resolved at the first decoding (as before),
    so a class whose hints cannot resolve fails only when it is actually decoded."""
    plans: list[tuple[_FieldPlan, ...]] = []

    def decode(data: Mapping[str, JSON]) -> Any:
        if not plans:
            plans.append(_field_plans(cls))
        kwargs: dict[str, Any] = {}
        for plan in plans[0]:
            if plan.name in data:
                kwargs[plan.name] = plan.decode(data[plan.name])
            elif plan.required:
                raise KeyError(f"{cls.__name__}.{plan.name} is missing")
        return cls(**kwargs)
    return decode


def _field_plans(cls: type) -> tuple[_FieldPlan, ...]:
    hints = _hints(cls)
    return tuple(
        _FieldPlan(f.name, _decoder(hints[f.name]),
                   f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls) if f.init)


# --- canonical text -----------------------------------------------------------------------------------------------

_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_json(data: JSON) -> str:
    """The canonical text of JSON primitives: sorted keys, no spaces, UTF-8 kept as is (one encoder built once,
    the same settings `json.dumps` would build per call)."""
    return _CANONICAL.encode(data)
