"""The HTTP API (Starlette). Infrastructure is injected by the composition root in ``zhifa``."""
