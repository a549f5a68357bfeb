"""The ledgers, their stream kinds and stream ids (one stream per ledger and enforcement unit)."""

from __future__ import annotations

import enum

STREAM_KIND_PREFIX = "LEDGER:"


class LedgerKind(enum.StrEnum):
    ROSTER = "ROSTER"  # 人员名册 with certificate history (R)
    EQUIPMENT = "EQUIPMENT"  # 音像记录设备台账 (A)
    TRAINING = "TRAINING"  # 培训记录 (T)
    HOTLINE = "HOTLINE"  # 12345 热线 (H)
    CAMPAIGN = "CAMPAIGN"  # 专项整治台账 (L)
    EVALUATION = "EVALUATION"  # 案卷评查 (E/P)
    PLATFORM = "PLATFORM"  # 行政执法监督平台: patrol uploads, warnings (P)
    PUBLICITY = "PUBLICITY"  # 普法宣传 (L)
    OTHER_ACTS = "OTHER_ACTS"  # 行政许可、给付、确认 (O)

    @property
    def stream_kind(self) -> str:
        return f"{STREAM_KIND_PREFIX}{self.value}"


def ledger_stream_id(kind: LedgerKind, unit: str) -> str:
    return f"ledger:{kind.value.lower()}:{unit}"


def kind_of_stream(stream_kind: str) -> LedgerKind | None:
    if not stream_kind.startswith(STREAM_KIND_PREFIX):
        return None
    try:
        return LedgerKind(stream_kind[len(STREAM_KIND_PREFIX):])
    except ValueError:
        return None
