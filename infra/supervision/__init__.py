"""The Tianjin administrative-enforcement supervision platform (天津市行政执法监督平台): the project's contract for
its API, an httpx client (`SupervisionClient`) and a reference implementation of the platform (`platform_app`)
with fault injection, so delivery can be tested against outages, hangs and lost responses."""

from infra.supervision.client import (
    PlatformError,
    PlatformRejected,
    PlatformUnavailable,
    SupervisionClient,
)
from infra.supervision.faults import FaultConfig, Faults
from infra.supervision.server import platform_app
from infra.supervision.storage import PlatformStorage

__all__ = [
    "FaultConfig", "Faults", "PlatformError", "PlatformRejected", "PlatformStorage", "PlatformUnavailable",
    "SupervisionClient", "platform_app",
]
