"""benchmarks.json: discretion benchmarks (自由裁量基准, APL 34): per catalog item and severity a fine range in
fen that lies inside the item's own range. One benchmark per item and severity."""

from __future__ import annotations

from collections.abc import Mapping

from domain.reference import DiscretionBenchmark, EnforcementItem
from domain.values import Sanction
from infra.reference.records import Record, Source, read_document, read_records

BENCHMARKS_FILE = "benchmarks.json"

SEVERITIES = ("轻微", "一般", "较重", "严重")


def load_benchmarks(source: Source, items: dict[str, EnforcementItem],
                    towns: Mapping[str, Mapping[str, EnforcementItem]] | None = None) -> dict[str, DiscretionBenchmark]:
    """`towns`: each town's own catalog items (a town's benchmark is of an item of its own catalog)."""
    document = read_document(source, BENCHMARKS_FILE, allowed=("benchmark_version", "notice", "benchmarks"))
    Record(BENCHMARKS_FILE, "benchmarks", document).text("benchmark_version")
    benchmarks: dict[str, DiscretionBenchmark] = {}
    seen: set[tuple[str, str, str]] = set()
    for record in read_records(document, BENCHMARKS_FILE, "benchmarks", "id"):
        benchmark = _benchmark(record, items, towns or {})
        key = (benchmark.town, benchmark.item_code, benchmark.severity)
        if key in seen:
            whose = f" for {benchmark.town}" if benchmark.town else ""
            raise record.fail("severity", f"{benchmark.item_code} already has a {benchmark.severity} benchmark{whose}")
        seen.add(key)
        benchmarks[record.id] = benchmark
    return benchmarks


def _benchmark(record: Record, items: Mapping[str, EnforcementItem],
               towns: Mapping[str, Mapping[str, EnforcementItem]]) -> DiscretionBenchmark:
    record.only("id", "item_code", "severity", "fine_min_fen", "fine_max_fen", "description", "town")
    town = record.optional_text("town")
    if town and town not in towns:
        raise record.fail("town", f"unknown town {town!r}")
    item_code = record.text("item_code")
    item = (towns[town] if town else items).get(item_code)
    if item is None:
        whose = f" of {town}'s catalog" if town else ""
        raise record.fail("item_code", f"unknown catalog item {item_code!r}{whose}")
    if Sanction.FINE not in item.sanctions:
        raise record.fail("item_code", f"{item_code} allows no fine")
    severity = record.text("severity")
    if severity not in SEVERITIES:
        raise record.fail("severity", f"{severity!r} is not one of {', '.join(SEVERITIES)}")
    fine_min = record.integer("fine_min_fen")
    fine_max = record.integer("fine_max_fen")
    if fine_max < fine_min:
        raise record.fail("fine_max_fen", f"maximum {fine_max} is below the minimum {fine_min}")
    if fine_min < item.fine_min_fen:
        raise record.fail("fine_min_fen", f"{fine_min} is below the item's minimum {item.fine_min_fen}")
    if item.fine_max_fen is not None and fine_max > item.fine_max_fen:
        raise record.fail("fine_max_fen", f"{fine_max} is above the item's maximum {item.fine_max_fen}")
    return DiscretionBenchmark(
        id=record.id,
        item_code=item_code,
        severity=severity,
        fine_min_fen=fine_min,
        fine_max_fen=fine_max,
        description=record.optional_text("description"),
        town=town,
    )
