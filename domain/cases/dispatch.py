"""The shapes of the decider's two dispatch tables: command type → handler, event type → evolver."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.cases.state import CaseState
from domain.decider import Context
from domain.messages import Event

Handler = Callable[[CaseState, Any, Context], list[Event]]
Evolver = Callable[[CaseState, Any], CaseState]
