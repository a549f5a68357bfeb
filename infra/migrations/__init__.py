"""Alembic migrations (both dialects). Run them with `infra.db.migrate.upgrade`."""
