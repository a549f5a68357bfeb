"""Simple procedure 当场处罚 (APL 51–53; DOMAIN.md §2). Stream kind "CASE", procedure "SIMPLE".

Public API: `DECIDER` (`SimpleDecider`), `EVENTS`, `TRANSITIONS`, `stream_context`, `next_steps`; eligibility
rules (invariants 4 and 5) in `eligibility`. The decision event is `SimplePenaltyDecided`.
"""
