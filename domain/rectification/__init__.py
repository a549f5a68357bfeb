"""Rectification order 责令改正 (DOMAIN.md §2): ISSUED(deadline, clock D30) → REINSPECTION_DUE → COMPLIED |
NOT_COMPLIED → ESCALATED (GENERAL_CASE or DEMOLITION). Not a penalty (APL 28).

Stream kind "RECTIFICATION". Public API: `DECIDER`, `EVENTS`, `TRANSITIONS`, `stream_context`, `next_steps`.
"""
