"""Spreadsheet downloads: the case list and the ledgers as .xlsx (`api.exports.routes`)."""

from api.exports.routes import export_routes

__all__ = ["export_routes"]
