"""Temporal payloads kept here by their content (`infra.temporal.claims`): a stream's decision context is the
same ~35 KB for every stream of a town until its reference data change, so histories carry its SHA-256 instead and
each distinct context is stored once. Rows are only ever inserted; histories may name any of them for ever."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import LargeBinary, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from infra.db.models import Base


class PayloadClaimRow(Base):
    __tablename__ = "payload_claims"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of `payload`, hex
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # the serialised Temporal Payload (metadata and data)
    stored_at: Mapped[datetime]


payload_claims = cast(Table, PayloadClaimRow.__table__)
