"""Every table the migrations manage. Importing this module registers each model module on `Base.metadata`, so
whatever compares or empties the schema (Alembic's env, test fixtures) sees all of it."""

from __future__ import annotations

from infra.db import (
    models_claims,
    models_documents,
    models_notifications,
    models_platform,
    models_reports,
    models_security,
    models_statistics,
)
from infra.db.models import Base

MODEL_MODULES = (models_statistics, models_reports, models_platform, models_security, models_documents,
                 models_notifications, models_claims)
metadata = Base.metadata
