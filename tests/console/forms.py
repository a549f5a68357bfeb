"""Filling the console's generated step forms in the browser from a step's GraphQL input (as in
tests/api/general_case.py), field by field, the way an officer would: by each field's description (the shape
`nextSteps` and the step catalog share: name, GraphQL type, nested fields) and the control the form drew for it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
SCALARS = {"String", "ID", "Int", "Float", "Boolean", "Fen", "Date", "DateTime", "JSON"}
# Framework fields every step input has and no description lists (the form adds them).
OCCURRED_AT = {"name": "occurredAt", "type": "DateTime", "fields": []}


def local_minutes(iso: str) -> str:
    """What a datetime-local input takes: Beijing wall time to the minute."""
    return datetime.fromisoformat(iso).astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M")


def step_input(catalog: dict[str, Any], mutation: str) -> list[dict[str, Any]]:
    """The fields of a step's input, as the catalog describes them."""
    return list(next(s["input"] for s in catalog["steps"] if s["mutation"] == mutation))


def _named(field: dict[str, Any]) -> str:
    return str(field["type"]).replace("[", "").replace("]", "").replace("!", "")


async def _fill_items(form: Any, field: dict[str, Any], path: str, items: list[dict[str, Any]]) -> None:
    wrapper = form.locator(f'[data-field="{path}"]')
    present = await wrapper.locator(":scope > div > .repeated > fieldset").count()
    for index, item in enumerate(items):
        if index >= present:
            await wrapper.locator(":scope > div > .add-item").click()
        await fill(form, field["fields"], item, f"{path}.{index}.")


async def _fill_scalar(form: Any, field: dict[str, Any], path: str, value: Any) -> None:
    control = form.locator(f'[name="{path}"]')
    named = _named(field)
    if named == "Boolean":
        await control.set_checked(bool(value))
    elif await control.evaluate("el => el.tagName") == "SELECT":
        await control.select_option(value)
    elif named == "Fen":
        await control.fill(f"{int(value) / 100:.2f}")
    elif named == "DateTime":
        await control.fill(local_minutes(value))
    elif isinstance(value, list):
        await control.fill("\n".join(str(v) for v in value))
    else:
        await control.fill(str(value))


async def _fill_field(form: Any, field: dict[str, Any], path: str, value: Any) -> None:
    if field["fields"]:
        if isinstance(value, list):
            await _fill_items(form, field, path, value)
            return
        toggle = form.locator(f'[name="{path}.__present"]')
        if await toggle.count():
            await toggle.check()
        await fill(form, field["fields"], value, f"{path}.")
    elif _named(field) not in SCALARS and isinstance(value, list):
        wrapper = form.locator(f'[data-field="{path}"]')
        for box in await wrapper.locator("input[type=checkbox]").all():
            await box.set_checked(await box.get_attribute("value") in value)
    else:
        await _fill_scalar(form, field, path, value)


async def fill(form: Any, fields: list[dict[str, Any]], data: dict[str, Any], prefix: str = "") -> None:
    """Sets each field of `data` in the form (the others keep the defaults the form was drawn with)."""
    described = {f["name"]: f for f in [*fields, OCCURRED_AT]}
    for name, value in data.items():
        await _fill_field(form, described[name], f"{prefix}{name}", value)
