"""The cyclic garbage collector set for a long-running server process.

graphql-core's executor holds a request's context in reference cycles, so each request's rows (~260 objects for a
case detail with a 36-event timeline) are freed only by the cyclic collector. With CPython's default thresholds
(700, 10, 10) collections took ~12 % of the API's CPU under detail load (B2, measured with `gc.callbacks`), the
full ones re-scanning everything start-up built (modules, the schema, the reference data). Freezing that heap takes
it out of every later collection, and higher thresholds make the older generations' collections rare; measured
the same way, the collector's share fell to 6–8 %. Memory held between collections stays a few megabytes.
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
