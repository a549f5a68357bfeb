"""Filling the console's generated step forms in the browser from a step's GraphQL input (as in
tests/api/general_case.py), field by field, the way an officer would: by each field's type in the step catalog."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
SELECTS = {"town", "unit", "violationType", "itemCode", "enforcementItem"}


def local_minutes(iso: str) -> str:
    """What a datetime-local input takes: Beijing wall time to the minute."""
    return datetime.fromisoformat(iso).astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M")


async def fill(form: Any, catalog: dict[str, Any], type_name: str, data: dict[str, Any], prefix: str = "") -> None:
    fields = {f["name"]: f for f in catalog["inputs"][type_name]["fields"]}
    for name, value in data.items():
        field, path = fields[name], f"{prefix}{name}"
        wrapper = form.locator(f'[data-field="{path}"]')
        control = form.locator(f'[name="{path}"]')
        kind = field["type"]
        if kind in catalog["inputs"]:
            if field["list"]:
                for index, item in enumerate(value):
                    await wrapper.locator(":scope > div > .add-item").click()
                    await fill(form, catalog, kind, item, f"{path}.{index}.")
            else:
                if not field["required"]:
                    await form.locator(f'[name="{path}.__present"]').check()
                await fill(form, catalog, kind, value, f"{path}.")
        elif kind in catalog["enums"]:
            if field["list"]:
                for item in value:
                    await wrapper.locator(f'input[value="{item}"]').check()
            else:
                await control.select_option(value)
        elif kind == "Boolean":
            await control.set_checked(bool(value))
        elif name in SELECTS:
            await control.select_option(value)
        elif kind == "Fen":
            await control.fill(f"{int(value) / 100:.2f}")
        elif kind == "DateTime":
            await control.fill(local_minutes(value))
        elif field["list"]:
            await control.fill("\n".join(str(v) for v in value))
        else:
            await control.fill(str(value))
