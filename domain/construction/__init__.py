"""Illegal construction 违法建设 (DOMAIN.md §2; URPL 64/65, ACL 35–44). Stream kind "CASE", procedure
"ILLEGAL_CONSTRUCTION".

Public API: `DECIDER` (`ConstructionDecider`), `EVENTS`, `TRANSITIONS`, `stream_context`, `next_steps`;
`DemolitionCompleted` and `SelfDemolitionVerified` carry `count` and `area_dm2` (integer square decimetres).
"""
