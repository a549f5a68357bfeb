"""Entering ledger entries (one append per ledger stream) and the xlsx template and import."""

from infra.ledgers.service import LedgerEntryRejected, LedgerReport, record_entries

__all__ = ["LedgerEntryRejected", "LedgerReport", "record_entries"]
