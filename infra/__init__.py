"""Adapters: settings, database and event store, read models, reference data, Temporal connection."""
