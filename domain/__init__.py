"""Pure domain model of township comprehensive administrative enforcement (乡镇综合行政执法).

Standard library only; no IO, no clock, no randomness: time, ids and reference data are parameters.
"""
