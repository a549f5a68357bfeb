"""The administrator's 基础数据 page in a real browser on the real stack (issue 12): a district administrator checks
and then records an onboarding workbook of new officers from a day and sees the change in the district's history;
a broken workbook is refused with its sheet, row and column shown, and nothing is recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.async_api import expect

from infra.administration.directory import directory_changes
from infra.administration.register import ReferenceRegister
from infra.administration.template import write_workbook
from infra.reference import DEMO_DIRECTORY
from tests.console.conftest import Console

pytestmark = [pytest.mark.temporal, pytest.mark.timeout(180)]

NEW_OFFICER = {"人员": [{"id": "zjw-new-1", "name": "新同志", "town": "zhangjiawo", "unit": "zhangjiawo-bureau",
                       "category": "OFFICER", "roles": "officer"}],
               "执法证": [{"officer": "zjw-new-1", "number": "TJXQ-2026-0100", "issued_on": "2026-01-05"}]}


async def demo_register(console: Console) -> ReferenceRegister:
    register = ReferenceRegister(console.system.engine)
    await register.record(directory_changes(DEMO_DIRECTORY, effective_from=date(2019, 1, 1), actor="installer",
                                            at=datetime.now(UTC), source="demo"))
    return register


async def test_an_administrator_checks_then_records_a_workbook_and_sees_it_in_the_history(
        console: Console, tmp_path: Path) -> None:
    register = await demo_register(console)
    workbook = tmp_path / "新增人员.xlsx"
    workbook.write_bytes(write_workbook(NEW_OFFICER))
    page = await console.page_for("xq-admin-1")
    await page.goto(f"{console.base_url}/console/#/admin")
    await page.locator("#admin-file").set_input_files(str(workbook))
    await page.locator("#admin-from").fill("2026-01-05")
    before = await register.version()
    await page.locator("#admin-check").click()
    await expect(page.locator("#admin-result")).to_contain_text("检查通过，未登记（试运行）")
    assert await register.version() == before
    await page.locator("#admin-import").click()
    await expect(page.locator("#admin-result")).to_contain_text("已登记：1 项变更")
    await expect(page.locator("#admin-history tbody tr").first).to_contain_text("xq-admin-1")
    await expect(page.locator("#admin-history tbody tr").first).to_contain_text("新增人员.xlsx sha256:")
    loaded = await register.as_of(date(2026, 1, 5))
    assert loaded is not None and loaded.reference.officers["zjw-new-1"].certified_on(date(2026, 1, 5))
    await console.shot(page, "admin")


async def test_a_broken_workbook_is_refused_on_the_page_naming_its_cell(console: Console, tmp_path: Path) -> None:
    register = await demo_register(console)
    broken = {**NEW_OFFICER, "人员": [{**NEW_OFFICER["人员"][0], "unit": "nowhere"}]}
    workbook = tmp_path / "broken.xlsx"
    workbook.write_bytes(write_workbook(broken))
    page = await console.page_for("xq-admin-1")
    await page.goto(f"{console.base_url}/console/#/admin")
    await page.locator("#admin-file").set_input_files(str(workbook))
    before = await register.version()
    await page.locator("#admin-import").click()
    result = page.locator("#admin-result")
    await expect(result).to_have_attribute("data-sheet", "人员")
    await expect(result).to_have_attribute("data-row", "3")
    await expect(result).to_have_attribute("data-column", "unit")
    await expect(result).to_contain_text("unknown unit 'nowhere'")
    assert await register.version() == before
