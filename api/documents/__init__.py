"""Enforcement documents over HTTP: `GET /documents/{caseId}/{kind}.docx|.pdf`."""

from api.documents.routes import document_routes

__all__ = ["document_routes"]
