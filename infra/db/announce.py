"""Telling the engine's cursor listeners of statements sent on the driver past SQLAlchemy (the SQLite append's
write, the read side's prepared reads), before and after each as SQLAlchemy tells them of its own, so that they are
seen as any other: a span each where SQL is traced (`infra.observability.sql_tracing`), counted where statements
are counted."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from sqlalchemy.engine import Connection

Statements = Sequence[tuple[str, Any]]  # (SQL, its parameters: one set, or a list of sets for executemany)


@contextmanager
def announced(sync: Connection | None, statements: Statements, *, executemany: bool = True) -> Iterator[None]:
    listeners = sync.dispatch if sync is not None else None
    if listeners is None or not (listeners.before_cursor_execute or listeners.after_cursor_execute):
        yield
        return
    contexts = [(sql, parameters, SimpleNamespace()) for sql, parameters in statements if parameters]
    for sql, parameters, context in contexts:
        for before in listeners.before_cursor_execute:
            before(sync, None, sql, parameters, context, executemany)
    try:
        yield
    finally:
        for sql, parameters, context in contexts:
            for after in listeners.after_cursor_execute:
                after(sync, None, sql, parameters, context, executemany)
