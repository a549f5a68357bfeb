"""Read models as pure folds over sealed envelopes (typed columns + payload dicts).

The event store's append path and the rebuild path call the same `project` function, so a rebuilt read model
is identical to the incrementally maintained one.
"""

from domain.projections.case_summary import SUMMARISED_KINDS, CaseSummary, fold_case_summary
from domain.projections.deadlines import DeadlineView, fold_deadlines
from domain.projections.stream import StreamReadModel, project
from domain.projections.tasks import NextStep, NextSteps, TaskView, tasks_for

__all__ = [
    "SUMMARISED_KINDS",
    "CaseSummary",
    "DeadlineView",
    "NextStep",
    "NextSteps",
    "StreamReadModel",
    "TaskView",
    "fold_case_summary",
    "fold_deadlines",
    "project",
    "tasks_for",
]
