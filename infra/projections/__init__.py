"""Read models kept in the append transaction and rebuildable from the log (folds: `domain.projections`)."""

from infra.projections.projector import Projector
from infra.projections.rebuild import RebuildReport, rebuild

__all__ = ["Projector", "RebuildReport", "rebuild"]
