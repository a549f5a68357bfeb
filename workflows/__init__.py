"""Temporal workflows, activities, the typed client facade and the worker factory.

Workflow code imports only `domain` and `temporalio.workflow`; everything that crosses the Temporal boundary is
JSON primitives produced by `domain.codec`, so payloads are byte-identical on every retry and replay.
"""
