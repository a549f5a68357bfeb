"""The security event log's storage: appends serialized into one hash chain, reads by district, verification and
the retention purge."""

from infra.securitylog.store import PurgeReport, SecurityLogQuery, SecurityLogStore, page_entries

__all__ = ["PurgeReport", "SecurityLogQuery", "SecurityLogStore", "page_entries"]
