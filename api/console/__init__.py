"""The web console (控制台): static pages served by the API, a thin client of its own GraphQL endpoint."""

from api.console.routes import console_routes

__all__ = ["console_routes"]
