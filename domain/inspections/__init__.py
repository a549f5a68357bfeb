"""Inspection 行政检查 (DOMAIN.md §2): PLANNED → IN_PROGRESS → COMPLETED, or recorded in one step.

Stream kind "INSPECTION". Public API: `DECIDER` (`InspectionDecider`), `EVENTS`, `TRANSITIONS`,
`stream_context`, `next_steps`, `follow_ups`; commands in `commands`, events in `events`, findings in `findings`.
"""
