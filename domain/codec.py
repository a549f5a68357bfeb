"""One generic mapping between typed dataclasses and JSON primitives.

Used for event payloads (the event store, the hash chain) and anything else that crosses a boundary.
No class writes its own to_dict/from_dict: the dataclass fields and their type hints are the schema.

Conventions (they are part of the hash chain's canonical form, so they never change silently):
- datetime: ISO 8601 in UTC with microseconds and "+00:00" (naive datetimes are rejected);
- date: ISO 8601 "YYYY-MM-DD";
- Enum: its value; tuple/list/frozenset: JSON array (frozenset sorted); Mapping: JSON object;
- None stays null; int, str, bool, float as themselves.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T")

JSON = Any


def to_primitive(value: Any) -> JSON:
    """Turn a dataclass (or any supported value) into JSON primitives."""
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} cannot be serialised; time must carry a zone")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_primitive(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset | set):
        return sorted((to_primitive(v) for v in value), key=_sort_key)
    if isinstance(value, tuple | list):
        return [to_primitive(v) for v in value]
    if isinstance(value, Mapping):
        return {str(to_primitive(k)): to_primitive(v) for k, v in value.items()}
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _sort_key(value: JSON) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def from_primitive(tp: Any, data: JSON) -> Any:
    """Rebuild a value of type `tp` from JSON primitives (the inverse of `to_primitive`)."""
    origin = get_origin(tp)
    if tp is Any:
        return data
    if origin in (Union, types.UnionType):
        return _from_union(tp, data)
    if data is None:
        return None
    if origin is typing.Literal:
        return data
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return tp(data)
        if issubclass(tp, bool):
            return bool(data)
        if tp is datetime:
            parsed = datetime.fromisoformat(data)
            if parsed.tzinfo is None:
                raise ValueError(f"datetime {data!r} carries no zone")
            return parsed.astimezone(UTC)
        if tp is date:
            return date.fromisoformat(data)
        if dataclasses.is_dataclass(tp):
            return _from_dataclass(tp, data)
        if tp in (int, str, float):
            return tp(data)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_primitive(args[0], v) for v in data)
        return tuple(from_primitive(a, v) for a, v in zip(args, data, strict=True))
    if origin in (list, frozenset, set):
        (arg,) = get_args(tp)
        items = [from_primitive(arg, v) for v in data]
        return frozenset(items) if origin is frozenset else (set(items) if origin is set else items)
    if origin in (dict, Mapping) or origin is getattr(typing, "Mapping", None):
        key_t, val_t = get_args(tp)
        return {from_primitive(key_t, k): from_primitive(val_t, v) for k, v in data.items()}
    raise TypeError(f"cannot deserialise into {tp!r}")


def _from_union(tp: Any, data: JSON) -> Any:
    args = [a for a in get_args(tp) if a is not type(None)]
    if data is None:
        return None
    if len(args) == 1:
        return from_primitive(args[0], data)
    errors: list[str] = []
    for arg in args:
        try:
            return from_primitive(arg, data)
        except (TypeError, ValueError, KeyError) as exc:
            errors.append(str(exc))
    raise ValueError(f"{data!r} matches none of {args}: {errors}")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """Type hints per dataclass, resolved once (resolution is the slow part of decoding)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _from_dataclass(cls: type[T], data: Mapping[str, JSON]) -> T:
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if not f.init:
            continue
        if f.name in data:
            kwargs[f.name] = from_primitive(hints[f.name], data[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise KeyError(f"{cls.__name__}.{f.name} is missing")
    return cls(**kwargs)


def canonical_json(data: JSON) -> str:
    """The canonical text of JSON primitives: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
