"""The console over the real stack: the Temporal dev server, a worker, SQLite, the API (GraphQL, evidence files in a
temporary store — steps citing a file must cite an uploaded one, as in production — and documents) and the
console served by uvicorn in-test, and Debian's chromium driven by Playwright (never a browser Playwright
downloads)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio
from starlette.routing import BaseRoute
from temporalio.testing import WorkflowEnvironment

from api.app import create_app
from api.console import console_routes
from api.documents import document_routes
from api.evidence.routes import evidence_routes
from api.graphql.context import Services
from api.graphql.routes import graphql_routes
from domain.task_routing import next_steps_for
from infra.documents.service import DocumentService
from infra.documents.templates import TemplateLibrary
from infra.eventstore import EventStore
from infra.evidence.service import EvidenceService
from infra.evidence.settings import EvidenceSettings
from infra.evidence.store import LocalBlobStore
from infra.projections import Projector
from tests.api.client import AUTH, REFERENCE, services_for
from tests.api.test_case_over_http import served
from tests.e2e.conftest import System, system

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
# Playwright's waits (auto-waiting on elements and text) give up after this long, in milliseconds.
WAIT_MS = 20_000
EVIDENCE_MAX_BYTES = 2 * 1024 * 1024


def screenshots_dir() -> Path:
    base = os.environ.get("ZHIFA_ARTIFACTS_DIR")
    folder = Path(base) / "screenshots" if base else ROOT / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Console:
    system: System
    base_url: str
    browser: object  # playwright.async_api.Browser
    screenshots: Path

    async def page_for(self, officer_id: str) -> object:
        """A tab signed in as the officer through the development sign-in (its own sessionStorage)."""
        page = await self.browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page.set_default_timeout(WAIT_MS)
        await page.goto(f"{self.base_url}/")
        await page.locator(f'button.officer[data-officer="{officer_id}"]').click()
        await page.locator(f'#who .me[data-officer="{officer_id}"]').wait_for()
        return page

    async def shot(self, page: object, name: str) -> None:
        await page.screenshot(path=str(self.screenshots / f"{name}.png"), full_page=True)


@pytest.fixture
def screenshots() -> Path:
    if not CHROMIUM.exists():
        pytest.fail("/usr/bin/chromium is missing: run scripts/system-deps.sh (apt-get install chromium)")
    return screenshots_dir()


def _now() -> datetime:
    return datetime.now(UTC)


def file_routes(s: System, evidence_root: Path) -> tuple[Services, list[BaseRoute]]:
    """The API's services (with the evidence store) and the evidence and document routes over the system's
    database, as `zhifa api` serves them."""
    settings = EvidenceSettings(root=evidence_root, max_bytes=EVIDENCE_MAX_BYTES)
    evidence = EvidenceService(s.engine, LocalBlobStore(settings.root), settings, _now)
    documents = DocumentService(EventStore(s.engine, Projector(next_steps_for)), REFERENCE, TemplateLibrary(), _now)
    services = services_for(s.engine, s.streams, evidence=evidence)
    return services, [*document_routes(services, AUTH, documents), *evidence_routes(services, AUTH, evidence)]


@pytest_asyncio.fixture(loop_scope="session")
async def console(dev_server: WorkflowEnvironment, sqlite_url: str, screenshots: Path, tmp_path: Path
                  ) -> AsyncIterator[Console]:
    from playwright.async_api import async_playwright

    async with system(dev_server, sqlite_url) as s:
        services, files = file_routes(s, tmp_path / "evidence")
        app = create_app(health_checks={}, routes=[*graphql_routes(services, AUTH, development=True), *files,
                                                   *console_routes(REFERENCE, AUTH, development=True)])
        async with served(app) as api, async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield Console(s, str(api.http.base_url).rstrip("/"), browser, screenshots)
            finally:
                await browser.close()
