"""Enforcement documents (文书): templates as files a town can adjust, rendered to .docx (byte-stable), numbered
from the town's per-year sequence where the case carries no number, recorded in the case's documents stream, and
converted to PDF by LibreOffice when it is installed."""
