"""Deadline warnings and breaches for the people who must act: the in-app inbox and the webhook outbox."""

from infra.notifications.inbox import InboxPage, Notification, Notifier, inbox_page, mark_read, principals_of

__all__ = ["InboxPage", "Notification", "Notifier", "inbox_page", "mark_read", "principals_of"]
