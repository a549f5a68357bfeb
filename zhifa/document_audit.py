"""The documents part of `zhifa audit verify`: every stored document (.docx and PDF) still hashes to the SHA-256
its event records, and every recorded one is stored. Prints what it found (nothing when no document was ever
generated); False when one is altered, missing or unrecorded (named with its case)."""

from __future__ import annotations

import asyncio

from infra.settings import Settings


def verify_document_files(settings: Settings, stream_id: str | None = None) -> bool:
    from infra.db.engine import create_engine
    from infra.documents.audit import DocumentAudit, verify_documents

    async def run() -> DocumentAudit:
        engine = create_engine(settings.database_url)
        try:
            return await verify_documents(engine, stream_id)
        finally:
            await engine.dispose()

    audit = asyncio.run(run())
    if not audit.problems:
        if audit.checked:
            print(f"documents intact ({audit.checked} stored file(s) hash to their recorded digests)")
        return True
    print(f"documents BROKEN: {len(audit.problems)} problem(s) among {audit.checked} stored file(s):")
    for problem in audit.problems:
        print(f"  {problem.describe()}")
    return False
