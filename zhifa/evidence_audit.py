"""The evidence part of `zhifa audit verify`: every uploaded file still in the store under its recorded digest.
Prints what it found (nothing when there are no uploads); False when a file is missing or altered (named with
its case) or when the store does not answer (nothing could be checked)."""

from __future__ import annotations

import asyncio
import os

from infra.availability import outage_of
from infra.settings import Settings


def verify_evidence_files(settings: Settings, stream_id: str | None = None) -> bool:
    from infra.db.engine import create_engine
    from infra.evidence.audit import EvidenceAudit, verify_files
    from infra.evidence.settings import EvidenceSettings
    from infra.evidence.stores import blob_store

    evidence = EvidenceSettings.from_env(os.environ, settings.data_dir)
    where = f"s3://{evidence.s3.bucket}/{evidence.s3.prefix}" if evidence.s3 is not None else str(evidence.root)

    async def run() -> EvidenceAudit:
        engine = create_engine(settings.database_url)
        try:
            return await verify_files(engine, blob_store(evidence), stream_id)
        finally:
            await engine.dispose()

    try:
        audit = asyncio.run(run())
    except Exception as error:
        outage = outage_of(error)
        if outage is None:
            raise
        print(f"evidence files NOT CHECKED: {outage.dependency} unavailable ({outage.detail})")
        return False
    if not audit.problems:
        if audit.checked:
            print(f"evidence files intact ({audit.checked} checked in {where})")
        return True
    print(f"evidence files BROKEN: {len(audit.problems)} of {audit.checked} file reference(s) missing or altered:")
    for problem in audit.problems:
        print(f"  {problem.describe()}")
    return False
