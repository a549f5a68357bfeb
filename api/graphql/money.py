"""`Fen`: the scalar of every money field (an amount in fen, 分). GraphQL's `Int` is 32-bit and would cap a fine
at 21,474,836.47 yuan; `Fen` carries any whole, non-negative amount up to 2^53 − 1 fen (the largest integer a
JSON client such as JavaScript reads exactly), far beyond any fine and within the database's BIGINT.

Input: a JSON integer, or a string of digits (for clients that keep money as strings); never a fraction, an
exponent, a sign, a boolean or anything out of range. Output: a JSON integer.
"""

from __future__ import annotations

import re
from typing import Any, NewType

import strawberry
from graphql import GraphQLError

MAX_FEN = 2**53 - 1
_DIGITS = re.compile(r"^[0-9]{1,16}$")


def parse_fen(value: Any) -> int:
    """The amount in fen, or a GraphQLError saying what is wrong (graphql-core adds the field's path). A GraphQL
    error, not a ValueError: graphql-core keeps any other exception as the cause of the validation error, which the
    schema would then mask as an internal one (found by the schema fuzz)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise GraphQLError(f"Fen must be a whole number of fen (an integer or a string of digits), got {value!r}")
    if isinstance(value, str):
        if not _DIGITS.match(value):
            raise GraphQLError(f"Fen must be a whole, non-negative number of fen written in digits only, got {value!r}")
        value = int(value)
    if value < 0:
        raise GraphQLError(f"Fen must not be negative, got {value}")
    if value > MAX_FEN:
        raise GraphQLError(f"Fen must be at most {MAX_FEN} (2^53 - 1), got {value}")
    return value


def serialize_fen(value: int) -> int:
    return parse_fen(value)  # an out-of-range amount is an error, never a rounded number


Fen = NewType("Fen", int)
FEN_SCALAR = strawberry.scalar(
    name="Fen", serialize=serialize_fen, parse_value=parse_fen,
    description="An amount of money in fen (分, 1/100 yuan): a whole number from 0 to 2^53 - 1, given as a JSON "
                "integer or a string of digits, returned as a JSON integer.")
SCALARS = {Fen: FEN_SCALAR}  # the schema's `scalar_map`
