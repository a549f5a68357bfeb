"""Offset pagination shared by the list fields: page size bounds and opaque cursors."""

from __future__ import annotations

import base64

from strawberry.exceptions import StrawberryGraphQLError

from api.graphql.types import MAX_PAGE


def page_size(first: int) -> int:
    if first < 0 or first > MAX_PAGE:
        raise StrawberryGraphQLError(f"first must be between 0 and {MAX_PAGE}, got {first}",
                                     extensions={"code": "PAGE_SIZE"})
    return first


def cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode("ascii")


def offset_after(after: str | None) -> int:
    if after is None:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(after.encode("ascii")).decode("ascii").partition(":")
        if kind == "offset" and value.isdigit():
            return int(value) + 1
    except (ValueError, UnicodeError):
        pass
    raise StrawberryGraphQLError("after is not a cursor of this list", extensions={"code": "BAD_CURSOR"})
