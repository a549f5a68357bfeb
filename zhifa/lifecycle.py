"""Running a long-lived coroutine (the worker) so that SIGINT/SIGTERM end it by cancellation, i.e. gracefully."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Coroutine
from typing import Any


def run_until_signalled(main: Callable[[], Coroutine[Any, Any, None]]) -> int:
    """Run ``main()`` until it returns (0) or SIGINT/SIGTERM cancels it (0); its exceptions propagate."""

    async def runner() -> int:
        task = asyncio.ensure_future(main())
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, task.cancel)
        try:
            await task
        except asyncio.CancelledError:
            if not task.cancelled():
                raise
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
        return 0

    return asyncio.run(runner())
