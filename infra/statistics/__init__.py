"""Year-end statistics computed in SQL over the event log's typed columns (`compute`), and the immutable
year-end snapshots (`snapshots`)."""

from infra.statistics.compute import compute

__all__ = ["compute"]
