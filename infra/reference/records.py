"""Reading one reference data file: a JSON object holding lists of records. Every field is read through a
`Record`, which checks its type and names file, record id and field in any `ReferenceDataError`."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from infra.reference.errors import ReferenceDataError

E = TypeVar("E", bound=enum.Enum)


class Directory:
    """Reference data files in a directory (ZHIFA_REFERENCE_DIR, the shipped demo set)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def raw(self, file: str) -> Any:
        try:
            text = (self.path / file).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ReferenceDataError(file, None, None, f"file not found in {self.path}") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReferenceDataError(file, None, None, f"invalid JSON at line {exc.lineno}: {exc.msg}") from None


class Documents:
    """The same files as parsed documents held in memory (the register's state as of a day, an import)."""

    def __init__(self, documents: Mapping[str, Any]) -> None:
        self.documents = documents

    def raw(self, file: str) -> Any:
        if file not in self.documents:
            raise ReferenceDataError(file, None, None, "no such records in the register")
        return self.documents[file]


Source = Path | Directory | Documents  # a path is a directory of files


def source_of(where: Source) -> Directory | Documents:
    return Directory(where) if isinstance(where, Path) else where


def read_document(source: Source, file: str, *, allowed: Sequence[str]) -> dict[str, Any]:
    """The top-level JSON object of a file; keys outside `allowed` are rejected (a typo must not pass silently)."""
    document = source_of(source).raw(file)
    if not isinstance(document, dict):
        raise ReferenceDataError(file, None, None, "the file must hold a JSON object")
    unknown = sorted(set(document) - set(allowed))
    if unknown:
        raise ReferenceDataError(file, None, unknown[0], f"unknown key; expected one of {', '.join(allowed)}")
    return document


def read_records(document: Mapping[str, Any], file: str, key: str, id_field: str) -> tuple[Record, ...]:
    """The records listed under `key`, each identified by `id_field`; ids must be unique within the list."""
    raw = document.get(key)
    if not isinstance(raw, list):
        raise ReferenceDataError(file, None, key, "expected a list of records")
    return records_of(raw, file, id_field, prefix="", parent=None)


def records_of(
    raw: list[Any], file: str, id_field: str, *, prefix: str, parent: str | None, own_ids: bool = False
) -> tuple[Record, ...]:
    """Top-level records (`parent` None) are named by their id, or by "#index" when the id is unusable; nested
    records (certificates, units) are named by their parent — or by their own id with `own_ids` — and get the
    field prefix "field[index]."."""
    records: list[Record] = []
    seen: set[str] = set()
    for index, data in enumerate(raw):
        position = f"{prefix.removesuffix('.')}[{index}]" if parent is not None else f"#{index}"
        field_prefix = f"{position}." if parent is not None else ""
        named = parent if parent is not None else position
        if not isinstance(data, dict):
            raise ReferenceDataError(file, named, position if parent is not None else None, "expected an object")
        record_id = data.get(id_field)
        if not isinstance(record_id, str) or not record_id.strip():
            raise ReferenceDataError(file, named, f"{field_prefix}{id_field}", "a non-empty string id is required")
        if parent is None or own_ids:
            named = record_id
        if record_id in seen:
            raise ReferenceDataError(file, named, f"{field_prefix}{id_field}", f"duplicate id {record_id!r}")
        seen.add(record_id)
        records.append(Record(file, named, data, prefix=field_prefix))
    return tuple(records)


@dataclass(frozen=True)
class Record:
    """One JSON object of a file. `id` is the record named in errors; nested objects keep their parent's id and
    carry a field prefix such as "certificates[1]."."""

    file: str
    id: str
    data: Mapping[str, Any]
    prefix: str = ""

    def fail(self, field: str, reason: str) -> ReferenceDataError:
        return ReferenceDataError(self.file, self.id, f"{self.prefix}{field}", reason)

    def only(self, *fields: str) -> None:
        unknown = sorted(set(self.data) - set(fields))
        if unknown:
            raise self.fail(unknown[0], "unknown field")

    def _value(self, field: str) -> Any:
        if field not in self.data:
            raise self.fail(field, "missing")
        return self.data[field]

    def text(self, field: str) -> str:
        value = self._value(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, f"expected a non-empty string, got {value!r}")
        return value

    def optional_text(self, field: str, default: str = "") -> str:
        if field not in self.data:
            return default
        value = self.data[field]
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string, got {value!r}")
        return value

    def texts(self, field: str, *, required: bool = True) -> tuple[str, ...]:
        if field not in self.data and not required:
            return ()
        value = self._value(field)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(field, f"expected a list of strings, got {value!r}")
        if len(set(value)) != len(value):
            raise self.fail(field, "the list names an entry twice")
        return tuple(value)

    def integer(self, field: str, *, default: int | None = None, minimum: int = 0) -> int:
        if field not in self.data and default is not None:
            return default
        value = self._value(field)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"expected an integer, got {value!r}")
        if value < minimum:
            raise self.fail(field, f"must be at least {minimum}, got {value}")
        return value

    def optional_integer(self, field: str, *, minimum: int = 0) -> int | None:
        if self.data.get(field) is None:
            return None
        return self.integer(field, minimum=minimum)

    def boolean(self, field: str, default: bool = False) -> bool:
        value = self.data.get(field, default)
        if not isinstance(value, bool):
            raise self.fail(field, f"expected true or false, got {value!r}")
        return value

    def day(self, field: str) -> date:
        value = self._value(field)
        if not isinstance(value, str):
            raise self.fail(field, f"expected a date YYYY-MM-DD, got {value!r}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(field, f"invalid date {value!r}") from None

    def optional_day(self, field: str) -> date | None:
        if self.data.get(field) is None:
            return None
        return self.day(field)

    def choice(self, field: str, kind: type[E]) -> E:
        return self._member(field, self._value(field), kind)

    def choices(self, field: str, kind: type[E], *, default: frozenset[E] | None = None) -> frozenset[E]:
        if field not in self.data and default is not None:
            return default
        value = self._value(field)
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {value!r}")
        return frozenset(self._member(field, v, kind) for v in value)

    def _member(self, field: str, value: Any, kind: type[E]) -> E:
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise self.fail(field, f"{value!r} is not one of {allowed}") from None

    def children(
        self, field: str, id_field: str, *, required: bool = True, own_ids: bool = False
    ) -> tuple[Record, ...]:
        """The nested objects under `field`; with `own_ids` each is named by its own id in errors."""
        if field not in self.data and not required:
            return ()
        value = self._value(field)
        if not isinstance(value, list):
            raise self.fail(field, "expected a list of objects")
        prefix = f"{self.prefix}{field}."
        return records_of(value, self.file, id_field, prefix=prefix, parent=self.id, own_ids=own_ids)
