"""Ledger entries of the scenario files: `{"entry": "JoinStaff", "unit": …, "occurred_at": …, "count": 144,
"fields": {"person_id": "aux-{n}", …}}` expands into `count` commands ({n} = 1…count in every text field)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from domain.codec import from_primitive
from domain.ledgers import commands
from domain.ledgers.commands import LedgerCommand

ENTRIES: dict[str, type[LedgerCommand]] = {
    name: value for name, value in vars(commands).items()
    if isinstance(value, type) and issubclass(value, LedgerCommand) and value is not LedgerCommand
}
CLERK = "ledger-clerk"


def _filled(value: Any, n: int) -> Any:
    return value.replace("{n}", str(n)) if isinstance(value, str) else value


def expand_entries(scenario: Mapping[str, Any]) -> Iterator[LedgerCommand]:
    for index, group in enumerate(scenario.get("ledger", []), start=1):
        for n in range(1, int(group.get("count", 1)) + 1):
            fields = {key: _filled(value, n) for key, value in group.get("fields", {}).items()}
            entry_id = _filled(group.get("entry_id", f"{group['entry']}-{index}-{{n}}"), n)
            yield from_primitive(ENTRIES[group["entry"]], {
                "occurred_at": group["occurred_at"], "actors": [CLERK], "unit": group["unit"],
                "entry_id": entry_id, **fields})
