"""GraphiQL without the internet, in development: strawberry's GraphiQL page loads its scripts and styles from
unpkg; `make graphiql` installs the very packages and versions that page names (npm, into
`<ZHIFA_DATA_DIR>/graphiql`, never committed), and the API then serves them at `/graphiql/…` and rewrites the
page to use them. The page keeps its subresource-integrity hashes, so the browser still checks every file is
byte for byte the one strawberry pinned. Without the installed packages the page is strawberry's own (CDN).

`python -m api.graphiql` prints the packages (`name@version`, one a line) for the Makefile's npm step.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Route
from strawberry.http.ides import get_graphql_ide_html

PREFIX = "/graphiql/"
_CDN = re.compile(r"https://unpkg\.com/((?:@[^/@\"]+/)?[^/@\"]+)@([^/\"]+)/([^\"]+)")
log = logging.getLogger("zhifa.api")


@dataclass(frozen=True)
class Asset:
    package: str
    version: str
    path: str  # inside the package

    @property
    def url(self) -> str:
        return f"https://unpkg.com/{self.package}@{self.version}/{self.path}"

    @property
    def local(self) -> str:
        return f"{PREFIX}{self.package}/{self.path}"


def page() -> str:
    return get_graphql_ide_html(graphql_ide="graphiql")


def assets(html: str | None = None) -> tuple[Asset, ...]:
    """Every file strawberry's GraphiQL page loads from the CDN."""
    return tuple(Asset(m.group(1), m.group(2), m.group(3)) for m in _CDN.finditer(page() if html is None else html))


def offline_page(node_modules: Path) -> str | None:
    """The GraphiQL page over the locally installed packages; None when one of them is missing."""
    html = page()
    found = assets(html)
    missing = [a for a in found if not (node_modules / a.package / a.path).is_file()]
    if missing:
        log.warning("GraphiQL loads from unpkg: %s not installed (run `make graphiql`)",
                    ", ".join(sorted({f"{a.package}@{a.version}" for a in missing})))
        return None
    for asset in found:
        html = html.replace(asset.url, asset.local)
    return html


def asset_routes(node_modules: Path) -> list[BaseRoute]:
    """`/graphiql/<package>/<path>` for exactly the files the page names (nothing else of node_modules)."""
    served = {a.local: node_modules / a.package / a.path for a in assets()}

    async def asset(request: Request) -> Response:
        path = served.get(request.url.path)
        if path is None or not path.is_file():
            return Response(status_code=404)
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    return [Route(f"{PREFIX}{{path:path}}", asset, methods=["GET"])]


if __name__ == "__main__":
    print("\n".join(sorted({f"{a.package}@{a.version}" for a in assets()})))
