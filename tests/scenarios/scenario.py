"""Running a scenario file through the system's public paths: the bulk import of its cases and the ledger
service for its ledger entries, into a real database; then the statistics."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reference import ReferenceData
from domain.statistics.figures import AnnualFigures
from domain.task_routing import next_steps_for
from infra.bulk_import import import_cases
from infra.calendar import load_work_calendar
from infra.eventstore import EventStore
from infra.ledgers import record_entries
from infra.projections import Projector
from infra.reference import DEMO_DIRECTORY, load_profiles, load_reference
from infra.statistics import compute
from tests.scenarios.ledger_entries import expand_entries
from tests.scenarios.templates import expand_cases

HERE = Path(__file__).resolve().parent


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    return data


def reference_directory(scenario: Mapping[str, Any], into: Path) -> Path:
    """The demo reference set, with the catalog items the scenario adds (a scenario-specific directory)."""
    extra = scenario.get("reference", {}).get("extra_catalog_items")
    if not extra:
        return DEMO_DIRECTORY
    target = into / "reference"
    shutil.copytree(DEMO_DIRECTORY, target, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    catalog["items"].extend(extra)
    (target / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False), encoding="utf-8")
    return target


async def run(engine: AsyncEngine, scenario: Mapping[str, Any], directory: Path) -> ReferenceData:
    reference = load_reference(directory)
    store = EventStore(engine, Projector(next_steps_for))
    document = {"format": "zhifa.bulk-import/1", "cases": list(expand_cases(scenario))}
    await import_cases(store, document, reference=reference, profiles=load_profiles(directory),
                       calendar=load_work_calendar())
    await record_entries(store, list(expand_entries(scenario)), reference=reference,
                         calendar=load_work_calendar())
    return reference


async def figures(engine: AsyncEngine, scenario: Mapping[str, Any], scope: str,
                  reference: ReferenceData) -> AnnualFigures:
    return await compute(engine, scope=scope, year=int(scenario["year"]),
                         as_of=date.fromisoformat(scenario["as_of"]), reference=reference)
