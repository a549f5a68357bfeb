"""Statutory deadlines on the Chinese working-day calendar (DOMAIN.md §3)."""
