"""What the supervision platform's scheduled exchanges read from and record in the database: the day's
completed inspections not yet receipted, the receipts, and which platform warnings the log already holds."""

from infra.platform_feed.feed import PlatformFeed

__all__ = ["PlatformFeed"]
