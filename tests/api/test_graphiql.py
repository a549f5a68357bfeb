"""GraphiQL offline in development: with the packages `make graphiql` installs, the page loads every script and
style from the API itself, which serves exactly those files; without them it is strawberry's page (CDN)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette

from api.app import create_app
from api.graphiql import assets
from api.graphql.routes import graphql_routes
from tests.api.client import AUTH, RecordingStreams, asgi_client, services_for
from tests.api.conftest import Seeded2


def installed(root: Path) -> Path:
    """A node_modules holding a stand-in for each file the page names (what npm would have put there)."""
    for asset in assets():
        path = root / asset.package / asset.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"/* {asset.package}@{asset.version} */", encoding="utf-8")
    return root


def _app(seeded: Seeded2, node_modules: Path | None, *, development: bool = True) -> Starlette:
    services = services_for(seeded.engine, RecordingStreams())
    return create_app(health_checks={}, routes=graphql_routes(services, AUTH, development=development,
                                                             ide_assets=node_modules))


async def test_with_the_packages_installed_graphiql_loads_nothing_from_the_internet(
    seeded: Seeded2, tmp_path: Path
) -> None:
    client = asgi_client(_app(seeded, installed(tmp_path / "node_modules")))
    try:
        page = await client.http.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "graphiql" in page.text.lower()
        assert "https://" not in page.text.replace("https://github.com", "")
        for asset in assets():
            assert asset.local in page.text
            served = await client.http.get(asset.local)
            assert served.status_code == 200 and f"{asset.package}@{asset.version}" in served.text
        assert (await client.http.get("/graphiql/react/package.json")).status_code == 404
    finally:
        await client.http.aclose()


@pytest.mark.parametrize("development", [True, False])
async def test_without_the_packages_the_page_is_strawberrys_and_production_serves_no_ide(
    seeded: Seeded2, tmp_path: Path, development: bool
) -> None:
    client = asgi_client(_app(seeded, tmp_path / "missing", development=development))
    try:
        page = await client.http.get("/graphql", headers={"Accept": "text/html"})
        if development:
            assert "https://unpkg.com/graphiql@" in page.text
        else:
            assert "graphiql" not in page.text.lower()
        assert (await client.http.get(assets()[0].local)).status_code == 404
    finally:
        await client.http.aclose()
