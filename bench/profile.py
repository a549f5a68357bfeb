"""Where the time goes on a path (pyinstrument, async-aware: time awaiting the database shows under the await).

    PYTHONPATH=. .venv/bin/python -m bench.profile append|import|bulk-append|validate|statistics [--size N]
        [--html FILE]

- append: `EventStore.append` of N general cases' batches (one writer), PostgreSQL;
- import: `infra.bulk_import.import_cases` of the scenario files, PostgreSQL;
- bulk-append: `EventStore.append_many` of the scenario files' histories, decided beforehand (the write path alone);
- validate: `infra.bulk_import.validate` of the scenario files (deciding and sealing alone, no database; it also
  prints the events decided per CPU second);
- statistics: `infra.statistics.compute` for 张家窝镇 2022 on N generated events.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from pyinstrument import Profiler

from bench.b3_statistics import AS_OF, YEAR
from bench.b4_append import case_streams, decided, import_document
from bench.common import PG_ADMIN, fresh_postgres
from bench.dataset import grow, import_templates
from domain.task_routing import next_steps_for
from infra.bulk_import import import_cases, validate
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from infra.statistics import compute


def profiled_validation(size: int) -> Profiler:
    """Deciding and sealing a bulk import's histories, after one warm-up run (type hints, encoders resolved)."""
    reference, profiles, calendar = demo_reference(), demo_profiles(), load_work_calendar()
    validate(import_document(size or None, "warm"), reference=reference, profiles=profiles, calendar=calendar)
    document = import_document(size or None, "prof")
    profiler = Profiler(interval=0.0005)
    started = time.process_time()
    profiler.start()
    histories = validate(document, reference=reference, profiles=profiles, calendar=calendar)
    profiler.stop()
    events = sum(len(history) for history in histories)
    print(f"{events} events decided and sealed, {events / (time.process_time() - started):,.0f} per CPU second "
          "(under the profiler)")
    return profiler


async def profiled(path: str, size: int, admin: str) -> Profiler:
    profiler = Profiler(async_mode="enabled", interval=0.0005)
    async with fresh_postgres(admin, f"prof{path}") as url:
        if path == "statistics":
            await import_templates(url)
            await grow(url, size)
        engine = create_engine(url)
        store = EventStore(engine, Projector(next_steps_for))
        try:
            if path == "append":
                streams = case_streams(size)
                profiler.start()
                for stream in streams:
                    for batch in stream:
                        await store.append(batch)
            elif path == "import":
                document = import_document(size or None, "prof")
                profiler.start()
                await import_cases(store, document, reference=demo_reference(), profiles=demo_profiles(),
                                   calendar=load_work_calendar())
            elif path == "bulk-append":
                histories = decided(size or None, "prof")
                profiler.start()
                await store.append_many(histories, rehash=False)
            else:
                await compute(engine, scope="zhangjiawo", year=YEAR, as_of=AS_OF)  # warm
                profiler.start()
                await compute(engine, scope="zhangjiawo", year=YEAR, as_of=AS_OF)
            profiler.stop()
        finally:
            await engine.dispose()
    return profiler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", choices=("append", "import", "bulk-append", "validate", "statistics"))
    parser.add_argument("--size", type=int, default=0, help="cases (append, import, validate: 0 = all) or events")
    parser.add_argument("--postgres", default=PG_ADMIN)
    parser.add_argument("--html", type=Path)
    args = parser.parse_args()
    size = args.size or {"append": 20, "import": 0, "bulk-append": 0, "validate": 0, "statistics": 100_000}[args.path]
    if args.path == "validate":
        profiler = profiled_validation(size)
    else:
        profiler = asyncio.run(profiled(args.path, size, args.postgres))
    print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
