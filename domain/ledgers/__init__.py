"""Ledgers for what is not a case (DOMAIN.md §4 sources R, A, L, T, H, P, O): the staff roster with its
certificate history, the audio-video equipment register, training sessions, 12345 hotline tallies, campaign
tallies (台账), case-file evaluations, platform feed (patrol uploads, warnings), publicity and other
administrative acts. Each ledger of each enforcement unit is one append-only event stream ("LEDGER:<KIND>")."""
