"""Relay global ids: `base64url("Type:key")`. A step's `caseId` accepts a global id or the plain stream id."""

from __future__ import annotations

import base64
import binascii

TYPES = ("Case", "Officer", "Town")


def global_id(type_name: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode("ascii").rstrip("=")


def parse_global_id(value: str) -> tuple[str, str] | None:
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    type_name, sep, key = decoded.partition(":")
    return (type_name, key) if sep and type_name in TYPES and key else None


def stream_id_of(value: str) -> str:
    parsed = parse_global_id(value)
    return parsed[1] if parsed is not None and parsed[0] == "Case" else value
