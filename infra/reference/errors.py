"""The one error a bad reference data file raises: it names the file, the record (its id) and the field."""

from __future__ import annotations


class ReferenceDataError(ValueError):
    """A reference data file is missing, malformed or inconsistent with another file."""

    def __init__(self, file: str, record: str | None, field: str | None, reason: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.reason = reason
        where = [file]
        if record is not None:
            where.append(f"record {record!r}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(f"{': '.join(where)}: {reason}")
