"""Bulk import of whole case histories (closed cases of past years, 补录): every stream's commands are replayed
through the same deciders as live steps, with the command's own time as the system's clock, and only a history
that is valid from its first step to its last is appended."""

from infra.bulk_import.importer import BulkImportRejected, ImportReport, RejectedStep, import_cases, validate

__all__ = ["BulkImportRejected", "ImportReport", "RejectedStep", "import_cases", "validate"]
