"""Year-end generation on the database side: the as-reported (and restated) snapshots of a town's statistics
and the report documents rendered from them, stored once (`YearEndService`, the workflow's port), and the
lookups the API serves them from (`documents`)."""

from infra.year_end.documents import MIME_TYPES, StoredReport, load_report, report_document, town_report
from infra.year_end.service import SnapshotTaken, YearEndService

__all__ = ["MIME_TYPES", "SnapshotTaken", "StoredReport", "YearEndService", "load_report", "report_document",
           "town_report"]
