"""Column types that round-trip exactly on both dialects.

The hash chain covers `occurred_at` and `recorded_at` to the microsecond, so a value read back must equal the
value written. PostgreSQL keeps `timestamptz` in UTC with microseconds; SQLite has no time zones, so the value is
stored as naive UTC text and given its zone back on the way out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored in UTC; always read back as an aware UTC datetime. Naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is UTC:  # what the system itself makes: nothing to convert
            return value.replace(tzinfo=None) if dialect.name == "sqlite" else value
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored; time must carry a zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if getattr(value, "tzinfo", None) is UTC:  # what asyncpg reads from timestamptz: nothing to convert
            return value  # type: ignore[no-any-return]
        if isinstance(value, str):  # defensive: raw SQLite text outside the ORM's own processor
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
