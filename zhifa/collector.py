"""The cyclic garbage collector set for a long-running server process.

A GraphQL request leaves thousands of container objects behind (documents, execution contexts, rows, answers),
so with CPython's default thresholds (700, 10, 10) the collector ran several times per request and took ~12 % of
the API's CPU under load (B2 case detail, measured with `gc.callbacks`), most of it re-scanning objects that live
as long as the process (modules, the schema, the reference data). Freezing what start-up built moves it out of
every later collection; a higher first threshold lets a request's short-lived objects die by reference count
before a collection looks at them. Memory held between collections stays a few megabytes.
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 100)


def settle_after_start() -> None:
    """Once start-up has built what lives as long as the process: collect it once, freeze it, raise the
    thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
